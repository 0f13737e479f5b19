#include "verify/preamble.h"

#include <cstdio>

#include "verify/mysql/mysql_protocol.h"

namespace rdsca {

namespace {

/// PostgreSQL's SSLRequest: length 8, code 80877103 (BRIEF section 3).
constexpr char kSslRequest[] = {0x00, 0x00, 0x00, 0x08, 0x04, static_cast<char>(0xD2), 0x16, 0x2F};

/// SSLRequest, then the server's one byte: 'S' goes on with TLS.
bool PostgresSslRequest(ProbeResult& r, int fd, net::Clock::time_point deadline) {
  const std::string where = r.options.host + ":" + std::to_string(r.options.port);
  std::string error;
  char answer = 0;
  net::IoStatus s = net::SendAll(fd, std::string_view(kSslRequest, sizeof kSslRequest), deadline, error);
  if (s == net::IoStatus::kOk) s = net::ReadByte(fd, answer, deadline, error);
  if (s == net::IoStatus::kTimeout) {
    r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
           where + " did not answer the SSLRequest within " + net::SecondsText(r.options.timeout) +
               ": check that this port is PostgreSQL's");
  } else if (s != net::IoStatus::kOk) {
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           where + " closed the connection on the SSLRequest" + (error.empty() ? "" : " (" + error + ")") +
               ": check that this port is PostgreSQL's");
  } else if (answer == 'N') {
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           "the server does not offer TLS (it answered N to SSLRequest): turn on ssl in the server's settings, or "
           "check that " + where + " is the database you meant");
  } else if (answer != 'S') {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(answer));
    r.Fail(Verdict::kFailed, ExitCode::kFailure,
           where + " is not a PostgreSQL server (it answered " + hex + " to SSLRequest): check the port");
  }
  return s == net::IoStatus::kOk && answer == 'S';
}

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

}  // namespace

bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting) {
  switch (r.options.engine->Id()) {
    case EngineId::kPostgres: return PostgresSslRequest(r, fd, deadline);
    case EngineId::kMysql: return MysqlSslRequest(r, fd, deadline, greeting);
  }
  return false;
}

}  // namespace rdsca
