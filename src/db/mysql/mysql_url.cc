#include "db/mysql/mysql_url.h"

#include "base/error.h"

namespace rdsca {

namespace {

// Raw in the path: sub-delims, ':' and '@' ('@' only after userinfo, as pg_url.cc does).
constexpr std::string_view kPathKeep = "!$&'()*+,;=:@";
constexpr std::string_view kPathKeepNoUser = "!$&'()*+,;=:";

std::string HostPort(const Connection& url) {
  return UrlHost(url.host) + ":" + std::to_string(url.port ? url.port : kMysqlDefaultPort);
}

}  // namespace

Connection ParseMysqlUrl(std::string_view url) {
  const std::string scheme = UrlScheme(url);
  if (scheme.empty()) throw Failure("it does not start with mysql:// or mysql2://");
  if (scheme != "mysql" && scheme != "mysql2") {
    throw Failure("its scheme '" + scheme + "' is not mysql or mysql2");
  }
  return ParseAuthorityUrl(url.substr(scheme.size() + 3), false);
}

Connection ParseMysqlJdbcUrl(std::string_view url) {
  const std::string scheme = UrlScheme(url);
  if (scheme != "jdbc:mysql" && scheme != "jdbc:mariadb") {
    throw Failure("it does not start with jdbc:mysql:// or jdbc:mariadb://");
  }
  return ParseAuthorityUrl(url.substr(scheme.size() + 3), true);
}

std::string BuildMysqlUrl(const Connection& url) {
  const std::string userinfo = UserInfo(url, false);
  return "mysql2://" + userinfo + HostPort(url) + "/" +
         PercentEncode(url.database, userinfo.empty() ? kPathKeepNoUser : kPathKeep) + QueryString(url.params);
}

std::string BuildMysqlJdbcUrl(const Connection& url, std::string_view scheme) {
  return std::string(scheme) + "://" + HostPort(url) + "/" + PercentEncode(url.database) + QueryString(url.params);
}

std::string RedactMysqlUrl(const Connection& url) {
  return "mysql2://" + UserInfo(url, true) + HostPort(url) + "/" + PercentEncode(url.database, kPathKeep);
}

}  // namespace rdsca
