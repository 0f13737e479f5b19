#pragma once
// PostgreSQL connection URLs: libpq's `postgres[ql]://` form and pgjdbc's `jdbc:postgresql://`.
// Parsing decodes every component; building percent-encodes them (RFC 3986) so that libpq,
// Go's net/url, node's WHATWG URL and pgjdbc's URLDecoder all decode the original bytes.
#include <string>
#include <string_view>

#include "db/connection.h"
#include "db/url.h"

namespace rdsca {

/// The default PostgreSQL port, used when a URL or the credentials give none.
inline constexpr int kDefaultPort = 5432;

/// Parses `postgres://` or `postgresql://` URLs (libpq's grammar, one host). `user` and
/// `password` query parameters fill the fields when the URL has no userinfo. Throws Failure
/// whose message is the reason only ("bad percent-encoding in the password"); it never
/// repeats the URL, which may hold a password.
Connection ParsePgUrl(std::string_view url);

/// Parses `jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P&...` the same way.
Connection ParseJdbcUrl(std::string_view url);

/// `postgres://USER:PASSWORD@HOST:PORT/DBNAME?params`: every component percent-encoded,
/// IPv6 hosts bracketed, port 5432 when none. No userinfo when user and password are empty.
std::string BuildPgUrl(const Connection& url);

/// `jdbc:postgresql://HOST:PORT/DBNAME?params`, with no user or password in it.
std::string BuildJdbcUrl(const Connection& url);

/// `postgres://USER:***@HOST:PORT/DBNAME` for logs: the password hidden, no query (a query
/// may carry secrets too).
std::string RedactPgUrl(const Connection& url);

}  // namespace rdsca
