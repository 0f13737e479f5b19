#include "launch/exports.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "base/fs.h"
#include "bindings/bindings.h"
#include "launch/cf_launch.h"
#include "db/mysql/mysql.h"
#include "launch/render_shell.h"
#include "test_util.h"

using rdsca::Export;
using rdsca::StoreFiles;

namespace {

using Exports = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kDeps = "/home/vcap/deps";
constexpr const char* kRc = "&sslrootcert=/home/vcap/deps/0/rds-ca/rds-ca.pem";
const StoreFiles kAll = rdsca::StoreAt("/home/vcap/deps/0");

const Exports kTrust = {
    {"SSL_CERT_DIR", "/home/vcap/deps/0/rds-ca/certs:/etc/ssl/certs"},
    {"SSL_CERT_FILE", "/home/vcap/deps/0/rds-ca/ca-certificates.crt"},
    {"PGSSLROOTCERT", "/home/vcap/deps/0/rds-ca/ca-certificates.crt"},
    {"NODE_EXTRA_CA_CERTS", "/home/vcap/deps/0/rds-ca/rds-ca.pem"},
    {"REQUESTS_CA_BUNDLE", "/home/vcap/deps/0/rds-ca/ca-certificates.crt"},
    {"JAVA_TOOL_OPTIONS",
     "-Djavax.net.ssl.trustStore=/home/vcap/deps/0/rds-ca/truststore.p12 "
     "-Djavax.net.ssl.trustStoreType=PKCS12"},
};

Exports Pairs(const std::vector<Export>& exports) {
  Exports out;
  for (const auto& e : exports) out.emplace_back(e.name, e.value);
  return out;
}

Exports With(Exports head, const Exports& tail = kTrust) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

Exports ForEnv(rdsca::Env env, const StoreFiles& installed = kAll) {
  env.emplace("DEPS_DIR", kDeps);
  const rdsca::Settings settings = rdsca::ReadSettings(env);
  return Pairs(rdsca::ComputeExports(settings, env, rdsca::SelectDatabases(rdsca::ReadBindings(env).list, settings),
                                     installed));
}

Exports ForVcap(const std::string& fixture, rdsca::Env env = {}, const StoreFiles& installed = kAll) {
  env["VCAP_SERVICES"] = rdsca::testing::ReadFixture("vcap/" + fixture);
  return ForEnv(std::move(env), installed);
}

/// DB_SSL_MODE and the two variables that tell a later run it was the hook's (the app had none).
Exports DbSslMode(const std::string& mode) {
  return {{"DB_SSL_MODE", mode}, {"RDS_CA_EXPORTED_DB_SSL_MODE", mode}, {"RDS_CA_APP_DB_SSL_MODE", ""}};
}

/// DATABASE_URL, the three JDBC variables and DB_SSL_MODE for one database.
Exports Db(const std::string& url, const std::string& jdbc, const std::string& user,
           const std::string& password, const std::string& mode) {
  return With({{"DATABASE_URL", url},
               {"JDBC_DATABASE_URL", jdbc},
               {"JDBC_DATABASE_USERNAME", user},
               {"JDBC_DATABASE_PASSWORD", password}},
              DbSslMode(mode));
}

std::string ErrorFor(rdsca::Env env, std::string_view idx = "0") {
  try {
    env.emplace("DEPS_DIR", kDeps);
    rdsca::CfLaunchExports(env, idx);
  } catch (const rdsca::Failure& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("launch exports for every fixture, exactly") {
  const std::string seed_host = "something.xyx.us-west-2.rds.amazonaws.com:5432/console_db";
  const Exports seed =
      Db("postgres://myuser:mypass@" + seed_host + "?sslmode=verify-full" + kRc,
         "jdbc:postgresql://" + seed_host + "?sslmode=verify-full" + kRc, "myuser", "mypass", "verify-full");
  CHECK(ForVcap("seed-004.json") == With(seed));
  CHECK(ForVcap("seed-004-sslmode.json") ==
        With(Db("postgres://myuser:mypass@" + seed_host + "?sslmode=verify-ca" + kRc,
                "jdbc:postgresql://" + seed_host + "?sslmode=verify-ca" + kRc, "myuser", "mypass", "verify-ca")));
  const std::string app = "app.c9akciq32xyz.eu-west-1.rds.amazonaws.com:5432/appdb";
  CHECK(ForVcap("cups-uri.json") ==
        With(Db("postgres://app%40user:s3cr%2Ft@" + app +
                    "?connect_timeout=10&application_name=my%20app&sslmode=require" + kRc,
                "jdbc:postgresql://" + app + "?connect_timeout=10&application_name=my%20app&sslmode=require" + kRc,
                "app@user", "s3cr/t", "require")));
  CHECK(ForVcap("cups-url.json") ==
        With(Db(std::string("postgres://app:pw@db.internal.example.com:5432/appdb?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://db.internal.example.com:5432/appdb?sslmode=verify-full") + kRc,
                "app", "pw", "verify-full")));
  const std::string reports = "reports.cluster-ro-c9akciq32xyz.us-east-2.rds.amazonaws.com:5432/reports";
  CHECK(ForVcap("cups-discrete.json") ==
        With(Db("postgres://reporter:hunter2@" + reports + "?sslmode=verify-full" + kRc,
                "jdbc:postgresql://" + reports + "?sslmode=verify-full" + kRc, "reporter", "hunter2",
                "verify-full")));
  const std::string csb = "csb-postgresql-6e1f.c9akciq32xyz.us-west-2.rds.amazonaws.com:5432/vsbdb";
  CHECK(ForVcap("csb-aws-postgresql.json") ==
        With(Db("postgres://u6b2d:Pw7xQz9r@" + csb + "?sslmode=verify-full" + kRc,
                "jdbc:postgresql://" + csb + "?useSSL=true&sslmode=verify-full" + kRc, "u6b2d", "Pw7xQz9r",
                "verify-full")));
  const std::string gov =
      "cg-aws-broker-prodabc.ci7nkegdizyy.us-gov-west-1.rds.amazonaws.com:5432/cgawsbrokerprodabc";
  CHECK(ForVcap("aws-rds.json") ==
        With(Db("postgres://uqwe:Zx81kQm@" + gov + "?sslmode=verify-full" + kRc,
                "jdbc:postgresql://" + gov + "?sslmode=verify-full" + kRc, "uqwe", "Zx81kQm", "verify-full")));
  CHECK(ForVcap("jdbc-only.json") ==
        With(Db(std::string("postgres://clerk:a%26b@legacy.example.org:5433/ledger?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://legacy.example.org:5433/ledger?loggerLevel=OFF&sslmode=verify-full") + kRc,
                "clerk", "a&b", "verify-full")));
  CHECK(ForVcap("ipv6.json") ==
        With(Db(std::string("postgres://six:pw@[2001:db8::10]:5432/v6?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://[2001:db8::10]:5432/v6?sslmode=verify-full") + kRc, "six", "pw",
                "verify-full")));
  CHECK(ForVcap("odd-password.json") ==
        With(Db("postgres://o%27brien:p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x%60uname%60%0A%5C%20%C3%A9"
                "@odd.example.com:5432/my%20db/%C3%BC?sslmode=verify-full" + std::string(kRc),
                "jdbc:postgresql://odd.example.com:5432/my%20db%2F%C3%BC?sslmode=verify-full" + std::string(kRc),
                "o'brien", "p@ss:w/rd?#%&'\"$(id) x`uname`\n\\ é", "verify-full")));
  CHECK(ForVcap("conflict.json") ==
        With(Db(std::string("postgres://urluser:newpass@new.example.com:5432/newdb?sslmode=verify-ca") + kRc,
                std::string("jdbc:postgresql://new.example.com:5432/newdb?sslmode=verify-ca") + kRc, "urluser",
                "newpass", "verify-ca")));
  CHECK(ForVcap("inline-ca.json") ==
        With(Db(std::string("postgres://p:pp@pg.corp.example:5432/p?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://pg.corp.example:5432/p?sslmode=verify-full") + kRc, "p", "pp",
                "verify-full")));
  CHECK(ForVcap("servicebinding-type.json") ==
        With(Db(std::string("postgres://u:p@pg.example.net:5432/d?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://pg.example.net:5432/d?sslmode=verify-full") + kRc, "u", "p",
                "verify-full")));
  CHECK(ForVcap("not-database.json") == kTrust);
  CHECK(ForVcap("empty.json") == kTrust);
  CHECK(ForEnv({}) == kTrust);
}

TEST_CASE("launch exports: several PostgreSQL bindings also get <NAME>_DATABASE_URL") {
  const std::string mode = std::string("?sslmode=verify-full") + kRc;
  const std::string first = "postgres://f:fp@first.example.com:5432/first" + mode;
  Exports expected = Db(first, "jdbc:postgresql://first.example.com:5432/first" + mode, "f", "fp", "verify-full");
  expected.insert(expected.end() - 3,
                  {{"_1ST_DB_DATABASE_URL", first},
                   {"AUDIT_DB_DATABASE_URL", "postgres://a:ap@audit.example.com:5432/audit" + mode},
                   {"ORDERS_DB_DATABASE_URL",
                    "postgres://o:op@orders.c9akciq32xyz.us-west-2.rds.amazonaws.com:5432/orders" + mode}});
  CHECK(ForVcap("several.json") == With(expected));
  const Exports stratos = ForVcap("several-stratos.json");
  CHECK(stratos.at(0) == std::pair<std::string, std::string>{"DATABASE_URL", "postgres://c:cp@c.example.com:5432/c" + mode});
  CHECK(stratos.at(4).first == "CONSOLE_DB_DATABASE_URL");
  CHECK(stratos.at(5).first == "A_DB_DATABASE_URL");
}

TEST_CASE("launch exports from file-based bindings") {
  const std::string seed_host = "something.xyx.us-west-2.rds.amazonaws.com:5432/console_db";
  const Exports seed =
      Db("postgres://myuser:mypass@" + seed_host + "?sslmode=verify-full" + kRc,
         "jdbc:postgresql://" + seed_host + "?sslmode=verify-full" + kRc, "myuser", "mypass", "verify-full");
  CHECK(ForEnv({{"VCAP_SERVICES_FILE_PATH", rdsca::testing::Fixture("vcap/seed-004.json").string()}}) == With(seed));
  CHECK(ForEnv({{"SERVICE_BINDING_ROOT", rdsca::testing::Fixture("service-bindings/cf-layout").string()}}) ==
        With(seed));
  const std::string orders = "orders.cluster-c9akciq32xyz.eu-central-1.rds.amazonaws.com:5432/orders";
  CHECK(ForEnv({{"SERVICE_BINDING_ROOT", rdsca::testing::Fixture("service-bindings/servicebinding-io").string()}}) ==
        With(Db("postgres://orders:p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x@" + orders +
                    "?sslmode=verify-full" + kRc,
                "jdbc:postgresql://" + orders + "?sslmode=verify-full" + kRc, "orders",
                "p@ss:w/rd?#%&'\"$(id) x", "verify-full")));
  CHECK(ForEnv({{"SERVICE_BINDING_ROOT", rdsca::testing::Fixture("service-bindings/k8s-projected").string()}}) ==
        With(Db(std::string("postgres://app:k8s-secret@pg.default.svc:5432/app?sslmode=verify-full") + kRc,
                std::string("jdbc:postgresql://pg.default.svc:5432/app?sslmode=verify-full") + kRc, "app",
                "k8s-secret", "verify-full")));
}

TEST_CASE("launch exports: modes and switches") {
  const std::string url = "postgres://myuser:mypass@something.xyx.us-west-2.rds.amazonaws.com:5432/console_db";
  SUBCASE("DB_SSL_MODE=prefer: DATABASE_URL keeps prefer, DB_SSL_MODE says require") {
    auto e = ForVcap("seed-004.json", {{"DB_SSL_MODE", "prefer"}});
    CHECK(e.at(0).second == url + "?sslmode=prefer" + kRc);
    CHECK(e.at(4) == std::pair<std::string, std::string>{"DB_SSL_MODE", "require"});
    CHECK(e.at(5) == std::pair<std::string, std::string>{"RDS_CA_EXPORTED_DB_SSL_MODE", "require"});
    CHECK(e.at(6) == std::pair<std::string, std::string>{"RDS_CA_APP_DB_SSL_MODE", "prefer"});
  }
  SUBCASE("disable: no sslrootcert") {
    auto e = ForVcap("seed-004.json", {{"DB_SSL_MODE", "disable"}});
    CHECK(e.at(0).second == url + "?sslmode=disable");
    CHECK(e.at(4).second == "disable");
  }
  SUBCASE("no trust store installed: no sslrootcert and no trust-store variables") {
    auto e = ForVcap("seed-004.json", {}, StoreFiles{});
    CHECK(e.size() == 7);
    CHECK(e.at(0).second == url + "?sslmode=verify-full");
    auto own = ForEnv({{"VCAP_SERVICES", R"({"x":[{"name":"d","credentials":{"uri":"postgres://h/d?sslrootcert=/app/ca.pem"}}]})"}},
                      StoreFiles{});
    CHECK(own.at(0).second == "postgres://h:5432/d?sslmode=verify-full&sslrootcert=/app/ca.pem");
  }
  SUBCASE("RDS_CA_DATABASE_URL=false leaves the URLs to the app") {
    CHECK(ForVcap("several.json", {{"RDS_CA_DATABASE_URL", "false"}}) == With(DbSslMode("verify-full")));
  }
  SUBCASE("every variable has its switch") {
    rdsca::Env off;
    for (const char* name : {"DATABASE_URL", "DB_SSL_MODE", "SSL_CERT_DIR", "SSL_CERT_FILE", "PGSSLROOTCERT",
                             "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "JAVA_TOOL_OPTIONS"}) {
      off[std::string("RDS_CA_") + name] = "false";
    }
    CHECK(ForVcap("seed-004.json", off).empty());
    CHECK(ErrorFor({{"RDS_CA_SSL_CERT_DIR", "maybe"}}) ==
          "RDS_CA_SSL_CERT_DIR=maybe is not a switch: set it to true or false");
  }
  SUBCASE("the app's own trust settings are kept") {
    auto e = ForEnv({{"SSL_CERT_DIR", "/app/certs:/etc/ssl/certs"},
                     {"SSL_CERT_FILE", "/app/ca.crt"},
                     {"PGSSLROOTCERT", "/app/root.crt"},
                     {"NODE_EXTRA_CA_CERTS", "/app/node.pem"},
                     {"REQUESTS_CA_BUNDLE", "/app/requests.pem"},
                     {"JAVA_TOOL_OPTIONS", "-Xmx512m"}});
    CHECK(e == Exports{{"SSL_CERT_DIR", "/home/vcap/deps/0/rds-ca/certs:/app/certs:/etc/ssl/certs"},
                       {"JAVA_TOOL_OPTIONS",
                        "-Xmx512m -Djavax.net.ssl.trustStore=/home/vcap/deps/0/rds-ca/truststore.p12 "
                        "-Djavax.net.ssl.trustStoreType=PKCS12"}});
    CHECK(ForEnv({{"JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/app/my.jks"}}).size() == kTrust.size() - 1);
  }
  SUBCASE("a second run changes nothing more") {
    rdsca::Env env{{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/seed-004.json")}};
    for (const auto& [name, value] : ForEnv(env)) env[name] = value;
    CHECK(ForEnv(env) == With(Db(url + "?sslmode=verify-full" + kRc,
                                 "jdbc:postgresql://something.xyx.us-west-2.rds.amazonaws.com:5432/console_db"
                                 "?sslmode=verify-full" + std::string(kRc),
                                 "myuser", "mypass", "verify-full"),
                              {}));
  }
}

TEST_CASE("launch exports: bad input is an error, never part of an environment") {
  CHECK(ErrorFor({{"VCAP_SERVICES", "{\"a\": [}"}}) ==
        "VCAP_SERVICES is not valid JSON (line 1, column 8, byte 8): set it to the JSON object Cloud "
        "Foundry writes, or unset it");
  CHECK(ErrorFor({{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/bad-port-range.json")}}) ==
        "service 'console_db': port 70000 is out of range: set port to a number from 1 to 65535");
  CHECK(ErrorFor({}, "") == "DEPS_IDX '' is not a buildpack index: pass the DEPS_IDX staging gave, such as 0");
  CHECK(ErrorFor({}, "../x") ==
        "DEPS_IDX '../x' is not a buildpack index: pass the DEPS_IDX staging gave, such as 0");
  CHECK_THROWS_WITH_AS(rdsca::CfLaunchExports({}, "0"),
                       "DEPS_DIR is not set: the launch hook runs at container start, where Cloud "
                       "Foundry's launcher sets it (set DEPS_DIR to run it by hand)",
                       rdsca::Failure);
}

TEST_CASE("BindingVariables: upper-cased, other characters '_', collisions skipped") {
  std::vector<rdsca::Database> dbs(6);
  const char* names[] = {"my-db", "my.db", "jdbc", "rds-ca", "9lives", "Ünï"};
  for (int i = 0; i < 6; ++i) dbs[static_cast<std::size_t>(i)].service = names[i];
  CHECK(rdsca::BindingVariables(dbs) ==
        std::vector<std::string>{"MY_DB_DATABASE_URL", "", "", "", "_9LIVES_DATABASE_URL",
                                 "__N___DATABASE_URL"});
}

TEST_CASE("RenderShell: export lines through ShellQuote; NUL refused") {
  CHECK(rdsca::RenderShell({{"A", "x'y"}, {"B_1", ""}}) == "export A='x'\\''y'\nexport B_1=''\n");
  CHECK(rdsca::RenderShell({}).empty());
  CHECK_THROWS_WITH_AS(rdsca::RenderShell({{"A", "ok"}, {"DATABASE_URL", std::string("a\0b", 3)}}),
                       "DATABASE_URL would hold a NUL byte, which no environment variable can carry: "
                       "remove it from the service's credentials",
                       rdsca::Failure);
  CHECK_THROWS_WITH_AS(rdsca::RenderShell({{"1X", "v"}}),
                       "'1X' is not a shell variable name: nothing was exported", rdsca::Failure);
}

TEST_CASE("FindStore and RuntimeDepDir") {
  rdsca::testing::TempDir dir;
  const std::string root = dir.path().string();
  CHECK(rdsca::FindStore(root).rds_bundle.empty());
  rdsca::fs::WriteFileAtomic(dir.path() / "rds-ca/rds-ca.pem", "x");
  rdsca::fs::MakeDirs(dir.path() / "rds-ca/certs");
  auto f = rdsca::FindStore(root);
  CHECK(f.rds_bundle == root + "/rds-ca/rds-ca.pem");
  CHECK(f.hashed_dir == root + "/rds-ca/certs");
  CHECK(f.combined_bundle.empty());
  CHECK(f.java_trust_store.empty());
  CHECK(rdsca::RuntimeDepDir({{"DEPS_DIR", "/home/vcap/deps/"}}, "03") == "/home/vcap/deps/03");
}

namespace {

constexpr const char* kCa = "/home/vcap/deps/0/rds-ca/rds-ca.pem";

/// DATABASE_URL and the JDBC variables of a MySQL database verified under verify_identity:
/// sslca and ssl_mode for Rails, the JDBC parameters both Connector/Js read.
Exports MysqlDb(const std::string& host_db, const std::string& userinfo, const std::string& query,
                const std::string& user, const std::string& password) {
  return Db("mysql2://" + userinfo + "@" + host_db + "?" + query + "sslca=" + kCa + "&ssl_mode=verify_identity",
            "jdbc:mysql://" + host_db + "?useSSL=true&sslMode=VERIFY_IDENTITY&serverSslCert=" + kCa +
                "&permitMysqlScheme=true",
            user, password, "true");
}

}  // namespace

TEST_CASE("launch exports for every MySQL broker shape, exactly") {
  CHECK(ForVcap("csb-aws-mysql.json") ==
        With(MysqlDb("csb-mysql-7a2c.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/csbdb", "u7c1e:Qw3rTy9z", "",
                     "u7c1e", "Qw3rTy9z")));
  CHECK(ForVcap("csb-aws-aurora-mysql.json") ==
        With(MysqlDb("csb-auroramysql-19d4.cluster-c9akciq32xyz.eu-west-1.rds.amazonaws.com:3306/ledgerdb",
                     "ua9f0:Zy8%25xW7v", "", "ua9f0", "Zy8%xW7v")));
  CHECK(ForVcap("aws-rds-mysql.json") ==
        With(MysqlDb("cg-aws-broker-prodshop.ci7nkegdizyy.us-gov-west-1.rds.amazonaws.com:3306/shop", "u:pw", "", "u",
                     "pw")));
  CHECK(ForVcap("cups-mysql-seed-004.json") ==
        With(MysqlDb("console.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/console_db", "myuser:mypass", "",
                     "myuser", "mypass")));
  CHECK(ForVcap("p-mysql.json") ==
        With(MysqlDb("q-n3s3y1.q-g1.bosh:3306/service_instance_db", "1a2b3c:s3cret", "reconnect=true&", "1a2b3c",
                     "s3cret")));
  CHECK(ForVcap("not-postgres.json") ==
        With(MysqlDb("shop.ci7nkegdizyy.us-east-1.rds.amazonaws.com:3306/shop", "u:p", "", "u", "p")));
}

TEST_CASE("launch exports for MySQL from a servicebinding.io binding of type mysql") {
  CHECK(ForEnv({{"SERVICE_BINDING_ROOT", rdsca::testing::Fixture("service-bindings/servicebinding-io-mysql").string()}}) ==
        With(MysqlDb("shop.c9akciq32xyz.ap-southeast-2.rds.amazonaws.com:3306/shop", "shopper:s3cr3t%2B%2Fx", "",
                     "shopper", "s3cr3t+/x")));
}

TEST_CASE("launch exports for MySQL: the app's mode in Stratos's words, the option file's variable") {
  const std::string host_db = "console.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/console_db";
  SUBCASE("DB_SSL_MODE=verify-full by analogy with PostgreSQL becomes true, never a value Stratos refuses") {
    Exports want = With(MysqlDb(host_db, "myuser:mypass", "", "myuser", "mypass"));
    want[6].second = "verify-full";  // RDS_CA_APP_DB_SSL_MODE: the app's own, as found
    CHECK(ForVcap("cups-mysql-seed-004.json", {{"DB_SSL_MODE", "verify-full"}}) == want);
  }
  SUBCASE("DB_SSL_MODE=skip-verify: TLS, nothing verified, no CA in the URL") {
    const Exports got = ForVcap("cups-mysql-seed-004.json", {{"DB_SSL_MODE", "skip-verify"}});
    CHECK(got[0].second == "mysql2://myuser:mypass@" + host_db + "?ssl_mode=required");
    CHECK(got[1].second == "jdbc:mysql://" + host_db + "?useSSL=true&sslMode=REQUIRED&trustServerCertificate=true&permitMysqlScheme=true");
    CHECK(got[4] == std::pair<std::string, std::string>{"DB_SSL_MODE", "skip-verify"});
  }
  SUBCASE("MYSQL_HOME names the option directory when its my.cnf was written for this store") {
    StoreFiles store = kAll;
    store.option_files = {{"my.cnf", rdsca::Mysql().OptionFileText(store.rds_bundle)}};
    const Exports got = ForVcap("cups-mysql-seed-004.json", {}, store);
    CHECK(got.back() == std::pair<std::string, std::string>{"MYSQL_HOME", "/home/vcap/deps/0/rds-ca/client"});
    CHECK(ForVcap("cups-mysql-seed-004.json", {{"MARIADB_HOME", "/app/my"}}, store).back().first == "JAVA_TOOL_OPTIONS");
    CHECK(ForVcap("cups-mysql-seed-004.json", {{"MYSQL_HOME", "/app/my"}}, store).back().first == "JAVA_TOOL_OPTIONS");
    CHECK(ForVcap("cups-mysql-seed-004.json", {{"RDS_CA_MYSQL_HOME", "false"}}, store).back().first == "JAVA_TOOL_OPTIONS");
    CHECK(ForVcap("seed-004.json", {}, store).back().first == "JAVA_TOOL_OPTIONS");
    store.option_files = {{"my.cnf", rdsca::Mysql().OptionFileText("/tmp/staging/deps/0/rds-ca/rds-ca.pem")}};
    CHECK(ForVcap("cups-mysql-seed-004.json", {}, store).back().first == "JAVA_TOOL_OPTIONS");
    store.option_ca = "/droplet/rds-ca.pem";
    store.option_files = {{"my.cnf", rdsca::Mysql().OptionFileText("/droplet/rds-ca.pem")}};
    CHECK(ForVcap("cups-mysql-seed-004.json", {}, store).back().second == "/home/vcap/deps/0/rds-ca/client");
  }
  SUBCASE("a PostgreSQL and a MySQL binding: each its own URL") {
    rdsca::Env env = {{"VCAP_SERVICES", R"({"user-provided": [
      {"name": "pg", "credentials": {"uri": "postgres://a:b@pg.example/p"}},
      {"name": "my", "credentials": {"uri": "mysql://c:d@my.example/m"}}]})"},
                      {"RDS_CA_SERVICE", "my"}};
    const Exports got = ForEnv(env);
    CHECK(got[0].second == std::string("mysql2://c:d@my.example:3306/m?sslca=") + kCa + "&ssl_mode=verify_identity");
    CHECK(got[4] == std::pair<std::string, std::string>{"MY_DATABASE_URL", got[0].second});
    CHECK(got[5] == std::pair<std::string, std::string>{"PG_DATABASE_URL", std::string("postgres://a:b@pg.example:5432/p?sslmode=verify-full") + kRc});
    CHECK(got[6] == std::pair<std::string, std::string>{"DB_SSL_MODE", "true"});
  }
}

TEST_CASE("launch exports: a binding's own CA is its URL's alone, never the other bindings' or the app's") {
  rdsca::testing::TempDir dir;
  const std::string root = dir.path().string();
  const std::string pem = rdsca::testing::ReadFixture("certs/test-ca.pem");
  const std::string rds = "mydb.c9akciq32.us-west-2.rds.amazonaws.com";
  nlohmann::json vcap = {{"user-provided",
                          {{{"name", "main"}, {"tags", {"postgresql"}},
                            {"credentials", {{"uri", "postgres://u:p@" + rds + ":5432/d"}}}},
                           {{"name", "other"}, {"tags", {"postgresql"}},
                            {"credentials", {{"uri", "postgres://o:q@other.example.com:5432/o"}, {"ca_certificate", pem}}}}}}};
  const std::string own = rdsca::BindingCaFileName({{"ca_certificate", pem}});
  rdsca::fs::WriteFileAtomic(dir.path() / "rds-ca/rds-ca.pem", "rds");
  rdsca::fs::WriteFileAtomic(dir.path() / "rds-ca/binding-ca" / own, "rds and other's");
  rdsca::Env env = {{"VCAP_SERVICES", vcap.dump()}};
  const auto value = [](const Exports& exports, const std::string& name) {
    for (const auto& [k, v] : exports) {
      if (k == name) return v;
    }
    return std::string("(none)");
  };
  const Exports got = ForEnv(env, rdsca::FindStore(root));
  const std::string mode = "?sslmode=verify-full&sslrootcert=";
  CHECK(value(got, "MAIN_DATABASE_URL") == "postgres://u:p@" + rds + ":5432/d" + mode + root + "/rds-ca/rds-ca.pem");
  CHECK(value(got, "OTHER_DATABASE_URL") ==
        "postgres://o:q@other.example.com:5432/o" + mode + root + "/rds-ca/binding-ca/" + own);
  // a CA changed since staging has no file: the binding gets the RDS bundle, not a stale file
  vcap["user-provided"][1]["credentials"]["ca_certificate"] = pem + "\n";
  env["VCAP_SERVICES"] = vcap.dump();
  CHECK(value(ForEnv(env, rdsca::FindStore(root)), "OTHER_DATABASE_URL") ==
        "postgres://o:q@other.example.com:5432/o" + mode + root + "/rds-ca/rds-ca.pem");
  // a link in the directory's place counts as absent
  rdsca::testing::TempDir elsewhere;
  std::filesystem::rename(dir.path() / "rds-ca/binding-ca", elsewhere.path() / "binding-ca");
  std::filesystem::create_directory_symlink(elsewhere.path() / "binding-ca", dir.path() / "rds-ca/binding-ca");
  CHECK(rdsca::FindStore(root).binding_cas.empty());
}
