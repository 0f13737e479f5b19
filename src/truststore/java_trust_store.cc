#include "truststore/java_trust_store.h"

#include <openssl/objects.h>

#include <cctype>
#include <memory>

#include "base/error.h"
#include "ca/ossl.h"

namespace rdsca {

namespace {

[[noreturn]] void Fail(const std::string& what) {
  const std::string reason = ossl::DrainErrors();
  throw Failure("cannot write the Java trust store: " + what + " failed (" +
                (reason.empty() ? "no reason given" : reason) + ")");
}

/// The NID of the trusted-key-usage attribute, registered once (OpenSSL 3.0 does not know it).
int TrustedKeyUsageNid() {
  static const int nid = [] {
    const int known = OBJ_txt2nid(kJdkTrustedKeyUsageOid);
    if (known != NID_undef) return known;
    return OBJ_create(kJdkTrustedKeyUsageOid, "oracle-jdk-trustedkeyusage", "Trusted key usage (Oracle)");
  }();
  if (nid == NID_undef) Fail("registering OID " + std::string(kJdkTrustedKeyUsageOid));
  return nid;
}

using Asn1TypePtr = std::unique_ptr<ASN1_TYPE, ossl::Deleter<ASN1_TYPE, ASN1_TYPE_free>>;
using Asn1StringPtr = std::unique_ptr<ASN1_STRING, ossl::Deleter<ASN1_STRING, ASN1_STRING_free>>;

/// A certBag holding `der` as it is, without parsing it again: what PKCS12_SAFEBAG_create_cert
/// makes of the parsed certificate (it packs i2d_X509, and `der` is ParseCertificates' i2d_X509).
/// An ASN1_ANY of type SEQUENCE encodes its string verbatim, tag and length included.
ossl::SafeBagPtr CertBag(const std::string& der) {
  Asn1TypePtr any(ASN1_TYPE_new());
  Asn1StringPtr seq(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
  if (!any || !seq || !ASN1_STRING_set(seq.get(), der.data(), static_cast<int>(der.size()))) {
    Fail("ASN1_STRING_set");
  }
  ASN1_TYPE_set(any.get(), V_ASN1_SEQUENCE, seq.release());  // `any` owns the string now
  ossl::SafeBagPtr bag(
      PKCS12_item_pack_safebag(any.get(), ASN1_ITEM_rptr(ASN1_ANY), NID_x509Certificate, NID_certBag));
  if (!bag) Fail("PKCS12_item_pack_safebag");
  return bag;
}

/// True when `der` is one whole DER SEQUENCE (what a certificate is), checked on its header
/// only: the store's certificates were parsed when they were read.
bool IsOneSequence(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  long len = 0;
  int tag = 0, xclass = 0;
  const int info = ASN1_get_object(&p, &len, &tag, &xclass, static_cast<long>(der.size()));
  return info == V_ASN1_CONSTRUCTED && tag == V_ASN1_SEQUENCE && xclass == V_ASN1_UNIVERSAL &&
         p + len == reinterpret_cast<const unsigned char*>(der.data()) + der.size();
}

ossl::SafeBagPtr TrustedBag(const TrustCert& cert) {
  if (!IsOneSequence(cert.der)) Fail("reading certificate " + cert.subject);
  ossl::SafeBagPtr bag = CertBag(cert.der);
  const std::string alias = JavaAlias(cert);
  if (!PKCS12_add_friendlyname_utf8(bag.get(), alias.c_str(), static_cast<int>(alias.size()))) {
    Fail("PKCS12_add_friendlyname_utf8");
  }
  // The attribute's value is an OID (data is the ASN1_OBJECT itself, copied: len -1).
  const ASN1_OBJECT* any_eku = OBJ_nid2obj(NID_anyExtendedKeyUsage);
  if (!PKCS12_add1_attr_by_NID(bag.get(), TrustedKeyUsageNid(), V_ASN1_OBJECT,
                               reinterpret_cast<const unsigned char*>(any_eku), -1)) {
    Fail("PKCS12_add1_attr_by_NID");
  }
  return bag;
}

}  // namespace

std::string JavaAlias(const TrustCert& cert) {
  std::string alias = cert.cn.empty() ? cert.subject : cert.cn;
  for (auto& c : alias) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return alias + " [" + cert.sha256.substr(0, 16) + "]";
}

std::string JavaTrustStore(const std::vector<TrustCert>& certs) {
  ossl::SafeBagStackPtr bags(sk_PKCS12_SAFEBAG_new_null());
  for (const auto& cert : certs) {
    auto bag = TrustedBag(cert);
    if (!sk_PKCS12_SAFEBAG_push(bags.get(), bag.get())) Fail("sk_PKCS12_SAFEBAG_push");
    bag.release();
  }
  ossl::Pkcs7Ptr safe(PKCS12_pack_p7data(bags.get()));
  if (!safe) Fail("PKCS12_pack_p7data");
  ossl::Pkcs7StackPtr safes(sk_PKCS7_new_null());
  if (!sk_PKCS7_push(safes.get(), safe.get())) Fail("sk_PKCS7_push");
  safe.release();
  // nid 0 = NID_pkcs7_data: the authenticated safe is plain data; no PKCS12_set_mac call.
  ossl::Pkcs12Ptr p12(PKCS12_add_safes(safes.get(), 0));
  if (!p12) Fail("PKCS12_add_safes");
  ossl::BioPtr out(BIO_new(BIO_s_mem()));
  if (!i2d_PKCS12_bio(out.get(), p12.get())) Fail("i2d_PKCS12_bio");
  char* data = nullptr;
  const long len = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace rdsca
