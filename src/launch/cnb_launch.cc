#include "launch/cnb_launch.h"

#include "base/error.h"
#include "launch/exports.h"

namespace rdsca {

std::string LayerOfProgram(const std::filesystem::path& exe_dir) {
  const std::string dir = exe_dir.filename().string();
  if ((dir != "exec.d" && dir != "bin") || !exe_dir.has_parent_path() || exe_dir.parent_path() == exe_dir.root_path()) {
    throw Failure("this program runs from " + exe_dir.string() +
                  ", not from a launch layer's exec.d/ or bin/: the CNB launcher runs it from <layers>/<buildpack>/<layer>/exec.d");
  }
  return exe_dir.parent_path().string();
}

std::vector<Export> CnbLaunchExports(const Env& env, const std::filesystem::path& exe_dir) {
  return LaunchExports(env, LayerOfProgram(exe_dir));
}

}  // namespace rdsca
