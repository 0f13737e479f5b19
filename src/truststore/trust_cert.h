#pragma once
// A certificate as the trust-store writers need it (trust_store.h, java_trust_store.h).
#include <string>

namespace rdsca {

/// One X.509 certificate as the store needs it (from x509.h's Certificate).
struct TrustCert {
  std::string pem;             ///< canonical PEM (PEM_write_bio_X509), ends with a newline
  std::string der;             ///< DER bytes: the identity used to remove duplicates
  unsigned long subject_hash;  ///< X509_NAME_hash_ex of the subject (what `openssl rehash` uses)
  std::string subject;         ///< one-line subject ("C=US, O=..., CN=..."), for messages
  std::string cn;              ///< the subject's commonName, empty when it has none
  std::string sha256;          ///< SHA-256 of the DER, 64 lower-case hex digits
};

}  // namespace rdsca
