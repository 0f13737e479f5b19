// Fuzz target: MySQL URLs (db/mysql/). The first byte picks a mode:
// - even: the rest is a URL. ParseMysqlUrl/ParseMysqlJdbcUrl never crash, errors are one line,
//   and a parsed URL with a valid host survives BuildMysqlUrl then ParseMysqlUrl exactly.
// - odd: the rest makes the components (user, password, database, one parameter: each a length
//   byte then that many bytes; then a host pick, a port and a mode). Any bytes survive the
//   engine's DATABASE_URL then ParseMysqlUrl exactly (its TLS parameters appended after the
//   others, the CA only under a verifying mode; a NUL byte is refused instead), the JDBC URL
//   keeps host, port, database and parameter and carries no credential, and the redacted form
//   does not depend on the password.
#include <array>

#include "base/error.h"
#include "db/database.h"
#include "db/mysql/mysql.h"
#include "db/mysql/mysql_url.h"
#include "fuzz_util.h"

namespace {

using rdsca::Connection;
using rdsca::fuzz::Check;

constexpr const char* kCa = "/home/vcap/deps/0/rds-ca/rds-ca.pem";

int PortOf(const Connection& url) { return url.port ? url.port : rdsca::kMysqlDefaultPort; }

bool Same(const Connection& a, const Connection& b) {
  return a.user == b.user && a.password == b.password && a.host == b.host && PortOf(a) == PortOf(b) &&
         a.database == b.database && a.params == b.params;
}

Connection ParseOrViolate(const std::string& url, bool jdbc) {
  try {
    return jdbc ? rdsca::ParseMysqlJdbcUrl(url) : rdsca::ParseMysqlUrl(url);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::Violated("a built URL parses", std::string(e.what()) + ": " + url);
  }
}

void ParseMode(const std::string& text) {
  try {
    rdsca::ParseMysqlJdbcUrl(text);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
  }
  Connection url;
  try {
    url = rdsca::ParseMysqlUrl(text);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
    return;
  }
  (void)rdsca::Mysql().SplitTlsParams(url.params);
  if (!rdsca::fuzz::ValidUrlHost(url.host)) return;
  const std::string built = rdsca::BuildMysqlUrl(url);
  Check(Same(ParseOrViolate(built, false), url), "a parsed URL survives build and parse", built);
}

void BuildMode(rdsca::fuzz::Input& in) {
  static const std::array<const char*, 4> kHosts = {"db.example.com", "10.0.0.7", "2001:db8::1",
                                                    "mydb.cluster-abc123.us-west-2.rds.amazonaws.com"};
  rdsca::Database db;
  db.engine = &rdsca::Mysql();
  db.conn.user = in.Take(in.Byte());
  db.conn.password = in.Take(in.Byte());
  db.conn.database = in.Take(in.Byte());
  const std::string key = in.Take(in.Byte() % 16), value = in.Take(in.Byte());
  db.conn.host = kHosts[in.Byte() % kHosts.size()];
  db.conn.port = (in.Byte() << 8 | in.Byte()) % 65536;
  db.tls = static_cast<rdsca::TlsMode>(in.Byte() % 6);
  if (!key.empty() && key != "user" && key != "password") db.conn.params.emplace_back(key, value);
  db.jdbc_params = db.conn.params;
  std::string all = db.conn.user + db.conn.password + db.conn.database;
  for (const auto& [k, v] : db.conn.params) all += k + v;
  const std::string url = db.engine->DatabaseUrl(db, kCa);
  if (all.find('\0') != std::string::npos) {
    bool refused = false;
    try {
      rdsca::ParseMysqlUrl(url);
    } catch (const rdsca::Failure& e) {
      rdsca::fuzz::CheckOneLine(e.what());
      refused = true;
    }
    Check(refused, "a NUL byte in a component is refused, never cut", url);
    return;
  }
  Connection want = db.conn;
  for (auto& p : db.engine->TlsUrlParams(db.tls, kCa, "")) want.params.push_back(std::move(p));
  Check(Same(ParseOrViolate(url, false), want), "any bytes survive the engine's DATABASE_URL then ParseMysqlUrl", url);
  const std::string jdbc = db.engine->JdbcUrl(db, kCa);
  const Connection back = ParseOrViolate(jdbc, true);
  const bool params_kept =
      db.conn.params.empty() || (!back.params.empty() && back.params.front() == db.conn.params.front());
  Check(back.host == db.conn.host && PortOf(back) == PortOf(db.conn) && back.database == db.conn.database &&
            back.user.empty() && back.password.empty() && params_kept,
        "the JDBC URL keeps host, port, database and parameters, and no credential", jdbc);
  if (!db.conn.password.empty()) {
    Connection other = db.conn;
    other.password = "x";
    Check(db.engine->Redacted(db.conn) == db.engine->Redacted(other), "the redacted URL does not depend on the password",
          db.engine->Redacted(db.conn));
  }
}

}  // namespace

RDSCA_FUZZ_TARGET(mysql_url) {
  rdsca::fuzz::Input in(data, size);
  if (in.Byte() % 2 == 0) {
    ParseMode(in.Rest());
  } else {
    BuildMode(in);
  }
  return 0;
}
