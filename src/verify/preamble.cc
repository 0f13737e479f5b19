#include "verify/preamble.h"

#include <cstdio>

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

}  // namespace

bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline) {
  switch (r.options.engine->Id()) {
    case EngineId::kPostgres: return PostgresSslRequest(r, fd, deadline);
  }
  return false;
}

}  // namespace rdsca
