#pragma once
#include <filesystem>

#include "base/env.h"
#include "base/log.h"
#include "cf/stager.h"

namespace rdsca {

/// Everything supply does, in order: bindings, CA, trust store, launch hook, config.yml.
/// Throws Failure with a one-line message on the first step that cannot succeed.
/// `exe_dir` holds the compiled binaries copied into the droplet.
void Supply(const Stager& stager, const Env& env, Log& log, const std::filesystem::path& exe_dir);

/// What a good final buildpack does at finalize (libbuildpack's SetLaunchEnvironment): writes
/// PROFILE_DIR/000_multi-supply.sh adding every deps/*/bin to PATH and deps/*/lib to
/// LD_LIBRARY_PATH, and copies every deps/IDX/profile.d/NAME to PROFILE_DIR/IDX_NAME.
void Finalize(const Stager& stager, Log& log);

/// The launch hook script sourced from BUILD_DIR/.profile.d at every container start.
std::string LaunchHookScript(const std::string& deps_idx);

}  // namespace rdsca
