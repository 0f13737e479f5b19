#pragma once
// The probe's throw-away PKI (tests/verify/make-probe-pki.sh), made once per test run in a
// temporary directory shared by every test file that includes this header.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_util.h"

namespace rdsca::testing {

/// The directory holding root.pem, other-root.pem, server.pem/.key, wronghost.pem/.key,
/// expired.pem/.key (see the script's header).
inline const std::filesystem::path& ProbePki() {
  static TempDir dir;
  static const bool made = [] {
    const std::string cmd = std::string("bash ") + RDSCA_SOURCE_DIR + "/tests/verify/make-probe-pki.sh " +
                            dir.path().string() + " >/dev/null";
    return std::system(cmd.c_str()) == 0;
  }();
  REQUIRE(made);
  return dir.path();
}

/// A file of the probe PKI.
inline std::string ProbePkiFile(const char* name) { return (ProbePki() / name).string(); }

}  // namespace rdsca::testing
