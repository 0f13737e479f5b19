#include "java_trust_store.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cctype>
#include <memory>

#include "error.h"

namespace rdsca {

namespace {

struct Free {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(PKCS12* p) const { PKCS12_free(p); }
  void operator()(STACK_OF(PKCS12_SAFEBAG)* p) const { sk_PKCS12_SAFEBAG_pop_free(p, PKCS12_SAFEBAG_free); }
  void operator()(STACK_OF(PKCS7)* p) const { sk_PKCS7_pop_free(p, PKCS7_free); }
  void operator()(PKCS12_SAFEBAG* p) const { PKCS12_SAFEBAG_free(p); }
  void operator()(PKCS7* p) const { PKCS7_free(p); }
};
template <typename T>
using Ptr = std::unique_ptr<T, Free>;

[[noreturn]] void Fail(const std::string& what) {
  const char* reason = ERR_reason_error_string(ERR_peek_error());
  ERR_clear_error();
  throw Failure("cannot write the Java trust store: " + what + " failed (" +
                (reason ? reason : "no reason given") + ")");
}

/// The NID of the trusted-key-usage attribute, registered once (OpenSSL 3.0 does not know it).
int TrustedKeyUsageNid() {
  static const int nid = [] {
    int known = OBJ_txt2nid(kJdkTrustedKeyUsageOid);
    if (known != NID_undef) return known;
    return OBJ_create(kJdkTrustedKeyUsageOid, "oracle-jdk-trustedkeyusage",
                      "Trusted key usage (Oracle)");
  }();
  if (nid == NID_undef) Fail("registering OID " + std::string(kJdkTrustedKeyUsageOid));
  return nid;
}

Ptr<X509> ToX509(const TrustCert& cert) {
  const auto* in = reinterpret_cast<const unsigned char*>(cert.der.data());
  Ptr<X509> x509(d2i_X509(nullptr, &in, static_cast<long>(cert.der.size())));
  if (!x509) Fail("reading certificate " + cert.subject);
  return x509;
}

std::string CommonName(X509* x509) {
  X509_NAME* name = X509_get_subject_name(x509);
  int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i < 0) return {};
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
  if (len < 0) return {};
  std::string cn(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return cn;
}

Ptr<PKCS12_SAFEBAG> TrustedBag(const TrustCert& cert) {
  auto x509 = ToX509(cert);
  Ptr<PKCS12_SAFEBAG> bag(PKCS12_SAFEBAG_create_cert(x509.get()));
  if (!bag) Fail("PKCS12_SAFEBAG_create_cert");
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
  auto x509 = ToX509(cert);
  std::string alias = CommonName(x509.get());
  if (alias.empty()) alias = cert.subject;
  for (auto& c : alias) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (!EVP_Digest(cert.der.data(), cert.der.size(), md, &md_len, EVP_sha256(), nullptr)) {
    Fail("SHA-256");
  }
  static const char kHex[] = "0123456789abcdef";
  alias += " [";
  for (int i = 0; i < 8; ++i) {
    alias += kHex[md[i] >> 4];
    alias += kHex[md[i] & 15];
  }
  return alias + "]";
}

std::string JavaTrustStore(const std::vector<TrustCert>& certs) {
  Ptr<STACK_OF(PKCS12_SAFEBAG)> bags(sk_PKCS12_SAFEBAG_new_null());
  for (const auto& cert : certs) {
    auto bag = TrustedBag(cert);
    if (!sk_PKCS12_SAFEBAG_push(bags.get(), bag.get())) Fail("sk_PKCS12_SAFEBAG_push");
    bag.release();
  }
  Ptr<PKCS7> safe(PKCS12_pack_p7data(bags.get()));
  if (!safe) Fail("PKCS12_pack_p7data");
  Ptr<STACK_OF(PKCS7)> safes(sk_PKCS7_new_null());
  if (!sk_PKCS7_push(safes.get(), safe.get())) Fail("sk_PKCS7_push");
  safe.release();
  // nid 0 = NID_pkcs7_data: the authenticated safe is plain data; no PKCS12_set_mac call.
  Ptr<PKCS12> p12(PKCS12_add_safes(safes.get(), 0));
  if (!p12) Fail("PKCS12_add_safes");
  Ptr<BIO> out(BIO_new(BIO_s_mem()));
  if (!i2d_PKCS12_bio(out.get(), p12.get())) Fail("i2d_PKCS12_bio");
  char* data = nullptr;
  long len = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace rdsca
