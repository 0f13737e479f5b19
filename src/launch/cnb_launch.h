#pragma once
// The launch environment under the Cloud Native Buildpacks launcher: the store in the
// buildpack's launch layer, the bindings of the container's environment. What the exec.d
// program writes to its fd 3 (cli/execd_main.cc), rendered by launch/render_toml.h; the
// counterpart of launch/cf_launch.h.
#include <filesystem>
#include <string>
#include <vector>

#include "base/env.h"
#include "launch/export.h"

namespace rdsca {

/// The launch layer a program runs from: the parent of `exe_dir`, which must be the layer's
/// `exec.d` (where the launcher runs it) or `bin` (where the layer puts rds-ca on PATH). Throws
/// Failure naming `exe_dir` otherwise.
std::string LayerOfProgram(const std::filesystem::path& exe_dir);

/// LaunchExports over this environment (its settings and bindings) and the store in the
/// launch layer that `exe_dir` belongs to (LayerOfProgram). Throws Failure (one line) on bad
/// input.
std::vector<Export> CnbLaunchExports(const Env& env, const std::filesystem::path& exe_dir);

}  // namespace rdsca
