#pragma once
// What the staging steps of every lifecycle hand each other (Cloud Foundry's supply, cf/supply.h;
// the CNB build, cnb/build.h), and the steps themselves: src/staging/ holds nothing of a lifecycle.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/env.h"
#include "base/log.h"
#include "ca/labeled_pem.h"
#include "staging/staging_layout.h"
#include "db/engine.h"
#include "db/settings.h"
#include "db/tls_mode.h"

namespace rdsca {

/// What supply's steps hand each other, in data-flow order:
/// bindings -> CA plan and certificates -> trust store -> launch hook. Never holds a password.
struct StagingState {
  /// Reads the settings from `env` (ReadSettings: throws Failure for a switch that is not one).
  StagingState(const StagingLayout& where, const Env& environment, Log& out, std::filesystem::path binaries)
      : layout(where), env(environment), settings(ReadSettings(environment)), log(out), exe_dir(std::move(binaries)) {}

  const StagingLayout& layout;    ///< the lifecycle's: where the store, cache and staging variables go
  const Env& env;
  const Settings settings;        ///< the app's RDS_CA_* and DB_SSL_MODE, read once
  Log& log;
  std::filesystem::path exe_dir;  ///< where the compiled binaries are

  // --- bindings step (bindings_step.cc)
  /// The database bindings found, ranked once as the launch hook ranks them (no credentials).
  struct FoundDatabase {
    std::string service;              ///< binding name
    const Engine* engine = nullptr;
    std::string host;                 ///< empty when the binding has none
    int port = 0;                     ///< the engine's default when the binding gives none
    TlsMode tls = TlsMode::kVerifyFull;  ///< the binding's mode, as DATABASE_URL carries it
    bool selected = false;            ///< the one DATABASE_URL is built from
  };
  std::vector<FoundDatabase> databases;
  /// A binding's own CAs (inline PEM in its credentials): they vouch for its database only, in
  /// a file of their own (launch/store.h's kBindingCaDir), never in the shared trust set.
  struct BindingCa {
    std::string service;
    std::string file;                   ///< BindingCaFileName of its credentials' CA texts
    std::vector<LabeledPem> pems;       ///< as the credentials give them
    std::vector<std::string> trusted;   ///< validated by the CA step, one PEM per certificate
  };
  std::vector<BindingCa> binding_cas;

  // --- CA step (ca_step.cc)
  /// The validated trust set for sslrootcert: one PEM per certificate, deduplicated by SHA-256,
  /// nothing expired, in a deterministic order.
  std::vector<std::string> trusted_pems;

  // --- every step adds its part; copied into config.yml's output_metadata
  nlohmann::ordered_json metadata = nlohmann::ordered_json::object();
};

/// Reads the bindings, picks the database, logs what was found, writes non-secret env/ files.
void BindingsStep(StagingState& state);
/// Classifies endpoints, obtains (embedded / download / extra) and validates the certificates.
void CaStep(StagingState& state);
/// Writes the trust store under the layout's StoreRoot (bundle, hashed dir, combined bundle, Java store).
void TrustStoreStep(StagingState& state);

/// The steps every lifecycle's staging runs, in order: bindings, CA, trust store, verify
/// (staging/verify_step.h). The lifecycle then installs its programs and launch files.
void RunStagingSteps(StagingState& state);

}  // namespace rdsca
