#pragma once
// The trust store as staging writes it and the launch environment names it: the same files
// under every lifecycle (Cloud Foundry's deps/IDX/rds-ca, a CNB layer). The writer is
// truststore/trust_store.h; where the store sits is each lifecycle's (cf/layout.h).
#include <string>

namespace rdsca {

namespace store {
inline constexpr const char* kDir = "rds-ca";                          ///< the store's directory
inline constexpr const char* kRdsBundle = "rds-ca.pem";                ///< RDS set (+ extra CAs): sslrootcert
inline constexpr const char* kCombinedBundle = "ca-certificates.crt";  ///< system + RDS set
inline constexpr const char* kHashedDir = "certs";                     ///< HASH.N for OpenSSL and Go
inline constexpr const char* kJavaTrustStore = "truststore.p12";       ///< PKCS#12, no password
}  // namespace store

/// The store's files as the app addresses them: each an absolute path, or "" when it is not
/// installed.
struct StoreFiles {
  std::string rds_bundle;
  std::string combined_bundle;
  std::string hashed_dir;
  std::string java_trust_store;
};

/// Every file of the store in `root`/rds-ca, as if installed (staging, which has just written
/// them, and dry runs).
StoreFiles StoreAt(const std::string& root);

/// The files of the store in `root`/rds-ca that are really there: regular files and a
/// directory reached without any symbolic link below `root` (lstat at each step; one there
/// counts as absent), so no exported path leads out of the droplet.
StoreFiles FindStore(const std::string& root);

}  // namespace rdsca
