#pragma once
// MySQL connection URLs: the `mysql://` / `mysql2://` form of Rails, the platform's
// DATABASE_URL, SQLAlchemy and node mysql2, and the `jdbc:mysql://` / `jdbc:mariadb://` form of
// MySQL Connector/J and MariaDB Connector/J. Parsing decodes every component; building
// percent-encodes them (RFC 3986), so that Ruby's URI, Python's and Node's URL parsers and the
// JDBC drivers all decode the original bytes.
#include <string>
#include <string_view>

#include "db/connection.h"
#include "db/url.h"

namespace rdsca {

/// The default MySQL/MariaDB port, used when a URL or the credentials give none.
inline constexpr int kMysqlDefaultPort = 3306;

/// Parses `mysql://` or `mysql2://` URLs (one host). `user` and `password` query parameters fill
/// the fields when the URL has no userinfo. Throws Failure whose message is the reason only; it
/// never repeats the URL, which may hold a password.
Connection ParseMysqlUrl(std::string_view url);

/// Parses `jdbc:mysql://HOST[:PORT]/DB?...` or `jdbc:mariadb://...` the same way.
Connection ParseMysqlJdbcUrl(std::string_view url);

/// `mysql2://USER:PASSWORD@HOST:PORT/DBNAME?params` (the scheme the platform and Rails give
/// DATABASE_URL): every component percent-encoded, IPv6 hosts bracketed, port 3306 when none.
std::string BuildMysqlUrl(const Connection& url);

/// `SCHEME://HOST:PORT/DBNAME?params` (`scheme` is jdbc:mysql or jdbc:mariadb), with no user or
/// password in it.
std::string BuildMysqlJdbcUrl(const Connection& url, std::string_view scheme);

/// `mysql2://USER:***@HOST:PORT/DBNAME` for logs: the password hidden, no query.
std::string RedactMysqlUrl(const Connection& url);

}  // namespace rdsca
