#include "cf/trust_store_step.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"
#include "base/fs.h"
#include "test_pki.h"
#include "test_util.h"
#include "truststore/trust_store.h"

namespace {

namespace stdfs = std::filesystem;

/// One staging run of the step against a fake system store under `tmp`.
struct StepRun {
  explicit StepRun(const rdsca::testing::TempDir& tmp, rdsca::Env e = {})
      : env(std::move(e)), stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "1"),
        log(out), state{stager, env, log, tmp.path(), {}, {}, {}, {}} {
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

TEST_CASE("IsRdsHostName knows the RDS domains of every partition") {
  CHECK(rdsca::IsRdsHostName("mydb.c9akciq32.us-west-2.rds.amazonaws.com"));
  CHECK(rdsca::IsRdsHostName("MyDB.cluster-ro-c9akciq32.eu-west-1.RDS.amazonaws.com."));
  CHECK(rdsca::IsRdsHostName("db.c9.rds.cn-north-1.amazonaws.com.cn"));
  CHECK(rdsca::IsRdsHostName("db.c9.us-east-2.rds-preview.amazonaws.com"));
  CHECK_FALSE(rdsca::IsRdsHostName("something.xyx.us-west-2.rds.amazon.com"));
  CHECK_FALSE(rdsca::IsRdsHostName("rds.amazonaws.com.evil.example"));
  CHECK_FALSE(rdsca::IsRdsHostName("db.c9.ec2.cn-north-1.amazonaws.com.cn"));
  CHECK_FALSE(rdsca::IsRdsHostName("postgres.internal"));
  CHECK_FALSE(rdsca::IsRdsHostName(""));
}

TEST_CASE("TrustVariablesForStaging: staging paths, the app's own values left alone, switches") {
  const stdfs::path dep = "/tmp/contents1/deps/2";
  SUBCASE("nothing set: all five") {
    auto v = rdsca::TrustVariablesForStaging({}, dep, "/etc/ssl/certs");
    REQUIRE(v.set.size() == 5);
    CHECK(v.set[0].name == "SSL_CERT_DIR");
    CHECK(v.set[0].value == "/tmp/contents1/deps/2/rds-ca/certs:/etc/ssl/certs");
    CHECK(v.set[1].name == "SSL_CERT_FILE");
    CHECK(v.set[1].value == "/tmp/contents1/deps/2/rds-ca/ca-certificates.crt");
    CHECK(v.set[2].name == "NODE_EXTRA_CA_CERTS");
    CHECK(v.set[2].value == "/tmp/contents1/deps/2/rds-ca/rds-ca.pem");
    CHECK(v.set[3].name == "REQUESTS_CA_BUNDLE");
    CHECK(v.set[3].value == "/tmp/contents1/deps/2/rds-ca/ca-certificates.crt");
    CHECK(v.set[4].name == "PGSSLROOTCERT");
    CHECK(v.set[4].value == "/tmp/contents1/deps/2/rds-ca/ca-certificates.crt");
    CHECK(v.notes.empty());
  }
  SUBCASE("the app's own values") {
    rdsca::Env env{{"SSL_CERT_FILE", "/app/my.pem"},
                   {"SSL_CERT_DIR", "/app/certs"},
                   {"JAVA_TOOL_OPTIONS", "-Xss1m -Djavax.net.ssl.trustStore=/app/my.jks"}};
    auto v = rdsca::TrustVariablesForStaging(env, dep, "/etc/ssl/certs");
    REQUIRE(v.set.size() == 4);
    CHECK(v.set[0].value == "/tmp/contents1/deps/2/rds-ca/certs:/app/certs");
    CHECK(v.set[1].name == "NODE_EXTRA_CA_CERTS");
    CHECK(v.notes == std::vector<std::string>{
                         "SSL_CERT_FILE is set by the app: left alone (SSL_CERT_DIR still carries the RDS CAs)",
                         "JAVA_TOOL_OPTIONS already names a trust store: left alone"});
  }
  SUBCASE("switched off") {
    rdsca::Env env{{"RDS_CA_PGSSLROOTCERT", "false"}, {"RDS_CA_SSL_CERT_DIR", "off"},
                   {"RDS_CA_JAVA_TOOL_OPTIONS", "false"},
                   {"JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/x"}};
    auto v = rdsca::TrustVariablesForStaging(env, dep, "/etc/ssl/certs");
    REQUIRE(v.set.size() == 3);
    CHECK(v.set[0].name == "SSL_CERT_FILE");
    CHECK(v.notes == std::vector<std::string>{"SSL_CERT_DIR not set: RDS_CA_SSL_CERT_DIR=false",
                                              "PGSSLROOTCERT not set: RDS_CA_PGSSLROOTCERT=false"});
  }
  SUBCASE("a switch that is not one") {
    CHECK_THROWS_WITH_AS(rdsca::TrustVariablesForStaging({{"RDS_CA_SSL_CERT_FILE", "maybe"}}, dep, "/e"),
                         "RDS_CA_SSL_CERT_FILE=maybe is not a switch: set it to true or false",
                         rdsca::Failure);
  }
}

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
        "NODE_EXTRA_CA_CERTS REQUESTS_CA_BUNDLE PGSSLROOTCERT\n");
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
    run.state.databases = {{"rds_db", "db.x.us-west-2.rds.amazonaws.com", "require", true},
                           {"local_db", "pg.internal", "require", false},
                           {"full_db", "pg2.internal", "verify-full", false}};
    CHECK(run.Run().find(
              "       **WARNING** service local_db (pg.internal) uses sslmode require and PGSSLROOTCERT "
              "names the trust store: libpq will then verify its certificate chain; add its CA with "
              "RDS_CA_EXTRA_CERTS or set RDS_CA_PGSSLROOTCERT=false\n") != std::string::npos);
    CHECK(run.out.str().find("rds_db") == std::string::npos);
    CHECK(run.out.str().find("full_db") == std::string::npos);
  }
  SUBCASE("PGSSLROOTCERT off") {
    StepRun run(tmp, {{"RDS_CA_PGSSLROOTCERT", "false"}});
    run.state.databases = {{"local_db", "pg.internal", "require", true}};
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
