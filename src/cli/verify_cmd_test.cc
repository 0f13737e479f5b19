#include "cli/verify_cmd.h"

#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "test_util.h"
#include "verify/fake_pg_server.h"
#include "verify/postgres/pg_plaintext.h"
#include "verify/probe_pki.h"

namespace rdsca {
namespace {

using testing::FakePgServer;

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01

std::string P(const char* name) { return testing::ProbePkiFile(name); }

/// Runs `rds-ca verify ARGS` in-process; captures stdout and stderr.
struct Run {
  int status = -1;
  std::string out, err;
  Run(std::vector<std::string> args, const Env& env = {}) {
    std::ostringstream o, e;
    status = RunVerifyAt(args, Io{o, e, env}, "/usr/bin", kNow);
    out = o.str();
    err = e.str();
  }
};

std::vector<std::string> HostArgs(int port, const char* ca = "root.pem") {
  return {"--host", "localhost", "--port", std::to_string(port), "--ca", P(ca), "--timeout", "2"};
}

TEST_CASE("verify --host: a verified server, exit 0 and the report") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const Run r(HostArgs(server.port()));
  CHECK(r.status == 0);
  CHECK(r.err == "");
  CHECK(r.out.find("endpoint   localhost:" + std::to_string(server.port()) +
                   "  kind=other partition=none region=none trust=none\n") != std::string::npos);
  CHECK(r.out.find("tls        TLSv1.3, TLS_AES_256_GCM_SHA384 (256 bits)\n") != std::string::npos);
  CHECK(r.out.find("verdict    verified: chain to \"Amazon RDS us-east-1 Root CA RSA2048 G1\" and host name\n") !=
        std::string::npos);
  REQUIRE(server.WaitForConnections(1));
  CHECK(server.handshakes() == 1);
  CHECK(server.bytes_after_tls() == 0);
}

TEST_CASE("verify --host: the wrong root, exit 1 and one line on stderr") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const Run r(HostArgs(server.port(), "other-root.pem"));
  CHECK(r.status == 1);
  CHECK(r.err == "rds-ca verify: localhost:" + std::to_string(server.port()) +
                     ": the server chains to \"Amazon RDS us-east-1 Root CA RSA2048 G1\", which is not installed: set "
                     "RDS_CA_REGION=us-east-1 or bind the right host\n");
  CHECK(r.out.find("verdict    FAILED\n") != std::string::npos);
}

TEST_CASE("verify --quiet prints nothing when verified, only the line when not") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  auto args = HostArgs(server.port());
  args.push_back("--quiet");
  const Run ok(args);
  CHECK(ok.status == 0);
  CHECK(ok.out == "");
  CHECK(ok.err == "");
  args = HostArgs(server.port(), "other-root.pem");
  args.push_back("--quiet");
  const Run bad(args);
  CHECK(bad.status == 1);
  CHECK(bad.out == "");
  CHECK(bad.err.find("rds-ca verify: localhost:") == 0);
  CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
}

TEST_CASE("verify --json: one object for tooling") {
  FakePgServer server('S', P("wronghost.pem"), P("wronghost.key"));
  auto args = HostArgs(server.port());
  args.insert(args.end(), {"--json", "--mode", "verify-ca"});
  const Run r(args);
  CHECK(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "verified");
  CHECK(j["sslmode"] == "verify-ca");
  CHECK(j["chain_verified"] == true);
  CHECK(j["host_name_verified"] == false);
  CHECK(j["notes"].size() == 1);
  CHECK(j["anchor"]["subject"] == "O=rds-ca-buildpack tests, CN=Amazon RDS us-east-1 Root CA RSA2048 G1");
}

TEST_CASE("verify: a binding from VCAP_SERVICES, with its sslmode") {
  FakePgServer server('S', P("wronghost.pem"), P("wronghost.key"));
  const Env env = {{"VCAP_SERVICES", R"({"user-provided":[{"name":"console_db","label":"user-provided","tags":[],)"
                                     R"("credentials":{"uri":"postgres://myuser:mypass@localhost:)" +
                                         std::to_string(server.port()) + R"(/console_db"}}]})"}};
  const Run full({"--ca", P("root.pem"), "--timeout", "2"}, env);
  CHECK(full.status == 1);
  CHECK(full.err == "rds-ca verify: console_db (localhost:" + std::to_string(server.port()) +
                        "): the certificate names other hosts than localhost: db.example.net, db-ro.example.net: use "
                        "one of those names as the host in the binding\n");
  CHECK(full.out.find("service    console_db\n") == 0);
  CHECK(full.err.find("mypass") == std::string::npos);
  CHECK(full.out.find("mypass") == std::string::npos);
  Env ca_mode = env;
  ca_mode["DB_SSL_MODE"] = "verify-ca";
  const Run ca({"--ca", P("root.pem"), "--timeout", "2"}, ca_mode);
  CHECK(ca.status == 0);
  CHECK(ca.out.find("note       the certificate names other hosts than localhost") != std::string::npos);
}

TEST_CASE("verify --all --json: an array, one object per binding") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const std::string uri = "postgres://u:p@localhost:" + std::to_string(server.port()) + "/d";
  const Env env = {{"VCAP_SERVICES", R"({"user-provided":[{"name":"b","label":"user-provided","tags":[],"credentials":{"uri":")" +
                                         uri + R"("}},{"name":"a","label":"user-provided","tags":[],"credentials":{"uri":")" +
                                         uri + R"(?sslmode=require"}}]})"}};
  const Run r({"--all", "--json", "--ca", P("other-root.pem"), "--timeout", "2"}, env);
  CHECK(r.status == 1);  // b fails under verify-full; a only encrypts under require
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["service"] == "a");
  CHECK(j[0]["verdict"] == "encrypted");
  CHECK(j[0]["exit_code"] == 0);
  CHECK(j[1]["service"] == "b");
  CHECK(j[1]["verdict"] == "failed");
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("verify: network failures exit 3") {
  const Run r(HostArgs(testing::ClosedPort()));
  CHECK(r.status == 3);
  CHECK(r.err.find(": cannot connect to localhost:") != std::string::npos);
  CHECK(r.out.find("verdict    NETWORK FAILURE\n") != std::string::npos);
}

TEST_CASE("verify: nothing to verify is a usage error, except for the launch hook's --quiet") {
  CHECK_THROWS_WITH_AS(Run({"--ca", P("root.pem")}),
                       "nothing to verify: the app has no PostgreSQL binding and no DATABASE_URL; bind one, or pass "
                       "--host H",
                       UsageError);
  const Run quiet({"--quiet"});
  CHECK(quiet.status == 0);
  CHECK(quiet.out == "");
  CHECK(quiet.err == "");
}

TEST_CASE("ParseVerifyArgs reads every option, spaced or with =") {
  const VerifyArgs a = ParseVerifyArgs(
      {"--host", "db.example.net", "--port=6432", "--timeout", "0.5", "--json", "--sql", "--ca=/x.pem", "--mode", "verify-ca"});
  CHECK(a.host == "db.example.net");
  CHECK(a.port == 6432);
  CHECK(a.timeout == std::chrono::milliseconds(500));
  CHECK(a.json);
  CHECK(a.sql);
  CHECK(a.ca == "/x.pem");
  CHECK(a.mode == TlsMode::kVerifyCa);
  CHECK_FALSE(a.all);
  CHECK(ParseVerifyArgs({}).timeout == std::chrono::milliseconds(5000));
  CHECK(ParseVerifyArgs({"--host", "[::1]"}).host == "::1");
  CHECK(ParseVerifyArgs({"--service", "console_db", "--quiet"}).service == "console_db");
  CHECK(ParseVerifyArgs({"--all"}).all);
  CHECK(ParseVerifyArgs({}).require_tls == RequireTls::kOff);
  CHECK(ParseVerifyArgs({"--require-tls"}).require_tls == RequireTls::kFail);
  CHECK(ParseVerifyArgs({"--warn-plaintext"}).require_tls == RequireTls::kWarn);
  CHECK(ParseVerifyArgs({"--help"}).help);
  CHECK(ParseVerifyArgs({"-h"}).help);
  CHECK(ParseVerifyArgs({"--quiet", "--json", "--help"}).help);  // --help wins over any mistake
  CHECK(ParseVerifyArgs({"--mode=require", "--timeout=600"}).timeout == std::chrono::milliseconds(600000));
}

TEST_CASE("ParseVerifyArgs: each usage error is one line") {
  auto err = [](std::vector<std::string> args) -> std::string {
    try {
      ParseVerifyArgs(args);
    } catch (const UsageError& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK(err({"--frobnicate"}) == "unknown option '--frobnicate': run rds-ca verify --help for the options");
  CHECK(err({"--host"}) == "--host needs a value: run rds-ca verify --help");
  CHECK(err({"--json=yes"}) == "--json takes no value: run rds-ca verify --help");
  CHECK(err({"--host", "h", "--port", "99999"}) == "--port wants a TCP port (1-65535), not '99999'");
  CHECK(err({"--timeout", "0"}) == "--timeout wants seconds above 0 and up to 600 (such as 5 or 0.5), not '0'");
  CHECK(err({"--timeout", "soon"}) == "--timeout wants seconds above 0 and up to 600 (such as 5 or 0.5), not 'soon'");
  CHECK(err({"--mode", "verify_full"}) ==
        "--mode 'verify_full' is not an sslmode: use one of disable, allow, prefer, require, verify-ca, verify-full");
  CHECK(err({"--all", "--service", "x"}) == "--all probes every binding: leave out --service and --host");
  CHECK(err({"--service", "x", "--host", "h"}) == "--service and --host exclude each other: give one");
  CHECK(err({"--port", "5432"}) == "--port goes with --host: add --host H");
  CHECK(err({"--quiet", "--json"}) == "--quiet and --json exclude each other: give one");
  CHECK(err({"--require-tls", "--warn-plaintext"}) ==
        "--require-tls and --warn-plaintext exclude each other: give one");
  CHECK(err({"--require-tls=yes"}) == "--require-tls takes no value: run rds-ca verify --help");
  CHECK(err({"--warn-plaintext", "--warn-plaintext"}) == "--warn-plaintext is given twice: give it once");
  // The shared parser's rules (cli/args.h), the same as every other rds-ca command's:
  CHECK(err({"--host=", "h"}) == "--host needs a value: run rds-ca verify --help");
  CHECK(err({"--timeout", "--json"}) == "--timeout needs a value: run rds-ca verify --help");
  CHECK(err({"--host", "a", "--host", "b"}) == "--host is given twice: give it once");
  CHECK(err({"--sql", "--sql"}) == "--sql is given twice: give it once");
  // an argument that is not an option is never repeated: it may be a URL with a password
  CHECK(err({"postgres://u:s3cr3t@h/d"}) == "this command takes no arguments besides options: run rds-ca verify --help");
}

const std::string kSasl = testing::PgAuthRequest(10, std::string("SCRAM-SHA-256") + '\0' + '\0');
const std::string kRejected =
    "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"postgres\", database \"postgres\", no encryption";

/// One user-provided binding console_db on localhost:`port`, user myuser, password mypass.
Env ConsoleDb(int port) {
  return {{"VCAP_SERVICES", R"({"user-provided":[{"name":"console_db","label":"user-provided","tags":[],)"
                            R"("credentials":{"uri":"postgres://myuser:mypass@localhost:)" +
                                std::to_string(port) + R"(/console_db"}}]})"}};
}

std::string Accepted(int port) {
  return "console_db (localhost:" + std::to_string(port) +
         "): the server accepts connections without TLS: a plaintext startup for user \"myuser\" got a SASL request "
         "(SCRAM-SHA-256) (the check stopped there; no password was sent): set rds.force_ssl=1 in the DB parameter "
         "group (a server of your own: \"hostnossl all all all reject\" in pg_hba.conf)";
}

TEST_CASE("verify --require-tls: a server that refuses plaintext passes, and the report says so") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  server.PlaintextReply(testing::PgError("28000", kRejected));
  auto args = HostArgs(server.port());
  args.push_back("--require-tls");
  const Run r(args);
  CHECK(r.status == 0);
  CHECK(r.err == "");
  CHECK(r.out.find("plaintext  refused for user \"postgres\" (no credentials: RDS's default master user): SQLSTATE "
                   "28000: " + kRejected + "\nverdict    verified: ") != std::string::npos);
  REQUIRE(server.WaitForConnections(2));
  CHECK(server.handshakes() == 1);
  CHECK(server.startups() == 1);
  CHECK(server.startup() == PgStartupMessage("postgres", ""));
}

TEST_CASE("verify --require-tls: a server that accepts plaintext fails (exit 1), and no password is sent") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  server.PlaintextReply(kSasl);
  const Run r({"--ca", P("root.pem"), "--timeout", "2", "--require-tls"}, ConsoleDb(server.port()));
  CHECK(r.status == 1);
  CHECK(r.err == "rds-ca verify: " + Accepted(server.port()) + "\n");
  CHECK(r.out.find("plaintext  ACCEPTED for user \"myuser\" (the binding's user): a SASL request (SCRAM-SHA-256), no "
                   "password sent\nverdict    verified: ") != std::string::npos);
  REQUIRE(server.WaitForConnections(2));
  CHECK(server.startup() == PgStartupMessage("myuser", "console_db"));
  CHECK(server.after_startup() == "");
  CHECK((r.out + r.err).find("mypass") == std::string::npos);
  SUBCASE("--json: the check as a field; exit_code stays the TLS probe's") {
    const Run j({"--ca", P("root.pem"), "--timeout", "2", "--require-tls", "--json"}, ConsoleDb(server.port()));
    CHECK(j.status == 1);
    const auto json = nlohmann::json::parse(j.out);
    CHECK(json["verdict"] == "verified");
    CHECK(json["exit_code"] == 0);
    CHECK(json["plaintext"]["policy"] == "fail");
    CHECK(json["plaintext"]["result"] == "accepted");
    CHECK(json["plaintext"]["user"] == "myuser");
    CHECK(json["plaintext"]["user_source"] == "the binding's user");
    CHECK(json["plaintext"]["answer"] == "a SASL request (SCRAM-SHA-256)");
    CHECK(json["plaintext"]["message"] == Accepted(server.port()).substr(Accepted(server.port()).find(": ") + 2));
  }
}

TEST_CASE("verify --warn-plaintext --quiet: the launch hook's warn mode, one WARNING line, exit 0") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  server.PlaintextReply(testing::PgAuthRequest(3));
  const Run r({"--ca", P("root.pem"), "--timeout", "2", "--warn-plaintext", "--quiet"}, ConsoleDb(server.port()));
  CHECK(r.status == 0);
  CHECK(r.out == "");
  CHECK(r.err == "rds-ca verify: WARNING: console_db (localhost:" + std::to_string(server.port()) +
                     "): the server accepts connections without TLS: a plaintext startup for user \"myuser\" got a "
                     "cleartext password request (the check stopped there; no password was sent): set rds.force_ssl=1 "
                     "in the DB parameter group (a server of your own: \"hostnossl all all all reject\" in "
                     "pg_hba.conf)\n");
  REQUIRE(server.WaitForConnections(2));
  CHECK(server.after_startup() == "");
}

TEST_CASE("verify --require-tls: exit statuses combine, one line per failure") {
  SUBCASE("a TLS failure and a server that accepts plaintext: exit 1, two lines") {
    FakePgServer server('S', P("server.pem"), P("server.key"));
    server.PlaintextReply(kSasl);
    const Run r({"--ca", P("other-root.pem"), "--timeout", "2", "--require-tls", "--quiet"}, ConsoleDb(server.port()));
    CHECK(r.status == 1);
    CHECK(r.err == "rds-ca verify: console_db (localhost:" + std::to_string(server.port()) +
                       "): the server chains to \"Amazon RDS us-east-1 Root CA RSA2048 G1\", which is not installed: "
                       "set RDS_CA_REGION=us-east-1 or bind the right host\nrds-ca verify: " +
                       Accepted(server.port()) + "\n");
  }
  SUBCASE("a server that does not offer TLS at all is checked too") {
    FakePgServer server('N');
    server.PlaintextReply(kSasl);
    const Run r({"--ca", P("root.pem"), "--timeout", "2", "--require-tls", "--quiet"}, ConsoleDb(server.port()));
    CHECK(r.status == 1);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 2);
    CHECK(r.err.find("rds-ca verify: " + Accepted(server.port()) + "\n") != std::string::npos);
  }
  SUBCASE("a network failure: exit 3, no plaintext check") {
    auto args = HostArgs(testing::ClosedPort());
    args.insert(args.end(), {"--require-tls", "--json"});
    const Run r(args);
    CHECK(r.status == 3);
    CHECK(nlohmann::json::parse(r.out)["plaintext"].is_null());
  }
  SUBCASE("a check that cannot tell is a warning, exit 0") {
    FakePgServer server('S', P("server.pem"), P("server.key"));
    server.PlaintextReply(testing::PgError("53300", "sorry, too many clients already"));
    auto args = HostArgs(server.port());
    args.insert(args.end(), {"--require-tls", "--quiet"});
    const Run r(args);
    CHECK(r.status == 0);
    CHECK(r.err == "rds-ca verify: WARNING: localhost:" + std::to_string(server.port()) +
                       ": could not tell whether the server requires TLS: a plaintext startup for user \"postgres\" "
                       "got SQLSTATE 53300: sorry, too many clients already: run the check again\n");
  }
}

TEST_CASE("verify --help shows an example") {
  const Run r({"--help"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("usage: rds-ca verify ", 0) == 0);
  CHECK(r.out.find("  cf ssh myapp -c 'rds-ca verify'\n") != std::string::npos);
  CHECK(r.out.find("\n                     [--require-tls | --warn-plaintext]\n") != std::string::npos);
  CHECK(r.out.find("\n  --require-tls   also try a plaintext startup (no SSLRequest) as the binding's user, "
                   "and fail\n") != std::string::npos);
}

}  // namespace
}  // namespace rdsca
