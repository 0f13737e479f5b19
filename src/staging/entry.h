#pragma once
// The entry points of every lifecycle's staging (Cloud Foundry's phases, cf/phases.h; the CNB
// build, cnb/phases.h) and of the rds-ca commands: their streams and environment, the staging
// log's first line, and the wrapper that turns a Failure into the official **ERROR** line.
#include <exception>
#include <iosfwd>
#include <string>

#include "base/env.h"
#include "base/error.h"
#include "base/log.h"

namespace rdsca {

/// Streams and environment of one run of a buildpack phase or rds-ca subcommand.
struct Io {
  std::ostream& out;
  std::ostream& err;
  const Env& env;
  std::istream* in = nullptr;  ///< standard input, for a command that reads it (`rds-ca url -`); null: none
};

/// The first line of a staging log: "-----> Rds-Ca Buildpack version X.Y.Z".
void StagingHeader(Log& log);

/// Runs one staging phase (`fn(log)`, logging to io.out, in colour when TERM says so) and
/// returns its exit status: 0, or 1 after the official **ERROR** line for a Failure (or an
/// unexpected exception). Every lifecycle's staging entry points go through it.
template <typename Fn>
int RunStaging(Io io, Fn&& fn) {
  Log log(io.out, GetEnv(io.env, "TERM").find("color") != std::string::npos);
  try {
    fn(log);
    return 0;
  } catch (const Failure& f) {
    log.Error(f.what());
    return static_cast<int>(ExitCode::kFailure);
  } catch (const std::exception& e) {
    log.Error(std::string("unexpected failure: ") + e.what() + " (please report it with the staging log)");
    return static_cast<int>(ExitCode::kFailure);
  }
}

}  // namespace rdsca
