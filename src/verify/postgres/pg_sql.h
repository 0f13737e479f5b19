#pragma once
// `rds-ca verify --sql`: seed 004's "Trust but verify" query, run by the tool itself. libpq logs
// in with the binding's credentials over the same TLS settings the probe used, and lists the
// current user's sessions from pg_stat_ssl joined with pg_stat_activity (PG 14+ columns).
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/engine.h"
#include "db/tls_mode.h"

namespace rdsca {

/// How to log in. `url` holds the password: it is never printed.
struct SqlCheckOptions {
  std::string url;                  ///< the engine's URL with credentials (DATABASE_URL)
  std::string host;                 ///< overrides the URL's host when not empty
  int port = 0;                     ///< overrides the URL's port when not 0
  TlsMode mode = TlsMode::kVerifyFull;
  std::filesystem::path ca_file;    ///< sslrootcert
  std::chrono::seconds timeout{5};  ///< libpq connect_timeout (at least 2 s, libpq's minimum)
};

/// One row of the query.
struct SslSessionRow {
  std::string pid, usename, application_name, client_addr, ssl, version, cipher, bits;
  bool mine = false;  ///< pid = pg_backend_pid(): this tool's own session
};

/// The query `RunSqlCheck` sends.
extern const char* const kSslSessionsQuery;

/// Connects, runs kSslSessionsQuery, disconnects. Throws Failure with one line naming what
/// failed (libpq's own first line, never the URL): exit 3 when the server cannot be reached,
/// 1 for everything else (login refused, TLS refused, query failed).
std::vector<SslSessionRow> RunSqlCheck(const SqlCheckOptions& options);

/// A psql-like table of `rows`, its own session marked `<- this session`.
std::string RenderSqlTable(const std::vector<SslSessionRow>& rows);

/// True when some row is this tool's session and its `ssl` is true ("t").
bool OwnSessionIsTls(const std::vector<SslSessionRow>& rows);

/// What --sql found, the same shape for every engine (verify/sql_report.cc: keyed by Engine::Id,
/// PostgreSQL's pg_stat_ssl here, MySQL's in verify/mysql/mysql_sql.h).
struct SqlReport {
  std::string text;                   ///< for the text report: a blank line, a heading, the table
  nlohmann::ordered_json json;        ///< for --json, under "sql"
  bool tls = false;                   ///< this tool's own session is encrypted
  std::string not_tls;                ///< the failure line when it is not
  std::vector<std::string> warnings;  ///< one line each: what the server allows that it should not
};

/// Runs `engine`'s check. Throws what the engine's check throws.
SqlReport RunSqlReport(const Engine& engine, const SqlCheckOptions& options);

}  // namespace rdsca
