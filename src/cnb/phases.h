#pragma once
// The Cloud Native Buildpacks entry points (Buildpack API 0.10-0.12): bin/detect and bin/build
// run in the app directory with CNB_PLATFORM_DIR, CNB_BUILD_PLAN_PATH / CNB_LAYERS_DIR,
// CNB_BP_PLAN_PATH and CNB_BUILDPACK_DIR set (and the same directories as positional
// arguments). bin/detect is shared with Cloud Foundry's classic contract: rds-ca tells the two
// apart by CNB_BUILD_PLAN_PATH, which only the CNB lifecycle sets (RunDetectAnyLifecycle, src/lifecycles.h).
#include <string>
#include <vector>

#include "base/env.h"
#include "staging/entry.h"

namespace rdsca {

/// Detect's exit statuses under the CNB lifecycle.
inline constexpr int kCnbDetectPass = 0;
inline constexpr int kCnbDetectFail = 100;

/// Whether detect passes, and the line that says why.
struct CnbDetection {
  bool pass = false;
  std::string line;
};

/// The rule: pass under Cloud Foundry's CNB lifecycle (VCAP_APPLICATION is set: every
/// buildpack named in `cf push` must pass, and the app named this one), or with a database
/// binding (BuildEnvironment's), or with any RDS_CA_* variable set; otherwise fail, saying how
/// to opt in.
CnbDetection CnbDetect(const Env& build_env);

/// `detect PLATFORM_DIR PLAN_PATH`: prints the line; exit 0 (pass) or 100 (fail). Writes
/// nothing to the plan: the buildpack requires and provides nothing.
int RunCnbDetect(const std::vector<std::string>& args, Io io);

/// `build LAYERS_DIR PLATFORM_DIR PLAN_PATH`: Build (cnb/build.h) into CNB_LAYERS_DIR with the
/// app in the working directory; exit 0, or 1 after the **ERROR** line.
int RunCnbBuild(const std::vector<std::string>& args, Io io);

}  // namespace rdsca
