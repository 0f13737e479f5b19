#include "lifecycles.h"

#include "cf/phases.h"
#include "cnb/phases.h"

namespace rdsca {

int RunDetectAnyLifecycle(const std::vector<std::string>& args, Io io) {
  return HasEnv(io.env, "CNB_BUILD_PLAN_PATH") ? RunCnbDetect(args, io) : RunDetect(args, io);
}

}  // namespace rdsca
