#include "verify/probe.h"

#include <doctest/doctest.h>

#include <chrono>

#include "db/postgres/postgres.h"
#include "test_util.h"
#include "verify/fake_pg_server.h"
#include "verify/probe_pki.h"
#include "ca/x509.h"

namespace rdsca {
namespace {

using std::chrono::milliseconds;
using testing::ClosedPort;
using testing::FakePgServer;

std::string P(const char* name) { return testing::ProbePkiFile(name); }

ProbeOptions Options(int port, const char* ca = "root.pem", TlsMode mode = TlsMode::kVerifyFull) {
  ProbeOptions o;
  o.engine = &Postgres();  // the fake servers speak PostgreSQL's SSLRequest
  o.host = "localhost";
  o.port = port;
  o.ca_file = P(ca);
  o.mode = mode;
  o.timeout = milliseconds(2000);
  return o;
}

TEST_CASE("probe: a server that chains to an installed root is verified under verify-full") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const ProbeResult r = Probe(Options(server.port()));
  CHECK(r.message == "");
  CHECK(r.verdict == Verdict::kVerified);
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.chain_ok);
  CHECK(r.name_ok);
  CHECK(r.notes.empty());
  CHECK(r.address == "127.0.0.1");
  CHECK(r.ca_count == 1);
  CHECK(r.tls_version == "TLSv1.3");
  CHECK(r.cipher == "TLS_AES_256_GCM_SHA384");
  CHECK(r.cipher_bits == 256);
  REQUIRE(r.chain.size() == 2);
  CHECK(r.chain[0].cn == "localhost");
  CHECK(r.chain[0].names == std::vector<std::string>{"localhost", "127.0.0.1"});
  CHECK(r.chain[0].issuer ==
        "O=rds-ca-buildpack tests, CN=Amazon RDS us-east-1 Subordinate CA RSA2048 G1.A.1");
  CHECK(r.chain[1].cn == "Amazon RDS us-east-1 Subordinate CA RSA2048 G1.A.1");
  REQUIRE(r.anchor.has_value());
  CHECK(r.anchor->cn == "Amazon RDS us-east-1 Root CA RSA2048 G1");
  CHECK(r.anchor->subject == "O=rds-ca-buildpack tests, CN=Amazon RDS us-east-1 Root CA RSA2048 G1");
  CHECK(r.chain[0].sha256.size() == 64);
}

TEST_CASE("probe: sends exactly the SSLRequest and never a startup packet") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  Probe(Options(server.port()));
  REQUIRE(server.WaitForConnections(1));
  CHECK(server.preamble() == std::string("\x00\x00\x00\x08\x04\xD2\x16\x2F", 8));
  CHECK(server.handshakes() == 1);
  CHECK(server.bytes_after_tls() == 0);
}

TEST_CASE("probe: a server whose root is not installed fails, naming the root it needs") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const ProbeResult r = Probe(Options(server.port(), "other-root.pem"));
  CHECK(r.verdict == Verdict::kFailed);
  CHECK(r.code == ExitCode::kFailure);
  CHECK(r.message ==
        "the server chains to \"Amazon RDS us-east-1 Root CA RSA2048 G1\", which is not installed: set "
        "RDS_CA_REGION=us-east-1 or bind the right host");
  CHECK_FALSE(r.chain_ok);
  CHECK_FALSE(r.anchor.has_value());
  CHECK(r.chain.size() == 2);  // the report still shows what was sent
  CHECK(r.tls_version == "TLSv1.3");
}

TEST_CASE("probe: a wrong root is only a note under require") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  const ProbeResult r = Probe(Options(server.port(), "other-root.pem", TlsMode::kRequire));
  CHECK(r.verdict == Verdict::kEncrypted);
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.message == "");
  CHECK(r.notes == std::vector<std::string>{
                       "the server chains to \"Amazon RDS us-east-1 Root CA RSA2048 G1\", which is not installed: set "
                       "RDS_CA_REGION=us-east-1 or bind the right host (not checked under sslmode=require)"});
}

TEST_CASE("probe: a certificate for other hosts") {
  FakePgServer server('S', P("wronghost.pem"), P("wronghost.key"));
  SUBCASE("fails under verify-full, listing its names") {
    const ProbeResult r = Probe(Options(server.port()));
    CHECK(r.verdict == Verdict::kFailed);
    CHECK(r.code == ExitCode::kFailure);
    CHECK(r.message ==
          "the certificate names other hosts than localhost: db.example.net, db-ro.example.net: use one of those "
          "names as the host in the binding");
    CHECK(r.chain_ok);
    CHECK_FALSE(r.name_ok);
    CHECK(r.anchor.has_value());
  }
  SUBCASE("passes under verify-ca, with a note") {
    const ProbeResult r = Probe(Options(server.port(), "root.pem", TlsMode::kVerifyCa));
    CHECK(r.verdict == Verdict::kVerified);
    CHECK(r.code == ExitCode::kOk);
    CHECK(r.message == "");
    CHECK(r.notes == std::vector<std::string>{
                         "the certificate names other hosts than localhost: db.example.net, db-ro.example.net: use "
                         "one of those names as the host in the binding (not checked under sslmode=verify-ca)"});
  }
}

TEST_CASE("probe: an IP literal is checked against the IP addresses the certificate names") {
  FakePgServer server('S', P("server.pem"), P("server.key"));
  ProbeOptions o = Options(server.port());
  o.host = "127.0.0.1";
  const ProbeResult r = Probe(o);
  CHECK(r.message == "");
  CHECK(r.verdict == Verdict::kVerified);
}

TEST_CASE("probe: an expired server certificate fails with its date") {
  FakePgServer server('S', P("expired.pem"), P("expired.key"));
  const ProbeResult r = Probe(Options(server.port()));
  CHECK(r.verdict == Verdict::kFailed);
  CHECK(r.code == ExitCode::kFailure);
  CHECK(r.message ==
        "the server certificate expired on 2020-02-01: renew the server's certificate (RDS: rotate the instance to "
        "a current CA such as rds-ca-rsa2048-g1)");
  REQUIRE(r.server() != nullptr);
  CHECK(FormatDate(r.server()->not_after) == "2020-02-01");
}

TEST_CASE("probe: a server that answers N does not offer TLS") {
  FakePgServer server('N');
  const ProbeResult r = Probe(Options(server.port()));
  CHECK(r.verdict == Verdict::kFailed);
  CHECK(r.code == ExitCode::kFailure);
  CHECK(r.message == "the server does not offer TLS (it answered N to SSLRequest): turn on ssl in the server's "
                     "settings, or check that localhost:" + std::to_string(server.port()) +
                     " is the database you meant");
  CHECK(r.chain.empty());
}

TEST_CASE("probe: a server that answers anything else is not PostgreSQL") {
  FakePgServer server('H');
  const ProbeResult r = Probe(Options(server.port()));
  CHECK(r.code == ExitCode::kFailure);
  CHECK(r.message == "localhost:" + std::to_string(server.port()) +
                         " is not a PostgreSQL server (it answered 0x48 to SSLRequest): check the port");
}

TEST_CASE("probe: a closed port is a network failure, well within the timeout") {
  const int port = ClosedPort();
  const auto started = std::chrono::steady_clock::now();
  const ProbeResult r = Probe(Options(port));
  CHECK(std::chrono::steady_clock::now() - started < milliseconds(1000));
  CHECK(r.verdict == Verdict::kNetwork);
  CHECK(r.code == ExitCode::kNetwork);
  CHECK(r.message == "cannot connect to localhost:" + std::to_string(port) +
                         " (127.0.0.1: connection refused): check the host and port, and that the database accepts "
                         "connections from here");
  CHECK(r.addresses == std::vector<std::string>{"127.0.0.1"});
  CHECK(r.address == "");
}

TEST_CASE("probe: a server that never answers the SSLRequest times out") {
  // A listening socket nobody accepts from: the kernel completes the connect, then silence.
  testing::SilentListener silent;
  ProbeOptions o = Options(silent.port());
  o.timeout = milliseconds(500);
  const auto started = std::chrono::steady_clock::now();
  const ProbeResult r = Probe(o);
  // The deadline is the only way out of that silence: at least the timeout has passed (no upper
  // bound is asserted, as it would depend on how busy the machine is).
  CHECK(std::chrono::steady_clock::now() - started >= milliseconds(500));
  CHECK(r.code == ExitCode::kNetwork);
  CHECK(r.message == "localhost:" + std::to_string(o.port) +
                         " did not answer the SSLRequest within 500 ms: check that this port is PostgreSQL's");
}

TEST_CASE("probe: an unresolvable host is a network failure") {
  ProbeOptions o = Options(5432);
  o.host = "no-such-host.invalid";
  const ProbeResult r = Probe(o);
  CHECK(r.code == ExitCode::kNetwork);
  CHECK(r.verdict == Verdict::kNetwork);
  CHECK(r.message.rfind("cannot resolve no-such-host.invalid ", 0) == 0);
}

TEST_CASE("probe: bad options") {
  // (an unknown mode cannot reach the probe: it is a TlsMode; `--mode` is checked by cli/verify_cmd)
  ProbeOptions o = Options(70000);
  CHECK_THROWS_WITH_AS(Probe(o), "port 70000 is outside 1..65535", UsageError);
  o = Options(5432, "server.key");
  CHECK_THROWS_WITH_AS(Probe(o),
                       ("the CA file " + P("server.key") +
                        " holds no PEM certificate: pass the installed bundle (deps/IDX/rds-ca/rds-ca.pem) with --ca")
                           .c_str(),
                       Failure);
}

TEST_CASE("MissingRootFix: what to do depends on the root the server needs") {
  CHECK(MissingRootFix("Amazon RDS eu-west-3 Root CA ECC384 G1") == "set RDS_CA_REGION=eu-west-3 or bind the right host");
  CHECK(MissingRootFix("Amazon RDS us-gov-west-1 Root CA RSA4096 G1") ==
        "set RDS_CA_REGION=us-gov-west-1 or bind the right host");
  CHECK(MissingRootFix("Amazon RDS Preview us-east-2 Root CA RSA2048 G1") ==
        "set RDS_CA_REGION=us-east-2 or bind the right host");
  const std::string rotate =
      "that CA generation has expired and is never installed: rotate the database to a current CA (rds-ca-rsa2048-g1)";
  CHECK(MissingRootFix("Amazon RDS Root 2019 CA") == rotate);
  CHECK(MissingRootFix("Amazon RDS us-west-2 2019 CA") == rotate);
  CHECK(MissingRootFix("My Company Root") == "add that CA with RDS_CA_EXTRA_CERTS and restage, or bind the right host");
}

}  // namespace
}  // namespace rdsca
