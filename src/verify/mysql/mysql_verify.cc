#include "verify/mysql/mysql_verify.h"

#include "verify/mysql/mysql_plaintext.h"
#include "verify/mysql/mysql_protocol.h"
#include "verify/mysql/mysql_sql.h"

namespace rdsca {

namespace {

/// Reads one MySQL packet's payload (a greeting is far below the 16 MiB a header allows).
net::IoStatus ReadMysqlPacket(int fd, net::Clock::time_point deadline, std::string& payload, std::string& error) {
  std::string header;
  net::IoStatus s = net::ReadExact(fd, 4, header, deadline, error);
  if (s != net::IoStatus::kOk) return s;
  const std::size_t length = static_cast<unsigned char>(header[0]) | static_cast<unsigned char>(header[1]) << 8 |
                             static_cast<std::size_t>(static_cast<unsigned char>(header[2])) << 16;
  return net::ReadExact(fd, length, payload, deadline, error);
}

/// The server's greeting, then (when it offers TLS) the SSL request: TLS follows at once.
bool MysqlSslRequest(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting) {
  const std::string where = r.options.host + ":" + std::to_string(r.options.port);
  std::string payload, error;
  net::IoStatus s = ReadMysqlPacket(fd, deadline, payload, error);
  if (s == net::IoStatus::kTimeout) {
    r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
           where + " sent no greeting within " + net::SecondsText(r.options.timeout) + ": check that this port is MySQL's");
    return false;
  }
  if (s != net::IoStatus::kOk) {
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           where + " closed the connection before its greeting" + (error.empty() ? "" : " (" + error + ")") +
               ": check that this port is MySQL's");
    return false;
  }
  mysql::Greeting g;
  if (const std::string bad = mysql::ParseGreeting(payload, g); !bad.empty()) {
    const bool refused = !payload.empty() && static_cast<unsigned char>(payload.front()) == 0xFF;
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           refused ? where + " refused the connection (" + bad + "): check that the database accepts connections from here"
                   : where + " is not a MySQL server (" + bad + "): check the port");
    return false;
  }
  if ((g.capabilities & mysql::kClientSsl) == 0) {
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           "the server does not offer TLS (its greeting lacks CLIENT_SSL): give it ssl_cert and ssl_key, or check "
           "that " + where + " is the database you meant");
    return false;
  }
  s = net::SendAll(fd, mysql::SslRequest(), deadline, error);
  if (s != net::IoStatus::kOk) {
    r.Fail(s == net::IoStatus::kTimeout ? Verdict::kNetwork : Verdict::kFailed,
           s == net::IoStatus::kTimeout ? ExitCode::kNetwork : ExitCode::kFailure,
           where + " did not take the SSL request" + (error.empty() ? "" : " (" + error + ")") +
               ": check the network path to the database");
    return false;
  }
  if (greeting != nullptr) *greeting = payload;
  return true;
}

SqlReport MysqlReport(const SqlCheckOptions& o) {
  const MysqlSslStatus s = RunMysqlSqlCheck(o);
  SqlReport r;
  r.text = std::string("\nthis session (") + kMysqlSslStatusQuery + "):\n" + RenderMysqlStatus(s);
  nlohmann::ordered_json status = nlohmann::ordered_json::object();
  for (const auto& [name, value] : s.status) status[name] = value;
  r.json = {{"status", status}, {"require_secure_transport", s.require_secure_transport}};
  r.tls = !s.Get("Ssl_cipher").empty();
  r.not_tls = "SHOW SESSION STATUS shows no Ssl_cipher for this session: check the ssl_mode (--mode) and the "
              "server's TLS settings";
  if (s.require_secure_transport == "OFF") {
    r.warnings.push_back("the server also accepts connections without TLS (require_secure_transport=OFF): set it to "
                         "ON (on RDS, in the DB parameter group)");
  }
  return r;
}

class MysqlVerifyEngine final : public VerifyEngine {
 public:
  EngineId Id() const override { return EngineId::kMysql; }
  bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting) const override {
    return MysqlSslRequest(r, fd, deadline, greeting);
  }
  PlaintextResult CheckPlaintext(const PlaintextOptions& options) const override { return MysqlPlaintext(options); }
  SqlReport RunSqlReport(const SqlCheckOptions& options) const override { return MysqlReport(options); }
  std::string RequireTlsFix() const override {
    return "set require_secure_transport=ON in the DB parameter group (a server of your own: "
           "require_secure_transport=ON under [mysqld])";
  }
  std::string_view DefaultCheckUser() const override { return "admin"; }
};

}  // namespace

const VerifyEngine& MysqlVerify() {
  static const MysqlVerifyEngine engine;
  return engine;
}

}  // namespace rdsca
