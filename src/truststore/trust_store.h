#pragma once
// The trust-store writer: the files under DEPS_DIR/IDX/rds-ca that every runtime reads
// (launch/store.h names them). No OpenSSL type appears here.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "truststore/trust_cert.h"

namespace rdsca {


/// The certificates of `pem` (x509.h's ParseCertificates: PEM certificates and PKCS#7, in
/// order), with their subject hashes. Throws its Failure, naming `source`, for a broken block or
/// when there is no certificate.
std::vector<TrustCert> ParsePemCertificates(std::string_view pem, std::string_view source);

/// `certs` without repeated certificates (same DER), the first occurrence kept, order kept.
std::vector<TrustCert> UniqueCertificates(const std::vector<TrustCert>& certs);

/// The hashed-directory name of each certificate, in input order: `%08lx.N` of its subject
/// hash, N counting from 0 among earlier certificates with the same hash. This is what
/// `openssl rehash` names them when the certificates are files whose names sort in input order.
std::vector<std::string> HashedNames(const std::vector<TrustCert>& certs);

/// The platform's trust set and what was skipped while reading it.
struct SystemCertificates {
  std::vector<TrustCert> certs;     ///< no duplicates, bundle first, then the extra directory
  std::vector<std::string> notes;   ///< one line per file skipped or missing, for the log
};

/// Reads `bundle` (e.g. /etc/ssl/certs/ca-certificates.crt; a missing file gives a note) and,
/// when `extra_dir` is not empty, every regular file in it sorted by name (CF_SYSTEM_CERT_PATH,
/// where Cloud Foundry puts the operator's trusted CAs). A file that holds no certificate or
/// one that does not parse is skipped with a note: the platform's store is not ours to reject.
SystemCertificates ReadSystemCertificates(const std::filesystem::path& bundle,
                                          const std::filesystem::path& extra_dir);

/// How many certificates each file of the store holds.
struct TrustStoreCounts {
  std::size_t rds = 0;       ///< rds-ca/rds-ca.pem
  std::size_t system = 0;    ///< system certificates not already in the RDS set
  std::size_t combined = 0;  ///< ca-certificates.crt, certs/, truststore.p12
};

/// Writes `dep_dir`/rds-ca: rds-ca.pem (the RDS set), ca-certificates.crt (system then RDS,
/// no duplicates), certs/HASH.N (the combined set, regular files) and truststore.p12 (the
/// combined set for Java). The tree is built in a sibling temporary directory and swapped in
/// whole, so a reader (or a supply killed half-way) sees the old store or the new one.
/// Files are 0644, directories 0755; the same input gives byte-identical files.
/// `option_files` (name, text) go into rds-ca/client/ (none: no such directory): the engines'
/// client option files (launch/store.h); `binding_files` (name, a binding's own CAs) into
/// rds-ca/binding-ca/, each with the RDS set: that binding's sslrootcert, in no other file.
/// Throws Failure naming the path when the disk refuses.
TrustStoreCounts WriteTrustStore(const std::filesystem::path& dep_dir,
                                 const std::vector<TrustCert>& rds,
                                 const std::vector<TrustCert>& system,
                                 const std::vector<std::pair<std::string, std::string>>& option_files = {},
                                 const std::vector<std::pair<std::string, std::vector<TrustCert>>>& binding_files = {});

}  // namespace rdsca
