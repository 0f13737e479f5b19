#pragma once
// Supply's trust-store step: the store under the layout's StoreRoot (deps/IDX/rds-ca, or the
// CNB launch layer's rds-ca), the staging variables for later buildpacks (the launch hook's
// rule, launch/trust_variables.h), and the staging notes about what the app set itself.
#include <filesystem>

#include "staging/staging_state.h"

namespace rdsca {

/// Where the platform's own trust store is (cflinuxfs4, Debian, Ubuntu).
struct SystemTrustPaths {
  std::filesystem::path bundle = "/etc/ssl/certs/ca-certificates.crt";
  std::filesystem::path dir = "/etc/ssl/certs";
};

/// TrustStoreStep with the system store read from `system` (tests point it elsewhere).
/// CF_SYSTEM_CERT_PATH still comes from the staging environment.
void TrustStoreStep(StagingState& state, const SystemTrustPaths& system);

}  // namespace rdsca
