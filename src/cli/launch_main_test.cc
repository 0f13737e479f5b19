// The launch hook binary itself: stdout holds the exports or nothing, stderr one line.
#include <doctest/doctest.h>

#include "base/fs.h"
#include "base/shell_quote.h"
#include "test_util.h"

namespace {

using Run = rdsca::testing::ProgramRun;

/// Runs rds-ca-launch with exactly `env` (env -i) and `args`.
Run Launch(const std::vector<std::pair<std::string, std::string>>& env, const std::string& args) {
  return rdsca::testing::RunWithEnv(env, rdsca::ShellQuote(RDSCA_LAUNCH_BINARY) + " " + args);
}

}  // namespace

TEST_CASE("rds-ca-launch prints the exports, or nothing and one error line") {
  rdsca::testing::TempDir deps;
  const std::string dep = deps.path().string() + "/0";
  rdsca::fs::WriteFileAtomic(dep + "/rds-ca/rds-ca.pem", "pem");
  const std::string seed = rdsca::testing::ReadFixture("vcap/seed-004.json");
  const std::string deps_dir = deps.path().string();

  SUBCASE("seed 004") {
    Run r = Launch({{"DEPS_DIR", deps_dir}, {"VCAP_SERVICES", seed}}, "0");
    const std::string host = "something.xyx.us-west-2.rds.amazonaws.com:5432/console_db";
    const std::string q = "?sslmode=verify-full&sslrootcert=" + dep + "/rds-ca/rds-ca.pem";
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "export DATABASE_URL='postgres://myuser:mypass@" + host + q + "'\n" +
                       "export JDBC_DATABASE_URL='jdbc:postgresql://" + host + q + "'\n" +
                       "export JDBC_DATABASE_USERNAME='myuser'\n"
                       "export JDBC_DATABASE_PASSWORD='mypass'\n"
                       "export DB_SSL_MODE='verify-full'\n"
                       "export RDS_CA_EXPORTED_DB_SSL_MODE='verify-full'\n"
                       "export RDS_CA_APP_DB_SSL_MODE=''\n"
                       "export NODE_EXTRA_CA_CERTS='" + dep + "/rds-ca/rds-ca.pem'\n");
  }
  SUBCASE("no PostgreSQL binding: only the trust-store variables") {
    Run r = Launch({{"DEPS_DIR", deps_dir}}, "0");
    CHECK(r.status == 0);
    CHECK(r.out == "export NODE_EXTRA_CA_CERTS='" + dep + "/rds-ca/rds-ca.pem'\n");
  }
  SUBCASE("malformed JSON") {
    Run r = Launch({{"DEPS_DIR", deps_dir}, {"VCAP_SERVICES", "{\"a\":"}}, "0");
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "rds-ca-launch: VCAP_SERVICES is not valid JSON (line 1, column 6, byte 6): set it to the "
          "JSON object Cloud Foundry writes, or unset it\n");
  }
  SUBCASE("a NUL byte in a file-based credential") {
    rdsca::testing::TempDir root;
    rdsca::fs::WriteFileAtomic(root.path() / "db/type", "postgresql");
    rdsca::fs::WriteFileAtomic(root.path() / "db/host", "db.example.com");
    rdsca::fs::WriteFileAtomic(root.path() / "db/password", std::string("a\0b", 3));
    // A binding it cannot read is left out with one line (staging warned with it): the rest is exported.
    Run r = Launch({{"DEPS_DIR", deps_dir}, {"SERVICE_BINDING_ROOT", root.path().string()}}, "0");
    CHECK(r.status == 0);
    CHECK(r.out.find("DATABASE_URL") == std::string::npos);
    CHECK(r.err ==
          "rds-ca: service 'db': password holds a NUL byte, which no environment variable can carry: remove it "
          "from the service's credentials: nothing is exported for it\n");
  }
  SUBCASE("usage") {
    Run r = Launch({{"DEPS_DIR", deps_dir}}, "");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "usage: rds-ca-launch DEPS_IDX\n");
  }
}
