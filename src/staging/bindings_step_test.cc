#include <doctest/doctest.h>

#include <sstream>

#include "db/selection.h"
#include "base/error.h"
#include "base/fs.h"
#include "cf/phases.h"
#include "cf/stager.h"
#include "staging/staging_state.h"
#include "test_util.h"

namespace rdsca {
namespace {

constexpr const char* kStep = "-----> Reading database bindings\n";

/// One run of the bindings step in a temporary staging layout.
struct StepRun {
  explicit StepRun(Env e) : env(std::move(e)) {}
  std::string Run() {
    BindingsStep(state);
    return out.str();
  }
  std::optional<std::string> EnvFile(const std::string& name) const {
    return fs::ReadFileIfExists(stager.dep_dir() / "env" / name, "env file");
  }
  testing::TempDir tmp;
  Env env;
  Stager stager{tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0"};
  std::ostringstream out;
  Log log{out};
  StagingState state{stager, env, log, tmp.path() / "bp"};
};

Env Vcap(const std::string& fixture, Env env = {}) {
  env["VCAP_SERVICES"] = testing::ReadFixture("vcap/" + fixture);
  return env;
}

std::string StepError(Env env) {
  std::optional<StepRun> run;
  try {
    run.emplace(std::move(env));  // the settings are read here
    run->Run();
  } catch (const Failure& e) {
    if (run) CHECK_FALSE(run->EnvFile("DB_SSL_MODE").has_value());
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("BindingsStep: seed 004") {
  StepRun run(Vcap("seed-004.json"));
  CHECK(run.Run() ==
        std::string(kStep) +
            "       bindings from VCAP_SERVICES: 1 service\n"
            "       service 'console_db': PostgreSQL (uri scheme postgres): "
            "postgres://myuser:***@something.xyx.us-west-2.rds.amazonaws.com:5432/console_db, sslmode "
            "verify-full (default)\n"
            "       service 'console_db': uri is only a scheme: the discrete fields complete it "
            "(hostname, username, password, dbname, port)\n"
            "       selected 'console_db': the only PostgreSQL binding\n"
            "       at launch: DATABASE_URL and JDBC_DATABASE_URL/USERNAME/PASSWORD from 'console_db', "
            "computed from the live binding\n"
            "       DB_SSL_MODE=verify-full for later buildpacks (deps/0/env/DB_SSL_MODE) and at launch\n");
  CHECK(run.EnvFile("DB_SSL_MODE") == "verify-full");
  REQUIRE(run.state.databases.size() == 1);
  CHECK(run.state.databases[0].service == "console_db");
  CHECK(run.state.databases[0].host == "something.xyx.us-west-2.rds.amazonaws.com");
  CHECK(run.state.databases[0].tls == TlsMode::kVerifyFull);
  CHECK(run.state.databases[0].port == 5432);
  CHECK(run.state.databases[0].selected);
  CHECK(run.state.metadata.dump() ==
        R"({"bindings":{"source":"VCAP_SERVICES","services":["console_db"],"postgresql":["console_db"],)"
        R"("selected":"console_db","selected_because":"the only PostgreSQL binding"}})");
  CHECK(run.out.str().find("mypass") == std::string::npos);
}

TEST_CASE("BindingsStep: weak modes warn; prefer becomes require in DB_SSL_MODE") {
  StepRun run(Vcap("seed-004.json", {{"DB_SSL_MODE", "prefer"}}));
  const std::string log = run.Run();
  CHECK(log.find("       **WARNING** service 'console_db': sslmode prefer does not verify the certificate "
                 "of the RDS host something.xyx.us-west-2.rds.amazonaws.com: set DB_SSL_MODE=verify-full "
                 "(or sslmode in its credentials)\n"
                 "       **WARNING** DB_SSL_MODE will be require, not prefer: Stratos and Go's lib/pq "
                 "accept only disable, require, verify-ca and verify-full (DATABASE_URL keeps prefer)\n") !=
        std::string::npos);
  CHECK(run.EnvFile("DB_SSL_MODE") == "require");
  CHECK(run.state.databases.at(0).tls == TlsMode::kPrefer);  // DATABASE_URL's mode; DB_SSL_MODE maps it
  StepRun ca(Vcap("seed-004-sslmode.json"));
  CHECK(ca.Run().find("WARNING") == std::string::npos);
}

TEST_CASE("BindingsStep: several bindings, the disagreement notes, the per-binding variables") {
  StepRun run(Vcap("several.json"));
  CHECK(run.Run() ==
        std::string(kStep) +
            "       bindings from VCAP_SERVICES: 4 services\n"
            "       service 'orders-db': PostgreSQL (label csb-aws-postgresql): "
            "postgres://o:***@orders.c9akciq32xyz.us-west-2.rds.amazonaws.com:5432/orders, sslmode "
            "verify-full (default)\n"
            "       service 'cache': not PostgreSQL (no PostgreSQL uri, label, tag or fields)\n"
            "       service 'audit.db': PostgreSQL (uri scheme postgres): "
            "postgres://a:***@audit.example.com:5432/audit, sslmode verify-full (default)\n"
            "       service '1st-db': PostgreSQL (uri scheme postgres): "
            "postgres://f:***@first.example.com:5432/first, sslmode verify-full (default)\n"
            "       selected '1st-db': first by name of 3 PostgreSQL bindings; set RDS_CA_SERVICE to "
            "choose another\n"
            "       at launch: DATABASE_URL and JDBC_DATABASE_URL/USERNAME/PASSWORD from '1st-db', "
            "computed from the live binding\n"
            "       at launch: _1ST_DB_DATABASE_URL from '1st-db'\n"
            "       at launch: AUDIT_DB_DATABASE_URL from 'audit.db'\n"
            "       at launch: ORDERS_DB_DATABASE_URL from 'orders-db'\n"
            "       DB_SSL_MODE=verify-full for later buildpacks (deps/0/env/DB_SSL_MODE) and at launch\n");
  CHECK(run.state.databases.size() == 3);
  CHECK_FALSE(run.state.databases[1].selected);
  StepRun conflict(Vcap("conflict.json"));
  const std::string log = conflict.Run();
  CHECK(log.find("       service 'mixed-db': hostname 'new.example.com' and the uri's host "
                 "'old.example.com' differ: hostname wins (a discrete field is explicit, and it is "
                 "what Stratos reads)\n") != std::string::npos);
  CHECK(log.find("urlpass") == std::string::npos);
  CHECK(log.find("newpass") == std::string::npos);
}

TEST_CASE("BindingsStep: inline CA credentials are the binding's own, for its database alone") {
  StepRun run(Vcap("inline-ca.json"));
  const std::string log = run.Run();
  REQUIRE(run.state.binding_cas.size() == 1);
  const auto& own = run.state.binding_cas[0];
  CHECK(own.service == "private-db");
  REQUIRE(own.pems.size() == 1);
  CHECK(own.pems[0].source == "service private-db, credential sslrootcert");
  CHECK(own.file.size() == 20);
  CHECK(log.find("       service 'private-db': credential ca_cert is not PEM text: it is not added to "
                 "the trust store\n") != std::string::npos);
  CHECK(log.find("       service 'private-db': credential sslrootcert holds CA certificates: they vouch for "
                 "this service's database only (rds-ca/binding-ca/" + own.file + ")\n") != std::string::npos);
}

TEST_CASE("BindingsStep: no PostgreSQL binding is a note; switches") {
  StepRun none(Vcap("not-database.json"));
  CHECK(none.Run() == std::string(kStep) +
                          "       bindings from VCAP_SERVICES: 2 services\n"
                          "       service 'cache': not PostgreSQL (no PostgreSQL uri, label, tag or fields)\n"
                          "       service 'smtp': not PostgreSQL (no PostgreSQL uri, label, tag or fields)\n"
                          "       " + kNoDatabaseNote + "\n");
  CHECK(std::string(kNoDatabaseNote) ==
        "no PostgreSQL binding: DATABASE_URL is left as the platform sets it, and the trust store is "
        "still installed; bind one (cf bind-service APP SERVICE) and restage to get it");
  CHECK_FALSE(none.EnvFile("DB_SSL_MODE").has_value());
  CHECK(none.state.databases.empty());
  StepRun nothing({});
  CHECK(nothing.Run() == std::string(kStep) +
                             "       no bindings: none of VCAP_SERVICES, VCAP_SERVICES_FILE_PATH, "
                             "SERVICE_BINDING_ROOT is set\n"
                             "       " + kNoDatabaseNote + "\n");
  CHECK(nothing.state.metadata.dump() == R"({"bindings":{"source":"none","services":[],"postgresql":[]}})");
  StepRun off(Vcap("seed-004.json", {{"RDS_CA_DATABASE_URL", "false"}, {"RDS_CA_DB_SSL_MODE", "false"}}));
  CHECK(off.Run().find("       RDS_CA_DATABASE_URL=false: DATABASE_URL and the JDBC_DATABASE_* variables "
                       "are left to the app\n") != std::string::npos);
  CHECK_FALSE(off.EnvFile("DB_SSL_MODE").has_value());
}

TEST_CASE("BindingsStep: bad input fails staging with one line") {
  CHECK(StepError(Vcap("bad-port-text.json")) ==
        "service 'console_db': port 'fivefourthreetwo' is not a number: set port to a number from 1 to 65535");
  CHECK(StepError(Vcap("bad-json.json")) ==
        "VCAP_SERVICES is not valid JSON (line 3, column 70, byte 93): set it to the JSON object Cloud "
        "Foundry writes, or unset it");
  CHECK(StepError(Vcap("seed-004.json", {{"RDS_CA_PGSSLROOTCERT", "nope"}})) ==
        "RDS_CA_PGSSLROOTCERT=nope is not a switch: set it to true or false");
  CHECK(StepError(Vcap("several.json", {{"RDS_CA_SERVICE", "nosuch"}})) ==
        "RDS_CA_SERVICE=nosuch names no bound service (bound: 'orders-db', 'cache', 'audit.db', "
        "'1st-db'): set it to one of those names, or unset it");
}

TEST_CASE("RunDetect claims the app only with RDS_CA_DETECT=true and a PostgreSQL binding") {
  auto detect = [](const Env& env) {
    std::ostringstream out, err;
    int rc = RunDetect({"/tmp/app"}, Io{out, err, env});
    return std::to_string(rc) + " " + out.str();
  };
  const std::string no =
      "1 rds-ca: a supply buildpack that never claims an app by itself; use it first in a chain: cf "
      "push -b rds-ca_buildpack -b <language buildpack> (or set RDS_CA_DETECT=true)\n";
  CHECK(detect(Vcap("seed-004.json", {{"RDS_CA_DETECT", "true"}})) == "0 rds-ca\n");
  CHECK(detect(Vcap("seed-004.json")) == no);
  CHECK(detect(Vcap("not-database.json", {{"RDS_CA_DETECT", "true"}})) == no);
  CHECK(detect(Vcap("csb-aws-mysql.json", {{"RDS_CA_DETECT", "true"}})) == "0 rds-ca\n");
  CHECK(detect({{"RDS_CA_DETECT", "true"}, {"VCAP_SERVICES", "{\"postgres\": ["}}) == no);
  CHECK(detect({{"RDS_CA_DETECT", "true"},
                {"SERVICE_BINDING_ROOT", testing::Fixture("service-bindings/servicebinding-io").string()}}) ==
        "0 rds-ca\n");
}

}  // namespace rdsca

namespace rdsca {

TEST_CASE("BindingsStep: MySQL in seed 004's shape, exactly") {
  StepRun run(Vcap("cups-mysql-seed-004.json"));
  CHECK(run.Run() ==
        std::string(kStep) +
            "       bindings from VCAP_SERVICES: 1 service\n"
            "       service 'console_db': MySQL (uri scheme mysql): "
            "mysql2://myuser:***@console.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/console_db, ssl_mode "
            "verify_identity (default)\n"
            "       service 'console_db': uri is only a scheme: the discrete fields complete it (hostname, "
            "username, password, name, port)\n"
            "       selected 'console_db': the only MySQL binding\n"
            "       at launch: DATABASE_URL and JDBC_DATABASE_URL/USERNAME/PASSWORD from 'console_db', computed "
            "from the live binding\n"
            "       DB_SSL_MODE=true for later buildpacks (deps/0/env/DB_SSL_MODE) and at launch\n");
  CHECK(run.EnvFile("DB_SSL_MODE") == "true");
  CHECK(run.state.databases.at(0).port == 3306);
  CHECK(run.state.metadata.dump() ==
        R"({"bindings":{"source":"VCAP_SERVICES","services":["console_db"],"postgresql":[],"mysql":["console_db"],)"
        R"("selected":"console_db","selected_because":"the only MySQL binding"}})");
}

TEST_CASE("BindingsStep: MySQL bad input, each one line naming the service and what to change") {
  CHECK(StepError(Vcap("bad-mysql-port-range.json")) ==
        "service 'shop_db': port 70000 is out of range: set port to a number from 1 to 65535");
  CHECK(StepError(Vcap("bad-mysql-port-text.json")) ==
        "service 'shop_db': uri is not a valid MySQL URL (the port is not a number): write it as "
        "mysql://USER:PASSWORD@HOST:PORT/DBNAME with special characters percent-encoded");
  CHECK(StepError(Vcap("bad-mysql-sslmode.json")) ==
        "service 'shop_db': ssl_mode 'strict' is not an ssl_mode: use one of disabled, preferred, required, verify_ca, "
        "verify_identity (or Stratos's false, skip-verify, true, or libpq's disable, prefer, require, verify-ca, "
        "verify-full)");
  CHECK(StepError(Vcap("cups-mysql-seed-004.json", {{"DB_SSL_MODE", "on"}})).rfind("DB_SSL_MODE=on is not an ssl_mode", 0) == 0);
}

TEST_CASE("BindingsStep: a binding that looks like both engines, a non-database RDS host: one warning each") {
  StepRun both(Vcap("both-engines.json"));
  const std::string log = both.Run();
  CHECK(log.find("       **WARNING** service 'shop_db' looks like two engines: uri scheme mysql names MySQL, but its "
                 "tag postgresql names PostgreSQL: it is taken as MySQL; correct its uri, jdbcUrl, label or tags if "
                 "that is wrong\n") != std::string::npos);
  StepRun oracle(Vcap("rds-host-not-database.json"));
  CHECK(oracle.Run() ==
        std::string(kStep) +
            "       bindings from VCAP_SERVICES: 1 service\n"
            "       service 'oracle_db': not PostgreSQL (no PostgreSQL uri, label, tag or fields)\n"
            "       **WARNING** service 'oracle_db' names the Amazon RDS host ora.c9akciq32xyz.us-west-2.rds.amazonaws.com "
            "but is not a PostgreSQL or MySQL binding (no PostgreSQL uri, label, tag or fields): nothing is exported "
            "for it; give it a uri (postgres://USER:PASSWORD@HOST:PORT/DBNAME or "
            "mysql://USER:PASSWORD@HOST:PORT/DBNAME), or set RDS_CA_SERVICE=oracle_db to use it\n"
            "       " + kNoDatabaseNote + "\n");
  StepRun mixed(Vcap("not-postgres.json"));
  CHECK(mixed.Run().find("       service 'cache': not PostgreSQL or MySQL (no PostgreSQL or MySQL uri, label, tag or "
                         "fields)\n") != std::string::npos);
}

}  // namespace rdsca
