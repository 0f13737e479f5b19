#include "verify/verify_target.h"

#include <doctest/doctest.h>

#include "cli/verify_cmd.h"
#include "base/error.h"
#include "base/fs.h"
#include "test_util.h"

namespace rdsca {
namespace {

std::string Vcap(const std::string& name, const std::string& uri, const std::string& name2 = "",
                 const std::string& uri2 = "") {
  std::string s = R"({"user-provided":[{"name":")" + name + R"(","label":"user-provided","tags":[],"credentials":{"uri":")" +
                  uri + R"("}})";
  if (!name2.empty()) {
    s += R"(,{"name":")" + name2 + R"(","label":"user-provided","tags":[],"credentials":{"uri":")" + uri2 + R"("}})";
  }
  return s + "]}";
}

TEST_CASE("SelectTargets: --host probes that server with the installed trust") {
  const auto t = SelectTargets(ParseVerifyArgs({"--host", "db.example.net"}), {});
  REQUIRE(t.size() == 1);
  CHECK(t[0].service == "");
  CHECK(t[0].host == "db.example.net");
  CHECK(t[0].port == 5432);
  CHECK(t[0].mode == TlsMode::kVerifyFull);
  CHECK(t[0].url == "");
}

TEST_CASE("SelectTargets: the binding the buildpack selects, its sslmode, and the others") {
  const Env env = {{"VCAP_SERVICES", Vcap("b-db", "postgres://u:p@b.example.net:6432/b?sslmode=verify-ca", "a-db",
                                          "postgres://u:p@a.example.net/a")}};
  auto t = SelectTargets(ParseVerifyArgs({}), env);
  REQUIRE(t.size() == 1);
  CHECK(t[0].service == "a-db");  // several: the first by name
  CHECK(t[0].host == "a.example.net");
  CHECK(t[0].port == 5432);
  CHECK(t[0].mode == TlsMode::kVerifyFull);
  CHECK(t[0].url == "postgres://u:p@a.example.net:5432/a");
  t = SelectTargets(ParseVerifyArgs({"--service", "b-db"}), env);
  REQUIRE(t.size() == 1);
  CHECK(t[0].host == "b.example.net");
  CHECK(t[0].port == 6432);
  CHECK(t[0].mode == TlsMode::kVerifyCa);
  t = SelectTargets(ParseVerifyArgs({"--all", "--mode", "require"}), env);
  REQUIRE(t.size() == 2);
  CHECK(t[0].service == "a-db");
  CHECK(t[1].service == "b-db");
  CHECK(t[1].mode == TlsMode::kRequire);
  CHECK_THROWS_WITH_AS(SelectTargets(ParseVerifyArgs({"--service", "nope"}), env),
                       "no binding named 'nope': the app's bindings are b-db, a-db", UsageError);
}

TEST_CASE("SelectTargets: without bindings, DATABASE_URL; without either, nothing") {
  const Env env = {{"DATABASE_URL", "postgres://u:p@db.example.net:5433/d?sslmode=require&sslrootcert=/x.pem"}};
  const auto t = SelectTargets(ParseVerifyArgs({}), env);
  REQUIRE(t.size() == 1);
  CHECK(t[0].service == "DATABASE_URL");
  CHECK(t[0].host == "db.example.net");
  CHECK(t[0].port == 5433);
  CHECK(t[0].mode == TlsMode::kRequire);
  CHECK(SelectTargets(ParseVerifyArgs({}), {}).empty());
  const auto my = SelectTargets(ParseVerifyArgs({}), {{"DATABASE_URL", "mysql2://u:p@h/d?ssl_mode=required"}});
  REQUIRE(my.size() == 1);
  CHECK(my[0].engine->Name() == "MySQL");
  CHECK(my[0].port == 3306);
  CHECK(my[0].mode == TlsMode::kRequire);
  CHECK(SelectTargets(ParseVerifyArgs({}), {{"DATABASE_URL", "redis://u:p@h/d"}}).empty());
}

TEST_CASE("FindCaFile: --ca, the bundle beside the binary, RDS_CA_DEPS_IDX, DATABASE_URL's sslrootcert") {
  testing::TempDir dir;
  const auto deps = dir.path() / "deps";
  fs::WriteFileAtomic(deps / "03/rds-ca/rds-ca.pem", "pem");
  fs::WriteFileAtomic(dir.path() / "own.pem", "pem");
  const VerifyArgs none = ParseVerifyArgs({});
  CHECK(FindCaFile(ParseVerifyArgs({"--ca", (dir.path() / "own.pem").string()}), {}, "/") == dir.path() / "own.pem");
  CHECK(FindCaFile(none, {}, deps / "03/bin") == deps / "03/rds-ca/rds-ca.pem");
  CHECK(FindCaFile(none, {{"DEPS_DIR", deps.string()}, {"RDS_CA_DEPS_IDX", "03"}}, "/usr/bin") ==
        deps / "03/rds-ca/rds-ca.pem");
  CHECK(FindCaFile(none, {{"DATABASE_URL", "postgres://h/d?sslrootcert=" + (dir.path() / "own.pem").string()}},
                   "/usr/bin") == dir.path() / "own.pem");
  CHECK_THROWS_WITH_AS(FindCaFile(none, {}, "/usr/bin"),
                       "no installed RDS CA bundle next to this rds-ca (not in a droplet's deps/IDX/bin): pass --ca FILE",
                       UsageError);
  CHECK_THROWS_WITH_AS(FindCaFile(ParseVerifyArgs({"--ca", "/nonexistent.pem"}), {}, "/"),
                       "--ca /nonexistent.pem: no such file", UsageError);
}

}  // namespace
}  // namespace rdsca

namespace rdsca {

TEST_CASE("SelectTargets --host: the engine from --engine, else from the port") {
  const auto one = [](const std::vector<std::string>& args) { return SelectTargets(ParseVerifyArgs(args), {}).at(0); };
  CHECK(one({"--host", "h"}).engine->Name() == "PostgreSQL");
  CHECK(one({"--host", "h"}).port == 5432);
  CHECK(one({"--host", "h", "--port", "3306"}).engine->Name() == "MySQL");
  CHECK(one({"--host", "h", "--engine", "mysql"}).port == 3306);
  CHECK(one({"--host", "h", "--port", "3307", "--engine", "mysql"}).engine->Name() == "MySQL");
  CHECK(one({"--host", "h", "--port", "3306", "--engine", "postgresql"}).engine->Name() == "PostgreSQL");
  CHECK_THROWS_WITH(one({"--host", "h", "--engine", "oracle"}), "--engine 'oracle' is not an engine: use postgresql or mysql");
  CHECK_THROWS_WITH(ParseVerifyArgs({"--engine", "mysql"}), "--engine goes with --host: add --host H");
}

}  // namespace rdsca
