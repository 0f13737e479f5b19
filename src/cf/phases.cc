#include "cf/phases.h"

#include <filesystem>
#include <ostream>

#include "db/selection.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/log.h"
#include "ca/manifest.h"
#include "cf/stack_check.h"
#include "cf/stager.h"
#include "cf/supply.h"

namespace rdsca {

namespace {

constexpr const char* kPushHint = "cf push -b rds-ca_buildpack -b <language buildpack>";

int Usage(Io io, const std::string& line) {
  io.err << "usage: " << line << '\n';
  return static_cast<int>(ExitCode::kUsage);
}

/// Where the compiled binaries that supply copies into the droplet are: beside this one.
std::filesystem::path ExeDir() { return fs::ExecutableDir(nullptr); }

}  // namespace

int RunDetect(const std::vector<std::string>& args, Io io) {
  if (args.size() != 1) return Usage(io, "detect BUILD_DIR");
  if (GetEnv(io.env, "RDS_CA_DETECT") == "true" && HasDatabaseBinding(io.env)) {
    io.out << "rds-ca\n";
    return 0;
  }
  io.out << "rds-ca: a supply buildpack that never claims an app by itself; use it first in a "
            "chain: "
         << kPushHint << " (or set RDS_CA_DETECT=true)\n";
  return 1;
}

int RunSupply(const std::vector<std::string>& args, Io io) {
  if (args.size() != 4) return Usage(io, "supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX");
  return RunStaging(io, [&](Log& log) {
    StagingHeader(log);
    CheckStack(LoadManifest(ExeDir().parent_path()), io.env);
    Stager stager(args[0], args[1], args[2], args[3]);
    Supply(stager, io.env, log, ExeDir());
  });
}

int RunFinalize(const std::vector<std::string>& args, Io io) {
  if (args.size() != 5) {
    return Usage(io, "finalize BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX PROFILE_DIR");
  }
  return RunStaging(io, [&](Log& log) {
    Stager stager(args[0], args[1], args[2], args[3], args[4]);
    Finalize(stager, log);
  });
}

int RunRelease(const std::vector<std::string>& args, Io io) {
  if (args.size() != 1) return Usage(io, "release BUILD_DIR");
  // The start command is the app's (Procfile) or the language buildpack's, never ours.
  io.out << "---\ndefault_process_types: {}\n";
  if (!std::filesystem::exists(std::filesystem::path(args[0]) / "Procfile")) {
    io.err << "rds-ca: the app has no Procfile; as the last buildpack rds-ca gives no start "
              "command: add a Procfile (web: ./your-binary) or a language buildpack after rds-ca\n";
  }
  return 0;
}

int RunCompile(const std::vector<std::string>& args, Io io) {
  if (args.size() != 2 && args.size() != 3) return Usage(io, "compile BUILD_DIR CACHE_DIR");
  // v2 platforms: deps live in BUILD_DIR/.cloudfoundry and DEPS_DIR is set by a profile.d
  // script at launch, the way nginx-buildpack's compile does it.
  const std::filesystem::path build = args[0];
  return RunStaging(io, [&](Log& log) {
    StagingHeader(log);
    CheckStack(LoadManifest(ExeDir().parent_path()), io.env);
    Stager stager(build, args[1], build / ".cloudfoundry", "0", build / ".profile.d");
    Supply(stager, io.env, log, ExeDir());
    Finalize(stager, log);
    fs::WriteFileAtomic(build / ".profile.d" / "0000_set-deps-dir.sh",
                        "export DEPS_DIR=\"$HOME/.cloudfoundry\"\n");
  });
}

}  // namespace rdsca
