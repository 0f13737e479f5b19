#include "launch/cnb_launch.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "base/fs.h"
#include "test_util.h"

TEST_CASE("LayerOfProgram: the launch layer of a program in its exec.d/ or bin/") {
  CHECK(rdsca::LayerOfProgram("/layers/rds-ca/rds-ca/exec.d") == "/layers/rds-ca/rds-ca");
  CHECK(rdsca::LayerOfProgram("/layers/rds-ca/rds-ca/bin") == "/layers/rds-ca/rds-ca");
  const std::string tail =
      ", not from a launch layer's exec.d/ or bin/: the CNB launcher runs it from <layers>/<buildpack>/<layer>/exec.d";
  CHECK_THROWS_WITH_AS(rdsca::LayerOfProgram("/usr/local/libexec"), ("this program runs from /usr/local/libexec" + tail).c_str(),
                       rdsca::Failure);
  CHECK_THROWS_WITH_AS(rdsca::LayerOfProgram("/bin"), ("this program runs from /bin" + tail).c_str(), rdsca::Failure);
}

TEST_CASE("VerifyAtStart: RDS_CA_VERIFY runs the layer's rds-ca verify with the exports applied") {
  rdsca::testing::TempDir tmp;
  const std::string layer = tmp.path().string() + "/rds-ca";
  const std::string seen = tmp.path().string() + "/seen";
  // A stand-in rds-ca: records its arguments and DATABASE_URL, exits with $FAKE_EXIT.
  rdsca::fs::WriteFileAtomic(layer + "/bin/rds-ca",
                             "#!/bin/sh\nprintf '%s|' \"$@\" \"$DATABASE_URL\" > '" + seen + "'\nexit \"$FAKE_EXIT\"\n", 0755);
  const std::vector<rdsca::Export> exports{{"DATABASE_URL", "postgres://u:p@h/d?sslmode=verify-full"}};
  const auto check = [&](rdsca::Env env) { return rdsca::VerifyAtStart(env, exports, layer); };
  const auto ran = [&]() { return rdsca::fs::ReadFileIfExists(seen, "seen").value_or("(not run)"); };

  SUBCASE("unset: nothing runs") {
    const auto r = check({{"FAKE_EXIT", "1"}});
    CHECK_FALSE(r.refuse);
    CHECK(r.message.empty());
    CHECK(ran() == "(not run)");
  }
  SUBCASE("another value: a note, nothing runs") {
    const auto r = check({{"RDS_CA_VERIFY", "yes"}, {"FAKE_EXIT", "1"}});
    CHECK_FALSE(r.refuse);
    CHECK(r.message == "rds-ca: RDS_CA_VERIFY=yes is not warn or strict: nothing was verified");
    CHECK(ran() == "(not run)");
  }
  SUBCASE("warn: a failed probe does not stop the start") {
    const auto r = check({{"RDS_CA_VERIFY", "warn"}, {"FAKE_EXIT", "1"}});
    CHECK_FALSE(r.refuse);
    CHECK(ran() == "verify|--quiet|--timeout|3|postgres://u:p@h/d?sslmode=verify-full|");
  }
  SUBCASE("strict: a failed probe refuses the start, a good one does not") {
    CHECK(check({{"RDS_CA_VERIFY", "strict"}, {"FAKE_EXIT", "1"}}).refuse);
    CHECK_FALSE(check({{"RDS_CA_VERIFY", "strict"}, {"FAKE_EXIT", "0"}}).refuse);
  }
  SUBCASE("RDS_CA_VERIFY_TIMEOUT is passed on") {
    (void)check({{"RDS_CA_VERIFY", "warn"}, {"RDS_CA_VERIFY_TIMEOUT", "7"}, {"FAKE_EXIT", "0"}});
    CHECK(ran() == "verify|--quiet|--timeout|7|postgres://u:p@h/d?sslmode=verify-full|");
  }
  SUBCASE("strict with no rds-ca to run: refused, saying so") {
    const auto r = rdsca::VerifyAtStart({{"RDS_CA_VERIFY", "strict"}}, exports, tmp.path().string() + "/none");
    CHECK(r.refuse);
    CHECK(r.message == "rds-ca: cannot run " + tmp.path().string() + "/none/bin/rds-ca verify: No such file or directory");
  }
}
