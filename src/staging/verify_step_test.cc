#include "staging/verify_step.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"
#include "base/fs.h"
#include "cf/stager.h"
#include "staging/staging_state.h"
#include "launch/store.h"
#include "test_util.h"
#include "verify/fake_pg_server.h"
#include "verify/probe_pki.h"

namespace rdsca {
namespace {

using testing::FakePgServer;
using testing::ProbePkiFile;

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01

std::string Vcap(int port) {
  return R"({"user-provided":[{"name":"console_db","label":"user-provided","tags":[],"credentials":{"uri":")"
         "postgres://myuser:mypass@localhost:" + std::to_string(port) + R"(/console_db"}}]})";
}

/// One supply run of the step: the trust store holds `ca` (a file of the probe PKI).
struct StepRun {
  StepRun(Env e, const char* ca)
      : env(std::move(e)), stager(tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0"),
        log(out), state{stager, env, log, tmp.path()} {
    fs::WriteFileAtomic(StoreAt(stager.dep_dir().string()).rds_bundle, fs::ReadFile(ProbePkiFile(ca), "ca"));
  }
  /// The bindings step (whose log is dropped) hands the step its database, as in supply.
  std::string Run() {
    BindingsStep(state);
    out.str("");
    VerifyStepAt(state, kNow);
    return out.str();
  }
  testing::TempDir tmp;
  Env env;
  Stager stager;
  std::ostringstream out;
  Log log;
  StagingState state;
};

TEST_CASE("VerifyStep is off unless RDS_CA_VERIFY_STAGING is set") {
  StepRun run({{"VCAP_SERVICES", Vcap(1)}}, "root.pem");
  CHECK(run.Run() == "");
}

TEST_CASE("VerifyStep: a verified database is logged") {
  FakePgServer server('S', ProbePkiFile("server.pem"), ProbePkiFile("server.key"));
  StepRun run({{"VCAP_SERVICES", Vcap(server.port())}, {"RDS_CA_VERIFY_STAGING", "1"}}, "root.pem");
  CHECK(run.Run() == "-----> Verifying the database's TLS from staging (RDS_CA_VERIFY_STAGING)\n"
                     "       console_db (localhost:" + std::to_string(server.port()) +
                     "): verified: chain to \"Amazon RDS us-east-1 Root CA RSA2048 G1\" and host name, TLSv1.3\n");
  CHECK(run.state.metadata["verify_staging"]["service"] == "console_db");
}

TEST_CASE("VerifyStep: the wrong root fails staging with the fix") {
  FakePgServer server('S', ProbePkiFile("server.pem"), ProbePkiFile("server.key"));
  StepRun run({{"VCAP_SERVICES", Vcap(server.port())}, {"RDS_CA_VERIFY_STAGING", "true"}}, "other-root.pem");
  CHECK_THROWS_WITH_AS(run.Run(),
                       ("console_db (localhost:" + std::to_string(server.port()) +
                        "): the server chains to \"Amazon RDS us-east-1 Root CA RSA2048 G1\", which is not installed: "
                        "set RDS_CA_REGION=us-east-1 or bind the right host")
                           .c_str(),
                       Failure);
}

TEST_CASE("VerifyStep: an unreachable database is a note") {
  const int closed = testing::ClosedPort();
  const std::string port = std::to_string(closed);
  StepRun run({{"VCAP_SERVICES", Vcap(closed)}, {"RDS_CA_VERIFY_STAGING", "1"}}, "root.pem");
  CHECK(run.Run() == "-----> Verifying the database's TLS from staging (RDS_CA_VERIFY_STAGING)\n"
                     "       could not reach console_db (localhost:" + port +
                     ") from staging, which is not a failure: cannot connect to localhost:" + port +
                     " (127.0.0.1: connection refused): check the host and port, and that the database accepts "
                     "connections from here (RDS_CA_VERIFY=warn or strict checks it again at container start)\n");
}

TEST_CASE("VerifyStep: no binding, and a bad timeout") {
  StepRun none({{"RDS_CA_VERIFY_STAGING", "1"}}, "root.pem");
  CHECK(none.Run() == "-----> Verifying the database's TLS from staging (RDS_CA_VERIFY_STAGING)\n"
                      "       no PostgreSQL binding: nothing to verify\n");
  StepRun bad({{"RDS_CA_VERIFY_STAGING", "1"}, {"RDS_CA_VERIFY_TIMEOUT", "later"}}, "root.pem");
  CHECK_THROWS_WITH_AS(bad.Run(), "RDS_CA_VERIFY_TIMEOUT='later' is not a number of seconds: set it to such as 5 or 0.5",
                       Failure);
}

}  // namespace
}  // namespace rdsca
