#include "db/mysql/mysql.h"

#include <doctest/doctest.h>

#include "db/database.h"
#include "db/postgres/postgres.h"

using rdsca::TlsMode;

TEST_CASE("the MySQL engine: schemes, labels and tags, port") {
  const rdsca::Engine& my = rdsca::Mysql();
  CHECK(my.Name() == "MySQL");
  CHECK(my.DefaultPort() == 3306);
  CHECK(my.OwnsScheme("mysql"));
  CHECK(my.OwnsScheme("mysql2"));
  CHECK_FALSE(my.OwnsScheme("postgres"));
  CHECK(my.OwnsJdbcScheme("jdbc:mysql"));
  CHECK(my.OwnsJdbcScheme("jdbc:mariadb"));
  CHECK_FALSE(my.OwnsJdbcScheme("mysql"));
  for (const char* name : {"mysql", "MariaDB", "aurora-mysql", "csb-aws-mysql", "csb-aws-aurora-mysql", "p.mysql"}) {
    CHECK_MESSAGE(my.NamedBy(name), name);
  }
  for (const char* name : {"aurora", "rds", "aws", "csb-aws-postgresql", "database"}) {
    CHECK_MESSAGE(!my.NamedBy(name), name);
  }
  CHECK(my.TrustVariableWarning(TlsMode::kRequire, {"PGSSLROOTCERT"}).empty());  // its clients read no PGSSLROOTCERT
}

TEST_CASE("the MySQL engine's modes: every spelling read, MySQL's names written") {
  const rdsca::Engine& my = rdsca::Mysql();
  const std::pair<const char*, TlsMode> cases[] = {
      {"disabled", TlsMode::kDisable},     {"false", TlsMode::kDisable},        {"disable", TlsMode::kDisable},
      {"allow", TlsMode::kAllow},          {"PREFERRED", TlsMode::kPrefer},     {"prefer", TlsMode::kPrefer},
      {"required", TlsMode::kRequire},     {"skip-verify", TlsMode::kRequire},  {"trust", TlsMode::kRequire},
      {"REQUIRE", TlsMode::kRequire},      {"VERIFY_CA", TlsMode::kVerifyCa},   {"verify-ca", TlsMode::kVerifyCa},
      {" verify_identity\n", TlsMode::kVerifyFull}, {"VERIFY-FULL", TlsMode::kVerifyFull}, {"true", TlsMode::kVerifyFull},
  };
  for (const auto& [text, mode] : cases) CHECK_MESSAGE(my.ParseTlsMode(text) == mode, text);
  CHECK_FALSE(my.ParseTlsMode("strict").has_value());
  CHECK_FALSE(my.ParseTlsMode("").has_value());
  CHECK(my.TlsModeName(TlsMode::kDisable) == "disabled");
  CHECK(my.TlsModeName(TlsMode::kAllow) == "preferred");
  CHECK(my.TlsModeName(TlsMode::kRequire) == "required");
  CHECK(my.TlsModeName(TlsMode::kVerifyCa) == "verify_ca");
  CHECK(my.TlsModeName(TlsMode::kVerifyFull) == "verify_identity");
  CHECK(my.TlsModeWord() == "ssl_mode");
}

TEST_CASE("the MySQL engine's DB_SSL_MODE: only values Stratos accepts for MySQL") {
  const rdsca::Engine& my = rdsca::Mysql();
  CHECK(my.DbSslMode(TlsMode::kVerifyFull) == "true");
  CHECK(my.DbSslMode(TlsMode::kVerifyCa) == "true");
  CHECK(my.DbSslMode(TlsMode::kRequire) == "skip-verify");
  CHECK(my.DbSslMode(TlsMode::kPrefer) == "skip-verify");
  CHECK(my.DbSslMode(TlsMode::kAllow) == "skip-verify");
  CHECK(my.DbSslMode(TlsMode::kDisable) == "false");
  CHECK(my.DbSslModeWarning(TlsMode::kVerifyFull).empty());
  CHECK(my.DbSslModeWarning(TlsMode::kRequire).empty());
  CHECK(my.DbSslModeWarning(TlsMode::kDisable).empty());
  CHECK(my.DbSslModeWarning(TlsMode::kVerifyCa) ==
        "DB_SSL_MODE will be true, which also checks the host name: go-sql-driver/mysql (Stratos) has no "
        "chain-only mode (DATABASE_URL keeps verify_ca)");
  CHECK(my.DbSslModeWarning(TlsMode::kPrefer) ==
        "DB_SSL_MODE will be skip-verify, not preferred: Stratos's preferred falls back to plaintext, skip-verify "
        "always encrypts (DATABASE_URL keeps preferred)");
}

TEST_CASE("the MySQL engine's TLS parameters: split off, JDBC's legacy switches read") {
  const rdsca::Engine& my = rdsca::Mysql();
  const rdsca::TlsParams split = my.SplitTlsParams({{"reconnect", "true"},
                                                    {"ssl_mode", "REQUIRED"},
                                                    {"sslca", "/ca.pem"},
                                                    {"sslverify", "true"},
                                                    {"useSSL", "true"},
                                                    {"charset", "utf8mb4"}});
  CHECK(split.mode == "REQUIRED");
  CHECK(split.ca_file == "/ca.pem");
  CHECK(split.rest == rdsca::UrlParams{{"reconnect", "true"}, {"charset", "utf8mb4"}});
  CHECK(my.SplitTlsParams({{"sslMode", "VERIFY_IDENTITY"}, {"serverSslCert", "/x.pem"}}).ca_file == "/x.pem");
  CHECK(rdsca::JdbcTlsMode({{"useSsl", "true"}}).empty());
  CHECK(rdsca::JdbcTlsMode({{"useSSL", "false"}}) == "disabled");
  CHECK(rdsca::JdbcTlsMode({{"useSSL", "true"}, {"trustServerCertificate", "true"}}) == "required");
  CHECK(rdsca::JdbcTlsMode({{"useSSL", "true"}, {"verifyServerCertificate", "false"}}) == "required");
  CHECK(my.SplitTlsParams({{"useSSL", "false"}, {"a", "b"}}).mode == "disabled");
}

TEST_CASE("the MySQL engine's URLs: DATABASE_URL for Rails, a JDBC URL both Connector/Js verify with") {
  rdsca::Database db;
  db.engine = &rdsca::Mysql();
  db.conn = {"u", "p w", "h.example", 0, "d", {{"reconnect", "true"}}};
  db.jdbc_params = {{"y", "2"}};
  const rdsca::Engine& my = *db.engine;
  CHECK(my.DatabaseUrl(db, "/ca.pem") == "mysql2://u:p%20w@h.example:3306/d?reconnect=true&sslca=/ca.pem&ssl_mode=verify_identity");
  CHECK(my.JdbcUrl(db, "/ca.pem") ==
        "jdbc:mysql://h.example:3306/d?y=2&useSSL=true&sslMode=VERIFY_IDENTITY&serverSslCert=/ca.pem&permitMysqlScheme=true");
  db.jdbc_scheme = "jdbc:mariadb";
  CHECK(my.JdbcUrl(db, "/ca.pem") == "jdbc:mariadb://h.example:3306/d?y=2&useSSL=true&sslMode=VERIFY_IDENTITY&serverSslCert=/ca.pem");
  db.tls = TlsMode::kVerifyCa;
  CHECK(my.DatabaseUrl(db, "/ca.pem") == "mysql2://u:p%20w@h.example:3306/d?reconnect=true&sslca=/ca.pem&ssl_mode=verify_ca");
  CHECK(my.JdbcUrl(db, "/ca.pem") == "jdbc:mariadb://h.example:3306/d?y=2&useSSL=true&sslMode=VERIFY_CA&serverSslCert=/ca.pem"
                                     "&disableSslHostnameVerification=true");
  db.tls = TlsMode::kPrefer;
  CHECK(my.DatabaseUrl(db, "/ca.pem") == "mysql2://u:p%20w@h.example:3306/d?reconnect=true&ssl_mode=preferred");
  CHECK(my.JdbcUrl(db, "/ca.pem") == "jdbc:mariadb://h.example:3306/d?y=2&useSSL=true&sslMode=REQUIRED&trustServerCertificate=true");
  db.tls = TlsMode::kDisable;
  CHECK(my.DatabaseUrl(db, "/ca.pem") == "mysql2://u:p%20w@h.example:3306/d?reconnect=true&ssl_mode=disabled");
  CHECK(my.JdbcUrl(db, "/ca.pem") == "jdbc:mariadb://h.example:3306/d?y=2&useSSL=false&sslMode=DISABLED");
  db.tls = TlsMode::kVerifyFull;
  db.given_ca_file = "/given.pem";
  CHECK(my.DatabaseUrl(db, "") == "mysql2://u:p%20w@h.example:3306/d?reconnect=true&sslca=/given.pem&ssl_mode=verify_identity");
  CHECK(my.ConnectionUrl(db.conn) == "mysql2://u:p%20w@h.example:3306/d?reconnect=true");
  CHECK(my.Redacted(db.conn) == "mysql2://u:***@h.example:3306/d");
}

TEST_CASE("the MySQL engine's option file: ssl-ca for both clients, the host name for MariaDB's") {
  const rdsca::Engine& my = rdsca::Mysql();
  REQUIRE(my.OptionFile() != nullptr);
  CHECK(my.OptionFile()->name == "my.cnf");
  CHECK(my.OptionFile()->variable == "MYSQL_HOME");
  CHECK(my.OptionFile()->app_variables == std::vector<std::string_view>{"MYSQL_HOME", "MARIADB_HOME"});
  CHECK(my.OptionFileText("/home/vcap/deps/0/rds-ca/rds-ca.pem") ==
        "# Written by rds-ca-buildpack: the mysql and mariadb command-line clients (and libraries\n"
        "# asked to read option files) verify the server against the RDS CAs.\n"
        "[client]\n"
        "ssl-ca=/home/vcap/deps/0/rds-ca/rds-ca.pem\n"
        "[client-mariadb]\n"
        "ssl-verify-server-cert\n");
  CHECK(my.OptionFileText("").empty());
  CHECK(my.OptionFileText("/a\nb").empty());
  CHECK(rdsca::Postgres().OptionFile() == nullptr);
}
