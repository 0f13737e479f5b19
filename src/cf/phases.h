#pragma once
#include <exception>
#include <iosfwd>
#include <string>
#include <vector>

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

/// The Cloud Foundry buildpack phases (v3 contract, BRIEF section 1). Each takes the phase's
/// positional arguments (without the phase name), returns the process exit status, and prints
/// a usage line on stderr with status 2 when the arguments are wrong.
int RunDetect(const std::vector<std::string>& args, Io io);
int RunSupply(const std::vector<std::string>& args, Io io);
int RunFinalize(const std::vector<std::string>& args, Io io);
int RunRelease(const std::vector<std::string>& args, Io io);
int RunCompile(const std::vector<std::string>& args, Io io);

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
