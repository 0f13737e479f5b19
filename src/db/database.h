#pragma once
// Which bindings are PostgreSQL, what connection each describes (uri/url/jdbcUrl merged with
// discrete fields), its sslmode, and which one DATABASE_URL is built from.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bindings/bindings.h"
#include "base/env.h"
#include "db/postgres/pg_url.h"

namespace rdsca {

/// libpq's six sslmodes, weakest first.
enum class SslMode { kDisable, kAllow, kPrefer, kRequire, kVerifyCa, kVerifyFull };

/// "disable, allow, prefer, require, verify-ca, verify-full", for error messages.
inline constexpr const char* kSslModeList = "disable, allow, prefer, require, verify-ca, verify-full";

/// The mode named by `text` (exact, lower-case), or nothing.
std::optional<SslMode> ParseSslMode(std::string_view text);
/// The libpq name of `mode`.
std::string_view SslModeName(SslMode mode);
/// The mode for DB_SSL_MODE: Stratos and Go's lib/pq die on allow and prefer, which become
/// require (BRIEF section 4). Other modes are unchanged.
SslMode DbSslMode(SslMode mode);

/// True for an Amazon RDS endpoint name: ends in .rds.amazonaws.com, .rds-preview.amazonaws.com
/// or .rds.amazonaws.com.cn, or is China's NAME.ID.rds.cn-REGION.amazonaws.com.cn (any case,
/// trailing dot ignored). The full classifier is src/endpoint.h.
bool IsRdsHost(std::string_view host);

/// Why a binding counts as PostgreSQL, or why not.
struct Classification {
  bool postgres = false;
  std::string reason;  ///< "uri scheme postgres", "tag postgresql", "uri scheme mysql"...
};

/// A binding is PostgreSQL when its uri/url has scheme postgres(ql), its jdbcUrl is
/// jdbc:postgresql, its label or a tag names postgres, or it has a host and a database-name
/// key (dbname, database, db_name, name), no non-PostgreSQL uri, and port 5432 or none
/// (label or tag `rds` also without a database-name key). RDS_CA_SERVICE forces its binding.
Classification ClassifyBinding(const Binding& binding);

/// One PostgreSQL binding resolved into a connection. Holds the password: never log it
/// (RedactPgUrl(url) is the loggable form).
struct Database {
  std::string service;            ///< binding name
  std::string why;                ///< Classification::reason
  PgUrl url;                      ///< merged; params are the uri's/url's, ssl ones removed
  UrlParams jdbc_params;          ///< the jdbcUrl's (else the uri's), ssl/user/password removed
  std::string given_sslrootcert;  ///< the uri's own sslrootcert path, if any
  SslMode sslmode = SslMode::kVerifyFull;  ///< as given (DATABASE_URL carries this one)
  std::string sslmode_source;     ///< "DB_SSL_MODE", "credentials sslmode", "uri sslmode",
                                  ///< "jdbcUrl sslmode" or "default"
  std::vector<std::pair<std::string, std::string>> ca_pems;  ///< credential key -> inline PEM
  std::vector<std::string> notes;  ///< non-secret remarks for the staging log
};

/// Merges uri (else url), jdbcUrl and the discrete fields of one binding; a discrete field
/// wins over the uri, the uri over the jdbcUrl. sslmode: DB_SSL_MODE in `env` > credentials
/// sslmode > uri ?sslmode= > jdbcUrl ?sslmode= > verify-full. Throws Failure with a one-line
/// message naming the service (never a password): bad port, empty host, bad sslmode, an
/// unparseable or non-PostgreSQL uri when nothing else gives the host, a NUL byte.
Database ResolveDatabase(const Binding& binding, const std::string& why, const Env& env);

/// Every binding with its classification, and the PostgreSQL ones resolved and ranked.
struct Selection {
  std::vector<std::pair<std::string, Classification>> found;  ///< every binding, in input order
  std::vector<Database> databases;  ///< ranked: [0] is selected, then the others by name
  std::string reason;               ///< why databases[0] was selected; empty when none
};

/// Ranks the PostgreSQL bindings: RDS_CA_SERVICE names one (any binding, which then counts
/// as PostgreSQL); else the only one; else the only one tagged `stratos` (what Stratos
/// picks); else the first by binding name in byte order. Throws Failure when RDS_CA_SERVICE
/// names no binding (listing the names), or when a PostgreSQL binding does not resolve.
Selection SelectDatabases(const std::vector<Binding>& bindings, const Env& env);

/// True when the environment's bindings hold a PostgreSQL one (false on unreadable input).
bool HasPostgresBinding(const Env& env);

/// The note staging prints when there is no PostgreSQL binding.
inline constexpr const char* kNoDatabaseNote =
    "no PostgreSQL binding: DATABASE_URL is left as the platform sets it, and the trust store "
    "is still installed; bind one (cf bind-service APP SERVICE) and restage to get it";

}  // namespace rdsca
