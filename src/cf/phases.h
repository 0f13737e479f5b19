#pragma once
#include <string>
#include <vector>

#include "staging/entry.h"

namespace rdsca {

/// The Cloud Foundry buildpack phases (v3 contract, docs/cf-contract.md). Each takes the phase's
/// positional arguments (without the phase name), returns the process exit status, and prints
/// a usage line on stderr with status 2 when the arguments are wrong.
int RunDetect(const std::vector<std::string>& args, Io io);
int RunSupply(const std::vector<std::string>& args, Io io);
int RunFinalize(const std::vector<std::string>& args, Io io);
int RunRelease(const std::vector<std::string>& args, Io io);
int RunCompile(const std::vector<std::string>& args, Io io);

}  // namespace rdsca
