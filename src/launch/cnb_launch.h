#pragma once
// The launch environment under the Cloud Native Buildpacks launcher: the store in the
// buildpack's launch layer, the bindings of the container's environment. What the exec.d
// program writes to its fd 3 (cli/execd_main.cc), rendered by launch/render_toml.h; the
// counterpart of launch/cf_launch.h.
#include <cstdio>
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

/// What RDS_CA_VERIFY asks at start, and what came of it.
struct StartCheck {
  bool refuse = false;  ///< strict, and the probe failed or could not run: the start is refused
  std::string message;  ///< lines for stderr (the notes, or why the probe could not run), or ""
};

/// The start check (launch/start_check.h, the data the classic hook's shell is rendered from):
/// its notes on stderr, then, when RDS_CA_VERIFY asks, `<layer>/bin/rds-ca` with the plan's
/// arguments and `exports` applied over `env` (its output goes to the app's log), refusing the
/// start on a failure only under `strict`. Only the opt-in runs rds-ca, which needs libssl,
/// libcurl and libpq on the run image.
/// `notes`, when given, gets the plan's notes before the probe runs (the order the classic hook
/// prints them in); without it they are in the result's message, one per line.
StartCheck VerifyAtStart(const Env& env, const std::vector<Export>& exports, const std::string& layer,
                         std::FILE* notes = nullptr);

}  // namespace rdsca
