#include "verify/postgres/pg_plaintext.h"

#include <doctest/doctest.h>

#include <chrono>

#include "db/postgres/postgres.h"
#include "verify/fake_pg_server.h"
#include "verify/probe_pki.h"

namespace rdsca {
namespace {

using std::chrono::milliseconds;
using testing::FakePgServer;
using testing::PgAuthRequest;
using testing::PgError;

const std::string kRejected =
    "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"app\", database \"appdb\", no encryption";
const std::string kFix =
    "set rds.force_ssl=1 in the DB parameter group (a server of your own: \"hostnossl all all all reject\" in "
    "pg_hba.conf)";

PlaintextOptions Options(int port) {
  PlaintextOptions o;
  o.server.engine = &Postgres();  // the fake servers speak PostgreSQL
  o.server.host = "localhost";
  o.server.port = port;
  o.server.timeout = milliseconds(2000);
  o.address = "127.0.0.1";
  o.user = "app";
  o.user_source = "the binding";
  o.database = "appdb";
  o.url = "postgres://app:Mk7Sx9SecretPw42@localhost/appdb";  // present, and never to be sent
  return o;
}

/// Checks the plaintext startup against a fake that answers `reply`; the result, and what the
/// client sent after its startup.
struct Exchange {
  PlaintextResult result;
  std::string startup, after;
  explicit Exchange(const std::string& reply) {
    FakePgServer server('S', testing::ProbePkiFile("server.pem"), testing::ProbePkiFile("server.key"));
    server.PlaintextReply(reply);
    result = CheckPlaintext(Options(server.port()));
    REQUIRE(server.WaitForConnections(1));
    startup = server.startup();
    after = server.after_startup();
  }
};

TEST_CASE("PgStartupMessage: protocol 3.0, user, database, application_name") {
  CHECK(PgStartupMessage("app", "appdb") ==
        std::string("\x00\x00\x00\x40\x00\x03\x00\x00", 8) + "user" + '\0' + "app" + '\0' + "database" + '\0' +
            "appdb" + '\0' + "application_name" + '\0' + "rds-ca verify" + '\0' + '\0');
  SUBCASE("an empty database is left out: the server takes the user's name") {
    CHECK(PgStartupMessage("postgres", "").find("database") == std::string::npos);
  }
}

TEST_CASE("plaintext check: an ErrorResponse 28000 before authentication is a refusal") {
  const Exchange x(PgError("28000", kRejected));
  CHECK(x.result.verdict == PlaintextVerdict::kRefused);
  CHECK(x.result.code == "28000");
  CHECK(x.result.answer == "SQLSTATE 28000: " + kRejected);
  CHECK(x.result.message == "");
  CHECK(x.startup == PgStartupMessage("app", "appdb"));
  CHECK(x.after == "");
  CHECK(PlaintextText(x.result) == "refused for user \"app\" (the binding): SQLSTATE 28000: " + kRejected);
}

TEST_CASE("plaintext check: any authentication request means plaintext is accepted, and nothing is answered") {
  const std::string accepted = "the server accepts connections without TLS: a plaintext startup for user \"app\" got ";
  const std::string stopped = " (the check stopped there; no password was sent): " + kFix;
  SUBCASE("cleartext password") {
    const Exchange x(PgAuthRequest(3));
    CHECK(x.result.verdict == PlaintextVerdict::kAccepted);
    CHECK(x.result.message == accepted + "a cleartext password request" + stopped);
    CHECK(x.after == "");  // no PasswordMessage, no Terminate: the connection was only closed
    CHECK(PlaintextText(x.result) ==
          "ACCEPTED for user \"app\" (the binding): a cleartext password request, no password sent");
  }
  SUBCASE("MD5 password") {
    const Exchange x(PgAuthRequest(5, "salt"));
    CHECK(x.result.message == accepted + "an MD5 password request" + stopped);
    CHECK(x.after == "");
  }
  SUBCASE("SASL") {
    const Exchange x(PgAuthRequest(10, std::string("SCRAM-SHA-256-PLUS") + '\0' + "SCRAM-SHA-256" + '\0' + '\0'));
    CHECK(x.result.message == accepted + "a SASL request (SCRAM-SHA-256-PLUS, SCRAM-SHA-256)" + stopped);
    CHECK(x.after == "");
  }
  SUBCASE("AuthenticationOk (trust): the session is ended with Terminate") {
    const Exchange x(PgAuthRequest(0));
    CHECK(x.result.verdict == PlaintextVerdict::kAccepted);
    CHECK(x.result.message == accepted + "AuthenticationOk (no password asked)" + stopped);
    CHECK(x.after == std::string("X\x00\x00\x00\x04", 5));
  }
  SUBCASE("any other request") {
    const Exchange x(PgAuthRequest(7));
    CHECK(x.result.answer == "a GSSAPI request");
    CHECK(x.after == "");
  }
}

TEST_CASE("plaintext check: what says nothing about TLS is unknown") {
  SUBCASE("another SQLSTATE") {
    const Exchange x(PgError("53300", "sorry, too many clients already"));
    CHECK(x.result.verdict == PlaintextVerdict::kUnknown);
    CHECK(x.result.message ==
          "could not tell whether the server requires TLS: a plaintext startup for user \"app\" got SQLSTATE 53300: "
          "sorry, too many clients already: run the check again");
    CHECK(PlaintextText(x.result) == "unknown for user \"app\" (the binding): " + x.result.message);
  }
  SUBCASE("not a PostgreSQL message") {
    FakePgServer server('S');
    server.PlaintextReply("HTTP/1.1 400 Bad Request\r\n\r\n");
    const PlaintextResult r = CheckPlaintext(Options(server.port()));
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
    CHECK(r.message == "could not tell whether the server requires TLS: localhost:" + std::to_string(server.port()) +
                           " answered a plaintext startup with 0x48, not a PostgreSQL authentication message: check "
                           "the port");
  }
  SUBCASE("the server closes without an answer") {
    FakePgServer server('S');
    const PlaintextResult r = CheckPlaintext(Options(server.port()));
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
    CHECK(r.message == "could not tell whether the server requires TLS: localhost:" + std::to_string(server.port()) +
                           " closed the plaintext connection without an answer: run the check again, or check that "
                           "this port is PostgreSQL's");
  }
  SUBCASE("a closed port") {
    const int port = testing::ClosedPort();
    const PlaintextResult r = CheckPlaintext(Options(port));
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
    CHECK(r.message == "could not tell whether the server requires TLS: cannot connect to localhost:" +
                           std::to_string(port) + " for the plaintext startup (127.0.0.1: connection refused)");
  }
  SUBCASE("silence: the deadline ends it") {
    testing::SilentListener silent;
    PlaintextOptions o = Options(silent.port());
    o.server.timeout = milliseconds(300);
    const auto started = std::chrono::steady_clock::now();
    const PlaintextResult r = CheckPlaintext(o);
    CHECK(std::chrono::steady_clock::now() - started >= milliseconds(300));
    CHECK(r.message == "could not tell whether the server requires TLS: localhost:" + std::to_string(o.server.port) +
                           " did not answer a plaintext startup within 300 ms: check that this port is PostgreSQL's");
  }
}

TEST_CASE("JudgePgAnswer reads the fields it needs and nothing more") {
  PlaintextResult r;
  r.user = "u";
  SUBCASE("an ErrorResponse without a code is unknown") {
    JudgePgAnswer('E', std::string("Mno code") + '\0' + '\0', "h:1", r);
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
    CHECK(r.answer == "SQLSTATE (none): no code");
  }
  SUBCASE("control bytes in the server's text are shown as '?'") {
    JudgePgAnswer('E', std::string("C28000") + '\0' + "Mline\none" + '\0' + '\0', "h:1", r);
    CHECK(r.verdict == PlaintextVerdict::kRefused);
    CHECK(r.answer == "SQLSTATE 28000: line?one");
  }
  SUBCASE("a truncated authentication request is not one") {
    JudgePgAnswer('R', std::string("\0\0", 2), "h:1", r);
    CHECK(r.verdict == PlaintextVerdict::kUnknown);
  }
}

TEST_CASE("RequireTlsFix and DefaultCheckUser, per engine") {
  CHECK(RequireTlsFix(EngineId::kPostgres) == kFix);
  CHECK(DefaultCheckUser(EngineId::kPostgres) == "postgres");
  CHECK(PlaintextVerdictName(PlaintextVerdict::kAccepted) == "accepted");
}

}  // namespace
}  // namespace rdsca
