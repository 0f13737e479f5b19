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
  const std::string userinfo = UserInfo(url, false);
  std::string out = "postgres://" + userinfo;
  out += UrlHost(url.host) + ":" + PortText(url) + "/" +
         PercentEncode(url.database, userinfo.empty() ? kPathKeepNoUser : kPathKeep);
  return out + QueryString(url.params);
}

std::string BuildJdbcUrl(const Connection& url) {
  return "jdbc:postgresql://" + UrlHost(url.host) + ":" + PortText(url) + "/" + PercentEncode(url.database) +
         QueryString(url.params);
}

std::string RedactPgUrl(const Connection& url) {
  return "postgres://" + UserInfo(url, true) + UrlHost(url.host) + ":" + PortText(url) + "/" + PercentEncode(url.database, kPathKeep);
}

}  // namespace rdsca
