#pragma once
// OpenSSL values as text: what the certificate reader (x509.cc) and the probe's report
// (probe_cert.cc) both show of a certificate, so the two never print a name differently.
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace rdsca::ossl {

/// Everything a memory BIO holds ("" when empty).
std::string BioText(BIO* bio);

/// `name` in openssl's one-line form without spaces around '=' and with UTF-8 kept:
/// "C=US, O=\"Amazon Web Services, Inc.\", CN=..." (RFC 2253 escapes, unknown fields dumped).
std::string NameOneLine(const X509_NAME* name);

/// The last commonName of `name` in UTF-8, or "" when it has none.
std::string NameCommonName(const X509_NAME* name);

/// `s` converted to UTF-8, or "" when it cannot be.
std::string Utf8(const ASN1_STRING* s);

/// `t` as seconds since the epoch; nothing when `t` is null or not a valid time.
std::optional<std::int64_t> EpochOf(const ASN1_TIME* t);

/// `size` bytes as lower-case hex, two digits each.
std::string HexLower(const unsigned char* bytes, std::size_t size);

}  // namespace rdsca::ossl
