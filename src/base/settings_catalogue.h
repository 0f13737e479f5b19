#pragma once
// Every setting the app gives the buildpack, in one table: its name, its default ("" for none)
// and what it does. README's configuration table lists the same, row for row
// (settings_catalogue_test.cc compares them both ways, and checks that the sources name no other
// RDS_CA_ variable than these and the hook's own).
#include <string_view>

namespace rdsca {

struct SettingInfo {
  std::string_view name;
  std::string_view default_value;  ///< "" when unset means nothing is done
  std::string_view meaning;
};

inline constexpr SettingInfo kSettings[] = {
    {"RDS_CA_SERVICE", "", "the binding DATABASE_URL is built from"},
    {"DB_SSL_MODE", "", "the app's TLS mode for the selected database"},
    {"RDS_CA_REGION", "", "the region, when the host does not name it"},
    {"RDS_CA_SOURCE", "auto", "where the CA comes from: auto, embedded or download"},
    {"RDS_CA_BUNDLE_URL", "", "a mirror for downloads"},
    {"RDS_CA_BUNDLE_SHA256", "", "the sha256 the mirror's bundle must have"},
    {"RDS_CA_EXTRA_CERTS", "", "more CAs, PEM text or a file path"},
    {"RDS_CA_DATABASE_URL", "true", "false: leave DATABASE_URL and the JDBC_* variables to the app"},
    {"RDS_CA_DB_SSL_MODE", "true", "false: do not export DB_SSL_MODE"},
    {"RDS_CA_SSL_CERT_DIR", "true", "false: do not export SSL_CERT_DIR"},
    {"RDS_CA_SSL_CERT_FILE", "true", "false: do not export SSL_CERT_FILE"},
    {"RDS_CA_PGSSLROOTCERT", "true", "false: do not export PGSSLROOTCERT"},
    {"RDS_CA_NODE_EXTRA_CA_CERTS", "true", "false: do not export NODE_EXTRA_CA_CERTS"},
    {"RDS_CA_REQUESTS_CA_BUNDLE", "true", "false: do not export REQUESTS_CA_BUNDLE"},
    {"RDS_CA_JAVA_TOOL_OPTIONS", "true", "false: do not add the trust store to JAVA_TOOL_OPTIONS"},
    {"RDS_CA_MYSQL_HOME", "true", "false: do not export MYSQL_HOME"},
    {"RDS_CA_VERIFY", "", "warn or strict: probe the database at every container start"},
    {"RDS_CA_VERIFY_TIMEOUT", "3", "seconds for that probe"},
    {"RDS_CA_VERIFY_REQUIRE_TLS", "", "true: that probe also proves the server refuses plaintext"},
    {"RDS_CA_VERIFY_STAGING", "", "1: probe the database from staging"},
    {"RDS_CA_EXPIRY_WARN_DAYS", "30", "warn when the server certificate expires within this many days"},
    {"RDS_CA_DETECT", "", "true: let bin/detect claim an app bound to a database"},
    {"RDS_CA_DEPS_IDX", "", "the buildpack's index under DEPS_DIR, for rds-ca verify run from elsewhere"},
};

/// The variables the launch hook sets for its own sake (not settings: the app never sets them).
inline constexpr std::string_view kHookVariables[] = {"RDS_CA_HOOK_RUNS", "RDS_CA_EXPORTED_DB_SSL_MODE",
                                                      "RDS_CA_APP_DB_SSL_MODE"};

}  // namespace rdsca
