#include "bindings/bindings.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "base/fs.h"
#include "test_util.h"

using rdsca::Binding;
using rdsca::testing::Fixture;
using rdsca::testing::ReadFixture;

namespace {

std::string VcapError(std::string_view text, std::string_view origin = "VCAP_SERVICES") {
  try {
    rdsca::ParseVcapServices(text, origin);
  } catch (const rdsca::Failure& e) {
    return e.what();
  }
  return "(parsed)";
}

const Binding& Named(const std::vector<Binding>& list, const std::string& name) {
  for (const auto& b : list) {
    if (b.name == name) return b;
  }
  FAIL("no binding " << name);
  return list.front();
}

}  // namespace

TEST_CASE("ParseVcapServices reads seed 004's user-provided service") {
  auto list = rdsca::ParseVcapServices(ReadFixture("vcap/seed-004.json"), "VCAP_SERVICES");
  REQUIRE(list.size() == 1);
  CHECK(list[0].name == "console_db");
  CHECK(list[0].label == "user-provided");
  CHECK(list[0].tags.empty());
  CHECK(list[0].credentials.at("uri") == "postgres://");
  CHECK(list[0].credentials.at("port") == "5432");
}

TEST_CASE("ParseVcapServices: labels in byte order, bindings in array order, tags kept") {
  auto list = rdsca::ParseVcapServices(ReadFixture("vcap/several.json"), "VCAP_SERVICES");
  std::vector<std::string> names;
  for (const auto& b : list) names.push_back(b.name);
  CHECK(names == std::vector<std::string>{"orders-db", "cache", "audit.db", "1st-db"});
  CHECK(list[0].label == "csb-aws-postgresql");
  CHECK(list[0].tags == std::vector<std::string>{"postgresql"});
  CHECK(list[0].credentials.at("port") == 5432);
}

TEST_CASE("ParseVcapServices: name falls back to binding_name, instance_name, the label") {
  auto list = rdsca::ParseVcapServices(
      R"({"x":[{"binding_name":"b","credentials":{}},{"instance_name":"i"},{"credentials":null}]})",
      "VCAP_SERVICES");
  REQUIRE(list.size() == 3);
  CHECK(list[0].name == "b");
  CHECK(list[1].name == "i");
  CHECK(list[2].name == "x");
  CHECK(list[2].label == "x");
  CHECK(list[2].credentials == nlohmann::json::object());
}

TEST_CASE("ParseVcapServices: malformed input, exact messages, no secret in them") {
  const std::string fix = ": set it to the JSON object Cloud Foundry writes, or unset it";
  CHECK(VcapError(ReadFixture("vcap/bad-json.json")) ==
        "VCAP_SERVICES is not valid JSON (line 3, column 70, byte 93)" + fix);
  CHECK(VcapError("{\"a\": [") == "VCAP_SERVICES is not valid JSON (line 1, column 8, byte 8)" + fix);
  CHECK(VcapError("") == "VCAP_SERVICES is not valid JSON (line 1, column 1, byte 1)" + fix);
  // found by the vcap_services fuzz target: nlohmann throws out_of_range, not parse_error, here
  CHECK(VcapError(R"({"a": [{"credentials": {"port": 1E99999}}]})") ==
        "VCAP_SERVICES is not valid JSON (a number in it is too large for a double)" + fix);
  CHECK(VcapError(std::string("{\"a\":\0}", 7)) ==
        "VCAP_SERVICES holds a NUL byte (byte 6), which JSON cannot" + fix);
  CHECK(VcapError("[]") == "VCAP_SERVICES is an array, not a JSON object of service labels" + fix);
  CHECK(VcapError(R"({"user-provided": {}})") ==
        "VCAP_SERVICES: the value of 'user-provided' is an object, not an array of bindings" + fix);
  CHECK(VcapError(R"({"user-provided": ["x"]})") ==
        "VCAP_SERVICES: an entry under 'user-provided' is a string, not a binding object" + fix);
  CHECK(VcapError(ReadFixture("vcap/bad-credentials-string.json")) ==
        "service 'console_db': credentials is a string, not a JSON object: give the service its "
        "credentials as an object (for a user-provided service: cf update-user-provided-service "
        "console_db -p '{\"uri\":\"postgres://USER:PASSWORD@HOST:5432/DBNAME\"}')");
  CHECK(VcapError("{", "the file VCAP_SERVICES_FILE_PATH=/x") ==
        "the file VCAP_SERVICES_FILE_PATH=/x is not valid JSON (line 1, column 2, byte 2)" + fix);
  CHECK(VcapError(ReadFixture("vcap/bad-json.json")).find("se'cret") == std::string::npos);
}

TEST_CASE("ParseVcapServices: JSON nested past the depth limit is one line, not a crash") {
  const std::string fix = ": set it to the JSON object Cloud Foundry writes, or unset it";
  const std::string too_deep = " nests arrays and objects deeper than the 64 levels this reads" + fix;
  auto in_credentials = [](const std::string& value) {
    return R"({"user-provided": [{"name": "db", "credentials": {"deep": )" + value + "}}]}";
  };
  // 200,000 arrays in 400 KB, 80,000 objects: what killed the launch hook and supply
  CHECK(VcapError(in_credentials(std::string(200000, '[') + std::string(200000, ']'))) == "VCAP_SERVICES" + too_deep);
  std::string objects;
  for (int i = 0; i < 80000; ++i) objects += R"({"a":)";
  objects += "1" + std::string(80000, '}');
  CHECK(VcapError(in_credentials(objects), "the file VCAP_SERVICES_FILE_PATH=/x") ==
        "the file VCAP_SERVICES_FILE_PATH=/x" + too_deep);
  // 40 levels in the credentials is read as it is
  const auto list = rdsca::ParseVcapServices(in_credentials(std::string(40, '[') + std::string(40, ']')), "VCAP_SERVICES");
  REQUIRE(list.size() == 1);
  CHECK(list[0].credentials.at("deep").is_array());
}

TEST_CASE("ReadBindingRoot: a tags file nested past the depth limit is one line naming it") {
  rdsca::testing::TempDir dir;
  rdsca::fs::WriteFileAtomic(dir.path() / "db" / "label", "user-provided");
  rdsca::fs::WriteFileAtomic(dir.path() / "db" / "tags", std::string(100000, '[') + std::string(100000, ']'));
  CHECK_THROWS_WITH_AS(rdsca::ReadBindingRoot(dir.path()),
                       ("SERVICE_BINDING_ROOT=" + dir.path().string() + ": " + (dir.path() / "db" / "tags").string() +
                        " nests arrays and objects deeper than the 64 levels this reads: write the tags as a JSON "
                        "array of strings")
                           .c_str(),
                       rdsca::Failure);
}

TEST_CASE("ReadBindingRoot: Cloud Foundry's layout") {
  auto list = rdsca::ReadBindingRoot(Fixture("service-bindings/cf-layout"));
  REQUIRE(list.size() == 2);
  CHECK(list[0].name == "cache");
  const Binding& db = list[1];
  CHECK(db.name == "console-db");
  CHECK(db.label == "user-provided");
  CHECK(db.tags == std::vector<std::string>{"stratos"});
  CHECK(db.credentials == nlohmann::json{{"uri", "postgres://"},
                                         {"username", "myuser"},
                                         {"password", "mypass"},
                                         {"hostname", "something.xyx.us-west-2.rds.amazonaws.com"},
                                         {"port", "5432"},
                                         {"dbname", "console_db"}});
}

TEST_CASE("ReadBindingRoot: servicebinding.io's layout, hidden entries skipped, bytes exact") {
  auto list = rdsca::ReadBindingRoot(Fixture("service-bindings/servicebinding-io"));
  REQUIRE(list.size() == 1);
  CHECK(list[0].name == "orders");
  CHECK(list[0].label == "postgresql");
  CHECK(list[0].credentials.size() == 5);
  CHECK(list[0].credentials.at("host") ==
        "orders.cluster-c9akciq32xyz.eu-central-1.rds.amazonaws.com\n");
  CHECK(list[0].credentials.at("password") == "p@ss:w/rd?#%&'\"$(id) x");
}

TEST_CASE("ReadBindingRoot: a Kubernetes projected Secret (symlinks into ..data)") {
  auto list = rdsca::ReadBindingRoot(Fixture("service-bindings/k8s-projected"));
  REQUIRE(list.size() == 1);
  CHECK(list[0].label == "postgresql");
  CHECK(list[0].credentials.at("password") == "k8s-secret");
  CHECK(list[0].credentials.at("keystore.p12").get<std::string>().size() == 10);
}

TEST_CASE("ReadBindingRoot: a missing root is no bindings; the caps hold") {
  CHECK(rdsca::ReadBindingRoot("/nonexistent/bindings").empty());
  rdsca::testing::TempDir dir;
  std::string big(rdsca::kMaxBindingBytes / 2 + 1, 'x');
  rdsca::fs::WriteFileAtomic(dir.path() / "a" / "password", big);
  rdsca::fs::WriteFileAtomic(dir.path() / "b" / "password", big);
  CHECK_THROWS_AS(rdsca::ReadBindingRoot(dir.path()), rdsca::Failure);
}

TEST_CASE("ReadBindings: VCAP_SERVICES, then VCAP_SERVICES_FILE_PATH, then SERVICE_BINDING_ROOT") {
  const std::string file = Fixture("vcap/seed-004.json").string();
  const std::string root = Fixture("service-bindings/servicebinding-io").string();
  rdsca::Env env{{"VCAP_SERVICES_FILE_PATH", file}, {"SERVICE_BINDING_ROOT", root}};
  auto b = rdsca::ReadBindings(env);
  CHECK(b.source == "VCAP_SERVICES_FILE_PATH=" + file);
  CHECK(b.list.at(0).name == "console_db");
  env["VCAP_SERVICES"] = R"({"x":[{"name":"from-env"}]})";
  CHECK(rdsca::ReadBindings(env).list.at(0).name == "from-env");
  env.erase("VCAP_SERVICES");
  env["VCAP_SERVICES_FILE_PATH"] = "";
  b = rdsca::ReadBindings(env);
  CHECK(b.source == "SERVICE_BINDING_ROOT=" + root);
  CHECK(b.list.at(0).name == "orders");
  CHECK(rdsca::ReadBindings({}).source.empty());
  CHECK(rdsca::ReadBindings({}).list.empty());
  CHECK_THROWS_WITH_AS(rdsca::ReadBindings({{"VCAP_SERVICES_FILE_PATH", "/nonexistent/vcap"}}),
                       "cannot read the VCAP_SERVICES_FILE_PATH file at /nonexistent/vcap: No such "
                       "file or directory",
                       rdsca::Failure);
  (void)Named;
}
