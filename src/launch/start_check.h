#pragma once
// The start check: what RDS_CA_VERIFY, RDS_CA_VERIFY_REQUIRE_TLS and RDS_CA_VERIFY_TIMEOUT ask
// of every container start, decided once. The classic hook's shell (cf/supply.cc) is rendered
// from this data by StartCheckShell; the CNB exec.d program (launch/cnb_launch.cc) evaluates the
// same data with StartCheckFor. Both run `<bin>/rds-ca` with the same arguments and print the
// same notes, so the two lifecycles cannot disagree.
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"

namespace rdsca {

inline constexpr std::string_view kVerifyVar = "RDS_CA_VERIFY";
inline constexpr std::string_view kVerifyRequireTlsVar = "RDS_CA_VERIFY_REQUIRE_TLS";
inline constexpr std::string_view kVerifyTimeoutVar = "RDS_CA_VERIFY_TIMEOUT";
inline constexpr std::string_view kVerifyTimeoutDefault = "3";

/// One value RDS_CA_VERIFY accepts: the flag the plaintext check adds under it, and whether a
/// failed probe refuses the start.
struct StartCheckMode {
  std::string_view value;           ///< warn, strict
  std::string_view plaintext_flag;  ///< added when RDS_CA_VERIFY_REQUIRE_TLS is on
  bool refuses;                     ///< a failed probe stops the start
};

inline constexpr StartCheckMode kStartCheckModes[] = {
    {"warn", "--warn-plaintext", false},
    {"strict", "--require-tls", true},
};

/// What one start runs: nothing (`run` false), or `<bin>/rds-ca` with `args`; and the notes
/// printed on stderr first, one line each.
struct StartCheckPlan {
  bool run = false;
  bool refuses = false;  ///< strict: a failed or unrunnable probe refuses the start
  std::vector<std::string> args;  ///< after the program: verify --quiet --timeout T [flag]
  std::vector<std::string> notes;
};

/// The plan for `env`.
StartCheckPlan StartCheckFor(const Env& env);

/// The same decision as POSIX shell: runs `rds_ca` (a shell word, already quoted) and, under
/// strict, `exit 1` on its failure. Starts no process when RDS_CA_VERIFY is unset or empty.
std::string StartCheckShell(const std::string& rds_ca);

}  // namespace rdsca
