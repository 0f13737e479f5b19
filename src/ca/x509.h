#pragma once
// X.509 certificates as plain values: parsing PEM text (certificates and PEM-armored PKCS#7)
// and validating a trust set at an injected time. No OpenSSL type appears in this header.
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace rdsca {

/// One parsed certificate.
struct Certificate {
  std::string der;        ///< the DER encoding
  std::string pem;        ///< "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n"
  std::string subject;    ///< one line, e.g. "C=US, O=Amazon, CN=Amazon Root CA 1"
  std::string issuer;     ///< one line, same format
  std::string cn;         ///< the subject's last commonName, empty when it has none
  std::int64_t not_before = 0;  ///< seconds since the epoch (UTC)
  std::int64_t not_after = 0;   ///< seconds since the epoch (UTC)
  std::string sha256;     ///< SHA-256 of the DER, 64 lower-case hex digits
  /// X509_NAME_hash_ex of the subject: the name `openssl rehash` files it under (HASH.N).
  unsigned long subject_hash = 0;
  bool is_ca = false;     ///< basicConstraints CA:TRUE
  std::string source;     ///< where it came from, e.g. "embedded global-bundle.pem"
  int index = 0;          ///< its position in that source, from 1

  /// The CN, or the whole subject when there is no CN: how logs and warnings name it.
  const std::string& Name() const { return cn.empty() ? subject : cn; }
};

/// Parses every certificate in `text`: PEM CERTIFICATE blocks and PEM-armored PKCS#7 (.p7b)
/// blocks, in order; text outside blocks is ignored. `source` names the input in errors.
/// Throws Failure "<source>: certificate #N is not a valid X.509 certificate (<reason>): ..."
/// for a broken block, or "<source> holds no PEM certificate: ..." when there is none.
std::vector<Certificate> ParseCertificates(std::string_view text, std::string_view source);

/// A certificate of a PEM text not parsed yet: its DER and its subject's commonName, read
/// without decoding the rest (no public key), to pick a few of many before parsing them.
struct CertificateStub {
  std::string der;  ///< the DER of the block
  std::string cn;   ///< the subject's last commonName, as Certificate::cn would hold it
  int index = 0;    ///< its position in the text, from 1
};

/// The CERTIFICATE blocks of `text` as stubs, in order. Throws Failure naming `source` (as
/// ParseCertificates does) for a broken block, a block that is not a certificate, or none.
std::vector<CertificateStub> ReadCertificateStubs(std::string_view text, std::string_view source);

/// Parses one certificate's DER, as ParseCertificates would have read it as certificate
/// #`index` of `source`. Throws its Failure when the DER is not a valid certificate.
Certificate ParseDerCertificate(std::string_view der, std::string_view source, int index);

/// "YYYY-MM-DD HH:MM:SS UTC".
std::string FormatTime(std::int64_t epoch_seconds);
/// "YYYY-MM-DD".
std::string FormatDate(std::int64_t epoch_seconds);

/// What ValidateTrustSet kept, and one warning line per certificate it skipped.
struct TrustSet {
  std::vector<Certificate> certs;
  std::vector<std::string> warnings;
};

/// Keeps the certificates usable as trust anchors at time `now`: basicConstraints CA:TRUE and
/// `not_before <= now <= not_after`. Every other one is skipped with a warning naming its
/// subject and the reason, e.g. `skipped expired certificate "Amazon RDS Root 2019 CA" (not after
/// 2024-08-22 17:08:50 UTC) from <source> #1`. Duplicates (same SHA-256) are kept once. The result
/// is sorted by subject, then SHA-256: the same input in any order gives the same output.
TrustSet ValidateTrustSet(std::vector<Certificate> certs, std::int64_t now);

/// Sorts by subject then SHA-256 and removes duplicate SHA-256s.
void SortAndDedupe(std::vector<Certificate>& certs);

/// The earliest not_after among `certs` (0 when empty).
std::int64_t EarliestExpiry(const std::vector<Certificate>& certs);

/// Hex SHA-256 of `data` (64 lower-case digits).
std::string Sha256Hex(std::string_view data);

}  // namespace rdsca
