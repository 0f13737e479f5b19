// The exec.d program itself, run from a launch layer's exec.d/ the way the CNB launcher runs it:
// TOML on fd 3 or nothing, one line on stderr, nothing on stdout.
#include <doctest/doctest.h>

#include "base/fs.h"
#include "base/shell_quote.h"
#include "test_util.h"

namespace {

struct Run {
  int status = -1;
  std::string fd3, out, err;
};

/// Runs PROGRAM (a copy of rds-ca-execd) with exactly `env` (env -i), its fd 3 captured.
Run ExecD(const std::string& program, const std::vector<std::pair<std::string, std::string>>& env,
          const std::string& args = "") {
  rdsca::testing::TempDir tmp;
  const auto r = rdsca::testing::RunWithEnv(
      env, rdsca::ShellQuote(program) + args + " 3>&1 >" + rdsca::ShellQuote((tmp.path() / "out").string()));
  return {r.status, r.out, rdsca::fs::ReadFile(tmp.path() / "out", "stdout"), r.err};
}

}  // namespace

TEST_CASE("rds-ca-execd writes the exports as TOML on fd 3, or nothing and one error line") {
  rdsca::testing::TempDir layers;
  const std::string layer = layers.path().string() + "/rds-ca";
  const std::string program = layer + "/exec.d/rds-ca-execd";
  rdsca::fs::CopyFileAtomic(RDSCA_EXECD_BINARY, program);
  rdsca::fs::WriteFileAtomic(layer + "/rds-ca/rds-ca.pem", "pem");
  const std::string seed = rdsca::testing::ReadFixture("vcap/seed-004.json");
  const std::string pem = layer + "/rds-ca/rds-ca.pem";

  SUBCASE("seed 004: the same exports as rds-ca-launch, as TOML") {
    Run r = ExecD(program, {{"VCAP_SERVICES", seed}});
    const std::string host = "something.xyx.us-west-2.rds.amazonaws.com:5432/console_db";
    const std::string q = "?sslmode=verify-full&sslrootcert=" + pem;
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.empty());
    CHECK(r.fd3 == "DATABASE_URL = \"postgres://myuser:mypass@" + host + q + "\"\n" +
                       "JDBC_DATABASE_URL = \"jdbc:postgresql://" + host + q + "\"\n" +
                       "JDBC_DATABASE_USERNAME = \"myuser\"\n"
                       "JDBC_DATABASE_PASSWORD = \"mypass\"\n"
                       "DB_SSL_MODE = \"verify-full\"\n"
                       "RDS_CA_EXPORTED_DB_SSL_MODE = \"verify-full\"\n"
                       "RDS_CA_APP_DB_SSL_MODE = \"\"\n"
                       "NODE_EXTRA_CA_CERTS = \"" + pem + "\"\n");
  }
  SUBCASE("run again in the environment it made: the same output (a fixed point)") {
    Run first = ExecD(program, {{"VCAP_SERVICES", seed}, {"DB_SSL_MODE", "require"}});
    CHECK(first.fd3.find("DB_SSL_MODE = \"require\"\n") != std::string::npos);
    Run again = ExecD(program, {{"VCAP_SERVICES", seed},
                                {"DB_SSL_MODE", "require"},
                                {"RDS_CA_EXPORTED_DB_SSL_MODE", "require"},
                                {"RDS_CA_APP_DB_SSL_MODE", "require"},
                                {"NODE_EXTRA_CA_CERTS", pem}});
    // NODE_EXTRA_CA_CERTS is now set, so it is the app's: left alone, the rest identical
    CHECK(again.fd3 + "NODE_EXTRA_CA_CERTS = \"" + pem + "\"\n" == first.fd3);
  }
  SUBCASE("a password that is not UTF-8 refuses the start") {
    rdsca::testing::TempDir root;
    rdsca::fs::WriteFileAtomic(root.path() / "db/type", "postgresql");
    rdsca::fs::WriteFileAtomic(root.path() / "db/host", "db.example.com");
    rdsca::fs::WriteFileAtomic(root.path() / "db/password", "s3cr\xff");
    Run r = ExecD(program, {{"SERVICE_BINDING_ROOT", root.path().string()}});
    CHECK(r.status == 1);
    CHECK(r.fd3.empty());
    CHECK(r.err ==
          "rds-ca-execd: JDBC_DATABASE_PASSWORD would hold bytes that are not UTF-8 (byte 5), which a TOML string "
          "cannot carry: fix the service's credentials or the app's value (nothing was exported)\n");
  }
  SUBCASE("malformed JSON") {
    Run r = ExecD(program, {{"VCAP_SERVICES", "{\"a\":"}});
    CHECK(r.status == 1);
    CHECK(r.fd3.empty());
    CHECK(r.err ==
          "rds-ca-execd: VCAP_SERVICES is not valid JSON (line 1, column 6, byte 6): set it to the "
          "JSON object Cloud Foundry writes, or unset it\n");
  }
  SUBCASE("outside a launch layer") {
    Run r = ExecD(RDSCA_EXECD_BINARY, {});
    CHECK(r.status == 1);
    CHECK(r.err.rfind("rds-ca-execd: this program runs from ", 0) == 0);
  }
  SUBCASE("arguments: usage") {
    Run r = ExecD(program, {}, " extra");
    CHECK(r.status == 2);
    CHECK(r.err == "usage: rds-ca-execd (no arguments: the CNB launcher runs it from exec.d, output on fd 3)\n");
  }
}
