#include "ca/x509.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "base/error.h"
#include "test_util.h"

namespace rdsca {
namespace {

using testing::ReadData;
using testing::ReadFixture;
constexpr std::int64_t kNow = testing::kTestNow;

std::string ErrorOf(std::string_view text, std::string_view source) {
  try {
    ParseCertificates(text, source);
  } catch (const Failure& f) {
    return f.what();
  }
  return "(no error)";
}

TEST_CASE("ParseCertificates reads every field of a certificate") {
  const auto certs = ParseCertificates(ReadFixture("certs/rds-root-2019-seed004.pem"), "seed 004");
  REQUIRE(certs.size() == 1);
  const Certificate& c = certs[0];
  CHECK(c.cn == "Amazon RDS Root 2019 CA");
  CHECK(c.subject ==
        "C=US, L=Seattle, ST=Washington, O=\"Amazon Web Services, Inc.\", OU=Amazon RDS, CN=Amazon RDS Root 2019 CA");
  CHECK(c.issuer == c.subject);
  CHECK(FormatTime(c.not_before) == "2019-08-22 17:08:50 UTC");
  CHECK(FormatTime(c.not_after) == "2024-08-22 17:08:50 UTC");
  CHECK(FormatDate(c.not_after) == "2024-08-22");
  // openssl x509 -noout -fingerprint -sha256, lower-cased
  CHECK(c.sha256 == "f254c7d5e923b5b7510cd79ef7777c1ca7e64a3c9722e40d645478fc70aad008");
  CHECK(c.sha256 == Sha256Hex(c.der));
  CHECK(c.is_ca);
  CHECK(c.source == "seed 004");
  CHECK(c.index == 1);
  CHECK(c.pem.rfind("-----BEGIN CERTIFICATE-----\nMIIEBjCCAu6gAwIBAgIJAMc0ZzaSUK51", 0) == 0);
  CHECK(c.pem.substr(c.pem.size() - 26) == "-----END CERTIFICATE-----\n");
  // The PEM it gives back parses to the same certificate.
  CHECK(ParseCertificates(c.pem, "again")[0].sha256 == c.sha256);
}

TEST_CASE("ParseCertificates reads AWS's real bundles") {
  const auto global = ParseCertificates(ReadData("global-bundle.pem"), "embedded global-bundle.pem");
  CHECK(global.size() == 108);
  CHECK(std::all_of(global.begin(), global.end(), [](const Certificate& c) { return c.is_ca; }));
  CHECK(global[0].cn == "Amazon RDS sa-east-1 Root CA RSA2048 G1");
  CHECK(global[0].sha256 == "376e82dd0d72b3f4234e1dad34f7bc086d51947f8b343a887e3ae122e0fd212b");
  CHECK(global[107].index == 108);
  CHECK(ParseCertificates(ReadData("us-gov-roots.pem"), "gov").size() == 6);
  const auto ats = ParseCertificates(ReadData("rds-proxy-amazon-trust-roots.pem"), "ats");
  REQUIRE(ats.size() == 5);
  CHECK(ats[4].cn == "Starfield Services Root Certificate Authority - G2");
  CHECK(FormatTime(ats[4].not_after) == "2037-12-31 23:59:59 UTC");
}

TEST_CASE("ParseCertificates reads PEM-armored PKCS#7 (.p7b)") {
  const auto certs = ParseCertificates(ReadFixture("certs/us-west-2-roots.p7b"), "us-west-2-bundle.p7b");
  REQUIRE(certs.size() == 3);
  std::vector<std::string> names;
  for (const auto& c : certs) names.push_back(c.cn);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"Amazon RDS us-west-2 Root CA ECC384 G1",
                                          "Amazon RDS us-west-2 Root CA RSA2048 G1",
                                          "Amazon RDS us-west-2 Root CA RSA4096 G1"});
  CHECK(certs[2].index == 3);
}

TEST_CASE("ParseCertificates ignores text around blocks and mixes PEM with PKCS#7") {
  const std::string text = "# a comment\n" + ReadFixture("certs/test-ca.pem") + "\nmore words\n" +
                           ReadFixture("certs/us-west-2-roots.p7b");
  const auto certs = ParseCertificates(text, "mixed");
  REQUIRE(certs.size() == 4);
  CHECK(certs[0].cn == "rds-ca test CA");
  CHECK(certs[3].index == 4);
}

TEST_CASE("ParseCertificates names the source and the index of a broken certificate") {
  CHECK(ErrorOf(ReadFixture("certs/two-certs-second-broken.pem"), "RDS_CA_EXTRA_CERTS") ==
        "RDS_CA_EXTRA_CERTS: certificate #2 is not a valid X.509 certificate (bad PEM: bad base64 decode): "
        "replace it with the PEM text of the CA certificate");
  CHECK(ErrorOf("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "service db, credential sslrootcert")
            .rfind("service db, credential sslrootcert: certificate #1 is not a valid X.509 certificate (", 0) == 0);
  CHECK(ErrorOf("-----BEGIN CERTIFICATE-----\nMIIB\n", "x") ==
        "x: certificate #1 is not a valid X.509 certificate (bad PEM: bad end line): "
        "replace it with the PEM text of the CA certificate");
  CHECK(ErrorOf(ReadFixture("certs/test-ca.pem") + "-----BEGIN CERTIFICATE\nMIIB\n", "y") ==
        "y: certificate #2 is not a valid X.509 certificate (bad PEM: a BEGIN line without a readable block): "
        "replace it with the PEM text of the CA certificate");
}

TEST_CASE("ParseCertificates refuses junk, keys and empty input with one line") {
  CHECK(ErrorOf("hello", "RDS_CA_EXTRA_CERTS") ==
        "RDS_CA_EXTRA_CERTS holds no PEM certificate: give CA certificates as -----BEGIN CERTIFICATE----- blocks");
  CHECK(ErrorOf("", "file a.pem") ==
        "file a.pem holds no PEM certificate: give CA certificates as -----BEGIN CERTIFICATE----- blocks");
  CHECK(ErrorOf(ReadFixture("certs/test-ca.key"), "k") ==
        "k: PEM block #1 is a PRIVATE KEY, not a certificate: give only CA certificates (BEGIN CERTIFICATE or "
        "BEGIN PKCS7)");
}

TEST_CASE("ValidateTrustSet refuses seed 004's expired 2019 root with the exact warning") {
  auto certs = ParseCertificates(ReadFixture("certs/rds-root-2019-seed004.pem"), "RDS_CA_EXTRA_CERTS");
  const TrustSet set = ValidateTrustSet(certs, kNow);
  CHECK(set.certs.empty());
  REQUIRE(set.warnings.size() == 1);
  CHECK(set.warnings[0] ==
        "skipped expired certificate \"Amazon RDS Root 2019 CA\" (not after 2024-08-22 17:08:50 UTC) from "
        "RDS_CA_EXTRA_CERTS #1");
  // One second before it expired, it was fine.
  CHECK(ValidateTrustSet(certs, 1724346530).certs.size() == 1);
  CHECK(ValidateTrustSet(certs, 1724346531).certs.empty());
}

TEST_CASE("ValidateTrustSet keeps CAs only, inside their validity window") {
  auto leaf = ParseCertificates(ReadFixture("certs/leaf-not-ca.pem"), "leaf.pem");
  auto set = ValidateTrustSet(leaf, kNow);
  CHECK(set.certs.empty());
  CHECK(set.warnings == std::vector<std::string>{
                            "skipped certificate \"rds-ca leaf, not a CA\" from leaf.pem #1: it is not a CA (no "
                            "basicConstraints CA:TRUE), so it cannot be a trust anchor"});
  auto ca = ParseCertificates(ReadFixture("certs/test-ca.pem"), "ca.pem");
  set = ValidateTrustSet(ca, 946684800);  // 2000-01-01
  CHECK(set.certs.empty());
  REQUIRE(set.warnings.size() == 1);
  CHECK(set.warnings[0].rfind("skipped certificate \"rds-ca test CA\" that is not valid yet (not before 20", 0) == 0);
}

TEST_CASE("ValidateTrustSet removes duplicates and sorts, whatever the input order") {
  auto a = ParseCertificates(ReadFixture("certs/us-west-2-roots.p7b"), "p7b");
  auto b = ParseCertificates(ReadFixture("certs/test-ca.pem") + ReadFixture("certs/us-west-2-roots.p7b"), "pem");
  auto all = a;
  all.insert(all.end(), b.begin(), b.end());
  auto reversed = all;
  std::reverse(reversed.begin(), reversed.end());
  const TrustSet x = ValidateTrustSet(all, kNow), y = ValidateTrustSet(reversed, kNow);
  REQUIRE(x.certs.size() == 4);
  CHECK(x.warnings.empty());
  for (std::size_t i = 0; i < 4; ++i) CHECK(x.certs[i].sha256 == y.certs[i].sha256);
  CHECK(x.certs[0].subject < x.certs[1].subject);
  CHECK(x.certs[0].source == "p7b");  // the first occurrence wins
  CHECK(EarliestExpiry(x.certs) == std::min_element(x.certs.begin(), x.certs.end(), [](auto& l, auto& r) {
                                     return l.not_after < r.not_after;
                                   })->not_after);
  CHECK(EarliestExpiry({}) == 0);
}

}  // namespace
}  // namespace rdsca
