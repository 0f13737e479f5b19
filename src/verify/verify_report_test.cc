#include "verify/verify_report.h"

#include <doctest/doctest.h>

#include "db/postgres/postgres.h"

namespace rdsca {
namespace {

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01 00:00:00 UTC
constexpr std::int64_t kDay = 86400;

CertSummary Cert(const std::string& cn, const std::string& issuer_cn, std::int64_t not_after,
                 std::vector<std::string> names = {}) {
  CertSummary c;
  c.cn = cn;
  c.subject = "O=tests, CN=" + cn;
  c.issuer = "O=tests, CN=" + issuer_cn;
  c.names = std::move(names);
  c.not_before = kNow - 100 * kDay;
  c.not_after = not_after;
  c.sha256 = std::string(64, 'a');
  return c;
}

VerifyReport Verified(TlsMode mode = TlsMode::kVerifyFull) {
  VerifyReport r;
  r.service = "console_db";
  r.endpoint = ClassifyEndpoint("mydb.c9akciq32.us-west-2.rds.amazonaws.com");
  ProbeResult& p = r.probe;
  p.options.engine = &Postgres();
  p.options.host = "mydb.c9akciq32.us-west-2.rds.amazonaws.com";
  p.options.port = 5432;
  p.options.ca_file = "/home/vcap/deps/0/rds-ca/rds-ca.pem";
  p.options.mode = mode;
  p.verdict = Verdict::kVerified;
  p.code = ExitCode::kOk;
  p.ca_count = 3;
  p.addresses = {"127.0.0.1", "::1"};
  p.address = "127.0.0.1";
  p.tls_version = "TLSv1.3";
  p.cipher = "TLS_AES_256_GCM_SHA384";
  p.cipher_bits = 256;
  p.chain = {Cert("mydb.c9akciq32.us-west-2.rds.amazonaws.com", "Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1",
                  kNow + 400 * kDay, {"mydb.c9akciq32.us-west-2.rds.amazonaws.com"}),
             Cert("Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1", "Amazon RDS us-west-2 Root CA RSA2048 G1",
                  kNow + 3000 * kDay)};
  p.anchor = Cert("Amazon RDS us-west-2 Root CA RSA2048 G1", "Amazon RDS us-west-2 Root CA RSA2048 G1",
                  kNow + 12000 * kDay);
  p.chain_ok = true;
  p.name_ok = true;
  return r;
}

TEST_CASE("RenderText shows every fact of a verified probe") {
  const VerifyReport r = Verified();
  CHECK(RenderText(r, kNow) ==
        "service    console_db\n"
        "endpoint   mydb.c9akciq32.us-west-2.rds.amazonaws.com:5432  kind=instance partition=aws region=us-west-2 "
        "trust=rds\n"
        "address    127.0.0.1 (resolved: 127.0.0.1, ::1)\n"
        "sslmode    verify-full\n"
        "trust      /home/vcap/deps/0/rds-ca/rds-ca.pem (3 certificates)\n"
        "tls        TLSv1.3, TLS_AES_256_GCM_SHA384 (256 bits)\n"
        "server     O=tests, CN=mydb.c9akciq32.us-west-2.rds.amazonaws.com\n"
        "names      mydb.c9akciq32.us-west-2.rds.amazonaws.com\n"
        "issuer     O=tests, CN=Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1\n"
        "expires    2028-02-05 00:00:00 UTC (400 days left)\n"
        "chain      2 certificates as sent:\n"
        "  #0       O=tests, CN=mydb.c9akciq32.us-west-2.rds.amazonaws.com (until 2028-02-05)\n"
        "  #1       O=tests, CN=Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1 (until 2035-03-20)\n"
        "anchor     O=tests, CN=Amazon RDS us-west-2 Root CA RSA2048 G1, until 2059-11-09 00:00:00 UTC (12000 days "
        "left)\n"
        "verdict    verified: chain to \"Amazon RDS us-west-2 Root CA RSA2048 G1\" and host name\n");
}

TEST_CASE("RenderText of a failure stops where the probe stopped") {
  VerifyReport r;
  r.endpoint = ClassifyEndpoint("127.0.0.1");
  r.probe.options.engine = &Postgres();
  r.probe.options.host = "127.0.0.1";
  r.probe.options.port = 1;
  r.probe.options.ca_file = "/x/rds-ca.pem";
  r.probe.ca_count = 1;
  r.probe.addresses = {"127.0.0.1"};
  r.probe.verdict = Verdict::kNetwork;
  r.probe.code = ExitCode::kNetwork;
  r.probe.message = "cannot connect";
  CHECK(RenderText(r, kNow) ==
        "endpoint   127.0.0.1:1  kind=other partition=none region=none trust=none\n"
        "address    none connected (resolved: 127.0.0.1)\n"
        "sslmode    verify-full\n"
        "trust      /x/rds-ca.pem (1 certificate)\n"
        "verdict    NETWORK FAILURE\n");
  CHECK(FailureLine(r) == "127.0.0.1:1: cannot connect");
  r.service = "db";
  r.probe.options.host = "::1";
  CHECK(FailureLine(r) == "db ([::1]:1): cannot connect");
}

TEST_CASE("VerdictText names the mode's checks") {
  CHECK(VerdictText(Verified(TlsMode::kVerifyCa).probe) ==
        "verified: chain to \"Amazon RDS us-west-2 Root CA RSA2048 G1\" (host name not checked under sslmode=verify-ca)");
  ProbeResult p = Verified(TlsMode::kRequire).probe;
  p.verdict = Verdict::kEncrypted;
  CHECK(VerdictText(p) == "encrypted, not verified (sslmode=require)");
  p.verdict = Verdict::kFailed;
  CHECK(VerdictText(p) == "FAILED");
}

TEST_CASE("RenderJson carries the same facts for tooling") {
  VerifyReport r = Verified();
  r.warnings = {"w"};
  const auto j = RenderJson(r, kNow);
  CHECK(j["service"] == "console_db");
  CHECK(j["port"] == 5432);
  CHECK(j["endpoint"].dump() == R"({"kind":"instance","partition":"aws","region":"us-west-2","trust":"rds"})");
  CHECK(j["tls"].dump() == R"({"version":"TLSv1.3","cipher":"TLS_AES_256_GCM_SHA384","bits":256})");
  CHECK(j["server"]["not_after"] == "2028-02-05T00:00:00Z");
  CHECK(j["server"]["days_left"] == 400);
  CHECK(j["server"]["names"].dump() == R"(["mydb.c9akciq32.us-west-2.rds.amazonaws.com"])");
  CHECK(j["chain"].size() == 2);
  CHECK(j["anchor"]["subject"] == "O=tests, CN=Amazon RDS us-west-2 Root CA RSA2048 G1");
  CHECK(j["chain_verified"] == true);
  CHECK(j["host_name_verified"] == true);
  CHECK(j["verdict"] == "verified");
  CHECK(j["exit_code"] == 0);
  CHECK(j["message"] == "");
  CHECK(j["warnings"].dump() == R"(["w"])");
  r.probe.chain.clear();
  r.probe.anchor.reset();
  r.probe.tls_version.clear();
  const auto empty = RenderJson(r, kNow);
  CHECK(empty["server"].is_null());
  CHECK(empty["anchor"].is_null());
  CHECK(empty["tls"].is_null());
}

TEST_CASE("ExpiryWarnings: the server certificate within 30 days, the anchoring CA within 365") {
  VerifyReport r = Verified();
  CHECK(ExpiryWarnings(r.probe, kNow, {}).empty());
  r.probe.chain[0].not_after = kNow + 12 * kDay + 5;
  r.probe.anchor->not_after = kNow + 364 * kDay;
  CHECK(ExpiryWarnings(r.probe, kNow, {}) ==
        std::vector<std::string>{
            "the server certificate expires on 2027-01-13 (in 12 days): make sure the server renews it (RDS renews "
            "it; check the instance's CA in the console)",
            "the CA \"Amazon RDS us-west-2 Root CA RSA2048 G1\" that the server chains to expires on 2027-12-31 (in "
            "364 days): rotate the database to a newer CA and restage before then"});
  CHECK(ExpiryWarnings(r.probe, kNow, {0, 0}).empty());
  CHECK(ExpiryWarnings(r.probe, kNow, {12, 364}).empty());
  r.probe.chain[0].not_after = kNow - 1;  // expired: the failure says so, not the watch
  CHECK(ExpiryWarnings(r.probe, kNow, {30, 0}).empty());
}

TEST_CASE("ExpiryWatchFromEnv reads N or N,M") {
  CHECK(ExpiryWatchFromEnv({}).server_days == 30);
  CHECK(ExpiryWatchFromEnv({}).ca_days == 365);
  const ExpiryWatch one = ExpiryWatchFromEnv({{"RDS_CA_EXPIRY_WARN_DAYS", "60"}});
  CHECK(one.server_days == 60);
  CHECK(one.ca_days == 365);
  const ExpiryWatch two = ExpiryWatchFromEnv({{"RDS_CA_EXPIRY_WARN_DAYS", "7,0"}});
  CHECK(two.server_days == 7);
  CHECK(two.ca_days == 0);
  CHECK_THROWS_WITH_AS(ExpiryWatchFromEnv({{"RDS_CA_EXPIRY_WARN_DAYS", "thirty"}}),
                       "RDS_CA_EXPIRY_WARN_DAYS='thirty' is not a number of days: set it to N (server certificate) or "
                       "N,M (server certificate, CA), 0 to turn a warning off",
                       Failure);
}

TEST_CASE("DaysLeft rounds down, also past the end") {
  CHECK(DaysLeft(kNow + kDay - 1, kNow) == 0);
  CHECK(DaysLeft(kNow + kDay, kNow) == 1);
  CHECK(DaysLeft(kNow - 1, kNow) == -1);
  CHECK(DaysLeft(kNow - kDay, kNow) == -1);
}

}  // namespace
}  // namespace rdsca
