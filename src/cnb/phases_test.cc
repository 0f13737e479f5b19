#include "cnb/phases.h"
#include "lifecycles.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/fs.h"
#include "cnb/cnb_layout.h"
#include "test_util.h"

namespace {

struct Ran {
  int status;
  std::string out, err;
};

Ran Detect(const std::vector<std::string>& args, const rdsca::Env& env) {
  std::ostringstream out, err;
  const int status = rdsca::RunDetectAnyLifecycle(args, rdsca::Io{out, err, env});
  return {status, out.str(), err.str()};
}

const std::string kFailLine =
    "rds-ca: no database binding (VCAP_SERVICES, VCAP_SERVICES_FILE_PATH, SERVICE_BINDING_ROOT or "
    "<platform>/bindings) and no RDS_CA_* setting: bind the database, or opt in with a setting "
    "(pack build --env RDS_CA_DETECT=true)\n";

}  // namespace

TEST_CASE("CNB detect: passes under CF's CNB lifecycle, with a database binding or an RDS_CA_* setting") {
  rdsca::testing::TempDir platform;
  const rdsca::Env cnb{{"CNB_BUILD_PLAN_PATH", "/tmp/plan.toml"}, {"CNB_PLATFORM_DIR", platform.path().string()}};
  const std::vector<std::string> args{platform.path().string(), "/tmp/plan.toml"};
  auto with = [&](rdsca::Env extra) {
    extra.insert(cnb.begin(), cnb.end());
    return extra;
  };

  SUBCASE("Cloud Foundry's CNB lifecycle: always, even with nothing bound") {
    const Ran r = Detect(args, with({{"VCAP_APPLICATION", "{}"}}));
    CHECK(r.status == 0);
    CHECK(r.out ==
          "rds-ca: passes: Cloud Foundry's CNB lifecycle (VCAP_APPLICATION is set), where every buildpack named in cf "
          "push must pass\n");
  }
  SUBCASE("a PostgreSQL binding in VCAP_SERVICES") {
    const Ran r = Detect(args, with({{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/seed-004.json")}}));
    CHECK(r.status == 0);
    CHECK(r.out == "rds-ca: passes: a database is bound\n");
  }
  SUBCASE("a binding under <platform>/bindings (kpack, pack --volume)") {
    std::filesystem::copy(rdsca::testing::Fixture("service-bindings/servicebinding-io"), platform.path() / "bindings",
                          std::filesystem::copy_options::recursive);
    const Ran r = Detect(args, cnb);
    CHECK(r.status == 0);
    CHECK(r.out == "rds-ca: passes: a database is bound\n");
  }
  SUBCASE("an RDS_CA_* setting (pack build --env)") {
    const Ran r = Detect(args, with({{"RDS_CA_REGION", "us-east-1"}}));
    CHECK(r.status == 0);
    CHECK(r.out == "rds-ca: passes: RDS_CA_REGION is set\n");
  }
  SUBCASE("nothing: fails with 100 and how to opt in") {
    const std::string redis_only =
        R"({"p.redis":[{"label":"p.redis","name":"cache","tags":["redis"],"credentials":{"host":"10.0.0.9","port":6379}}]})";
    const Ran r = Detect(args, with({{"VCAP_SERVICES", redis_only}, {"RDS_CA_REGION", ""}}));
    CHECK(r.status == 100);
    CHECK(r.out == kFailLine);
  }
  SUBCASE("malformed bindings count as none") {
    const Ran r = Detect(args, with({{"VCAP_SERVICES", "{"}}));
    CHECK(r.status == 100);
    CHECK(r.out == kFailLine);
  }
  SUBCASE("the CNB contract takes two arguments") {
    const Ran r = Detect({"/app"}, cnb);
    CHECK(r.status == 2);
    CHECK(r.err == "usage: detect PLATFORM_DIR PLAN_PATH (under the CNB lifecycle)\n");
  }
  SUBCASE("without CNB_BUILD_PLAN_PATH it is Cloud Foundry's detect, which never claims an app") {
    const Ran r = Detect({"/app"}, {{"VCAP_APPLICATION", "{}"}});
    CHECK(r.status == 1);
    CHECK(r.out.rfind("rds-ca: a supply buildpack that never claims an app by itself", 0) == 0);
  }
}

TEST_CASE("BuildEnvironment: <platform>/bindings only when the app has no bindings of its own") {
  rdsca::testing::TempDir platform;
  const std::string bindings = (platform.path() / "bindings").string();
  SUBCASE("no <platform>/bindings directory: unchanged") {
    CHECK(rdsca::BuildEnvironment({{"A", "1"}}, platform.path()) == rdsca::Env{{"A", "1"}});
  }
  rdsca::fs::MakeDirs(bindings);
  SUBCASE("read as a SERVICE_BINDING_ROOT") {
    CHECK(rdsca::BuildEnvironment({{"A", "1"}}, platform.path()) ==
          rdsca::Env{{"A", "1"}, {"SERVICE_BINDING_ROOT", bindings}});
  }
  SUBCASE("an empty variable counts as unset") {
    CHECK(rdsca::BuildEnvironment({{"VCAP_SERVICES", ""}}, platform.path()) ==
          rdsca::Env{{"SERVICE_BINDING_ROOT", bindings}, {"VCAP_SERVICES", ""}});
  }
  SUBCASE("the app's own bindings (what it sees at launch) win") {
    for (const char* name : {"VCAP_SERVICES", "VCAP_SERVICES_FILE_PATH", "SERVICE_BINDING_ROOT"}) {
      CAPTURE(name);
      CHECK(rdsca::BuildEnvironment({{name, "x"}}, platform.path()) == rdsca::Env{{name, "x"}});
    }
  }
}
