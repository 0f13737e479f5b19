#pragma once
// Where the buildpack puts things under DEPS_DIR/IDX. Shared by staging (which writes them)
// and the launch hook (which names them at runtime through $DEPS_DIR, never a staging path).

namespace rdsca::layout {

inline constexpr const char* kBinDir = "bin";                       ///< rds-ca, rds-ca-launch
inline constexpr const char* kStoreDir = "rds-ca";                  ///< the trust store
inline constexpr const char* kRdsBundle = "rds-ca/rds-ca.pem";      ///< RDS set (+ extra CAs): sslrootcert
inline constexpr const char* kCombinedBundle = "rds-ca/ca-certificates.crt";  ///< system + RDS set
inline constexpr const char* kHashedDir = "rds-ca/certs";           ///< HASH.N for OpenSSL and Go
inline constexpr const char* kJavaTrustStore = "rds-ca/truststore.p12";       ///< PKCS#12, no password
inline constexpr const char* kProfileScript = ".profile.d/rds-ca-buildpack.sh";  ///< under BUILD_DIR

}  // namespace rdsca::layout
