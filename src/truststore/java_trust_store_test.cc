#include "truststore/java_trust_store.h"

#include <doctest/doctest.h>
#include <openssl/objects.h>

#include "ca/ossl.h"
#include "truststore/trust_store.h"

#include "test_pki.h"
#include "test_util.h"

namespace {

using rdsca::TrustCert;

/// What a reader finds in one certificate bag.
struct Bag {
  int type = 0;
  std::string friendly_name;
  std::string trusted_usage;  ///< short name of the OID in the trusted-key-usage attribute
  std::string der;
};

/// Parses a PKCS#12 store back with OpenSSL: whether it has a MAC, and each bag of each safe.
std::vector<Bag> ReadBack(const std::string& der, bool& has_mac, int& safes, bool& plain) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  rdsca::ossl::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(der.size())));
  REQUIRE(p12 != nullptr);
  has_mac = PKCS12_mac_present(p12.get()) != 0;
  rdsca::ossl::Pkcs7StackPtr authsafes(PKCS12_unpack_authsafes(p12.get()));
  REQUIRE(authsafes != nullptr);
  safes = sk_PKCS7_num(authsafes.get());
  plain = true;
  const int trusted_nid = OBJ_txt2nid(rdsca::kJdkTrustedKeyUsageOid);
  std::vector<Bag> out;
  for (int i = 0; i < safes; ++i) {
    PKCS7* safe = sk_PKCS7_value(authsafes.get(), i);
    plain = plain && OBJ_obj2nid(safe->type) == NID_pkcs7_data;
    rdsca::ossl::SafeBagStackPtr bags(PKCS12_unpack_p7data(safe));
    REQUIRE(bags != nullptr);
    for (int j = 0; j < sk_PKCS12_SAFEBAG_num(bags.get()); ++j) {
      PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags.get(), j);
      Bag b;
      b.type = PKCS12_SAFEBAG_get_nid(bag);
      rdsca::ossl::OsslStringPtr name(PKCS12_get_friendlyname(bag));
      if (name) b.friendly_name = name.get();
      const ASN1_TYPE* usage = PKCS12_SAFEBAG_get0_attr(bag, trusted_nid);
      if (usage && usage->type == V_ASN1_OBJECT) b.trusted_usage = OBJ_nid2sn(OBJ_obj2nid(usage->value.object));
      rdsca::ossl::X509Ptr x509(PKCS12_SAFEBAG_get1_cert(bag));
      if (x509) {
        unsigned char* buf = nullptr;
        const int len = i2d_X509(x509.get(), &buf);
        rdsca::ossl::OsslBytesPtr owned(buf);
        b.der.assign(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
      }
      out.push_back(b);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("JavaAlias is the lower-cased CN and a SHA-256 prefix") {
  auto certs = rdsca::ParsePemCertificates(rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"), "t");
  CHECK(rdsca::JavaAlias(certs[0]) == "amazon rds us-west-2 root ca ecc384 g1 [01926d42a0dc6391]");
  CHECK(rdsca::JavaAlias(certs[2]) == "amazon rds us-west-2 root ca rsa2048 g1 [86e22f41c79b0de5]");
}

TEST_CASE("JavaTrustStore: every certificate bag is trusted for any usage, no MAC, no encryption") {
  auto certs = rdsca::ParsePemCertificates(rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"), "t");
  certs.push_back(rdsca::ParsePemCertificates(rdsca::testing::MakeRootPem("Test Root"), "t")[0]);
  const std::string store = rdsca::JavaTrustStore(certs);
  bool has_mac = true, plain = false;
  int safes = 0;
  auto bags = ReadBack(store, has_mac, safes, plain);
  CHECK_FALSE(has_mac);
  CHECK(safes == 1);
  CHECK(plain);
  REQUIRE(bags.size() == certs.size());
  for (std::size_t i = 0; i < bags.size(); ++i) {
    CAPTURE(i);
    CHECK(bags[i].type == NID_certBag);
    CHECK(bags[i].trusted_usage == "anyExtendedKeyUsage");
    CHECK(bags[i].friendly_name == rdsca::JavaAlias(certs[i]));
    CHECK(bags[i].der == certs[i].der);
  }
  CHECK(rdsca::JavaTrustStore(certs) == store);
}

TEST_CASE("JavaTrustStore of no certificate is still a valid store") {
  bool has_mac = true, plain = false;
  int safes = 0;
  CHECK(ReadBack(rdsca::JavaTrustStore({}), has_mac, safes, plain).empty());
  CHECK(safes == 1);
}
