// MySQL's plaintext check without a server: what it says when it cannot log in. The checks
// against a real MariaDB, require_secure_transport ON and OFF, are tests/integration/mysql_test.sh's.
#include "verify/mysql/mysql_plaintext.h"

#include <doctest/doctest.h>

#include "db/mysql/mysql.h"

namespace rdsca {
namespace {

PlaintextOptions MysqlOptions(std::string url) {
  PlaintextOptions o;
  o.server.engine = &Mysql();
  o.server.host = "127.0.0.1";
  o.server.port = 1;  // nothing listens: a login attempt would fail, not hang
  o.server.timeout = std::chrono::milliseconds(500);
  o.user = "app";
  o.user_source = "the binding's user";
  o.url = std::move(url);
  return o;
}

}  // namespace

TEST_CASE("MySQL's plaintext check: no password, no login, nothing sent; it says why it cannot tell") {
  for (const char* url : {"", "mysql://app@127.0.0.1:1/shop", "not a url"}) {
    CAPTURE(url);
    const PlaintextResult r = CheckPlaintext(MysqlOptions(url));
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
    CHECK_FALSE(r.logged_in);
    CHECK(r.message ==
          "could not tell whether the server requires TLS: MySQL's check logs in over verified TLS to read "
          "require_secure_transport (a plaintext attempt would send the login in clear), and there is no password: "
          "name a binding with --service, or set DATABASE_URL");
    CHECK(PlaintextText(r) == "unknown for user \"app\" (the binding's user): " + r.message);
  }
}

TEST_CASE("MySQL's plaintext check: a login that cannot happen is unknown, with the reason, never the password") {
  const PlaintextResult r = CheckPlaintext(MysqlOptions("mysql://app:s3cret-pw@127.0.0.1:1/shop"));
  CHECK(r.verdict == PlaintextVerdict::kUnknown);
  CHECK(r.message.rfind("could not tell whether the server requires TLS: logging in over verified TLS to read "
                        "require_secure_transport failed: ", 0) == 0);
  CHECK(r.message.find("s3cret-pw") == std::string::npos);
  CHECK(r.message.find("--sql") == std::string::npos);
}

TEST_CASE("MySQL's fix, default user, and the report line of a check that logged in") {
  CHECK(RequireTlsFix(EngineId::kMysql) ==
        "set require_secure_transport=ON in the DB parameter group (a server of your own: require_secure_transport=ON "
        "under [mysqld])");
  CHECK(DefaultCheckUser(EngineId::kMysql) == "admin");
  PlaintextResult r;
  r.verdict = PlaintextVerdict::kAccepted;
  r.user = "app";
  r.user_source = "the binding's user";
  r.answer = "require_secure_transport is OFF (read over verified TLS)";
  r.logged_in = true;
  CHECK(PlaintextText(r) ==
        "ACCEPTED for user \"app\" (the binding's user): require_secure_transport is OFF (read over verified TLS)");
  r.verdict = PlaintextVerdict::kRefused;
  r.answer = "require_secure_transport is ON (read over verified TLS)";
  CHECK(PlaintextText(r) == "refused for user \"app\" (the binding's user): require_secure_transport is ON (read over verified TLS)");
}

}  // namespace rdsca
