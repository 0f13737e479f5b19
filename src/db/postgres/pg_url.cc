#include "db/postgres/pg_url.h"

#include "base/error.h"

namespace rdsca {

namespace {

// Raw in a DATABASE_URL path: RFC 3986 allows sub-delims, ':', '@' and '/' there, and node's
// pg-connection-string decodes the path with decodeURI, which leaves %2B, %2C, %3A... encoded.
constexpr std::string_view kPathKeep = "!$&'()*+,;=:@/";
// ... except '@' when the URL has no userinfo: ParsePgUrl refuses that shape (db/url.cc).
constexpr std::string_view kPathKeepNoUser = "!$&'()*+,;=:/";

std::string PortText(const Connection& url) { return std::to_string(url.port ? url.port : kDefaultPort); }

}  // namespace

Connection ParsePgUrl(std::string_view url) {
  const std::string scheme = UrlScheme(url);
  if (scheme.empty()) throw Failure("it does not start with postgres:// or postgresql://");
  if (scheme != "postgres" && scheme != "postgresql") {
    throw Failure("its scheme '" + scheme + "' is not postgres or postgresql");
  }
  return ParseAuthorityUrl(url.substr(scheme.size() + 3), false);
}

Connection ParseJdbcUrl(std::string_view url) {
  if (UrlScheme(url) != "jdbc:postgresql") {
    throw Failure("it does not start with jdbc:postgresql://");
  }
  return ParseAuthorityUrl(url.substr(std::string_view("jdbc:postgresql://").size()), true);
}

std::string BuildPgUrl(const Connection& url) {
  std::string out = "postgres://";
  const bool userinfo = !url.user.empty() || !url.password.empty();
  if (userinfo) {
    out += PercentEncode(url.user);
    if (!url.password.empty()) out += ":" + PercentEncode(url.password);
    out += '@';
  }
  out += UrlHost(url.host) + ":" + PortText(url) + "/" +
         PercentEncode(url.database, userinfo ? kPathKeep : kPathKeepNoUser);
  return out + QueryString(url.params);
}

std::string BuildJdbcUrl(const Connection& url) {
  return "jdbc:postgresql://" + UrlHost(url.host) + ":" + PortText(url) + "/" + PercentEncode(url.database) +
         QueryString(url.params);
}

std::string RedactPgUrl(const Connection& url) {
  std::string out = "postgres://";
  if (!url.user.empty() || !url.password.empty()) {
    out += PercentEncode(url.user);
    if (!url.password.empty()) out += ":***";
    out += '@';
  }
  return out + UrlHost(url.host) + ":" + PortText(url) + "/" + PercentEncode(url.database, kPathKeep);
}

}  // namespace rdsca
