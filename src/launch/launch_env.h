#pragma once
// The launch environment: what the launch hook (and `rds-ca env`) exports at container start,
// computed from the live bindings and what staging installed under $DEPS_DIR/IDX.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/bindings.h"
#include "db/database.h"
#include "base/env.h"

namespace rdsca {

/// One `export NAME=value`.
struct Export {
  std::string name;
  std::string value;
};

/// Which trust-store files staging left under deps/IDX (layout.h).
struct InstalledFiles {
  bool rds_bundle = false;        ///< rds-ca/rds-ca.pem
  bool combined_bundle = false;   ///< rds-ca/ca-certificates.crt
  bool hashed_dir = false;        ///< rds-ca/certs
  bool java_trust_store = false;  ///< rds-ca/truststore.p12
};

/// Looks at `dep_dir` (DEPS_DIR/IDX) for the files of InstalledFiles: real files and directories
/// only, never through a symbolic link below `dep_dir` (one there counts as absent).
InstalledFiles ProbeInstalled(const std::filesystem::path& dep_dir);

/// `$DEPS_DIR/IDX` from the environment, as the running container sees it. Throws Failure
/// when DEPS_DIR is unset or `deps_idx` is not a directory name.
std::string RuntimeDepDir(const Env& env, std::string_view deps_idx);

/// `<NAME>_DATABASE_URL` for each database (name upper-cased, other characters '_', a leading
/// digit prefixed with '_'), in the databases' order; "" where the name collides with
/// DATABASE_URL, JDBC_DATABASE_URL, RDS_CA_DATABASE_URL or an earlier binding's variable.
std::vector<std::string> BindingVariables(const std::vector<Database>& databases);

/// Pure: the exports, in this order: DATABASE_URL, JDBC_DATABASE_URL, JDBC_DATABASE_USERNAME,
/// JDBC_DATABASE_PASSWORD, <NAME>_DATABASE_URL (several bindings only), DB_SSL_MODE, then
/// SSL_CERT_DIR, SSL_CERT_FILE, PGSSLROOTCERT, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE,
/// JAVA_TOOL_OPTIONS for the files `installed` says exist. RDS_CA_<NAME>=false turns one off
/// (RDS_CA_DATABASE_URL=false all the URLs and the JDBC ones); a variable the app already set
/// is left alone (SSL_CERT_DIR is prefixed, JAVA_TOOL_OPTIONS appended to). No PostgreSQL
/// binding: only the trust-store variables. Throws Failure (one line) on bad input.
std::vector<Export> ComputeExports(const Env& env, std::string_view deps_idx,
                                   const std::vector<Binding>& bindings,
                                   const InstalledFiles& installed);

/// ComputeExports over this environment's bindings (ReadBindings) and the files under
/// $DEPS_DIR/IDX: what the launch hook prints and what `rds-ca env` should print.
std::vector<Export> LaunchExports(const Env& env, std::string_view deps_idx);

/// `export NAME='value'` lines (ShellQuote) for bash to eval. Throws Failure, rendering
/// nothing, when a value holds a NUL byte or a name is not a shell identifier.
std::string RenderExports(const std::vector<Export>& exports);

}  // namespace rdsca
