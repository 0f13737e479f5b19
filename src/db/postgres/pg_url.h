#pragma once
// PostgreSQL connection URLs: libpq's `postgres[ql]://` form and pgjdbc's `jdbc:postgresql://`.
// Parsing decodes every component; building percent-encodes them (RFC 3986) so that libpq,
// Go's net/url, node's WHATWG URL and pgjdbc's URLDecoder all decode the original bytes.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rdsca {

/// Query parameters in their order, decoded.
using UrlParams = std::vector<std::pair<std::string, std::string>>;

/// A decoded PostgreSQL URL. Empty strings mean "not given"; port 0 means "not given".
struct PgUrl {
  std::string user;
  std::string password;
  std::string host;  ///< an IPv6 literal without its brackets
  int port = 0;
  std::string dbname;
  UrlParams params;  ///< without `user` and `password` (those fill the fields above)
};

/// The default PostgreSQL port, used when a URL or the credentials give none.
inline constexpr int kDefaultPort = 5432;

/// The scheme of `url` lower-cased (`postgres`, `jdbc:postgresql`, `mysql`...), or "" when
/// `url` has no `://`.
std::string UrlScheme(std::string_view url);

/// Parses `postgres://` or `postgresql://` URLs (libpq's grammar, one host). `user` and
/// `password` query parameters fill the fields when the URL has no userinfo. Throws Failure
/// whose message is the reason only ("bad percent-encoding in the password"); it never
/// repeats the URL, which may hold a password.
PgUrl ParsePgUrl(std::string_view url);

/// Parses `jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P&...` the same way.
PgUrl ParseJdbcUrl(std::string_view url);

/// `postgres://USER:PASSWORD@HOST:PORT/DBNAME?params`: every component percent-encoded,
/// IPv6 hosts bracketed, port 5432 when none. No userinfo when user and password are empty.
std::string BuildPgUrl(const PgUrl& url);

/// `jdbc:postgresql://HOST:PORT/DBNAME?params`, with no user or password in it.
std::string BuildJdbcUrl(const PgUrl& url);

/// `postgres://USER:***@HOST:PORT/DBNAME` for logs: the password hidden, no query (a query
/// may carry secrets too).
std::string RedactPgUrl(const PgUrl& url);

/// Percent-encodes every byte except RFC 3986's unreserved ones (A-Z a-z 0-9 - . _ ~) and
/// those in `keep`.
std::string PercentEncode(std::string_view text, std::string_view keep = "");

/// Decodes %XX escapes ('+' stays '+', as in libpq). Returns false on a malformed escape or
/// a decoded NUL byte, leaving `out` unspecified.
bool PercentDecode(std::string_view text, std::string& out);

/// `host` as it goes into a URL's authority: bracketed when it is an IPv6 literal (a zone's
/// '%' encoded as %25).
std::string UrlHost(std::string_view host);

}  // namespace rdsca
