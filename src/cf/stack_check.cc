#include "cf/stack_check.h"

#include <algorithm>

#include "base/error.h"
#include "version.h"

namespace rdsca {

std::string PackagedZipName(const std::string& stack, bool cached, const std::string& version) {
  return "rds-ca_buildpack" + std::string(cached ? "-cached" : "") + "-" + stack + "-v" + version + ".zip";
}

void CheckStack(const Manifest& manifest, const Env& env) {
  const std::string app_stack = GetEnv(env, "CF_STACK");
  if (manifest.stack.empty() || app_stack.empty() || manifest.stack == app_stack) return;
  // A cached zip's manifest names its dependency files; offer the same kind for the app's stack.
  const bool cached = std::any_of(manifest.dependencies.begin(), manifest.dependencies.end(),
                                  [](const ManifestDependency& d) { return !d.file.empty(); });
  const std::string zip = PackagedZipName(app_stack, cached, kVersion);
  throw Failure("this buildpack is packaged for " + manifest.stack + " and the app stages on " + app_stack +
                ": install " + zip + " (cf create-buildpack rds-ca_buildpack " + zip +
                " 1 --enable --stack " + app_stack + "), or push the app with -s " + manifest.stack);
}

}  // namespace rdsca
