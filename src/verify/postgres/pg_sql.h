#pragma once
// `rds-ca verify --sql`: seed 004's "Trust but verify" query, run by the tool itself. libpq logs
// in with the binding's credentials over the same TLS settings the probe used, and lists the
// current user's sessions from pg_stat_ssl joined with pg_stat_activity (PG 14+ columns).
#include <string>
#include <vector>

#include "verify/sql_report.h"

namespace rdsca {

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

}  // namespace rdsca
