#include "cf/trust_store_step.h"

#include "ca/endpoint.h"
#include "cf/layout.h"
#include "launch/trust_variables.h"
#include "truststore/trust_store.h"

namespace rdsca {

namespace {

/// Warns about each database outside AWS whose mode encrypts without verifying while
/// PGSSLROOTCERT names the trust store: libpq then verifies its chain after all.
void WarnRequireWithRootFile(const StagingState& state) {
  for (const auto& db : state.databases) {
    if (VerifiesChain(db.tls) || db.tls == TlsMode::kDisable || db.host.empty() ||
        IsAwsDatabaseEndpoint(ClassifyEndpoint(db.host))) {
      continue;
    }
    state.log.Warning("service " + db.service + " (" + db.host + ") uses " + std::string(db.engine->TlsModeWord()) +
                      " " + db.engine->DbSslMode(db.tls) +
                      " and PGSSLROOTCERT names the trust store: libpq will then verify its certificate chain; "
                      "add its CA with RDS_CA_EXTRA_CERTS or set RDS_CA_PGSSLROOTCERT=false");
  }
}

void LogCounts(Log& log, const TrustStoreCounts& counts) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  const std::string rds_bundle = layout::StoreFile(store::kRdsBundle);
  log.Info(rds_bundle + ": " + n(counts.rds) + " RDS certificates");
  log.Info(layout::StoreFile(store::kCombinedBundle) + ": " + n(counts.combined) + " certificates (" +
           n(counts.system) + " system + " + n(counts.rds) + " RDS)");
  log.Info(layout::StoreFile(store::kHashedDir) + ": " + n(counts.combined) + " hashed names");
  log.Info(layout::StoreFile(store::kJavaTrustStore) + ": " + n(counts.combined) + " trusted certificates for Java");
  if (counts.rds == 0) log.Warning("no RDS certificate to install: " + rds_bundle + " is empty");
}

/// deps/IDX/env/NAME for later buildpacks: every trust variable but JAVA_TOOL_OPTIONS (a JVM
/// that a later buildpack runs while staging keeps its own trust).
void WriteStagingVariables(const StagingState& state, const TrustVariables& variables) {
  std::string names;
  for (const auto& v : variables.set) {
    if (v.name == "JAVA_TOOL_OPTIONS") continue;
    state.layout.WriteStagingVariable(v.name, v.value);
    names += (names.empty() ? "" : " ") + v.name;
  }
  if (!names.empty()) state.log.Info("staging variables for later buildpacks: " + names);
  for (const auto& note : variables.notes) state.log.Info(note);
}

}  // namespace

void TrustStoreStep(StagingState& state, const SystemTrustPaths& system) {
  state.log.Step("Installing the trust store");
  std::vector<TrustCert> rds;
  for (const auto& pem : state.trusted_pems) {
    auto certs = ParsePemCertificates(pem, "the trusted RDS set");
    rds.insert(rds.end(), certs.begin(), certs.end());
  }
  const auto platform = ReadSystemCertificates(system.bundle, GetEnv(state.env, "CF_SYSTEM_CERT_PATH"));
  for (const auto& note : platform.notes) state.log.Warning(note);
  const auto counts = WriteTrustStore(state.layout.StoreRoot(), rds, platform.certs);
  LogCounts(state.log, counts);

  const TrustVariables variables =
      ComputeTrustVariables(state.settings, state.env, StoreAt(state.layout.StoreRoot().string()), system.dir.string());
  WriteStagingVariables(state, variables);
  for (const auto& v : variables.set) {
    if (v.name == "PGSSLROOTCERT") WarnRequireWithRootFile(state);
  }

  state.metadata["trust_store"] = {{"rds_certificates", counts.rds},
                                   {"system_certificates", counts.system},
                                   {"combined_certificates", counts.combined}};
}

void TrustStoreStep(StagingState& state) { TrustStoreStep(state, SystemTrustPaths{}); }

}  // namespace rdsca
