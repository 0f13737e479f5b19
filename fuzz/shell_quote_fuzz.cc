// Fuzz target: the launch hook's rendering (RenderShell over ShellQuote). The first byte
// picks the variable name's shape; the rest is the value. Properties:
// - a value with a NUL byte, or a name that is not a shell identifier, is refused (one line)
//   and nothing is rendered;
// - otherwise the output is exactly `export NAME=WORD\n` where WORD, read by bash's quoting
//   grammar (single-quoted runs and \' between them, nothing else), is the value byte for byte:
//   checked in-process for every input;
// - for a sample of short inputs, real bash does what the hook does (`v=$(printf '%s\n' OUT);
//   eval "$v"`) and prints the variable back byte-exact, in the C and C.UTF-8 locales.
#include "base/error.h"
#include "fuzz_util.h"
#include "launch/render_shell.h"

namespace {

using rdsca::fuzz::Check;

constexpr std::size_t kBashMaxSize = 24;  // bash runs for short inputs only...
constexpr unsigned kBashOneIn = 8;        // ...and one in this many of them

/// WORD as bash reads it, or "!" + why when it is not only quoted runs and \' escapes.
std::string ReadQuotedWord(std::string_view word) {
  std::string out;
  std::size_t i = 0;
  while (i < word.size()) {
    if (word[i] == '\'') {
      const std::size_t close = word.find('\'', i + 1);
      if (close == std::string_view::npos) return "!unterminated quote";
      out.append(word.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (word.substr(i, 2) == "\\'") {
      out += '\'';
      i += 2;
    } else {
      return "!unquoted byte at " + std::to_string(i);
    }
  }
  return out;
}

/// Runs bash the way the launch hook's profile.d script does; returns what it printed.
std::string ThroughBash(const std::string& rendered, const std::string& name, bool utf8) {
  const std::string script = "__rds_ca_env=$(printf '%s\\n' \"$1\"); eval \"$__rds_ca_env\"; printf %s \"$" + name + "\"";
  return rdsca::fuzz::RunCapture({"/bin/bash", "-c", script, "bash", rendered},
                                 {"PATH=/usr/bin:/bin", utf8 ? "LC_ALL=C.UTF-8" : "LC_ALL=C"}, "bash runs the rendered exports",
                                 rendered);
}

std::string NameFor(std::uint8_t pick, rdsca::fuzz::Input& in) {
  switch (pick % 8) {
    case 0: return in.Until('=');  // any bytes: must be refused unless an identifier
    case 1: return "_1";
    default: return "RDS_CA_FUZZ_VALUE";
  }
}

}  // namespace

RDSCA_FUZZ_TARGET(shell_quote) {
  rdsca::fuzz::Input in(data, size);
  const std::uint8_t pick = in.Byte();
  const std::string name = NameFor(pick, in);
  const std::string value = in.Rest();
  const bool refuse = !rdsca::fuzz::IsIdentifier(name) || value.find('\0') != std::string::npos;
  std::string rendered;
  try {
    rendered = rdsca::RenderShell({{name, value}});
  } catch (const rdsca::Failure& e) {
    Check(refuse, "only a bad name or a NUL byte is refused", e.what());
    rdsca::fuzz::CheckOneLine(e.what());
    return 0;
  }
  Check(!refuse, "a bad name or a NUL byte is refused", rendered);
  const std::string head = "export " + name + "=";
  Check(rendered.rfind(head, 0) == 0 && rendered.back() == '\n', "the output is one export line", rendered);
  const std::string word = rendered.substr(head.size(), rendered.size() - head.size() - 1);
  Check(ReadQuotedWord(word) == value, "bash's quoting grammar reads the value back exactly", word);
  unsigned sum = pick;
  for (char c : value) sum += static_cast<unsigned char>(c);
  // bash's own variables (_, BASH_*, RANDOM...) do not hold what is assigned: only our names
  if (pick % 8 != 0 && size <= kBashMaxSize && sum % kBashOneIn == 0) {
    const bool utf8 = (sum / kBashOneIn) % 2 == 1;
    Check(ThroughBash(rendered, name, utf8) == value, "bash's eval gives the value back exactly", word);
  }
  return 0;
}
