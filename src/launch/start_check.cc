#include "launch/start_check.h"

#include <cctype>

namespace rdsca {
namespace {

// The notes, with the variable's value in `value`: the C++ passes the value, the shell a
// parameter expansion inside double quotes (so no note may hold $, `, " or \).
std::string NotASwitchNote(std::string_view value) {
  return "rds-ca: " + std::string(kVerifyRequireTlsVar) + "=" + std::string(value) +
         " is not a switch (true or false): the plaintext check does not run";
}
std::string NeedsVerifyNote() {
  return "rds-ca: " + std::string(kVerifyRequireTlsVar) + " needs " + std::string(kVerifyVar) +
         "=warn or strict: nothing was verified";
}
std::string NotAModeNote(std::string_view value) {
  return "rds-ca: " + std::string(kVerifyVar) + "=" + std::string(value) + " is not warn or strict: nothing was verified";
}

/// `word` as a case-insensitive shell pattern: "on" gives [Oo][Nn].
std::string AnyCasePattern(std::string_view word) {
  std::string out;
  for (const char c : word) {
    const auto u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += u == l ? std::string(1, c) : std::string("[") + u + l + "]";
  }
  return out;
}

template <typename Words>
std::string Alternatives(const Words& words) {
  std::string out;
  for (const auto word : words) out += "|" + AnyCasePattern(word);
  return out;
}

}  // namespace

StartCheckPlan StartCheckFor(const Env& env) {
  StartCheckPlan plan;
  const std::string require_tls = GetEnv(env, kVerifyRequireTlsVar);
  bool plaintext = false;
  if (!require_tls.empty()) {
    const auto on = SwitchValue(require_tls);
    if (!on) plan.notes.push_back(NotASwitchNote(require_tls));
    plaintext = on.value_or(false);
  }
  const std::string mode = GetEnv(env, kVerifyVar);
  if (mode.empty()) {
    if (plaintext) plan.notes.push_back(NeedsVerifyNote());
    return plan;
  }
  for (const auto& m : kStartCheckModes) {
    if (mode != m.value) continue;
    std::string timeout = GetEnv(env, kVerifyTimeoutVar);
    if (timeout.empty()) timeout = kVerifyTimeoutDefault;
    plan.run = true;
    plan.refuses = m.refuses;
    plan.args = {"verify", "--quiet", "--timeout", timeout};
    if (plaintext) plan.args.emplace_back(m.plaintext_flag);
    return plan;
  }
  plan.notes.push_back(NotAModeNote(mode));
  return plan;
}

std::string StartCheckShell(const std::string& rds_ca) {
  const std::string verify(kVerifyVar), timeout(kVerifyTimeoutVar);
  std::string s = "__rds_ca_rt=${" + std::string(kVerifyRequireTlsVar) + ":-}\n"
                  "case \"$__rds_ca_rt\" in\n"
                  "  ''" + Alternatives(kSwitchOff) + ") __rds_ca_rt= ;;\n"
                  "  " + Alternatives(kSwitchOn).substr(1) + ") __rds_ca_rt=yes ;;\n"
                  "  *) echo \"" + NotASwitchNote("$__rds_ca_rt") + "\" >&2; __rds_ca_rt= ;;\n"
                  "esac\n"
                  "case \"${" + verify + ":-}\" in\n"
                  "  '') [ -z \"$__rds_ca_rt\" ] ||\n"
                  "    echo \"" + NeedsVerifyNote() + "\" >&2 ;;\n";
  for (const auto& m : kStartCheckModes) {
    s += "  " + std::string(m.value) + ") " + rds_ca + " verify --quiet --timeout \"${" + timeout + ":-" +
         std::string(kVerifyTimeoutDefault) + "}\" ${__rds_ca_rt:+" + std::string(m.plaintext_flag) + "}" +
         (m.refuses ? " || exit 1" : "") + " ;;\n";
  }
  s += "  *) echo \"" + NotAModeNote("$" + verify) + "\" >&2 ;;\n"
       "esac\n"
       "unset __rds_ca_rt\n";
  return s;
}

}  // namespace rdsca
