#pragma once
// Certificates made on the fly for unit tests (OpenSSL API): self-signed P-256 roots with a
// chosen subject, so tests can build hash collisions and sets of any size.
#include <openssl/ec.h>
#include <openssl/pem.h>

#include <string>

#include "ca/ossl.h"

namespace rdsca::testing {

/// A self-signed CA certificate in PEM with subject O=`org`, CN=`cn` and serial `serial`
/// (a fresh key each call, so two calls with one subject collide on the subject hash only).
inline std::string MakeRootPem(const std::string& cn, long serial = 1,
                               const std::string& org = "rds-ca-buildpack test") {
  ossl::EvpPkeyPtr key(EVP_EC_gen("P-256"));
  ossl::X509Ptr x(X509_new());
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600L * 24 * 365 * 10);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(org.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  X509_set_pubkey(x.get(), key.get());
  ossl::BasicConstraintsPtr bc(BASIC_CONSTRAINTS_new());
  bc->ca = 0xFF;  // critical CA:TRUE
  X509_add1_ext_i2d(x.get(), NID_basic_constraints, bc.get(), 1, X509V3_ADD_DEFAULT);
  X509_sign(x.get(), key.get(), EVP_sha256());
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), x.get());
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace rdsca::testing
