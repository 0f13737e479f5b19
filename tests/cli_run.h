#pragma once
// Runs an rds-ca subcommand function in a test: captured stdout/stderr, a given environment,
// a fixed clock, and a fetcher that refuses the network.
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "base/error.h"

namespace rdsca::testing {

/// What one command run printed and returned.
struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

/// 2026-01-01 00:00:00 UTC: every current RDS root is valid, the 2019 generation expired.
inline constexpr std::int64_t kCliNow = 1767225600;

/// A context whose manifest.yml is the source tree's and whose downloads fail.
inline CliContext TestContext() {
  CliContext c;
  c.exe_dir = std::filesystem::path(RDSCA_SOURCE_DIR) / "bin";
  c.now = kCliNow;
  c.fetch = [](const DownloadRequest& r) -> Downloaded {
    throw Failure("cannot download " + r.url + ": no network in unit tests");
  };
  return c;
}

/// Calls `run(args, io)` the way rds-ca's main does, without catching.
template <typename F>
CliRun RunCli(F run, const std::vector<std::string>& args, const Env& env = {}) {
  std::ostringstream out, err;
  Io io{out, err, env};
  CliRun r;
  r.code = run(args, io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// The UsageError/Failure message `run(args, io)` throws ("" when it throws none).
template <typename F>
std::string CliError(F run, const std::vector<std::string>& args, const Env& env = {}) {
  try {
    (void)RunCli(run, args, env);
  } catch (const Failure& e) {
    return e.what();
  }
  return "";
}

}  // namespace rdsca::testing
