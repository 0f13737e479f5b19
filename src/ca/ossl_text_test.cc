#include "ca/ossl_text.h"

#include <doctest/doctest.h>
#include <openssl/pem.h>

#include "ca/ossl.h"
#include "test_pki.h"
#include "base/utc_time.h"

namespace rdsca {
namespace {

ossl::X509Ptr Parse(const std::string& pem) {
  ossl::BioPtr bio = ossl::MemoryBio(pem);
  return ossl::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

TEST_CASE("NameOneLine and NameCommonName: openssl's one-line form, the CN in UTF-8") {
  const ossl::X509Ptr x = Parse(testing::MakeRootPem("Amazon RDS eu-west-3 Root CA ECC384 G1", 7, "Amazon Web Services, Inc. é"));
  REQUIRE(x);
  const X509_NAME* name = X509_get_subject_name(x.get());
  CHECK(ossl::NameOneLine(name) == "O=\"Amazon Web Services, Inc. é\", CN=Amazon RDS eu-west-3 Root CA ECC384 G1");
  CHECK(ossl::NameCommonName(name) == "Amazon RDS eu-west-3 Root CA ECC384 G1");
  ossl::X509Ptr empty(X509_new());
  CHECK(ossl::NameCommonName(X509_get_subject_name(empty.get())) == "");
  CHECK(ossl::NameOneLine(X509_get_subject_name(empty.get())) == "");
}

TEST_CASE("EpochOf reads an ASN1_TIME, nothing for null") {
  ossl::Asn1TimePtr t(ASN1_TIME_set(nullptr, 1798761600));
  CHECK(ossl::EpochOf(t.get()) == 1798761600);
  CHECK_FALSE(ossl::EpochOf(nullptr).has_value());
}

TEST_CASE("HexLower and FormatUtc") {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  CHECK(ossl::HexLower(bytes, sizeof bytes) == "000fa5ff");
  CHECK(ossl::HexLower(bytes, 0) == "");
  CHECK(FormatUtc(1798761600, "%Y-%m-%dT%H:%M:%SZ") == "2027-01-01T00:00:00Z");
  CHECK(FormatUtc(1798761599, "%Y-%m-%d %H:%M:%S UTC") == "2026-12-31 23:59:59 UTC");
}

}  // namespace
}  // namespace rdsca
