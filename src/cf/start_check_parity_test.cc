// The start check under both lifecycles: the classic hook's shell (LaunchHookScript, sourced by
// bash) and the CNB exec.d program (rds-ca-execd, run from a launch layer) must run rds-ca with
// the same arguments, print the same notes and refuse the same starts, for every value of
// RDS_CA_VERIFY and RDS_CA_VERIFY_REQUIRE_TLS.
#include <doctest/doctest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/shell_quote.h"
#include "cf/supply.h"
#include "launch/start_check.h"
#include "test_util.h"

namespace {

using EnvList = std::vector<std::pair<std::string, std::string>>;

// A fake rds-ca: names its arguments on stderr, and fails as a probe would when FAKE_VERIFY=fail.
constexpr const char* kFakeRdsCa = "#!/bin/sh\necho \"rds-ca $*\" >&2\n[ \"$FAKE_VERIFY\" != fail ]\n";

struct Start {
  bool started = false;
  std::string err;
};

Start ClassicStart(const rdsca::testing::TempDir& tmp, const EnvList& env) {
  EnvList full = env;
  full.emplace_back("PATH", "/usr/bin:/bin");
  full.emplace_back("DEPS_DIR", (tmp.path() / "deps").string());
  const auto r = rdsca::testing::RunWithEnv(
      full, "bash -c '. \"$0\" && echo started' " + rdsca::ShellQuote((tmp.path() / "hook.sh").string()));
  return {r.out == "started\n", r.err};
}

Start CnbStart(const rdsca::testing::TempDir& tmp, const EnvList& env) {
  const auto program = tmp.path() / "layers/rds-ca/exec.d/rds-ca-execd";
  const auto r = rdsca::testing::RunWithEnv(env, rdsca::ShellQuote(program.string()) + " 3>/dev/null");
  return {r.status == 0, r.err};
}

}  // namespace

TEST_CASE("exec.d runs the start check exactly as the classic hook's shell, for every value") {
  rdsca::testing::TempDir tmp;
  rdsca::fs::WriteFileAtomic(tmp.path() / "deps/0/bin/rds-ca-launch", "#!/bin/sh\n:\n", 0755);
  rdsca::fs::WriteFileAtomic(tmp.path() / "deps/0/bin/rds-ca", kFakeRdsCa, 0755);
  rdsca::fs::WriteFileAtomic(tmp.path() / "hook.sh", rdsca::LaunchHookScript("0"));
  const auto layer = tmp.path() / "layers/rds-ca";
  rdsca::fs::CopyFileAtomic(RDSCA_EXECD_BINARY, layer / "exec.d/rds-ca-execd");
  rdsca::fs::WriteFileAtomic(layer / "bin/rds-ca", kFakeRdsCa, 0755);

  std::vector<std::optional<std::string>> modes = {std::nullopt, "", "yes", "WARN", "strict ", "warnx"};
  for (const auto& m : rdsca::kStartCheckModes) modes.emplace_back(std::string(m.value));
  std::vector<std::optional<std::string>> switches = {std::nullopt, "", "ture", " true", "2", "tRuE"};
  for (const auto* words : {&rdsca::kSwitchOn, &rdsca::kSwitchOff}) {
    for (const auto word : *words) {
      std::string upper(word);
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      switches.emplace_back(std::string(word));
      switches.emplace_back(upper);
    }
  }
  int strict_refusals = 0, plaintext_flags = 0;
  for (const auto& mode : modes) {
    for (const auto& require_tls : switches) {
      // a passing probe with the default timeout, a failing one with RDS_CA_VERIFY_TIMEOUT set
      for (const auto& [probe, timeout] : {std::pair{"pass", ""}, std::pair{"fail", "1.5"}}) {
        {
          EnvList env = {{"FAKE_VERIFY", probe}};
          if (mode) env.emplace_back("RDS_CA_VERIFY", *mode);
          if (require_tls) env.emplace_back("RDS_CA_VERIFY_REQUIRE_TLS", *require_tls);
          if (*timeout) env.emplace_back("RDS_CA_VERIFY_TIMEOUT", timeout);
          CAPTURE(mode.value_or("(unset)"));
          CAPTURE(require_tls.value_or("(unset)"));
          const std::string probe_result = probe, timeout_set = timeout;
          CAPTURE(probe_result);
          CAPTURE(timeout_set);
          const Start classic = ClassicStart(tmp, env), cnb = CnbStart(tmp, env);
          CHECK(cnb.err == classic.err);
          CHECK(cnb.started == classic.started);
          if (!classic.started) ++strict_refusals;
          if (classic.err.find("--require-tls") != std::string::npos ||
              classic.err.find("--warn-plaintext") != std::string::npos) {
            ++plaintext_flags;
          }
        }
      }
    }
  }
  // The sweep did reach both flags and the refusal (a sweep that ran nothing would agree too).
  const int switch_values = static_cast<int>(switches.size()), on_values = 1 + 2 * 4;
  CHECK(strict_refusals == switch_values);      // strict with a failing probe, whatever the switch
  CHECK(plaintext_flags == 2 * on_values * 2);  // warn and strict, each "on" value, both probes
}
