#pragma once
// Which trust-store variables to set, one rule for staging (deps/IDX/env files for later
// buildpacks) and for the launch hook: SSL_CERT_DIR gets the store's hashed directory in front
// of the app's list (or /etc/ssl/certs), unless it is already there; SSL_CERT_FILE,
// PGSSLROOTCERT, NODE_EXTRA_CA_CERTS and REQUESTS_CA_BUNDLE are set unless the app set its own
// (an empty value counts as unset, as OpenSSL, Go, libpq and requests treat it);
// JAVA_TOOL_OPTIONS gets the Java store appended unless it already names a trust store.
// RDS_CA_<NAME>=false turns one off.
#include <string>
#include <vector>

#include "base/env.h"
#include "db/settings.h"
#include "launch/export.h"
#include "launch/store.h"

namespace rdsca {

/// The hashed directory of the system store on cflinuxfs4, Debian and Ubuntu.
inline constexpr const char* kSystemCertDir = "/etc/ssl/certs";

/// The variables to set and the notes on those left alone.
struct TrustVariables {
  /// In this order: SSL_CERT_DIR, SSL_CERT_FILE, PGSSLROOTCERT, NODE_EXTRA_CA_CERTS,
  /// REQUESTS_CA_BUNDLE, JAVA_TOOL_OPTIONS; each only when `store` has its file.
  std::vector<Export> set;
  std::vector<std::string> notes;  ///< one line each: switched off, or the app's own left alone
};

/// The rule above, for the store's files in `store` and the app's variables in `env`;
/// `system_cert_dir` follows ours in SSL_CERT_DIR when the app has none.
TrustVariables ComputeTrustVariables(const Settings& settings, const Env& env, const StoreFiles& store,
                                     const std::string& system_cert_dir = kSystemCertDir);

}  // namespace rdsca
