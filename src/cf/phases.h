#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "base/env.h"

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

}  // namespace rdsca
