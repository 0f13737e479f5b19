#include "verify/mysql/mysql_protocol.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>

namespace rdsca::mysql {

namespace {

std::uint32_t Le(std::string_view bytes) {
  std::uint32_t v = 0;
  for (std::size_t i = bytes.size(); i-- > 0;) v = v << 8 | static_cast<unsigned char>(bytes[i]);
  return v;
}

std::string LeBytes(std::uint32_t v, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

/// Takes a NUL-terminated string off the front of `in`; false when there is no NUL.
bool TakeCString(std::string_view& in, std::string& out) {
  const auto nul = in.find('\0');
  if (nul == std::string_view::npos) return false;
  out = std::string(in.substr(0, nul));
  in.remove_prefix(nul + 1);
  return true;
}

std::string Digest(const EVP_MD* md, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr);
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string Xor(std::string a, const std::string& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] = static_cast<char>(a[i] ^ b[i]);
  return a;
}

/// Capabilities, max packet size (16 MiB), character set utf8mb4_general_ci, 23 zero bytes.
std::string FixedPart(std::uint32_t capabilities) {
  return LeBytes(capabilities, 4) + LeBytes(1u << 24, 4) + static_cast<char>(45) + std::string(23, '\0');
}

}  // namespace

std::string ErrorText(std::string_view p) {
  if (p.size() < 3) return "ERROR (a malformed error packet)";
  std::string out = "ERROR " + std::to_string(Le(p.substr(1, 2)));
  p.remove_prefix(3);
  if (!p.empty() && p.front() == '#' && p.size() >= 6) {
    out += " (" + std::string(p.substr(1, 5)) + ")";
    p.remove_prefix(6);
  }
  std::string message;
  for (char c : p) message += (c == '\n' || c == '\r') ? ' ' : c;
  return out + ": " + message;
}

std::string ParseGreeting(std::string_view p, Greeting& out) {
  if (p.empty()) return "an empty greeting";
  if (static_cast<unsigned char>(p.front()) == 0xFF) return ErrorText(p);
  if (p.front() != 10) return "no MySQL greeting (protocol version " + std::to_string(static_cast<unsigned char>(p.front())) + ")";
  p.remove_prefix(1);
  if (!TakeCString(p, out.server_version) || p.size() < 4 + 8 + 1 + 2) return "a truncated MySQL greeting";
  p.remove_prefix(4);  // connection id
  out.scramble = std::string(p.substr(0, 8));
  p.remove_prefix(9);  // part 1 of the scramble, a filler byte
  out.capabilities = Le(p.substr(0, 2));
  p.remove_prefix(2);
  if (p.size() < 1 + 2 + 2 + 1 + 10) return "";  // a pre-4.1 greeting ends here
  p.remove_prefix(3);  // character set, status flags
  out.capabilities |= Le(p.substr(0, 2)) << 16;
  const std::size_t data_len = static_cast<unsigned char>(p[2]);
  p.remove_prefix(3 + 10);  // auth-plugin-data length, reserved
  if (out.capabilities & kClientSecureConnection) {
    const std::size_t part2 = data_len > 8 ? std::max<std::size_t>(13, data_len - 8) : 13;
    if (p.size() < part2) return "a truncated MySQL greeting";
    std::string rest(p.substr(0, part2));
    while (!rest.empty() && rest.back() == '\0') rest.pop_back();
    out.scramble += rest;
    p.remove_prefix(part2);
  }
  if (out.capabilities & kClientPluginAuth) {
    if (!TakeCString(p, out.auth_plugin)) out.auth_plugin = std::string(p);
  }
  return "";
}

std::string Packet(std::uint8_t seq, std::string_view payload) {
  return LeBytes(static_cast<std::uint32_t>(payload.size()), 3) + static_cast<char>(seq) + std::string(payload);
}

std::string SslRequest() { return Packet(1, FixedPart(kClientCapabilities)); }

std::string HandshakeResponse(const std::string& user, const std::string& token, const std::string& database,
                              const std::string& plugin) {
  const std::uint32_t caps = kClientCapabilities | (database.empty() ? 0 : kClientConnectWithDb);
  std::string body = FixedPart(caps) + user + '\0' + static_cast<char>(token.size()) + token;
  if (!database.empty()) body += database + '\0';
  return Packet(2, body + plugin + '\0');
}

std::optional<std::string> AuthToken(const std::string& plugin, const std::string& password, const std::string& scramble) {
  if (plugin == "mysql_clear_password") return password + '\0';
  if (password.empty()) return std::string();
  if (plugin == "mysql_native_password") {
    const std::string h1 = Digest(EVP_sha1(), password);
    return Xor(h1, Digest(EVP_sha1(), scramble.substr(0, 20) + Digest(EVP_sha1(), h1)));
  }
  if (plugin == "caching_sha2_password") {
    const std::string h1 = Digest(EVP_sha256(), password);
    return Xor(h1, Digest(EVP_sha256(), Digest(EVP_sha256(), h1) + scramble.substr(0, 20)));
  }
  return std::nullopt;
}

bool ReadLenenc(std::string_view& in, std::uint64_t& value, bool& is_null) {
  is_null = false;
  if (in.empty()) return false;
  const auto first = static_cast<unsigned char>(in.front());
  std::size_t width = first < 0xFB ? 0 : first == 0xFC ? 2 : first == 0xFD ? 3 : first == 0xFE ? 8 : 0;
  if (first == 0xFB) {
    is_null = true;
    in.remove_prefix(1);
    return true;
  }
  if (first == 0xFF || in.size() < 1 + width) return false;
  value = 0;
  for (std::size_t i = width; i > 0; --i) value = value << 8 | static_cast<unsigned char>(in[i]);
  if (width == 0) value = first;
  in.remove_prefix(1 + width);
  return true;
}

std::optional<std::vector<std::optional<std::string>>> ParseTextRow(std::string_view p) {
  std::vector<std::optional<std::string>> cells;
  while (!p.empty()) {
    std::uint64_t len = 0;
    bool is_null = false;
    if (!ReadLenenc(p, len, is_null)) return std::nullopt;
    if (is_null) {
      cells.emplace_back();
      continue;
    }
    if (len > p.size()) return std::nullopt;
    cells.emplace_back(std::string(p.substr(0, len)));
    p.remove_prefix(len);
  }
  return cells;
}

}  // namespace rdsca::mysql
