// No password in any message or log line, on every path a credential takes through staging's
// bindings step and the launch hook, the failing ones included (the end-to-end
// counterpart, staged and launched through scripts/cf-local, is tests/integration/secrets_test.sh).
#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"
#include "ca/download.h"
#include "cf/stager.h"
#include "staging/staging_state.h"
#include "db/postgres/pg_url.h"
#include "launch/cf_launch.h"
#include "test_util.h"

namespace rdsca {
namespace {

constexpr const char* kMarker = "S3cr3tMarkerPW";

/// VCAP_SERVICES with one user-provided service tagged postgresql and these credentials.
std::string Vcap(const std::string& credentials) {
  return R"({"user-provided":[{"name":"db","label":"user-provided","tags":["postgresql"],"credentials":)" +
         credentials + "}]}";
}

/// The staging log of the bindings step plus its error, and the launch hook's error, if any.
std::string Everything(const Env& env) {
  testing::TempDir tmp;
  Stager stager{tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0"};
  std::ostringstream out;
  Log log{out};
  std::string all;
  try {
    StagingState state(stager, env, log, tmp.path() / "bp");
    BindingsStep(state);
  } catch (const Failure& e) {
    all += std::string("staging error: ") + e.what() + "\n";
  }
  all += out.str();
  Env runtime = env;
  runtime["DEPS_DIR"] = "/home/vcap/deps";
  try {
    CfLaunchExports(runtime, "0");
  } catch (const Failure& e) {
    all += std::string("launch error: ") + e.what() + "\n";
  }
  return all;
}

struct Case {
  const char* what;
  std::string credentials;
  const char* expect;  ///< a piece of the output that proves the path was taken
};

}  // namespace

TEST_CASE("a password reaches no message and no staging log line, whichever way the binding fails") {
  const std::string m = kMarker;
  const std::vector<Case> cases = {
      {"success through the uri", R"({"uri":"postgres://user:)" + m + R"(@db.example.com:5432/orders"})",
       "postgres://user:***@db.example.com:5432/orders"},
      {"success through discrete fields",
       R"({"hostname":"db.example.com","username":"user","password":")" + m + R"(","dbname":"orders"})",
       "postgres://user:***@db.example.com:5432/orders"},
      {"a raw '/' in the password (it would land in the database name)",
       R"({"uri":"postgres://user:1234/)" + m + R"(@db.example.com:5432/orders"})", "write '/' as %2F"},
      {"the same, with discrete fields completing it",
       R"({"uri":"postgres://user:1234/)" + m + R"(@db.example.com:5432/orders","hostname":"db.example.com"})",
       "the other fields are used"},
      {"bad percent-encoding", R"({"uri":"postgres://user:)" + m + R"(%zz@db.example.com/orders"})",
       "bad percent-encoding in the password"},
      {"unsupported scheme", R"({"uri":"mongodb://user:)" + m + R"(@db.example.com:27017/orders"})",
       "which is not PostgreSQL"},
      {"port out of range", R"({"uri":"postgres://user:)" + m + R"(@db.example.com:99999/orders"})",
       "out of range"},
      {"port not a number", R"({"uri":"postgres://user:)" + m + R"(@db.example.com:5x/orders"})", "not a number"},
      {"several hosts", R"({"uri":"postgres://user:)" + m + R"(@h1.example.com,h2.example.com/orders"})",
       "several hosts"},
      {"IPv6 without ']'", R"({"uri":"postgres://user:)" + m + R"(@[2001:db8::1/orders"})", "closing ']'"},
      {"no host", R"({"uri":"postgres://user:)" + m + R"(@/orders"})", "the host is empty"},
      {"a bad discrete port", R"({"hostname":"db.example.com","port":"54x","password":")" + m + R"(","dbname":"d"})",
       "is not a number"},
      {"a host that is not one", R"({"hostname":"db example","password":")" + m + R"(","dbname":"d"})",
       "is not a host name"},
      {"password is an array", R"({"hostname":"db.example.com","dbname":"d","password":[")" + m + R"("]})",
       "password is an array"},
      {"password is an object", R"({"hostname":"db.example.com","dbname":"d","password":{"p":")" + m + R"("}})",
       "password is an object"},
      {"a NUL byte in the password",
       R"({"hostname":"db.example.com","dbname":"d","password":")" + m + R"(\u0000x"})", "NUL byte"},
      {"discrete password and uri password differ",
       R"({"uri":"postgres://user:other@db.example.com/orders","password":")" + m + R"("})",
       "password and the uri's password differ"},
      {"a malformed jdbcUrl", R"({"jdbcUrl":"jdbc:postgresql://db.example.com:0/orders?password=)" + m + R"("})",
       "out of range"},
      {"credentials are an array", R"([")" + m + R"("])", "credentials is an array"},
      {"credentials are a string", R"("postgres://user:)" + m + R"(@db.example.com/orders")",
       "credentials is a string"},
      // MySQL (the tag says postgresql: the mysql uri wins, and the two engines are a warning)
      {"MySQL: success through the uri", R"({"uri":"mysql://user:)" + m + R"(@db.example.com:3306/orders"})",
       "mysql2://user:***@db.example.com:3306/orders"},
      {"MySQL: success through seed 004's shape", R"({"uri":"mysql://","hostname":"db.example.com","username":"user","password":")" +
       m + R"(","name":"orders","port":"3306"})", "mysql2://user:***@db.example.com:3306/orders"},
      {"MySQL: bad percent-encoding", R"({"uri":"mysql2://user:)" + m + R"(%zz@db.example.com/orders"})",
       "bad percent-encoding in the password"},
      {"MySQL: port out of range", R"({"uri":"mysql://user:)" + m + R"(@db.example.com:99999/orders"})", "out of range"},
      {"MySQL: port not a number", R"({"uri":"mysql://user:)" + m + R"(@db.example.com:33o6/orders"})", "not a number"},
      {"MySQL: an unknown ssl_mode", R"({"uri":"mysql://user:)" + m + R"(@db.example.com/orders?ssl_mode=strict"})",
       "is not an ssl_mode"},
      {"MySQL: a raw '/' in the password", R"({"uri":"mysql://user:1234/)" + m + R"(@db.example.com:3306/orders"})",
       "write '/' as %2F"},
      {"MySQL: a malformed jdbcUrl", R"({"jdbcUrl":"jdbc:mysql://db.example.com:0/orders?password=)" + m + R"("})",
       "out of range"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const std::string out = Everything({{"VCAP_SERVICES", Vcap(c.credentials)}});
    CHECK(out.find(c.expect) != std::string::npos);
    CHECK(out.find(kMarker) == std::string::npos);
  }
  SUBCASE("malformed JSON right at the password") {
    const std::string out = Everything({{"VCAP_SERVICES", Vcap(R"({"password":")" + m + R"(})")}});
    CHECK(out.find("is not valid JSON (line 1, column") != std::string::npos);
    CHECK(out.find(kMarker) == std::string::npos);
  }
}

TEST_CASE("a raw '/' in a password is refused, and a URL without userinfo still round-trips an '@'") {
  CHECK_THROWS_WITH(ParsePgUrl("postgres://user:12/34@db.example.com/orders"),
                    "an '@' follows the first '/', as when a '/' in the password is not encoded: write '/' as "
                    "%2F in the user name and password");
  // pgjdbc has no userinfo: there the shape is the same mistake, and refused the same way
  CHECK_THROWS_WITH(ParseJdbcUrl("jdbc:postgresql://user:12/34@db.example.com/orders"),
                    "an '@' follows the first '/', as when a '/' in the password is not encoded: write '/' as "
                    "%2F in the user name and password");
  CHECK(ParseJdbcUrl("jdbc:postgresql://db.example.com:5432/orders?user=u&x=a@b").port == 5432);
  Connection url;
  url.host = "db.example.com";
  url.database = "team@orders";
  CHECK(BuildPgUrl(url) == "postgres://db.example.com:5432/team%40orders");
  CHECK(ParsePgUrl(BuildPgUrl(url)).database == "team@orders");
  url.user = "me";
  CHECK(BuildPgUrl(url) == "postgres://me@db.example.com:5432/team@orders");
  CHECK(ParsePgUrl(BuildPgUrl(url)).database == "team@orders");
}

TEST_CASE("a bundle URL's userinfo never reaches a message") {
  const std::string url = std::string("https://mirror:") + kMarker + "@127.0.0.1:1/global-bundle.pem";
  DownloadRequest r;
  r.url = url;
  r.attempts = 1;
  r.connect_timeout_ms = 2000;
  try {
    Download(r);
    FAIL("a closed port downloaded");
  } catch (const Failure& e) {
    CHECK(std::string(e.what()).rfind("cannot download https://***@127.0.0.1:1/global-bundle.pem: ", 0) == 0);
    CHECK(std::string(e.what()).find(kMarker) == std::string::npos);
  }
  r.url = std::string("http://mirror:") + kMarker + "@127.0.0.1:1/x.pem";
  CHECK_THROWS_WITH(Download(r), "cannot download http://***@127.0.0.1:1/x.pem: only https:// URLs are allowed "
                                 "(use the https:// address of the bundle)");
}

}  // namespace rdsca
