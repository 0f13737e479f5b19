#include "cf/trust_store_step.h"

#include "db/database.h"
#include "cf/layout.h"
#include "truststore/trust_store.h"

namespace rdsca {

namespace {

namespace stdfs = std::filesystem;

/// RDS_CA_<name> (default on).
bool Enabled(const Env& env, const std::string& name) { return EnvFlag(env, "RDS_CA_" + name, true); }

/// Adds `name`=`value` unless switched off or already set by the app (then noted).
void SetUnlessApps(const Env& env, const std::string& name, const std::string& value,
                   const std::string& why_fine, StagingTrustVariables& out) {
  if (!Enabled(env, name)) {
    out.notes.push_back(name + " not set: RDS_CA_" + name + "=false");
  } else if (HasEnv(env, name)) {
    out.notes.push_back(name + " is set by the app: left alone" + why_fine);
  } else {
    out.set.push_back({name, value});
  }
}

/// Warns about each non-RDS PostgreSQL binding that `require`s TLS while PGSSLROOTCERT is on.
void WarnRequireWithRootFile(const StagingState& state, bool pgsslrootcert) {
  if (!pgsslrootcert) return;
  for (const auto& db : state.databases) {
    if (db.sslmode != "require" || db.host.empty() || IsRdsHostName(db.host)) continue;
    state.log.Warning("service " + db.service + " (" + db.host +
                      ") uses sslmode require and PGSSLROOTCERT names the trust store: libpq will "
                      "then verify its certificate chain; add its CA with RDS_CA_EXTRA_CERTS or "
                      "set RDS_CA_PGSSLROOTCERT=false");
  }
}

void LogCounts(Log& log, const TrustStoreCounts& counts) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  log.Info(std::string(layout::kRdsBundle) + ": " + n(counts.rds) + " RDS certificates");
  log.Info(std::string(layout::kCombinedBundle) + ": " + n(counts.combined) + " certificates (" +
           n(counts.system) + " system + " + n(counts.rds) + " RDS)");
  log.Info(std::string(layout::kHashedDir) + ": " + n(counts.combined) + " hashed names");
  log.Info(std::string(layout::kJavaTrustStore) + ": " + n(counts.combined) +
           " trusted certificates for Java");
  if (counts.rds == 0) log.Warning("no RDS certificate to install: " + std::string(layout::kRdsBundle) + " is empty");
}

}  // namespace

bool IsRdsHostName(std::string_view host) {
  // One definition (database.cc's), so staging's warnings agree on which hosts are RDS.
  return IsRdsHost(host);
}

StagingTrustVariables TrustVariablesForStaging(const Env& env, const stdfs::path& dep_dir,
                                               const stdfs::path& system_dir) {
  StagingTrustVariables out;
  const std::string combined = (dep_dir / layout::kCombinedBundle).string();
  const std::string hashed = (dep_dir / layout::kHashedDir).string();
  if (!Enabled(env, "SSL_CERT_DIR")) {
    out.notes.push_back("SSL_CERT_DIR not set: RDS_CA_SSL_CERT_DIR=false");
  } else {
    const std::string rest = GetEnv(env, "SSL_CERT_DIR");
    out.set.push_back({"SSL_CERT_DIR", hashed + ":" + (rest.empty() ? system_dir.string() : rest)});
  }
  SetUnlessApps(env, "SSL_CERT_FILE", combined, " (SSL_CERT_DIR still carries the RDS CAs)", out);
  SetUnlessApps(env, "NODE_EXTRA_CA_CERTS", (dep_dir / layout::kRdsBundle).string(), "", out);
  SetUnlessApps(env, "REQUESTS_CA_BUNDLE", combined, "", out);
  SetUnlessApps(env, "PGSSLROOTCERT", combined, "", out);
  if (Enabled(env, "JAVA_TOOL_OPTIONS") &&
      GetEnv(env, "JAVA_TOOL_OPTIONS").find("-Djavax.net.ssl.trustStore=") != std::string::npos) {
    out.notes.push_back("JAVA_TOOL_OPTIONS already names a trust store: left alone");
  }
  return out;
}

void TrustStoreStep(StagingState& state, const SystemTrustPaths& system) {
  state.log.Step("Installing the trust store");
  const auto variables = TrustVariablesForStaging(state.env, state.stager.dep_dir(), system.dir);
  std::vector<TrustCert> rds;
  for (const auto& pem : state.trusted_pems) {
    auto certs = ParsePemCertificates(pem, "the trusted RDS set");
    rds.insert(rds.end(), certs.begin(), certs.end());
  }
  const auto platform = ReadSystemCertificates(system.bundle, GetEnv(state.env, "CF_SYSTEM_CERT_PATH"));
  for (const auto& note : platform.notes) state.log.Warning(note);
  const auto counts = WriteTrustStore(state.stager.dep_dir(), rds, platform.certs);
  LogCounts(state.log, counts);

  std::string names;
  for (const auto& v : variables.set) {
    state.stager.WriteEnvFile(v.name, v.value);
    names += (names.empty() ? "" : " ") + v.name;
  }
  if (!names.empty()) state.log.Info("staging variables for later buildpacks: " + names);
  for (const auto& note : variables.notes) state.log.Info(note);
  WarnRequireWithRootFile(state, Enabled(state.env, "PGSSLROOTCERT") && !HasEnv(state.env, "PGSSLROOTCERT"));

  state.metadata["trust_store"] = {{"rds_certificates", counts.rds},
                                   {"system_certificates", counts.system},
                                   {"combined_certificates", counts.combined}};
}

void TrustStoreStep(StagingState& state) { TrustStoreStep(state, SystemTrustPaths{}); }

}  // namespace rdsca
