#include "staging/trust_store_step.h"

#include <algorithm>

#include "base/error.h"
#include "base/text.h"
#include "ca/endpoint.h"
#include "launch/store.h"
#include "launch/trust_variables.h"
#include "truststore/trust_store.h"

namespace rdsca {

namespace {

/// Warns about each database outside AWS whose clients the exported trust variables make verify
/// what its mode does not ask for (the engine says: libpq under PGSSLROOTCERT).
void WarnTrustVariables(const StagingState& state, const TrustVariables& variables) {
  std::vector<std::string> exported;
  for (const auto& v : variables.set) exported.push_back(v.name);
  for (const auto& db : state.databases) {
    if (db.host.empty() || IsAwsDatabaseEndpoint(ClassifyEndpoint(db.host))) continue;
    const std::string warning = db.engine->TrustVariableWarning(db.tls, exported);
    if (!warning.empty()) state.log.Warning("service " + db.service + " (" + db.host + ") " + warning);
  }
}

/// The client option files of the bound engines (MySQL's my.cnf), each naming the RDS bundle by
/// the path it has when the app runs (the layout's LaunchRdsBundle: option files cannot say
/// $DEPS_DIR). The launch hook names one only when the store it finds is that path.
std::vector<std::pair<std::string, std::string>> OptionFiles(const StagingState& state, std::vector<std::string>& lines) {
  const std::string ca = state.layout.LaunchRdsBundle();
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& db : state.databases) {
    const OptionFileSpec* spec = db.engine->OptionFile();
    const std::string text = db.engine->OptionFileText(ca);
    const bool seen = std::any_of(files.begin(), files.end(), [&](const auto& f) { return spec && f.first == spec->name; });
    if (spec == nullptr || text.empty() || seen) continue;
    files.emplace_back(std::string(spec->name), text);
    lines.push_back(store::Relative(store::kOptionDir) + "/" + std::string(spec->name) + ": " + std::string(spec->settings) + " for " +
                   std::string(db.engine->Name()) + " clients (" + std::string(spec->variable) + " at launch)");
  }
  return files;
}

void LogCounts(Log& log, const TrustStoreCounts& counts) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  const std::string rds_bundle = store::Relative(store::kRdsBundle);
  log.Info(rds_bundle + ": " + n(counts.rds) + " RDS certificates");
  log.Info(store::Relative(store::kCombinedBundle) + ": " + n(counts.combined) + " certificates (" +
           n(counts.system) + " system + " + n(counts.rds) + " RDS)");
  log.Info(store::Relative(store::kHashedDir) + ": " + n(counts.combined) + " hashed names");
  log.Info(store::Relative(store::kJavaTrustStore) + ": " + n(counts.combined) + " trusted certificates for Java");
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

/// Each binding's own CAs, by file name; two bindings share a file only when their CA texts
/// are the same.
std::vector<std::pair<std::string, std::vector<TrustCert>>> BindingFiles(const StagingState& state) {
  std::vector<std::pair<std::string, std::vector<TrustCert>>> files;
  std::vector<const StagingState::BindingCa*> by;
  for (const auto& own : state.binding_cas) {
    if (own.trusted.empty()) continue;
    const auto same = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.first == own.file; });
    if (same != files.end()) {
      const auto& first = *by[static_cast<std::size_t>(same - files.begin())];
      if (first.trusted != own.trusted) {
        throw Failure("services '" + Shown(first.service) + "' and '" + Shown(own.service) +
                      "' bring different CA certificates whose store file names agree (" + own.file +
                      "): give one of them its CA in another credential");
      }
      continue;
    }
    std::vector<TrustCert> certs;
    for (const auto& pem : own.trusted) {
      auto parsed = ParsePemCertificates(pem, "service " + own.service + "'s CA certificates");
      certs.insert(certs.end(), parsed.begin(), parsed.end());
    }
    state.log.Info(store::Relative(store::kBindingCaDir) + "/" + own.file + ": the RDS certificates and " +
                   std::to_string(certs.size()) + " of service '" + own.service + "', for its database only");
    files.emplace_back(own.file, std::move(certs));
    by.push_back(&own);
  }
  return files;
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
  std::vector<std::string> option_lines;
  const auto counts = WriteTrustStore(state.layout.StoreRoot(), rds, platform.certs, OptionFiles(state, option_lines),
                                      BindingFiles(state));
  LogCounts(state.log, counts);
  for (const auto& line : option_lines) state.log.Info(line);

  const TrustVariables variables =
      ComputeTrustVariables(state.settings, state.env, StoreAt(state.layout.StoreRoot().string()), system.dir.string());
  WriteStagingVariables(state, variables);
  WarnTrustVariables(state, variables);

  state.metadata["trust_store"] = {{"rds_certificates", counts.rds},
                                   {"system_certificates", counts.system},
                                   {"combined_certificates", counts.combined}};
}

void TrustStoreStep(StagingState& state) { TrustStoreStep(state, SystemTrustPaths{}); }

}  // namespace rdsca
