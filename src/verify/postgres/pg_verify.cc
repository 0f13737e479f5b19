#include "verify/postgres/pg_verify.h"

#include <cstdio>

#include "verify/postgres/pg_plaintext.h"
#include "verify/postgres/pg_sql.h"

namespace rdsca {

namespace {

/// PostgreSQL's SSLRequest: length 8, code 80877103 (docs/engines.md).
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

nlohmann::ordered_json RowsJson(const std::vector<SslSessionRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    out.push_back({{"pid", r.pid}, {"usename", r.usename}, {"application_name", r.application_name},
                   {"client_addr", r.client_addr}, {"ssl", r.ssl == "t"}, {"version", r.version},
                   {"cipher", r.cipher}, {"bits", r.bits}, {"this_session", r.mine}});
  }
  return out;
}

SqlReport PostgresReport(const SqlCheckOptions& o) {
  const std::vector<SslSessionRow> rows = RunSqlCheck(o);
  SqlReport r;
  r.text = "\nsessions of this user (pg_stat_ssl joined with pg_stat_activity):\n" + RenderSqlTable(rows);
  r.json = RowsJson(rows);
  r.tls = OwnSessionIsTls(rows);
  r.not_tls = "pg_stat_ssl does not show this session encrypted: check the sslmode (--mode) and the server's ssl setting";
  return r;
}

class PostgresVerifyEngine final : public VerifyEngine {
 public:
  EngineId Id() const override { return EngineId::kPostgres; }
  bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string*) const override {
    return PostgresSslRequest(r, fd, deadline);
  }
  PlaintextResult CheckPlaintext(const PlaintextOptions& options) const override { return PostgresPlaintext(options); }
  SqlReport RunSqlReport(const SqlCheckOptions& options) const override { return PostgresReport(options); }
  std::string RequireTlsFix() const override {
    return "set rds.force_ssl=1 in the DB parameter group (a server of your own: \"hostnossl all all all "
           "reject\" in pg_hba.conf)";
  }
  std::string_view DefaultCheckUser() const override { return "postgres"; }
};

}  // namespace

const VerifyEngine& PostgresVerify() {
  static const PostgresVerifyEngine engine;
  return engine;
}

}  // namespace rdsca
