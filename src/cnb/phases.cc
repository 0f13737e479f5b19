#include "cnb/phases.h"

#include <filesystem>
#include <ostream>

#include "base/fs.h"
#include "cnb/build.h"
#include "cnb/cnb_layout.h"
#include "db/selection.h"

namespace rdsca {

namespace {

constexpr std::string_view kSettingPrefix = "RDS_CA_";

int Usage(Io io, const std::string& line) {
  io.err << "usage: " << line << '\n';
  return static_cast<int>(ExitCode::kUsage);
}

/// CNB_<name> when the lifecycle set it (Buildpack API 0.8 and later), else the positional
/// argument the lifecycle also passes.
std::filesystem::path Dir(const Env& env, const char* variable, const std::string& positional) {
  const std::string value = GetEnv(env, variable);
  return value.empty() ? positional : value;
}

/// The first RDS_CA_* variable set (the environment is sorted), or "".
std::string FirstSetting(const Env& env) {
  for (auto it = env.lower_bound(kSettingPrefix); it != env.end() && it->first.rfind(kSettingPrefix, 0) == 0; ++it) {
    if (!it->second.empty()) return it->first;
  }
  return "";
}

}  // namespace

CnbDetection CnbDetect(const Env& build_env) {
  if (HasEnv(build_env, "VCAP_APPLICATION")) {
    return {true, "rds-ca: passes: Cloud Foundry's CNB lifecycle (VCAP_APPLICATION is set), where every buildpack "
                  "named in cf push must pass"};
  }
  if (HasDatabaseBinding(build_env)) return {true, "rds-ca: passes: a database is bound"};
  if (const std::string setting = FirstSetting(build_env); !setting.empty()) {
    return {true, "rds-ca: passes: " + setting + " is set"};
  }
  return {false,
          "rds-ca: no database binding (VCAP_SERVICES, VCAP_SERVICES_FILE_PATH, SERVICE_BINDING_ROOT or "
          "<platform>/bindings) and no RDS_CA_* setting: bind the database, or opt in with a setting "
          "(pack build --env RDS_CA_DETECT=true)"};
}

int RunCnbDetect(const std::vector<std::string>& args, Io io) {
  if (args.size() != 2) return Usage(io, "detect PLATFORM_DIR PLAN_PATH (under the CNB lifecycle)");
  const CnbDetection d = CnbDetect(BuildEnvironment(io.env, Dir(io.env, "CNB_PLATFORM_DIR", args[0])));
  io.out << d.line << '\n';
  return d.pass ? kCnbDetectPass : kCnbDetectFail;
}

int RunCnbBuild(const std::vector<std::string>& args, Io io) {
  if (args.size() != 3) return Usage(io, "build LAYERS_DIR PLATFORM_DIR PLAN_PATH (under the CNB lifecycle)");
  return RunStaging(io, [&](Log& log) {
    StagingHeader(log);
    const Env env = BuildEnvironment(io.env, Dir(io.env, "CNB_PLATFORM_DIR", args[1]));
    const CnbLayout layout(std::filesystem::current_path(), Dir(io.env, "CNB_LAYERS_DIR", args[0]));
    Build(layout, env, log, fs::ExecutableDir(nullptr));
  });
}

}  // namespace rdsca
