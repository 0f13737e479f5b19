#include "verify/mysql/mysql_sql.h"

#include <algorithm>
#include <memory>

#include "base/error.h"
#include "ca/ossl.h"
#include "db/mysql/mysql.h"
#include "verify/mysql/mysql_protocol.h"
#include "verify/preamble.h"
#include "verify/probe_net.h"
#include "verify/tls_client.h"

namespace rdsca {

const char* const kMysqlSslStatusQuery = "SHOW SESSION STATUS LIKE 'Ssl_%'";
const char* const kMysqlSecureTransportQuery = "SHOW GLOBAL VARIABLES LIKE 'require_secure_transport'";

namespace {

using net::Clock;

[[noreturn]] void LoginFailed(const std::string& why, ExitCode code = ExitCode::kFailure) {
  throw Failure("cannot log in (" + why + "): check the binding's user, password and database name", code);
}

/// MySQL's packets over the one TLS client (verify/tls_client.h); a failure is a failed login.
class TlsStream {
 public:
  TlsStream(int fd, Clock::time_point deadline) : tls_(fd, deadline) {}

  /// The handshake, verified as `mode` demands against `ca_file` (the host name for verify-full).
  void Connect(const SqlCheckOptions& o) {
    if (VerifiesChain(o.mode)) {
      try {
        trust_ = LoadCaFile(o.ca_file);
      } catch (const Failure& e) {
        LoginFailed(e.what());
      }
    }
    const TlsStatus s = tls_.Handshake({o.host, o.mode, &trust_});
    if (!s.ok()) LoginFailed("the TLS handshake failed: " + Reason(s));
  }

  /// One packet's payload; `seq` gets its sequence number.
  std::string ReadPacket(std::uint8_t& seq) {
    const std::string header = Read(4);
    seq = static_cast<std::uint8_t>(header[3]);
    const std::size_t length = static_cast<unsigned char>(header[0]) | static_cast<unsigned char>(header[1]) << 8 |
                               static_cast<std::size_t>(static_cast<unsigned char>(header[2])) << 16;
    return Read(length);
  }
  void Write(const std::string& data) {
    if (const TlsStatus s = tls_.Write(data); !s.ok()) LoginFailed("the server closed the connection: " + Reason(s));
  }
  void Close() { tls_.Shutdown(); }

 private:
  static std::string Reason(const TlsStatus& s) { return s.reason.empty() ? "the connection ended" : s.reason; }
  std::string Read(std::size_t n) {
    std::string out;
    if (const TlsStatus s = tls_.Read(n, out); !s.ok()) LoginFailed("the server closed the connection: " + Reason(s));
    return out;
  }

  TlsClient tls_;
  std::vector<ossl::X509Ptr> trust_;
};

[[noreturn]] void QueryFailed(const std::string& sql, const std::string& why) {
  throw Failure("could not run " + sql + " (" + why + ")");
}

bool IsOk(const std::string& p) { return !p.empty() && p[0] == '\0'; }
bool IsErr(const std::string& p) { return !p.empty() && static_cast<unsigned char>(p[0]) == 0xFF; }
bool IsEof(const std::string& p) { return !p.empty() && static_cast<unsigned char>(p[0]) == 0xFE && p.size() < 9; }

std::string Token(const std::string& plugin, const std::string& password, const std::string& scramble) {
  const auto token = mysql::AuthToken(plugin, password, scramble);
  if (!token) LoginFailed("the server asks for the authentication plugin " + plugin + ", which rds-ca does not speak");
  return *token;
}

/// The login after TLS: the handshake response, then auth switches and caching_sha2_password's
/// full authentication (the password over TLS) until the server says OK or refuses.
void LogIn(TlsStream& tls, const mysql::Greeting& g, const Connection& who) {
  std::string plugin = g.auth_plugin.empty() ? "mysql_native_password" : g.auth_plugin;
  if (!mysql::AuthToken(plugin, "x", g.scramble)) plugin = "mysql_native_password";
  tls.Write(mysql::HandshakeResponse(who.user, Token(plugin, who.password, g.scramble), who.database, plugin));
  for (int round = 0; round < 4; ++round) {
    std::uint8_t seq = 0;
    const std::string p = tls.ReadPacket(seq);
    const auto next = static_cast<std::uint8_t>(seq + 1);
    if (IsOk(p)) return;
    if (IsErr(p)) LoginFailed(mysql::ErrorText(p));
    if (static_cast<unsigned char>(p[0]) == 0xFE) {  // auth switch: plugin name, then its scramble
      const auto nul = p.find('\0', 1);
      plugin = p.substr(1, nul == std::string::npos ? std::string::npos : nul - 1);
      std::string scramble = nul == std::string::npos ? "" : p.substr(nul + 1);
      while (!scramble.empty() && scramble.back() == '\0') scramble.pop_back();
      tls.Write(mysql::Packet(next, Token(plugin, who.password, scramble)));
    } else if (p.size() == 2 && p[0] == 0x01 && p[1] == 0x04) {  // caching_sha2: full authentication
      tls.Write(mysql::Packet(next, who.password + '\0'));
    } else if (!(p.size() == 2 && p[0] == 0x01 && p[1] == 0x03)) {  // 0x03: fast authentication passed
      LoginFailed("the server answered the login with an unknown packet");
    }
  }
  LoginFailed("the server did not finish the login");
}

/// COM_QUERY `sql`: the rows of its text result set, two columns each.
std::vector<std::pair<std::string, std::string>> Query(TlsStream& tls, const std::string& sql) {
  tls.Write(mysql::Packet(0, std::string(1, '\x03') + sql));
  std::uint8_t seq = 0;
  std::string p = tls.ReadPacket(seq);
  if (IsErr(p)) QueryFailed(sql, mysql::ErrorText(p));
  while (!IsEof(p = tls.ReadPacket(seq))) {
    if (IsErr(p)) QueryFailed(sql, mysql::ErrorText(p));
  }
  std::vector<std::pair<std::string, std::string>> rows;
  while (!IsEof(p = tls.ReadPacket(seq))) {
    if (IsErr(p)) QueryFailed(sql, mysql::ErrorText(p));
    const auto cells = mysql::ParseTextRow(p);
    if (!cells || cells->size() < 2) QueryFailed(sql, "a malformed row");
    rows.emplace_back((*cells)[0].value_or(""), (*cells)[1].value_or(""));
  }
  return rows;
}

}  // namespace

std::string MysqlSslStatus::Get(const std::string& name) const {
  for (const auto& [k, v] : status) {
    if (k == name) return v;
  }
  return "";
}

MysqlSslStatus RunMysqlSqlCheck(const SqlCheckOptions& options) {
  try {
    return ReadMysqlSslStatus(options);
  } catch (const Failure& e) {
    throw Failure(std::string("--sql ") + e.what(), e.code());
  }
}

MysqlSslStatus ReadMysqlSslStatus(const SqlCheckOptions& o) {
  Connection who;
  try {
    who = Mysql().ParseUrl(o.url);
  } catch (const Failure& e) {
    LoginFailed(std::string("the credentials' URL: ") + e.what());
  }
  const std::string host = o.host.empty() ? who.host : o.host;
  const int port = o.port > 0 ? o.port : (who.port > 0 ? who.port : Mysql().DefaultPort());
  const auto deadline = Clock::now() + std::max(o.timeout, std::chrono::seconds(2));
  const net::Resolved resolved = net::Resolve(host, port, deadline);
  if (!resolved.error.empty() || resolved.timed_out) {
    LoginFailed("cannot resolve " + host + (resolved.timed_out ? " in time" : ": " + resolved.error), ExitCode::kNetwork);
  }
  net::ConnectResult c = net::ConnectAny(resolved.addresses, deadline);
  if (c.socket.get() < 0) {
    std::string why;
    for (const auto& f : c.failures) why += (why.empty() ? "" : "; ") + f;
    LoginFailed("cannot connect to " + host + ":" + std::to_string(port) + ": " + why, ExitCode::kNetwork);
  }
  const net::SigpipeGuard no_sigpipe;
  ProbeResult start;
  start.options.engine = &Mysql();
  start.options.host = host;
  start.options.port = port;
  start.options.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(o.timeout);
  std::string greeting_bytes;
  if (!StartTls(start, c.socket.get(), deadline, &greeting_bytes)) LoginFailed(start.message, start.code);
  mysql::Greeting greeting;
  mysql::ParseGreeting(greeting_bytes, greeting);
  SqlCheckOptions verified = o;
  verified.host = host;
  TlsStream tls(c.socket.get(), deadline);
  tls.Connect(verified);
  LogIn(tls, greeting, who);
  MysqlSslStatus out;
  out.status = Query(tls, kMysqlSslStatusQuery);
  for (const auto& [name, value] : Query(tls, kMysqlSecureTransportQuery)) {
    if (name == "require_secure_transport") out.require_secure_transport = value;
  }
  tls.Write(mysql::Packet(0, std::string(1, '\x01')));  // COM_QUIT
  tls.Close();
  return out;
}

std::string RenderMysqlStatus(const MysqlSslStatus& s) {
  const std::string version = s.Get("Ssl_version"), cipher = s.Get("Ssl_cipher");
  std::string out = " Ssl_version  " + (version.empty() ? "(none)" : version) + "\n";
  out += " Ssl_cipher   " + (cipher.empty() ? "(none: this session is not encrypted)" : cipher) + "\n";
  out += "the server's require_secure_transport: " +
         (s.require_secure_transport.empty() ? "(unknown: the server has no such setting)" : s.require_secure_transport) + "\n";
  return out;
}

}  // namespace rdsca
