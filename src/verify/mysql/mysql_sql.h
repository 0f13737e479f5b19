#pragma once
// `rds-ca verify --sql` for MySQL: seed 004's "Trust but verify", the MySQL way. The tool logs in
// with the binding's credentials over TLS checked as the mode demands (its own small client,
// verify/mysql/mysql_protocol.h: cflinuxfs4 has no libmariadb), then reads SHOW SESSION STATUS LIKE
// 'Ssl_%' (this session's TLS) and the server's require_secure_transport (whether it refuses
// plaintext, as rds.force_ssl does for PostgreSQL).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "verify/sql_report.h"

namespace rdsca {

/// What the MySQL check read.
struct MysqlSslStatus {
  std::vector<std::pair<std::string, std::string>> status;  ///< every Ssl_% row, in server order
  std::string require_secure_transport;                     ///< "ON", "OFF", or "" when the server has none

  /// The value of the Ssl_% row `name`, "" when absent.
  std::string Get(const std::string& name) const;
};

/// The queries sent, in order.
extern const char* const kMysqlSslStatusQuery;
extern const char* const kMysqlSecureTransportQuery;

/// Connects (greeting, SSL request, TLS against `options.ca_file` under `options.mode`), logs
/// in with the user, password and database of `options.url` (a mysql:// URL), runs the two
/// queries, disconnects. Throws Failure with one line naming what failed, never the URL or the
/// password: exit 3 when the server cannot be reached, 1 for everything else.
MysqlSslStatus RunMysqlSqlCheck(const SqlCheckOptions& options);

/// The same login and queries, its failures without the "--sql " that starts RunMysqlSqlCheck's
/// (the plaintext check's own use, verify/mysql/mysql_plaintext.h).
MysqlSslStatus ReadMysqlSslStatus(const SqlCheckOptions& options);

/// The report: the session's Ssl_version and Ssl_cipher, then the server's setting.
std::string RenderMysqlStatus(const MysqlSslStatus& s);

}  // namespace rdsca
