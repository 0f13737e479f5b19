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

TEST_CASE("CnbLaunchExports: the store of the program's layer, the bindings of the environment") {
  rdsca::testing::TempDir tmp;
  const std::string layer = tmp.path().string() + "/rds-ca";
  rdsca::fs::WriteFileAtomic(layer + "/rds-ca/rds-ca.pem", "pem");
  const rdsca::Env env{{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/seed-004.json")}};
  const auto exports = rdsca::CnbLaunchExports(env, layer + "/exec.d");
  REQUIRE(exports.size() == 8);
  const std::string q = "?sslmode=verify-full&sslrootcert=" + layer + "/rds-ca/rds-ca.pem";
  CHECK(exports[0].name == "DATABASE_URL");
  CHECK(exports[0].value == "postgres://myuser:mypass@something.xyx.us-west-2.rds.amazonaws.com:5432/console_db" + q);
  CHECK(exports[7].name == "NODE_EXTRA_CA_CERTS");
  CHECK(exports[7].value == layer + "/rds-ca/rds-ca.pem");
}
