#include "verify/postgres/pg_sql.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "verify/fake_pg_server.h"

namespace rdsca {
namespace {

TEST_CASE("RenderSqlTable lines up the columns and marks the tool's own session") {
  const std::vector<SslSessionRow> rows = {
      {"3518", "myuser", "", "10.244.0.20", "t", "TLSv1.3", "TLS_AES_256_GCM_SHA384", "256", false},
      {"25259", "myuser", "rds-ca verify", "10.244.0.99", "t", "TLSv1.3", "TLS_AES_256_GCM_SHA384", "256", true}};
  CHECK(RenderSqlTable(rows) ==
        " pid   | usename | application_name | client_addr | ssl | version | cipher                 | bits\n"
        "-------+---------+------------------+-------------+-----+---------+------------------------+------\n"
        " 3518  | myuser  |                  | 10.244.0.20 | t   | TLSv1.3 | TLS_AES_256_GCM_SHA384 | 256\n"
        " 25259 | myuser  | rds-ca verify    | 10.244.0.99 | t   | TLSv1.3 | TLS_AES_256_GCM_SHA384 | 256   <- this "
        "session\n"
        "(2 rows)\n");
  CHECK(OwnSessionIsTls(rows));
  CHECK_FALSE(OwnSessionIsTls({rows[0]}));
  CHECK(RenderSqlTable({}) ==
        " pid | usename | application_name | client_addr | ssl | version | cipher | bits\n"
        "-----+---------+------------------+-------------+-----+---------+--------+------\n"
        "(0 rows)\n");
}

TEST_CASE("the query is seed 004's in its PostgreSQL 14+ form") {
  CHECK(std::string(kSslSessionsQuery) ==
        "SELECT a.pid, a.usename, a.application_name, a.client_addr, s.ssl, s.version, s.cipher, s.bits, "
        "a.pid = pg_backend_pid() AS mine FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid "
        "WHERE a.usename = current_user ORDER BY a.pid");
}

TEST_CASE("RunSqlCheck: an unreachable server is a network failure, and the password stays out") {
  SqlCheckOptions o;
  o.url = "postgres://u:s3cr3t-pw@db.example.invalid:5432/d";
  o.host = "127.0.0.1";
  o.port = testing::ClosedPort();
  o.ca_file = "/nonexistent/ca.pem";
  try {
    RunSqlCheck(o);
    FAIL("RunSqlCheck should have thrown");
  } catch (const Failure& e) {
    const std::string m = e.what();
    CHECK(e.code() == ExitCode::kNetwork);
    CHECK(m.rfind("--sql cannot log in (", 0) == 0);
    CHECK(m.find("Connection refused") != std::string::npos);
    CHECK(m.find("s3cr3t") == std::string::npos);
    CHECK(m.find('\n') == std::string::npos);
  }
}

}  // namespace
}  // namespace rdsca
