// --sql per engine: each engine's own check, shaped as one SqlReport for `rds-ca verify`.
#include "verify/mysql/mysql_sql.h"
#include "verify/postgres/pg_sql.h"

namespace rdsca {

namespace {

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

}  // namespace

SqlReport RunSqlReport(const Engine& engine, const SqlCheckOptions& options) {
  switch (engine.Id()) {
    case EngineId::kPostgres: return PostgresReport(options);
    case EngineId::kMysql: return MysqlReport(options);
  }
  return {};
}

}  // namespace rdsca
