#include "verify/mysql/mysql_protocol.h"

#include <doctest/doctest.h>

namespace {

using namespace std::string_literals;

std::string Hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) out += std::string{kHex[c >> 4], kHex[c & 15]};
  return out;
}

/// A greeting as MariaDB 10.11 sends one: protocol 10, version, thread id, scramble in two
/// parts, capabilities with CLIENT_SSL (or without, `ssl` false), the plugin name.
std::string Greeting(bool ssl) {
  const unsigned caps = 0xFFFE & (ssl ? 0xFFFFu : ~0x800u);
  return "\x0a"s + "10.11.6-MariaDB\0"s + "\x05\0\0\0"s + "abcdefgh" + "\0"s +
         static_cast<char>(caps & 0xFF) + static_cast<char>(caps >> 8) + "\x2d"s + "\x02\0"s + "\xff\x81"s +
         "\x15"s + std::string(10, '\0') + "ijklmnopqrst\0"s + "mysql_native_password\0"s;
}

}  // namespace

TEST_CASE("ParseGreeting: version, capabilities, the whole scramble, the plugin") {
  rdsca::mysql::Greeting g;
  CHECK(rdsca::mysql::ParseGreeting(Greeting(true), g).empty());
  CHECK(g.server_version == "10.11.6-MariaDB");
  CHECK((g.capabilities & rdsca::mysql::kClientSsl) != 0);
  CHECK((g.capabilities & rdsca::mysql::kClientPluginAuth) != 0);
  CHECK(g.scramble == "abcdefghijklmnopqrst");
  CHECK(g.auth_plugin == "mysql_native_password");
  CHECK(rdsca::mysql::ParseGreeting(Greeting(false), g).empty());
  CHECK((g.capabilities & rdsca::mysql::kClientSsl) == 0);
}

TEST_CASE("ParseGreeting: an error packet, another protocol, a truncated greeting") {
  rdsca::mysql::Greeting g;
  CHECK(rdsca::mysql::ParseGreeting("\xff\x6a\x04#HY000Host '10.0.0.9' is not allowed to connect"s, g) ==
        "ERROR 1130 (HY000): Host '10.0.0.9' is not allowed to connect");
  CHECK(rdsca::mysql::ParseGreeting("\xff\x10\x04Too many connections"s, g) == "ERROR 1040: Too many connections");
  CHECK(rdsca::mysql::ParseGreeting("N", g) == "no MySQL greeting (protocol version 78)");
  CHECK(rdsca::mysql::ParseGreeting("\x0a" "8.0", g) == "a truncated MySQL greeting");
  CHECK(rdsca::mysql::ParseGreeting("", g) == "an empty greeting");
}

TEST_CASE("SslRequest and HandshakeResponse: exact bytes") {
  CHECK(Hex(rdsca::mysql::SslRequest()) ==
        "20000001" "018a0800" "00000001" "2d" + std::string(46, '0'));
  CHECK(Hex(rdsca::mysql::HandshakeResponse("app", "TT", "appdb", "p")) ==
        "2f000002" "098a0800" "00000001" "2d" + std::string(46, '0') + "61707000" "025454" "617070646200" "7000");
  CHECK(Hex(rdsca::mysql::Packet(3, "ab")) == "0200000" "36162");
}

TEST_CASE("AuthToken: mysql_native_password, caching_sha2_password, cleartext, none else") {
  const std::string scramble = "abcdefghijklmnopqrst";
  CHECK(Hex(*rdsca::mysql::AuthToken("mysql_native_password", "secret", scramble)) ==
        "8817c50fa779daef010ee7577825b0847df9842e");
  CHECK(Hex(*rdsca::mysql::AuthToken("caching_sha2_password", "secret", scramble)) ==
        "c76e2898612a4cf042c77fa8c4702c4c64c0c2c557c53c4d75595aaa6abae809");
  CHECK(*rdsca::mysql::AuthToken("mysql_clear_password", "secret", scramble) == "secret\0"s);
  CHECK(rdsca::mysql::AuthToken("mysql_native_password", "", scramble)->empty());
  CHECK_FALSE(rdsca::mysql::AuthToken("client_ed25519", "secret", scramble).has_value());
}

TEST_CASE("ReadLenenc and ParseTextRow") {
  std::string_view in = "\xfc\x10\x01rest";
  std::uint64_t v = 0;
  bool null = false;
  CHECK(rdsca::mysql::ReadLenenc(in, v, null));
  CHECK(v == 0x0110);
  CHECK(in == "rest");
  const auto row = rdsca::mysql::ParseTextRow("\x0aSsl_cipher\x16TLS_AES_256_GCM_SHA384\xfb"s);
  REQUIRE(row.has_value());
  REQUIRE(row->size() == 3);
  CHECK((*row)[0] == "Ssl_cipher");
  CHECK((*row)[1] == "TLS_AES_256_GCM_SHA384");
  CHECK_FALSE((*row)[2].has_value());
  CHECK_FALSE(rdsca::mysql::ParseTextRow("\x05" "abc").has_value());
  CHECK_FALSE(rdsca::mysql::ParseTextRow("\xfd\x01").has_value());
}
