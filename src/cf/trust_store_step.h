#pragma once
// Supply's trust-store step: the store under deps/IDX/rds-ca, the staging variables in
// deps/IDX/env for later buildpacks, and the staging notes about what the app set itself.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"
#include "cf/staging_state.h"

namespace rdsca {

/// Where the platform's own trust store is (cflinuxfs4, Debian, Ubuntu).
struct SystemTrustPaths {
  std::filesystem::path bundle = "/etc/ssl/certs/ca-certificates.crt";
  std::filesystem::path dir = "/etc/ssl/certs";
};

/// TrustStoreStep with the system store read from `system` (tests point it elsewhere).
/// CF_SYSTEM_CERT_PATH still comes from the staging environment.
void TrustStoreStep(StagingState& state, const SystemTrustPaths& system);

/// One variable for later buildpacks at staging (deps/IDX/env/NAME).
struct StagingVariable {
  std::string name;
  std::string value;
};

/// The staging variables and the notes on those not written.
struct StagingTrustVariables {
  std::vector<StagingVariable> set;  ///< in the order written
  std::vector<std::string> notes;    ///< one line each: left alone, or switched off
};

/// Which trust variables to write for later buildpacks, with `dep_dir` the staging deps/IDX:
/// SSL_CERT_DIR (ours, then the app's SSL_CERT_DIR or else `system_dir`), SSL_CERT_FILE,
/// REQUESTS_CA_BUNDLE and PGSSLROOTCERT (the combined bundle), NODE_EXTRA_CA_CERTS (the RDS
/// set). RDS_CA_<NAME>=false switches one off; one the app set itself is left alone and noted
/// (except SSL_CERT_DIR, which keeps the app's after ours). Also notes a JAVA_TOOL_OPTIONS that
/// already names a trust store. Throws Failure for an RDS_CA_<NAME> that is not a switch.
StagingTrustVariables TrustVariablesForStaging(const Env& env, const std::filesystem::path& dep_dir,
                                               const std::filesystem::path& system_dir);

/// True for an Amazon RDS endpoint name (any case, trailing dot allowed): *.rds.amazonaws.com,
/// *.rds-preview.amazonaws.com, and China's *.rds.<region>.amazonaws.com.cn.
bool IsRdsHostName(std::string_view host);

}  // namespace rdsca
