// Fuzz target: the exec.d program's rendering (RenderToml), alone and behind a binding. The
// first byte picks the case:
// - a variable name (any bytes, or fixed ones) and a value: refused (one line, naming no value)
//   exactly when the name is not an identifier or the value holds a NUL byte or is not UTF-8;
//   otherwise one `NAME = "..."` line whose basic string, decoded by TOML's grammar (the
//   escapes \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, no raw control character), is the value
//   byte for byte;
// - a binding whose password (or username) is the rest of the input, through selection and
//   ComputeExports as the exec.d program runs them: the whole TOML decodes back to exactly the
//   exports, JDBC_DATABASE_PASSWORD (JDBC_DATABASE_USERNAME) is the credential byte for byte,
//   and a refusal does not repeat it;
// - for a sample of short inputs, python3's tomllib (a real TOML parser) reads the document
//   and gives every variable back exactly.
#include <cstdint>
#include <map>

#include "base/error.h"
#include "db/selection.h"
#include "fuzz_util.h"
#include "launch/exports.h"
#include "launch/render_toml.h"

namespace {

using rdsca::fuzz::Check;
using Decoded = std::map<std::string, std::string>;

constexpr std::size_t kPythonMaxSize = 64;  // python3 runs for short inputs only...
constexpr unsigned kPythonOneIn = 16;       // ...and one in this many of them

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// A TOML basic string's contents (between the quotes) decoded, or "!" + why it is not one.
std::string DecodeBasic(std::string_view s, std::string& error) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') return error = "unescaped quote", "";
    if ((c < 0x20 && c != '\t') || c == 0x7F) return error = "raw control character", "";
    if (c != '\\') {
      out += s[i];
      continue;
    }
    if (++i >= s.size()) return error = "lone backslash", "";
    const char e = s[i];
    const std::string_view simple = "b\bt\tn\nf\fr\r\"\"\\\\";
    if (const auto k = simple.find(e); k != std::string_view::npos && k % 2 == 0) {
      out += simple[k + 1];
    } else if (e == 'u' || e == 'U') {
      const std::size_t n = e == 'u' ? 4 : 8;
      if (i + n >= s.size()) return error = "short \\u escape", "";
      std::uint32_t cp = 0;
      for (std::size_t d = 1; d <= n; ++d) {
        const char h = s[i + d];
        const int v = h >= '0' && h <= '9' ? h - '0' : h >= 'A' && h <= 'F' ? h - 'A' + 10 : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
        if (v < 0) return error = "bad hex digit", "";
        cp = cp * 16 + static_cast<std::uint32_t>(v);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return error = "not a scalar value", "";
      AppendUtf8(cp, out);
      i += n;
    } else {
      return error = "unknown escape", "";
    }
  }
  return out;
}

/// The document's `NAME = "..."` lines decoded, in a map; a violated property when a line is not one.
Decoded DecodeDocument(const std::string& toml) {
  Decoded out;
  std::size_t pos = 0;
  while (pos < toml.size()) {
    const std::size_t end = toml.find('\n', pos);
    Check(end != std::string::npos, "every line ends with a newline", toml);
    const std::string_view line(toml.data() + pos, end - pos);
    const std::size_t eq = line.find(" = \"");
    Check(eq != std::string_view::npos && line.back() == '"', "a line is NAME = \"...\"", line);
    std::string error;
    const std::string value = DecodeBasic(line.substr(eq + 4, line.size() - eq - 5), error);
    Check(error.empty(), "the value is a TOML basic string", error + ": " + std::string(line));
    Check(out.emplace(std::string(line.substr(0, eq)), value).second, "no variable is written twice", line);
    pos = end + 1;
  }
  return out;
}

/// python3's tomllib over `toml`: each NAME and value (UTF-8) back.
Decoded ThroughTomllib(const std::string& toml) {
  const char* script =
      "import sys, tomllib\n"
      "d = tomllib.loads(sys.argv[1].encode('utf-8', 'surrogateescape').decode('utf-8'))\n"
      "sys.stdout.buffer.write(b''.join(k.encode() + b'\\0' + v.encode() + b'\\0' for k, v in d.items()))\n";
  const std::string printed = rdsca::fuzz::RunCapture({"/usr/bin/python3", "-c", script, toml},
                                                      {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"}, "tomllib reads the document", toml);
  Decoded d;
  for (std::size_t pos = 0; pos < printed.size();) {
    const std::size_t k = printed.find('\0', pos), v = printed.find('\0', k + 1);
    d[printed.substr(pos, k - pos)] = printed.substr(k + 1, v - k - 1);
    pos = v + 1;
  }
  return d;
}

/// True when `s` is UTF-8 as Python decodes it (strict: no surrogates, nothing above U+10FFFF).
bool PythonUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    const auto b1 = static_cast<unsigned char>(n > 1 ? s[i + 1] : 0);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) {
      return false;
    }
    i += n;
  }
  return true;
}

/// Renders; a refusal is checked to be one line and returned in `refusal` (the document is then "").
std::string Render(const std::vector<rdsca::Export>& exports, std::string& refusal) {
  try {
    refusal.clear();
    return rdsca::RenderToml(exports);
  } catch (const rdsca::Failure& e) {
    refusal = e.what();
    rdsca::fuzz::CheckOneLine(refusal);
    return "";
  }
}

/// Letters and digits moved on by one within their class; every other byte kept.
std::string Rotated(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 1) % 26);
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + 1) % 26);
    else if (c >= '0' && c <= '9') c = static_cast<char>('0' + (c - '0' + 1) % 10);
  }
  return s;
}

void MaybeTomllib(const std::string& toml, const Decoded& expected, unsigned sum, std::size_t size) {
  if (size <= kPythonMaxSize && sum % kPythonOneIn == 0) {
    Check(ThroughTomllib(toml) == expected, "tomllib gives every variable back exactly", toml);
  }
}

/// The exports for a binding with `secret` as its password (or username), as the exec.d program
/// computes them; false (the one line checked) when the binding is refused or left out before
/// rendering.
bool ExportsFor(bool as_user, const std::string& secret, std::vector<rdsca::Export>& exports) {
  rdsca::Binding b;
  b.name = "db";
  b.label = "user-provided";
  b.credentials = {{"hostname", "db.c9akciq32.us-west-2.rds.amazonaws.com"}, {"port", "5432"},
                   {"dbname", "app"}, {"username", "u"}, {"password", "p"}};
  b.credentials[as_user ? "username" : "password"] = secret;  // any bytes: nlohmann only checks on dump
  try {
    const rdsca::Settings settings;
    const rdsca::Selection sel = rdsca::SelectDatabases({b}, settings);
    if (!sel.unreadable.empty()) {  // left out before rendering, with its one line
      rdsca::fuzz::CheckOneLine(sel.unreadable.front().error);
      return false;
    }
    exports = rdsca::ComputeExports(settings, {}, sel, rdsca::StoreAt("/layers/rds-ca/rds-ca"));
    return true;
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
    return false;
  }
}

/// A binding whose password (or username) is `secret`, through the exec.d program's code.
void Binding(bool as_user, const std::string& secret, unsigned sum, std::size_t size) {
  std::vector<rdsca::Export> exports;
  if (!ExportsFor(as_user, secret, exports)) return;
  std::string refusal;
  const std::string toml = Render(exports, refusal);
  const bool refuse = !PythonUtf8(secret) || secret.find('\0') != std::string::npos;
  Check(refusal.empty() != refuse, "only a credential with a NUL byte or bytes that are not UTF-8 is refused", secret);
  if (!refusal.empty()) {
    std::vector<rdsca::Export> other;
    std::string other_refusal;
    if (ExportsFor(as_user, Rotated(secret), other)) Render(other, other_refusal);
    Check(other_refusal == refusal, "a refusal does not depend on the credential's letters and digits", refusal);
    return;
  }
  Decoded expected;
  for (const auto& e : exports) expected[e.name] = e.value;
  Check(DecodeDocument(toml) == expected, "the TOML decodes back to exactly the exports", toml);
  Check(expected.at(as_user ? "JDBC_DATABASE_USERNAME" : "JDBC_DATABASE_PASSWORD") == secret,
        "the JDBC credential is the binding's byte for byte", toml);
  MaybeTomllib(toml, expected, sum, size);
}

}  // namespace

RDSCA_FUZZ_TARGET(render_toml) {
  rdsca::fuzz::Input in(data, size);
  const std::uint8_t pick = in.Byte();
  unsigned sum = pick;
  if (pick % 4 == 1 || pick % 4 == 2) {
    const std::string secret = in.Rest();
    for (char c : secret) sum += static_cast<unsigned char>(c);
    Binding(pick % 4 == 2, secret, sum, size);
    return 0;
  }
  const std::string name = pick % 4 == 3 ? in.Until('=') : "RDS_CA_FUZZ_VALUE";
  const std::string value = in.Rest();
  for (char c : value) sum += static_cast<unsigned char>(c);
  const bool refuse = !rdsca::fuzz::IsIdentifier(name) || value.find('\0') != std::string::npos || !PythonUtf8(value);
  std::string refusal;
  const std::string toml = Render({{name, value}}, refusal);
  Check(!refusal.empty() == refuse, "refused exactly for a bad name, a NUL byte or bytes that are not UTF-8", value);
  if (!refusal.empty()) return 0;
  const Decoded expected{{name, value}};
  Check(DecodeDocument(toml) == expected, "the basic string decodes back to the value byte for byte", toml);
  MaybeTomllib(toml, expected, sum, size);
  return 0;
}
