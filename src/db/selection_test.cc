#include "db/selection.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "db/postgres/postgres.h"
#include "db/resolve.h"
#include "test_util.h"

using rdsca::Binding;
using rdsca::Database;
using rdsca::TlsMode;

namespace {

rdsca::Settings Settings(const rdsca::Env& env) { return rdsca::ReadSettings(env); }

std::vector<Binding> Vcap(const std::string& fixture) {
  return rdsca::ParseVcapServices(rdsca::testing::ReadFixture("vcap/" + fixture), "VCAP_SERVICES");
}

Binding Cups(const std::string& name, nlohmann::json creds, std::vector<std::string> tags = {}) {
  Binding b;
  b.name = name;
  b.label = "user-provided";
  b.tags = std::move(tags);
  b.credentials = std::move(creds);
  return b;
}

std::string SelectError(const std::vector<Binding>& bindings, const rdsca::Env& env = {}) {
  try {
    rdsca::SelectDatabases(bindings, Settings(env));
  } catch (const rdsca::Failure& e) {
    return e.what();
  }
  return "(selected)";
}

std::string FixtureError(const std::string& fixture, const rdsca::Env& env = {}) {
  return SelectError(Vcap(fixture), env);
}

std::vector<std::string> Services(const rdsca::Selection& sel) {
  std::vector<std::string> out;
  for (const auto& db : sel.databases) out.push_back(db.service);
  return out;
}

}  // namespace

TEST_CASE("ClassifyBinding: which bindings are PostgreSQL, and why") {
  auto why = [](const Binding& b) {
    auto c = rdsca::ClassifyBinding(b);
    return std::string(c.engine ? "yes: " : "no: ") + c.reason;
  };
  CHECK(why(Vcap("seed-004.json")[0]) == "yes: uri scheme postgres");
  CHECK(why(Vcap("cups-url.json")[0]) == "yes: url scheme postgresql");
  CHECK(why(Vcap("cups-discrete.json")[0]) == "yes: host and database-name fields");
  CHECK(why(Vcap("jdbc-only.json")[0]) == "yes: jdbcUrl jdbc:postgresql");
  CHECK(why(Vcap("aws-rds.json")[0]) == "yes: uri scheme postgres");
  CHECK(why(Vcap("aws-rds-mysql.json")[0]) == "yes: uri scheme mysql");
  CHECK(why(Vcap("servicebinding-type.json")[0]) == "yes: label postgresql");
  CHECK(why(Vcap("bad-scheme.json")[0]) == "yes: tag postgresql");
  auto several = Vcap("several.json");
  CHECK(why(several[0]) == "yes: label csb-aws-postgresql");
  CHECK(why(several[1]) == "no: no PostgreSQL uri, label, tag or fields");
  auto other = Vcap("not-postgres.json");
  CHECK(why(other[0]) == "yes: uri scheme mysql");
  CHECK(why(other[1]) == "no: no PostgreSQL uri, label, tag or fields");
  CHECK(why(other[2]) == "no: no PostgreSQL uri, label, tag or fields");
  Binding rds = Cups("r", {{"host", "h.rds.amazonaws.com"}}, {"RDS"});
  rds.label = "aws-rds";
  CHECK(why(rds) == "yes: an rds label or tag with a host");
  CHECK(why(Cups("mysqlish", {{"host", "h"}, {"port", 3306}, {"dbname", "d"}})) == "yes: host and database-name fields");
  CHECK(why(Cups("bad", {{"uri", 5}, {"host", true}})) == "no: no PostgreSQL uri, label, tag or fields");
}

TEST_CASE("ResolveDatabase: seed 004's bare uri completed by the discrete fields") {
  auto sel = rdsca::SelectDatabases(Vcap("seed-004.json"), {});
  REQUIRE(sel.databases.size() == 1);
  const Database& db = sel.databases[0];
  CHECK(db.service == "console_db");
  CHECK(db.why == "uri scheme postgres");
  CHECK(db.conn.user == "myuser");
  CHECK(db.conn.password == "mypass");
  CHECK(db.conn.host == "something.xyx.us-west-2.rds.amazonaws.com");
  CHECK(db.conn.port == 5432);
  CHECK(db.conn.database == "console_db");
  CHECK(db.tls == TlsMode::kVerifyFull);
  CHECK(db.tls_source == "default");
  CHECK(db.notes == std::vector<std::string>{
                        "uri is only a scheme: the discrete fields complete it (hostname, username, "
                        "password, dbname, port)"});
  CHECK(sel.reason == "the only PostgreSQL binding");
}

TEST_CASE("ResolveDatabase: sslmode precedence DB_SSL_MODE > credentials > uri > default") {
  auto creds = nlohmann::json{{"uri", "postgres://u:p@h/d?sslmode=require"}, {"sslmode", "verify-ca"}};
  auto mode = [](const nlohmann::json& c, const rdsca::Env& env) {
    Database db = rdsca::ResolveDatabase(Cups("s", c), rdsca::Postgres(), "test", Settings(env));
    return std::string(rdsca::SslModeName(db.tls)) + " from " + db.tls_source;
  };
  CHECK(mode(creds, {{"DB_SSL_MODE", "prefer"}}) == "prefer from DB_SSL_MODE");
  CHECK(mode(creds, {{"DB_SSL_MODE", ""}}) == "verify-ca from credentials sslmode");
  CHECK(mode({{"uri", "postgres://u:p@h/d?sslmode=require"}}, {}) == "require from uri sslmode");
  CHECK(mode({{"jdbcUrl", "jdbc:postgresql://h/d?sslmode=disable"}}, {}) == "disable from jdbcUrl sslmode");
  CHECK(mode({{"uri", "postgres://u:p@h/d"}}, {}) == "verify-full from default");
  CHECK(mode({{"uri", "postgres://u:p@h/d"}, {"sslmode", " Verify-Full\n"}}, {}) ==
        "verify-full from credentials sslmode");
}

TEST_CASE("ResolveDatabase: ssl parameters split off, others kept, user/password params lifted") {
  Database db = rdsca::ResolveDatabase(
      Cups("s", {{"uri", "postgres://h/d?ssl=true&connect_timeout=5&sslrootcert=/x/ca.pem&user=u&password=p"}}),
      rdsca::Postgres(), "t", {});
  CHECK(db.conn.params == rdsca::UrlParams{{"connect_timeout", "5"}});
  CHECK(db.jdbc_params == rdsca::UrlParams{{"connect_timeout", "5"}});
  CHECK(db.given_ca_file == "/x/ca.pem");
  CHECK(db.conn.user == "u");
  CHECK(db.conn.password == "p");
}

TEST_CASE("ResolveDatabase: discrete fields win over a disagreeing uri, and the notes say so") {
  Database db = rdsca::SelectDatabases(Vcap("conflict.json"), {}).databases.at(0);
  CHECK(db.conn.host == "new.example.com");
  CHECK(db.conn.port == 5432);
  CHECK(db.conn.database == "newdb");
  CHECK(db.conn.password == "newpass");
  CHECK(db.tls == TlsMode::kVerifyCa);
  CHECK(db.notes == std::vector<std::string>{
      "hostname 'new.example.com' and the uri's host 'old.example.com' differ: hostname wins (a "
      "discrete field is explicit, and it is what Stratos reads)",
      "port 5432 and the uri's port 5433 differ: port wins (a discrete field is explicit, and it "
      "is what Stratos reads)",
      "dbname 'newdb' and the uri's database name 'olddb' differ: dbname wins (a discrete field is "
      "explicit, and it is what Stratos reads)",
      "password and the uri's password differ: password wins (a discrete field is explicit, and "
      "it is what Stratos reads)"});
  for (const auto& note : db.notes) {
    CHECK(note.find("urlpass") == std::string::npos);
    CHECK(note.find("newpass") == std::string::npos);
  }
}

TEST_CASE("ResolveDatabase: broker shapes") {
  SUBCASE("csb-aws-postgresql: uri and jdbcUrl agree with the fields; jdbcUrl params for JDBC") {
    Database db = rdsca::SelectDatabases(Vcap("csb-aws-postgresql.json"), {}).databases.at(0);
    CHECK(db.conn.host == "csb-postgresql-6e1f.c9akciq32xyz.us-west-2.rds.amazonaws.com");
    CHECK(db.conn.database == "vsbdb");
    CHECK(db.conn.user == "u6b2d");
    CHECK(db.conn.params.empty());
    CHECK(db.jdbc_params == rdsca::UrlParams{{"useSSL", "true"}});
    CHECK(db.notes.empty());
  }
  SUBCASE("jdbcUrl alone") {
    Database db = rdsca::SelectDatabases(Vcap("jdbc-only.json"), {}).databases.at(0);
    CHECK(db.conn.host == "legacy.example.org");
    CHECK(db.conn.port == 5433);
    CHECK(db.conn.user == "clerk");
    CHECK(db.conn.password == "a&b");
    CHECK(db.conn.params.empty());
    CHECK(db.jdbc_params == rdsca::UrlParams{{"loggerLevel", "OFF"}});
  }
  SUBCASE("IPv6 host, odd password, inline CA") {
    CHECK(rdsca::SelectDatabases(Vcap("ipv6.json"), {}).databases.at(0).conn.host == "2001:db8::10");
    Database odd = rdsca::SelectDatabases(Vcap("odd-password.json"), {}).databases.at(0);
    CHECK(odd.conn.password == "p@ss:w/rd?#%&'\"$(id) x`uname`\n\\ é");
    Database ca = rdsca::SelectDatabases(Vcap("inline-ca.json"), {}).databases.at(0);
    REQUIRE(ca.ca_pems.size() == 1);
    CHECK(ca.ca_pems[0].first == "sslrootcert");
    CHECK(ca.ca_pems[0].second.rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
    CHECK(ca.notes == std::vector<std::string>{
                          "credential ca_cert is not PEM text: it is not added to the trust store"});
  }
  SUBCASE("a broken uri is a note when the discrete fields give the host") {
    Database db = rdsca::ResolveDatabase(
        Cups("s", {{"uri", "postgres://u:50%off@h/d"}, {"hostname", "h"}, {"password", "50%off"}}),
        rdsca::Postgres(), "t", {});
    CHECK(db.conn.password == "50%off");
    CHECK(db.notes == std::vector<std::string>{
                          "uri is not a valid PostgreSQL URL (bad percent-encoding in the password (a "
                          "'%' must start %XX, and %00 is not allowed)): the other fields are used"});
  }
}

TEST_CASE("Bad input: exact one-line messages") {
  const std::string ports = ": set port to a number from 1 to 65535";
  CHECK(FixtureError("bad-port-text.json") ==
        "service 'console_db': port 'fivefourthreetwo' is not a number" + ports);
  CHECK(FixtureError("bad-port-range.json") == "service 'console_db': port 70000 is out of range" + ports);
  CHECK(SelectError({Cups("p", {{"uri", "postgres://h"}, {"port", -1}})}) ==
        "service 'p': port -1 is out of range" + ports);
  CHECK(SelectError({Cups("p", {{"uri", "postgres://h"}, {"port", 5432.5}})}) ==
        "service 'p': port '5432.5' is not a number" + ports);
  CHECK(FixtureError("bad-empty-host.json") ==
        "service 'console_db': the host is empty: set hostname (or host) in its credentials, or a "
        "host in its uri");
  CHECK(FixtureError("bad-host-chars.json") ==
        "service 'console_db': host 'db example.com' is not a host name or IP address: fix "
        "hostname (or host) in its credentials");
  CHECK(FixtureError("bad-uri.json") ==
        "service 'console_db': uri is not a valid PostgreSQL URL (bad percent-encoding in the "
        "password (a '%' must start %XX, and %00 is not allowed)): write it as "
        "postgres://USER:PASSWORD@HOST:PORT/DBNAME with special characters percent-encoded");
  CHECK(FixtureError("bad-scheme.json") ==
        "service 'console_db': uri has scheme 'mongodb', which is not PostgreSQL: give a "
        "postgres://USER:PASSWORD@HOST:PORT/DBNAME uri, or set RDS_CA_SERVICE to the PostgreSQL "
        "binding");
  CHECK(FixtureError("bad-sslmode.json") ==
        "service 'console_db': sslmode 'strict' is not an sslmode: use one of disable, allow, "
        "prefer, require, verify-ca, verify-full");
  CHECK(FixtureError("seed-004.json", {{"DB_SSL_MODE", "on"}}) ==
        "DB_SSL_MODE=on is not an sslmode: use one of disable, allow, prefer, require, verify-ca, "
        "verify-full");
  CHECK(SelectError({Cups("p", {{"uri", "postgres://u@h/d?sslmode=yes"}})}) ==
        "service 'p': the uri's sslmode 'yes' is not an sslmode: use one of disable, allow, prefer, "
        "require, verify-ca, verify-full");
  CHECK(FixtureError("bad-nul-password.json") ==
        "service 'console_db': password holds a NUL byte, which no environment variable can carry: "
        "remove it from the service's credentials");
  CHECK(SelectError({Cups("p", {{"uri", "postgres://h/d"}, {"password", true}})}) ==
        "service 'p': password is a boolean, not a string: fix it in the service's credentials");
  CHECK(FixtureError("seed-004.json", {{"RDS_CA_SERVICE", "console-db"}}) ==
        "RDS_CA_SERVICE=console-db names no bound service (bound: 'console_db'): set it to one of "
        "those names, or unset it");
  CHECK(FixtureError("empty.json", {{"RDS_CA_SERVICE", "db"}}) ==
        "RDS_CA_SERVICE=db names no bound service (bound: none): set it to one of those names, or "
        "unset it");
  CHECK(FixtureError("several.json", {{"RDS_CA_SERVICE", "x"}}) ==
        "RDS_CA_SERVICE=x names no bound service (bound: 'orders-db', 'cache', 'audit.db', "
        "'1st-db'): set it to one of those names, or unset it");
}

TEST_CASE("SelectDatabases: deterministic choice") {
  SUBCASE("several: the first by name, the others after it by name") {
    auto sel = rdsca::SelectDatabases(Vcap("several.json"), {});
    CHECK(Services(sel) == std::vector<std::string>{"1st-db", "audit.db", "orders-db"});
    CHECK(sel.reason == "first by name of 3 PostgreSQL bindings; set RDS_CA_SERVICE to choose another");
    CHECK(sel.found.size() == 4);
    CHECK(sel.found[1].first == "cache");
    CHECK(sel.found[1].second.engine == nullptr);
  }
  SUBCASE("RDS_CA_SERVICE picks one") {
    auto sel = rdsca::SelectDatabases(Vcap("several.json"), Settings({{"RDS_CA_SERVICE", "orders-db"}}));
    CHECK(Services(sel) == std::vector<std::string>{"orders-db", "1st-db", "audit.db"});
    CHECK(sel.reason == "RDS_CA_SERVICE=orders-db");
  }
  SUBCASE("RDS_CA_SERVICE makes any binding count as PostgreSQL") {
    auto sel = rdsca::SelectDatabases(Vcap("not-database.json"), Settings({{"RDS_CA_SERVICE", "smtp"}}));
    CHECK(Services(sel) == std::vector<std::string>{"smtp"});
    CHECK(sel.databases[0].why == "named by RDS_CA_SERVICE");
  }
  SUBCASE("the one tagged stratos, as Stratos picks") {
    auto sel = rdsca::SelectDatabases(Vcap("several-stratos.json"), {});
    CHECK(Services(sel) == std::vector<std::string>{"console-db", "a-db"});
    CHECK(sel.reason == "the only one tagged stratos, as Stratos itself picks");
  }
  SUBCASE("none") {
    auto sel = rdsca::SelectDatabases(Vcap("not-database.json"), {});
    CHECK(sel.databases.empty());
    CHECK(sel.reason.empty());
    CHECK(sel.found.size() == 2);
  }
}

TEST_CASE("HasDatabaseBinding") {
  const std::string vcap = rdsca::testing::ReadFixture("vcap/seed-004.json");
  CHECK(rdsca::HasDatabaseBinding({{"VCAP_SERVICES", vcap}}));
  CHECK_FALSE(rdsca::HasDatabaseBinding({{"VCAP_SERVICES", "{"}}));
  CHECK_FALSE(rdsca::HasDatabaseBinding({}));
  CHECK(rdsca::HasDatabaseBinding(
      {{"SERVICE_BINDING_ROOT", rdsca::testing::Fixture("service-bindings/cf-layout").string()}}));
}

TEST_CASE("ResolveDatabase: a field too long to export is refused, named, never shown") {
  const std::string fix = ": shorten it in the service's credentials";
  const std::string can_be = " an exported connection field can be (every start's environment must carry it)";
  const std::string big(200 << 10, 'p');
  CHECK(SelectError({Cups("files", {{"host", "h.example.com"}, {"password", big}}, {"postgresql"})}) ==
        "service 'files': the password is 204800 bytes, more than the 4096" + can_be + fix);
  CHECK(SelectError({Cups("u", {{"uri", "postgres://" + std::string(5000, 'u') + "@h/d"}})}) ==
        "service 'u': the user is 5000 bytes, more than the 4096" + can_be + fix);
  CHECK(SelectError({Cups("q", {{"uri", "postgres://h/d?application_name=" + std::string(5000, 'a')}})}) ==
        "service 'q': the query parameter 'application_name' is 5000 bytes, more than the 4096" + can_be + fix);
  CHECK(SelectError({Cups("j", {{"host", "h"}, {"jdbcUrl", "jdbc:postgresql://h/" + std::string(5000, 'd')}})}) ==
        "service 'j': the database name is 5000 bytes, more than the 4096" + can_be + fix);
  CHECK(SelectError({Cups("h", {{"host", std::string(1 << 20, 'a')}}, {"postgresql"})}) ==
        "service 'h': the host is 1048576 bytes, more than the 253 of a DNS name: fix hostname (or host) in its "
        "credentials");
  // 4096 bytes is still read
  const Database db = rdsca::ResolveDatabase(Cups("ok", {{"host", std::string(253, 'a')}, {"password", std::string(4096, 'p')}}),
                                             rdsca::Postgres(), "t", {});
  CHECK(db.conn.password.size() == 4096);
}

TEST_CASE("ResolveDatabase: pgjdbc's trust parameters are left out, and the notes say so") {
  const std::string rds = "mydb.c9akciq32.us-west-2.rds.amazonaws.com";
  const Database db = rdsca::ResolveDatabase(
      Cups("main", {{"uri", "postgres://u:p@" + rds + ":5432/d"},
                    {"jdbcUrl", "jdbc:postgresql://" + rds + ":5432/d?sslfactory=org.postgresql.ssl.NonValidatingFactory"
                                "&sslfactoryarg=x&sslhostnameverifier=org.example.Any&SSLMODE=disable&SslRootCert=/a.pem"
                                "&gssEncMode=require&loggerLevel=OFF"}}),
      rdsca::Postgres(), "t", {});
  CHECK(db.tls == TlsMode::kVerifyFull);
  CHECK(db.tls_source == "default");
  CHECK(db.jdbc_params == rdsca::UrlParams{{"loggerLevel", "OFF"}});
  const std::string out = ": it would change how the driver trusts the server, which the exported TLS parameters decide";
  CHECK(db.notes == std::vector<std::string>{
                        "the jdbcUrl's parameter sslfactory is left out" + out,
                        "the jdbcUrl's parameter sslfactoryarg is left out" + out,
                        "the jdbcUrl's parameter sslhostnameverifier is left out" + out,
                        "the jdbcUrl's parameter SSLMODE is left out" + out,
                        "the jdbcUrl's parameter SslRootCert is left out" + out,
                        "the jdbcUrl's parameter gssEncMode is left out" + out,
                    });
  CHECK(db.engine->JdbcUrl(db, "/rds-ca.pem") ==
        "jdbc:postgresql://" + rds + ":5432/d?loggerLevel=OFF&sslmode=verify-full&sslrootcert=/rds-ca.pem");
  // the uri's too (its parameters also make the JDBC URL when there is no jdbcUrl)
  const Database uri_only = rdsca::ResolveDatabase(
      Cups("main", {{"uri", "postgres://u:p@" + rds + "/d?sslfactory=org.postgresql.ssl.NonValidatingFactory&gssencmode=disable"}}),
      rdsca::Postgres(), "t", {});
  CHECK(uri_only.jdbc_params == rdsca::UrlParams{{"gssencmode", "disable"}});
  CHECK(uri_only.notes == std::vector<std::string>{"the uri's parameter sslfactory is left out" + out});
}

TEST_CASE("ResolveDatabase: a parameter that moves the connection off the verified host is refused") {
  const std::string rds = "mydb.c9akciq32.us-west-2.rds.amazonaws.com";
  const std::string what = " would make the driver connect elsewhere than the host and port that are verified (a Unix "
                           "socket, another host, a socket factory): remove it from the ";
  CHECK(SelectError({Cups("main", {{"uri", "postgres://app:PW@" + rds + ":5432/d?host=/some/dir"}})}) ==
        "service 'main': the uri's parameter host" + what + "uri");
  for (const char* key : {"hostaddr", "port", "service", "PGHOST", "PGPORT", "socketFactory", "socketFactoryArg"}) {
    CAPTURE(key);
    CHECK(SelectError({Cups("main", {{"uri", "postgres://app:PW@" + rds + "/d"},
                                     {"jdbcUrl", "jdbc:postgresql://" + rds + "/d?" + key + "=x"}})}) ==
          "service 'main': the jdbcUrl's parameter " + std::string(key) + what + "jdbcUrl");
  }
  // MySQL's: Connector/J reads any case
  for (const char* key : {"socket", "Host", "PORT", "socketFactory", "localSocket", "pipe", "propertiesTransform"}) {
    CAPTURE(key);
    CHECK(SelectError({Cups("m", {{"uri", "mysql://app:PW@" + rds + ":3306/d?" + key + "=/tmp/x"}})}) ==
          "service 'm': the uri's parameter " + std::string(key) + what + "uri");
  }
}

TEST_CASE("ResolveDatabase: MySQL parameters in any letter case, as Connector/J reads them") {
  const std::string rds = "mydb.c9akciq32.us-west-2.rds.amazonaws.com";
  const Database db = rdsca::SelectDatabases(
                          {Cups("m", {{"uri", "mysql://app:PW@" + rds + ":3306/d"},
                                      {"jdbcUrl", "jdbc:mysql://" + rds + ":3306/d?SSLMODE=DISABLED&UseSSL=false"
                                                  "&TrustCertificateKeyStoreUrl=file:/x.jks&connectTimeout=5"}})},
                          {})
                          .databases.at(0);
  CHECK(db.tls == TlsMode::kDisable);
  CHECK(db.tls_source == "jdbcUrl ssl_mode");
  CHECK(db.jdbc_params == rdsca::UrlParams{{"connectTimeout", "5"}});
  CHECK(db.notes == std::vector<std::string>{
                        "the jdbcUrl's parameter TrustCertificateKeyStoreUrl is left out: it would change how the "
                        "driver trusts the server, which the exported TLS parameters decide"});
  const Database legacy = rdsca::SelectDatabases(
                              {Cups("m", {{"jdbcUrl", "jdbc:mysql://" + rds + ":3306/d?USESSL=FALSE"}})}, {})
                              .databases.at(0);
  CHECK(legacy.tls == TlsMode::kDisable);
  CHECK(legacy.jdbc_params.empty());
}
