#pragma once
// The few MySQL client/server protocol pieces `rds-ca verify` needs (MySQL's "Connection Phase"
// and text protocol, which MariaDB shares): the server's greeting, the SSL request that asks for
// TLS before any credential is sent, and, for --sql only, the login and a text query. Pure
// functions over bytes; the sockets are the caller's (verify/preamble.cc, verify/mysql/mysql_sql.cc).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rdsca::mysql {

inline constexpr std::uint32_t kClientLongPassword = 0x1;
inline constexpr std::uint32_t kClientConnectWithDb = 0x8;
inline constexpr std::uint32_t kClientProtocol41 = 0x200;
inline constexpr std::uint32_t kClientSsl = 0x800;
inline constexpr std::uint32_t kClientSecureConnection = 0x8000;
inline constexpr std::uint32_t kClientPluginAuth = 0x80000;

/// What the client announces: protocol 4.1 with TLS, secure and plugin authentication.
inline constexpr std::uint32_t kClientCapabilities =
    kClientLongPassword | kClientProtocol41 | kClientSsl | kClientSecureConnection | kClientPluginAuth;

/// The server's initial handshake packet (protocol version 10), as far as a client needs it.
struct Greeting {
  std::string server_version;   ///< "10.11.6-MariaDB-0+deb12u1", "8.0.39"
  std::uint32_t capabilities = 0;
  std::string scramble;         ///< auth-plugin-data, normally 20 bytes
  std::string auth_plugin;      ///< "mysql_native_password", "caching_sha2_password"; may be empty
};

/// Parses a greeting payload into `out`. Returns "" when it is one, else why not, in one line:
/// the server's own message for an error packet ("ERROR 1130 (HY000): Host ... is not allowed"),
/// or what makes it no MySQL greeting.
std::string ParseGreeting(std::string_view payload, Greeting& out);

/// One packet: 3-byte little-endian payload length, sequence number `seq`, `payload`.
std::string Packet(std::uint8_t seq, std::string_view payload);

/// The SSL request (sequence 1): the fixed first 32 bytes of a handshake response, with CLIENT_SSL.
std::string SslRequest();

/// The handshake response sent over TLS (sequence 2): user, the authentication `token` for
/// `plugin`, and the database (none when empty).
std::string HandshakeResponse(const std::string& user, const std::string& token, const std::string& database,
                              const std::string& plugin);

/// The token `plugin` answers `scramble` with: mysql_native_password (SHA-1),
/// caching_sha2_password (SHA-256 fast authentication) and mysql_clear_password (the password:
/// only ever sent over TLS). Nothing for another plugin.
std::optional<std::string> AuthToken(const std::string& plugin, const std::string& password, const std::string& scramble);

/// "ERROR 1045 (28000): Access denied ..." for an error packet's payload (first byte 0xFF).
std::string ErrorText(std::string_view payload);

/// Reads a length-encoded integer from the front of `in` (consumed). False when `in` is too
/// short; `is_null` true for 0xFB (SQL NULL in a row).
bool ReadLenenc(std::string_view& in, std::uint64_t& value, bool& is_null);

/// The cells of one text-protocol row (NULL as nothing), or nothing when it is malformed.
std::optional<std::vector<std::optional<std::string>>> ParseTextRow(std::string_view payload);

}  // namespace rdsca::mysql
