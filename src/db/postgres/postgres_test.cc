#include "db/postgres/postgres.h"

#include <doctest/doctest.h>

#include "db/database.h"

using rdsca::TlsMode;

TEST_CASE("sslmodes") {
  CHECK(rdsca::ParseSslMode("verify-ca") == TlsMode::kVerifyCa);
  CHECK_FALSE(rdsca::ParseSslMode("VERIFY-CA").has_value());
  CHECK(rdsca::SslModeName(TlsMode::kPrefer) == "prefer");
  CHECK(rdsca::DbSslMode(TlsMode::kAllow) == TlsMode::kRequire);
  CHECK(rdsca::DbSslMode(TlsMode::kPrefer) == TlsMode::kRequire);
  CHECK(rdsca::DbSslMode(TlsMode::kDisable) == TlsMode::kDisable);
  CHECK(rdsca::DbSslMode(TlsMode::kVerifyCa) == TlsMode::kVerifyCa);
}

TEST_CASE("the PostgreSQL engine: schemes, names, modes") {
  const rdsca::Engine& pg = rdsca::Postgres();
  CHECK(pg.Name() == "PostgreSQL");
  CHECK(pg.DefaultPort() == 5432);
  CHECK(pg.OwnsScheme("postgres"));
  CHECK(pg.OwnsScheme("postgresql"));
  CHECK_FALSE(pg.OwnsScheme("mysql"));
  CHECK(pg.OwnsJdbcScheme("jdbc:postgresql"));
  CHECK_FALSE(pg.OwnsJdbcScheme("postgres"));
  CHECK(pg.NamedBy("csb-aws-postgresql"));
  CHECK(pg.NamedBy("Aurora-PostgreSQL"));
  CHECK_FALSE(pg.NamedBy("rds"));
  CHECK(pg.ParseTlsMode(" Verify-Full\n") == TlsMode::kVerifyFull);
  CHECK_FALSE(pg.ParseTlsMode("strict").has_value());
  CHECK(pg.DbSslMode(TlsMode::kPrefer) == "require");
  CHECK(pg.DbSslModeWarning(TlsMode::kVerifyCa).empty());
  CHECK(pg.DbSslModeWarning(TlsMode::kAllow) ==
        "DB_SSL_MODE will be require, not allow: Stratos and Go's lib/pq accept only disable, require, verify-ca "
        "and verify-full (DATABASE_URL keeps allow)");
  const rdsca::TlsParams split =
      pg.SplitTlsParams({{"a", "1"}, {"sslmode", "require"}, {"ssl", "true"}, {"sslrootcert", "/ca.pem"}, {"b", "2"}});
  CHECK(split.mode == "require");
  CHECK(split.ca_file == "/ca.pem");
  CHECK(split.rest == rdsca::UrlParams{{"a", "1"}, {"b", "2"}});
}

TEST_CASE("the PostgreSQL engine's URLs: sslmode and sslrootcert appended, disable without a CA") {
  rdsca::Database db;
  db.engine = &rdsca::Postgres();
  db.conn = {"u", "p w", "h.example", 0, "d", {{"x", "1"}}};
  db.jdbc_params = {{"y", "2"}};
  CHECK(db.engine->DatabaseUrl(db, "/ca.pem") == "postgres://u:p%20w@h.example:5432/d?x=1&sslmode=verify-full&sslrootcert=/ca.pem");
  CHECK(db.engine->JdbcUrl(db, "/ca.pem") == "jdbc:postgresql://h.example:5432/d?y=2&sslmode=verify-full&sslrootcert=/ca.pem");
  db.given_ca_file = "/given.pem";
  CHECK(db.engine->DatabaseUrl(db, "") == "postgres://u:p%20w@h.example:5432/d?x=1&sslmode=verify-full&sslrootcert=/given.pem");
  db.tls = TlsMode::kDisable;
  CHECK(db.engine->DatabaseUrl(db, "/ca.pem") == "postgres://u:p%20w@h.example:5432/d?x=1&sslmode=disable");
  CHECK(db.engine->ConnectionUrl(db.conn) == "postgres://u:p%20w@h.example:5432/d?x=1");
  CHECK(db.engine->Redacted(db.conn) == "postgres://u:***@h.example:5432/d");
}
