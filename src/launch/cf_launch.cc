#include "launch/cf_launch.h"

#include "base/error.h"
#include "base/text.h"
#include "launch/exports.h"

namespace rdsca {

std::string RuntimeDepDir(const Env& env, std::string_view deps_idx) {
  std::string deps = GetEnv(env, "DEPS_DIR");
  while (deps.size() > 1 && deps.back() == '/') deps.pop_back();
  if (deps.empty()) {
    throw Failure("DEPS_DIR is not set: the launch hook runs at container start, where Cloud "
                  "Foundry's launcher sets it (set DEPS_DIR to run it by hand)");
  }
  if (deps_idx.empty() || deps_idx == "." || deps_idx == ".." ||
      deps_idx.find('/') != std::string_view::npos || deps_idx.find('\0') != std::string_view::npos) {
    throw Failure("DEPS_IDX '" + Shown(deps_idx) +
                  "' is not a buildpack index: pass the DEPS_IDX staging gave, such as 0");
  }
  return deps + "/" + std::string(deps_idx);
}

std::string DropletRdsBundle(std::string_view deps_idx) {
  return StoreAt(std::string(kDropletDepsDir) + "/" + std::string(deps_idx)).rds_bundle;
}

std::vector<Export> CfLaunchExports(const Env& env, std::string_view deps_idx) {
  return LaunchExports(env, RuntimeDepDir(env, deps_idx), DropletRdsBundle(deps_idx));
}

}  // namespace rdsca
