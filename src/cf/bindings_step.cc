// Supply's first step: read the bindings, say what was found and chosen (never a password),
// and hand the databases on to the CA and trust-store steps. The URLs themselves are built at
// launch from the live bindings: no credential is written into the droplet.
#include <algorithm>

#include "bindings/bindings.h"
#include "db/database.h"
#include "launch/launch_env.h"
#include "cf/staging_state.h"

namespace rdsca {

namespace {

std::string ModeName(SslMode mode) { return std::string(SslModeName(mode)); }

const Database* Find(const Selection& sel, const std::string& name) {
  for (const auto& db : sel.databases) {
    if (db.service == name) return &db;
  }
  return nullptr;
}

void LogFound(const Selection& sel, Log& log) {
  for (const auto& [name, c] : sel.found) {
    const Database* db = c.postgres ? Find(sel, name) : nullptr;
    if (!db) {
      log.Info("service '" + name + "': not PostgreSQL (" + c.reason + ")");
      continue;
    }
    log.Info("service '" + name + "': PostgreSQL (" + db->why + "): " + RedactPgUrl(db->url) +
             ", sslmode " + ModeName(db->sslmode) + " (" + db->sslmode_source + ")");
    for (const auto& note : db->notes) log.Info("service '" + name + "': " + note);
  }
}

void WarnModes(const Selection& sel, Log& log) {
  for (const auto& db : sel.databases) {
    if (IsRdsHost(db.url.host) && db.sslmode < SslMode::kVerifyCa) {
      log.Warning("service '" + db.service + "': sslmode " + ModeName(db.sslmode) +
                  " does not verify the certificate of the RDS host " + db.url.host +
                  ": set DB_SSL_MODE=verify-full (or sslmode in its credentials)");
    }
  }
  const SslMode mode = sel.databases.front().sslmode;
  if (DbSslMode(mode) != mode) {
    log.Warning("DB_SSL_MODE will be require, not " + ModeName(mode) +
                ": Stratos and Go's lib/pq accept only disable, require, verify-ca and verify-full "
                "(DATABASE_URL keeps " + ModeName(mode) + ")");
  }
}

void LogVariables(const Selection& sel, const Env& env, Log& log) {
  if (!EnvFlag(env, "RDS_CA_DATABASE_URL", true)) {
    log.Info("RDS_CA_DATABASE_URL=false: DATABASE_URL and the JDBC_DATABASE_* variables are left to the app");
    return;
  }
  log.Info("at launch: DATABASE_URL and JDBC_DATABASE_URL/USERNAME/PASSWORD from '" +
           sel.databases.front().service + "', computed from the live binding");
  if (sel.databases.size() < 2) return;
  const auto names = BindingVariables(sel.databases);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& service = sel.databases[i].service;
    if (names[i].empty()) {
      log.Warning("service '" + service + "' gets no <NAME>_DATABASE_URL: its name gives a variable "
                  "already taken; bind it under another name (cf bind-service --binding-name)");
    } else {
      log.Info("at launch: " + names[i] + " from '" + service + "'");
    }
  }
}

/// The hand-over to the CA and trust-store steps: hosts and modes, inline CAs; no credential.
void FillState(const Selection& sel, StagingState& state) {
  for (std::size_t i = 0; i < sel.databases.size(); ++i) {
    const Database& db = sel.databases[i];
    state.databases.push_back({db.service, db.url.host, ModeName(DbSslMode(db.sslmode)), i == 0});
    for (const auto& [key, pem] : db.ca_pems) {
      state.extra_ca.push_back({"service " + db.service + ", credential " + key, pem});
      state.log.Info("service '" + db.service + "': credential " + key +
                     " holds CA certificates: they join the trust store");
    }
  }
}

nlohmann::ordered_json Metadata(const Bindings& bindings, const Selection& sel) {
  nlohmann::ordered_json m;
  m["source"] = bindings.source.empty() ? "none" : bindings.source;
  std::vector<std::string> all, pg;
  for (const auto& f : sel.found) all.push_back(f.first);
  for (const auto& db : sel.databases) pg.push_back(db.service);
  m["services"] = all;
  m["postgresql"] = pg;
  if (!sel.databases.empty()) {
    m["selected"] = sel.databases.front().service;
    m["selected_because"] = sel.reason;
  }
  return m;
}

}  // namespace

void BindingsStep(StagingState& state) {
  Log& log = state.log;
  log.Step("Reading database bindings");
  const Bindings bindings = ReadBindings(state.env);
  if (bindings.source.empty()) {
    log.Info("no bindings: none of VCAP_SERVICES, VCAP_SERVICES_FILE_PATH, SERVICE_BINDING_ROOT is set");
  } else {
    log.Info("bindings from " + bindings.source + ": " + std::to_string(bindings.list.size()) +
             " service" + (bindings.list.size() == 1 ? "" : "s"));
  }
  const Selection sel = SelectDatabases(bindings.list, state.env);
  // What the launch hook will do with these bindings must not fail there: try it now.
  Env runtime = state.env;
  runtime["DEPS_DIR"] = "/home/vcap/deps";
  ComputeExports(runtime, state.stager.deps_idx(), bindings.list, InstalledFiles{true, true, true, true});
  LogFound(sel, log);
  state.metadata["bindings"] = Metadata(bindings, sel);
  if (sel.databases.empty()) {
    log.Info(kNoDatabaseNote);
    return;
  }
  log.Info("selected '" + sel.databases.front().service + "': " + sel.reason);
  WarnModes(sel, log);
  LogVariables(sel, state.env, log);
  FillState(sel, state);
  if (EnvFlag(state.env, "RDS_CA_DB_SSL_MODE", true)) {
    const std::string mode = ModeName(DbSslMode(sel.databases.front().sslmode));
    state.stager.WriteEnvFile("DB_SSL_MODE", mode);
    log.Info("DB_SSL_MODE=" + mode + " for later buildpacks (deps/" + state.stager.deps_idx() +
             "/env/DB_SSL_MODE) and at launch");
  }
}

}  // namespace rdsca
