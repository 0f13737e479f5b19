#include "staging/trust_store_step.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"
#include "base/fs.h"
#include "cf/stager.h"
#include "test_pki.h"
#include "staged_db.h"
#include "test_util.h"
#include "db/mysql/mysql.h"
#include "truststore/trust_store.h"

namespace {

namespace stdfs = std::filesystem;

/// One staging run of the step against a fake system store under `tmp`.
struct StepRun {
  explicit StepRun(const rdsca::testing::TempDir& tmp, rdsca::Env e = {})
      : env(std::move(e)), stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "1"),
        log(out), state{stager, env, log, tmp.path()} {
    system.bundle = tmp.path() / "system" / "ca-certificates.crt";
    system.dir = tmp.path() / "system";
    rdsca::fs::WriteFileAtomic(system.bundle, rdsca::testing::MakeRootPem("System Root"));
    state.trusted_pems = {rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem")};
  }
  std::string Run() {
    rdsca::TrustStoreStep(state, system);
    return out.str();
  }
  std::string EnvFile(const std::string& name) const {
    return rdsca::fs::ReadFile(stager.dep_dir() / "env" / name, "env file");
  }
  rdsca::Env env;
  rdsca::Stager stager;
  std::ostringstream out;
  rdsca::Log log;
  rdsca::StagingState state;
  rdsca::SystemTrustPaths system;
};

}  // namespace

TEST_CASE("TrustStoreStep writes the store, the staging variables and the metadata, and says so") {
  rdsca::testing::TempDir tmp;
  StepRun run(tmp);
  const std::string log = run.Run();
  CHECK(log ==
        "-----> Installing the trust store\n"
        "       rds-ca/rds-ca.pem: 3 RDS certificates\n"
        "       rds-ca/ca-certificates.crt: 4 certificates (1 system + 3 RDS)\n"
        "       rds-ca/certs: 4 hashed names\n"
        "       rds-ca/truststore.p12: 4 trusted certificates for Java\n"
        "       staging variables for later buildpacks: SSL_CERT_DIR SSL_CERT_FILE "
        "PGSSLROOTCERT NODE_EXTRA_CA_CERTS REQUESTS_CA_BUNDLE\n");
  const auto dep = run.stager.dep_dir();
  CHECK(rdsca::fs::ReadFile(dep / "rds-ca" / "rds-ca.pem", "t") ==
        rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"));
  CHECK(run.EnvFile("SSL_CERT_DIR") == (dep / "rds-ca/certs").string() + ":" + (tmp.path() / "system").string());
  CHECK(run.EnvFile("SSL_CERT_FILE") == (dep / "rds-ca/ca-certificates.crt").string());
  CHECK(run.EnvFile("NODE_EXTRA_CA_CERTS") == (dep / "rds-ca/rds-ca.pem").string());
  CHECK(run.EnvFile("PGSSLROOTCERT") == (dep / "rds-ca/ca-certificates.crt").string());
  CHECK(run.state.metadata.dump() ==
        R"({"trust_store":{"rds_certificates":3,"system_certificates":1,"combined_certificates":4}})");
}

TEST_CASE("TrustStoreStep reads CF_SYSTEM_CERT_PATH and notes what the app set itself") {
  rdsca::testing::TempDir tmp;
  rdsca::fs::WriteFileAtomic(tmp.path() / "cf-certs" / "container-trusted-ca-1.crt",
                             rdsca::testing::MakeRootPem("Operator CA"));
  StepRun run(tmp, {{"CF_SYSTEM_CERT_PATH", (tmp.path() / "cf-certs").string()},
                    {"SSL_CERT_FILE", "/home/vcap/app/ca.pem"}});
  const std::string log = run.Run();
  CHECK(log.find("rds-ca/ca-certificates.crt: 5 certificates (2 system + 3 RDS)\n") != std::string::npos);
  CHECK(log.find("       SSL_CERT_FILE is set by the app: left alone (SSL_CERT_DIR still carries the "
                 "RDS CAs)\n") != std::string::npos);
  CHECK_FALSE(stdfs::exists(run.stager.dep_dir() / "env" / "SSL_CERT_FILE"));
}

TEST_CASE("TrustStoreStep warns when a non-RDS server under require would now be verified") {
  rdsca::testing::TempDir tmp;
  SUBCASE("PGSSLROOTCERT on") {
    StepRun run(tmp);
    run.state.databases = {rdsca::testing::StagedDb("rds_db", "db.x.us-west-2.rds.amazonaws.com", rdsca::TlsMode::kRequire, true),
                           rdsca::testing::StagedDb("local_db", "pg.internal", rdsca::TlsMode::kRequire, false),
                           rdsca::testing::StagedDb("full_db", "pg2.internal", rdsca::TlsMode::kVerifyFull, false)};
    CHECK(run.Run().find(
              "       **WARNING** service local_db (pg.internal) uses sslmode require and PGSSLROOTCERT "
              "names the trust store: libpq will then verify its certificate chain; add its CA with "
              "RDS_CA_EXTRA_CERTS or set RDS_CA_PGSSLROOTCERT=false\n") != std::string::npos);
    CHECK(run.out.str().find("rds_db") == std::string::npos);
    CHECK(run.out.str().find("full_db") == std::string::npos);
  }
  SUBCASE("PGSSLROOTCERT off") {
    StepRun run(tmp, {{"RDS_CA_PGSSLROOTCERT", "false"}});
    run.state.databases = {rdsca::testing::StagedDb("local_db", "pg.internal", rdsca::TlsMode::kRequire, true)};
    CHECK(run.Run().find("WARNING") == std::string::npos);
  }
}

TEST_CASE("TrustStoreStep warns when the system store is missing") {
  rdsca::testing::TempDir tmp;
  StepRun run(tmp);
  run.system.bundle = tmp.path() / "none.crt";
  CHECK(run.Run().find("       **WARNING** no system CA bundle at " + (tmp.path() / "none.crt").string() +
                       ": the combined bundle and the Java trust store hold no public roots\n") != std::string::npos);
}

TEST_CASE("TrustStoreStep writes MySQL's option file for a MySQL binding, naming the droplet's bundle") {
  rdsca::testing::TempDir tmp;
  StepRun run(tmp);
  run.state.databases = {{"shop", &rdsca::Mysql(), "mysql.internal", 3306,
                          rdsca::TlsMode::kRequire, true}};
  const std::string log = run.Run();
  CHECK(log.find("       rds-ca/truststore.p12: 4 trusted certificates for Java\n"
                 "       rds-ca/client/my.cnf: ssl-ca and ssl-verify-server-cert for MySQL clients (MYSQL_HOME at "
                 "launch)\n") != std::string::npos);
  CHECK(log.find("PGSSLROOTCERT names the trust store") == std::string::npos);  // MySQL clients do not read it
  CHECK(rdsca::fs::ReadFile(run.stager.dep_dir() / "rds-ca/client/my.cnf", "t") ==
        rdsca::Mysql().OptionFileText("/home/vcap/deps/1/rds-ca/rds-ca.pem"));
  rdsca::testing::TempDir pg_tmp;
  StepRun pg(pg_tmp);
  pg.state.databases = {rdsca::testing::StagedDb("orders", "orders.c9.us-west-2.rds.amazonaws.com", rdsca::TlsMode::kVerifyFull, true)};
  pg.Run();
  CHECK_FALSE(stdfs::exists(pg.stager.dep_dir() / "rds-ca/client"));
}

TEST_CASE("TrustStoreStep: a binding's own CA is in its own file alone, not in the shared ones") {
  rdsca::testing::TempDir tmp;
  StepRun run(tmp);
  const std::string own_pem = rdsca::testing::MakeRootPem("Binding Root");
  run.state.binding_cas.push_back({"other", "0123456789abcdef.pem", {{"service other, credential ca_certificate", own_pem}},
                                   {own_pem}});
  const std::string log = run.Run();
  CHECK(log.find("       rds-ca/binding-ca/0123456789abcdef.pem: the RDS certificates and 1 of service 'other', for "
                 "its database only\n") != std::string::npos);
  const auto store = run.stager.dep_dir() / "rds-ca";
  const std::string rds = rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem");
  CHECK(rdsca::fs::ReadFile(store / "rds-ca.pem", "t") == rds);
  CHECK(rdsca::fs::ReadFile(store / "binding-ca/0123456789abcdef.pem", "t") == rds + own_pem);
  for (const char* shared : {"rds-ca.pem", "ca-certificates.crt", "truststore.p12"}) {
    CAPTURE(shared);
    const std::string text = rdsca::fs::ReadFile(store / shared, "t");
    CHECK(text.find("Binding Root") == std::string::npos);
    CHECK(text.find(own_pem.substr(64, 40)) == std::string::npos);
  }
  CHECK(rdsca::fs::ListDir(store / "certs").size() == 4);
}
