#pragma once
// RAII for OpenSSL handles: one std::unique_ptr alias per type, each with a stateless deleter
// that calls the type's own free function. Code outside this header never calls *_free itself.
#include <memory>
#include <string>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace rdsca::ossl {

/// A deleter that calls the C function `Free` on a non-null pointer.
template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept {
    if (p != nullptr) Free(p);
  }
};

namespace detail {
inline void FreeX509Stack(STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); }
inline void FreeOpensslString(char* s) { OPENSSL_free(s); }
inline void FreeOpensslBytes(unsigned char* s) { OPENSSL_free(s); }
inline void FreeBio(BIO* b) { BIO_free_all(b); }
inline void FreeSafeBagStack(STACK_OF(PKCS12_SAFEBAG)* s) {
  sk_PKCS12_SAFEBAG_pop_free(s, PKCS12_SAFEBAG_free);
}
inline void FreePkcs7Stack(STACK_OF(PKCS7)* s) { sk_PKCS7_pop_free(s, PKCS7_free); }
}  // namespace detail

/// Owning handles.
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), detail::FreeX509Stack>>;
using X509StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, detail::FreeBio>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;
using Pkcs7StackPtr = std::unique_ptr<STACK_OF(PKCS7), Deleter<STACK_OF(PKCS7), detail::FreePkcs7Stack>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;
using SafeBagPtr = std::unique_ptr<PKCS12_SAFEBAG, Deleter<PKCS12_SAFEBAG, PKCS12_SAFEBAG_free>>;
using SafeBagStackPtr =
    std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), Deleter<STACK_OF(PKCS12_SAFEBAG), detail::FreeSafeBagStack>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using BasicConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, Deleter<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME, ASN1_TIME_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;
/// A string OpenSSL allocated (OPENSSL_malloc), e.g. from PEM_read_bio's name and header.
using OsslStringPtr = std::unique_ptr<char, Deleter<char, detail::FreeOpensslString>>;
/// Bytes OpenSSL allocated, e.g. PEM_read_bio's data.
using OsslBytesPtr = std::unique_ptr<unsigned char, Deleter<unsigned char, detail::FreeOpensslBytes>>;

/// A read-only memory BIO over `data` (which must outlive the BIO).
inline BioPtr MemoryBio(const std::string& data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

/// The reason text of the earliest error in OpenSSL's queue (empty when none); clears the queue.
inline std::string DrainErrors() {
  const unsigned long first = ERR_get_error();
  ERR_clear_error();
  if (first == 0) return "";
  const char* reason = ERR_reason_error_string(first);
  return reason != nullptr ? reason : "error " + std::to_string(first);
}

}  // namespace rdsca::ossl
