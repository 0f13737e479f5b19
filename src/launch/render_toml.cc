#include "launch/render_toml.h"

#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "base/text.h"

namespace rdsca {

namespace {

/// The length of the UTF-8 sequence at `s[i]` (RFC 3629: no overlong form, no surrogate, nothing
/// above U+10FFFF), or 0 when there is none.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> std::uint8_t { return i + k < s.size() ? static_cast<std::uint8_t>(s[i + k]) : 0; };
  const auto cont = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  const std::uint8_t b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    return byte(1) >= lo && byte(1) <= hi && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return byte(1) >= lo && byte(1) <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

void AppendEscaped(char c, std::string& out) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  const auto u = static_cast<std::uint8_t>(c);
  if (u < 0x20 || u == 0x7F) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += "\\u00";
    out += kHex[u >> 4];
    out += kHex[u & 0xF];
    return;
  }
  out += c;
}

std::string BasicString(const std::string& name, std::string_view value) {
  if (value.find('\0') != std::string_view::npos) {
    throw Failure(name + " would hold a NUL byte, which no environment variable can carry: remove it from the "
                         "service's credentials (nothing was exported)");
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t n = Utf8Length(value, i);
    if (n == 0) {
      throw Failure(name + " would hold bytes that are not UTF-8 (byte " + std::to_string(i + 1) +
                    "), which a TOML string cannot carry: fix the service's credentials or the app's value "
                    "(nothing was exported)");
    }
    if (n == 1) {
      AppendEscaped(value[i], out);
    } else {
      out.append(value.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

}  // namespace

std::string RenderToml(const std::vector<Export>& exports) {
  std::string out;
  for (const auto& e : exports) {
    if (!IsIdentifier(e.name)) {
      throw Failure("'" + Shown(e.name) + "' is not an environment variable name and TOML bare key: nothing was exported");
    }
    out += e.name + " = " + BasicString(e.name, e.value) + "\n";
  }
  return out;
}

}  // namespace rdsca
