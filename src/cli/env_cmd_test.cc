#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli_run.h"
#include "base/fs.h"
#include "launch/cf_launch.h"
#include "launch/render_shell.h"
#include "test_util.h"

namespace rdsca {

using testing::CliRun;
using testing::Fixture;
using testing::TempDir;

namespace {

CliRun EnvCmd(const std::vector<std::string>& args, const Env& env = {}, const std::filesystem::path& exe_dir = "/usr/bin") {
  CliContext context = testing::TestContext();
  context.exe_dir = exe_dir;
  return testing::RunCli([&](const std::vector<std::string>& a, Io io) { return RunEnvWith(a, io, context); }, args, env);
}

std::string EnvError(const std::vector<std::string>& args, const Env& env = {}) {
  return testing::CliError(
      [](const std::vector<std::string>& a, Io io) {
        CliContext context = testing::TestContext();
        context.exe_dir = "/usr/bin";
        return RunEnvWith(a, io, context);
      },
      args, env);
}

/// DEPS/IDX/rds-ca with the RDS bundle and the combined bundle, as staging leaves them.
void InstallStore(const std::filesystem::path& dep) {
  fs::WriteFileAtomic(dep / "rds-ca/rds-ca.pem", "pem");
  fs::WriteFileAtomic(dep / "rds-ca/ca-certificates.crt", "pem");
}

const std::string kCupsUri = "cups-uri.json";
const std::string kHost = "app.c9akciq32xyz.eu-west-1.rds.amazonaws.com:5432/appdb";

}  // namespace

TEST_CASE("rds-ca env: the hook's exports for --vcap FILE and an installed trust store, exactly") {
  TempDir tmp;
  InstallStore(tmp.path() / "0");
  const std::string dep = tmp.path().string() + "/0/rds-ca/";
  const CliRun r = EnvCmd({"--vcap", Fixture("vcap/" + kCupsUri).string(), "--deps-dir", tmp.path().string(), "--idx", "0"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  // cups-uri.json's sslmode=require on an RDS host: raised to verify-full.
  const std::string query = "?connect_timeout=10&application_name=my%20app&sslmode=verify-full&sslrootcert=" + dep + "rds-ca.pem";
  CHECK(r.out ==
        "export DATABASE_URL='postgres://app%40user:s3cr%2Ft@" + kHost + query + "'\n"
        "export JDBC_DATABASE_URL='jdbc:postgresql://" + kHost + query + "'\n"
        "export JDBC_DATABASE_USERNAME='app@user'\n"
        "export JDBC_DATABASE_PASSWORD='s3cr/t'\n"
        "export DB_SSL_MODE='verify-full'\n"
        "export RDS_CA_EXPORTED_DB_SSL_MODE='verify-full'\n"
        "export RDS_CA_APP_DB_SSL_MODE=''\n"
        "export SSL_CERT_FILE='" + dep + "ca-certificates.crt'\n"
        "export PGSSLROOTCERT='" + dep + "ca-certificates.crt'\n"
        "export NODE_EXTRA_CA_CERTS='" + dep + "rds-ca.pem'\n"
        "export REQUESTS_CA_BUNDLE='" + dep + "ca-certificates.crt'\n");
}

TEST_CASE("rds-ca env: the same text as the launch hook, with the index found by itself") {
  TempDir tmp;
  InstallStore(tmp.path() / "1");
  fs::MakeDirs(tmp.path() / "0");
  Env env{{"VCAP_SERVICES", testing::ReadFixture("vcap/" + kCupsUri)}, {"DEPS_DIR", tmp.path().string()}};
  const std::string hook = RenderShell(CfLaunchExports(env, "1"));
  CHECK(EnvCmd({}, env).out == hook);                             // the only IDX holding rds-ca/
  CHECK(EnvCmd({}, env, tmp.path() / "1" / "bin").out == hook);  // the IDX rds-ca runs from
  CHECK(EnvCmd({"--idx", "1"}, env).out == hook);
  CHECK(EnvCmd({"--format", "shell"}, env).out == hook);
}

TEST_CASE("rds-ca env --format dotenv and json") {
  const std::string vcap =
      R"({"user-provided":[{"name":"db","label":"user-provided","tags":[],"credentials":)"
      R"({"uri":"postgres://u:p%22%24%5C%0Ax@h.c1.us-east-1.rds.amazonaws.com/db"}}]})";
  const Env env{{"VCAP_SERVICES", vcap}};
  const CliRun dotenv = EnvCmd({"--format", "dotenv"}, env);
  CHECK(dotenv.out ==
        "DATABASE_URL=\"postgres://u:p%22%24%5C%0Ax@h.c1.us-east-1.rds.amazonaws.com:5432/db?sslmode=verify-full\"\n"
        "JDBC_DATABASE_URL=\"jdbc:postgresql://h.c1.us-east-1.rds.amazonaws.com:5432/db?sslmode=verify-full\"\n"
        "JDBC_DATABASE_USERNAME=\"u\"\n"
        "JDBC_DATABASE_PASSWORD=\"p\\\"\\$\\\\\\nx\"\n"
        "DB_SSL_MODE=\"verify-full\"\n"
        "RDS_CA_EXPORTED_DB_SSL_MODE=\"verify-full\"\n"
        "RDS_CA_APP_DB_SSL_MODE=\"\"\n");
  CHECK(dotenv.err ==
        "rds-ca env: note: no deps directory (DEPS_DIR unset, no --deps-dir): no trust-store variables, no sslrootcert\n");
  const CliRun json = EnvCmd({"--format=json"}, env);
  const auto parsed = nlohmann::ordered_json::parse(json.out);
  CHECK(parsed.size() == 7);
  CHECK(parsed.begin().key() == "DATABASE_URL");
  CHECK(parsed["JDBC_DATABASE_PASSWORD"] == "p\"$\\\nx");
  CHECK(parsed["DB_SSL_MODE"] == "verify-full");
}

TEST_CASE("rds-ca env: in a CNB image, the store beside it in its launch layer (the exec.d program's exports)") {
  TempDir tmp;
  const std::string layer = (tmp.path() / "rds-ca").string();
  rdsca::fs::WriteFileAtomic(layer + "/rds-ca/rds-ca.pem", "pem");
  const CliRun r = EnvCmd({}, {{"VCAP_SERVICES", testing::ReadFixture("vcap/seed-004.json")}}, layer + "/bin");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("export DATABASE_URL='postgres://myuser:mypass@something.xyx.us-west-2.rds.amazonaws.com:5432/"
                   "console_db?sslmode=verify-full&sslrootcert=" + layer + "/rds-ca/rds-ca.pem'\n") == 0);
  CHECK(r.out.find("export NODE_EXTRA_CA_CERTS='" + layer + "/rds-ca/rds-ca.pem'\n") != std::string::npos);
}

TEST_CASE("rds-ca env: errors") {
  CHECK(EnvError({"--format", "yaml"}) == "--format 'yaml' is not shell, dotenv or json");
  CHECK(EnvError({"--idx", "0"}) == "--idx needs a deps directory: pass --deps-dir DIR or set DEPS_DIR");
  TempDir tmp;
  CHECK(EnvError({"--deps-dir", tmp.path().string()}) ==
        "cannot tell this buildpack's index under " + tmp.path().string() + " (no single IDX/rds-ca there): pass --idx IDX");
  CHECK(EnvError({"--vcap", (tmp.path() / "none.json").string()})
            .rfind("cannot read the --vcap file at " + (tmp.path() / "none.json").string() + ": ", 0) == 0);
  const Env bad{{"VCAP_SERVICES", R"({"p":[{"name":"db","label":"postgres","credentials":{"uri":"postgres://u:%FF@h/db"}}]})"}};
  CHECK(EnvError({"--format", "json"}, bad) == "JDBC_DATABASE_PASSWORD is not UTF-8 text, which JSON cannot carry: use --format shell");
  CHECK(EnvError({"--vcap"}) == "--vcap needs a value: run rds-ca env --help");
  CHECK(EnvError({"x"}) == "this command takes no arguments besides options: run rds-ca env --help");
  const CliRun help = EnvCmd({"--help"});
  CHECK(help.code == 0);
  CHECK(help.out.rfind("usage: rds-ca env [--format shell|dotenv|json]", 0) == 0);
}

TEST_CASE("rds-ca env: the MySQL exports for a MySQL binding") {
  const CliRun r = EnvCmd({"--vcap", Fixture("vcap/cups-mysql-seed-004.json").string(), "--format", "dotenv"});
  CHECK(r.out ==
        "DATABASE_URL=\"mysql2://myuser:mypass@console.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/console_db"
        "?ssl_mode=verify_identity\"\n"
        "JDBC_DATABASE_URL=\"jdbc:mysql://console.c9akciq32xyz.us-west-2.rds.amazonaws.com:3306/console_db"
        "?useSSL=true&sslMode=VERIFY_IDENTITY&permitMysqlScheme=true\"\n"
        "JDBC_DATABASE_USERNAME=\"myuser\"\n"
        "JDBC_DATABASE_PASSWORD=\"mypass\"\n"
        "DB_SSL_MODE=\"true\"\n"
        "RDS_CA_EXPORTED_DB_SSL_MODE=\"true\"\n"
        "RDS_CA_APP_DB_SSL_MODE=\"\"\n");
}

}  // namespace rdsca
