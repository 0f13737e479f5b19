// Supply's first step: read the bindings, rank them once, say what was found and chosen (never a
// password), and hand the databases on to the CA, trust-store and verify steps. The URLs
// themselves are built at launch from the live bindings: no credential is written into the
// droplet.
#include "base/error.h"
#include "base/text.h"
#include "bindings/credentials.h"
#include "bindings/bindings.h"
#include "ca/endpoint.h"
#include "staging/staging_state.h"
#include "db/engines.h"
#include "db/selection.h"
#include "launch/exports.h"

namespace rdsca {

namespace {

/// "postgres://USER:PASSWORD@HOST:PORT/DBNAME or mysql://USER:PASSWORD@HOST:PORT/DBNAME".
std::string EngineUrls() {
  std::string out;
  for (const Engine* e : Engines()) out += (out.empty() ? "" : " or ") + std::string(e->UrlExample());
  return out;
}

std::string ModeName(const Database& db) { return std::string(db.engine->TlsModeName(db.tls)); }

const Database* Find(const Selection& sel, const std::string& name) {
  for (const auto& db : sel.databases) {
    if (db.service == name) return &db;
  }
  return nullptr;
}

/// The host a binding that is no database names, when it is an AWS database endpoint.
std::string RdsHostOf(const Binding& b) {
  const auto host = Credentials(b).Text({"hostname", "host"}, false);
  if (!host) return "";
  try {
    return IsAwsDatabaseEndpoint(ClassifyEndpoint(Trim(host->value))) ? Trim(host->value) : "";
  } catch (const Failure&) {
    return "";
  }
}

void LogFound(const Selection& sel, const Bindings& bindings, Log& log) {
  for (std::size_t i = 0; i < sel.found.size(); ++i) {
    const auto& [name, c] = sel.found[i];
    const Database* db = c.engine ? Find(sel, name) : nullptr;
    if (!db) {
      log.Info("service '" + name + "': not " + sel.engines_named + " (" + c.reason + ")");
      if (const std::string host = RdsHostOf(bindings.list[i]); !host.empty()) {
        log.Warning("service '" + name + "' names the Amazon RDS host " + host + " but is not a " +
                    KnownEngines() + " binding (" + c.reason + "): nothing is exported for it; give it a uri (" +
                    EngineUrls() + "), or set RDS_CA_SERVICE=" + name + " to use it");
      }
      continue;
    }
    if (!c.conflict.empty()) {
      log.Warning("service '" + name + "' looks like two engines: " + db->why + " names " +
                  std::string(db->engine->Name()) + ", but its " + c.conflict + ": it is taken as " +
                  std::string(db->engine->Name()) + "; correct its uri, jdbcUrl, label or tags if that is wrong");
    }
    log.Info("service '" + name + "': " + std::string(db->engine->Name()) + " (" + db->why +
             "): " + db->engine->Redacted(db->conn) + ", " + std::string(db->engine->TlsModeWord()) + " " +
             ModeName(*db) + " (" + db->tls_source + ")");
    for (const auto& note : db->notes) log.Info("service '" + name + "': " + note);
  }
}

void WarnModes(const Selection& sel, Log& log) {
  for (const auto& db : sel.databases) {
    if (!VerifiesChain(db.tls) && IsAwsDatabaseEndpoint(ClassifyEndpoint(db.conn.host))) {
      const std::string word(db.engine->TlsModeWord());
      log.Warning("service '" + db.service + "': " + word + " " + ModeName(db) +
                  " does not verify the certificate of the RDS host " + db.conn.host +
                  ": set DB_SSL_MODE=verify-full (or " + word + " in its credentials)");
    }
  }
  const Database& selected = sel.databases.front();
  if (const std::string w = selected.engine->DbSslModeWarning(selected.tls); !w.empty()) log.Warning(w);
}

void LogVariables(const Selection& sel, const Settings& settings, Log& log) {
  if (!settings.Exports("DATABASE_URL")) {
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

/// The hand-over to the CA, trust-store and verify steps: engines, hosts, ports and modes,
/// inline CAs; no credential.
void FillState(const Selection& sel, StagingState& state) {
  for (std::size_t i = 0; i < sel.databases.size(); ++i) {
    const Database& db = sel.databases[i];
    const int port = db.conn.port > 0 ? db.conn.port : db.engine->DefaultPort();
    state.databases.push_back({db.service, db.engine, db.conn.host, port, db.tls, i == 0});
    if (db.ca_pems.empty()) continue;
    StagingState::BindingCa own{db.service, BindingCaFileName(db.ca_pems), {}, {}};
    for (const auto& [key, pem] : db.ca_pems) {
      own.pems.push_back({"service " + db.service + ", credential " + key, pem});
      state.log.Info("service '" + db.service + "': credential " + key +
                     " holds CA certificates: they vouch for this service's database only (" +
                     store::Relative(store::kBindingCaDir) + "/" + own.file + ")");
    }
    state.binding_cas.push_back(std::move(own));
  }
}

nlohmann::ordered_json Metadata(const Bindings& bindings, const Selection& sel) {
  nlohmann::ordered_json m;
  m["source"] = bindings.source.empty() ? "none" : bindings.source;
  std::vector<std::string> all;
  for (const auto& f : sel.found) all.push_back(f.first);
  m["services"] = all;
  for (const Engine* engine : Engines()) {
    std::vector<std::string> of_engine;
    for (const auto& db : sel.databases) {
      if (db.engine == engine) of_engine.push_back(db.service);
    }
    // The first engine's list always (as before a second engine existed), another's when bound.
    if (engine == Engines().front() || !of_engine.empty()) m[Lower(engine->Name())] = of_engine;
  }
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
  const Selection sel = SelectDatabases(bindings.list, state.settings);
  LogFound(sel, bindings, log);
  state.metadata["bindings"] = Metadata(bindings, sel);
  if (sel.databases.empty()) {
    log.Info(kNoDatabaseNote);
    return;
  }
  log.Info("selected '" + sel.databases.front().service + "': " + sel.reason);
  WarnModes(sel, log);
  LogVariables(sel, state.settings, log);
  FillState(sel, state);
  if (state.settings.Exports("DB_SSL_MODE")) {
    const Database& selected = sel.databases.front();
    const std::string mode = selected.engine->DbSslMode(selected.tls);
    const std::string where = state.layout.WriteStagingVariable("DB_SSL_MODE", mode);
    log.Info("DB_SSL_MODE=" + mode + " for later buildpacks (" + where + ") and at launch");
  }
}

}  // namespace rdsca
