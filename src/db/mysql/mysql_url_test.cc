#include "db/mysql/mysql_url.h"

#include <doctest/doctest.h>

#include "base/error.h"

using rdsca::Connection;

TEST_CASE("ParseMysqlUrl: mysql:// and mysql2://, every component decoded") {
  const Connection c = rdsca::ParseMysqlUrl("mysql2://app%40user:p%3Aw%2Frd@db.example:3307/shop?reconnect=true&x=a%20b");
  CHECK(c.user == "app@user");
  CHECK(c.password == "p:w/rd");
  CHECK(c.host == "db.example");
  CHECK(c.port == 3307);
  CHECK(c.database == "shop");
  CHECK(c.params == rdsca::UrlParams{{"reconnect", "true"}, {"x", "a b"}});
  CHECK(rdsca::ParseMysqlUrl("MySQL://u@[2001:db8::1]/d").host == "2001:db8::1");
  const Connection bare = rdsca::ParseMysqlUrl("mysql://");
  CHECK(bare.host.empty());
  CHECK(bare.port == 0);
}

TEST_CASE("ParseMysqlUrl and ParseMysqlJdbcUrl: exact one-line errors, no URL in them") {
  const auto error = [](auto fn, const char* url) {
    try {
      fn(url);
    } catch (const rdsca::Failure& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const auto url = [](const char* u) { return rdsca::ParseMysqlUrl(u); };
  const auto jdbc = [](const char* u) { return rdsca::ParseMysqlJdbcUrl(u); };
  CHECK(error(url, "postgres://u:secret@h/d") == "its scheme 'postgres' is not mysql or mysql2");
  CHECK(error(url, "u:secret@h/d") == "it does not start with mysql:// or mysql2://");
  CHECK(error(url, "mysql://u:secret@h:99999/d") == "the port is out of range 1-65535");
  CHECK(error(url, "mysql://u:secret@h:x1/d") == "the port is not a number");
  CHECK(error(url, "mysql://u:s%ZZ@h/d") ==
        "bad percent-encoding in the password (a '%' must start %XX, and %00 is not allowed)");
  CHECK(error(jdbc, "jdbc:postgresql://h/d") == "it does not start with jdbc:mysql:// or jdbc:mariadb://");
  CHECK(error(jdbc, "jdbc:mysql://h1,h2/d") ==
        "it names several hosts, which this buildpack does not support: give one host");
}

TEST_CASE("ParseMysqlJdbcUrl: both drivers' schemes, user and password parameters lifted") {
  const Connection c = rdsca::ParseMysqlJdbcUrl(
      "jdbc:mariadb://mydb.c9akciq32.us-west-2.rds.amazonaws.com:3306/shop?user=u&password=p%2Bq&useSsl=true");
  CHECK(c.user == "u");
  CHECK(c.password == "p+q");
  CHECK(c.database == "shop");
  CHECK(c.params == rdsca::UrlParams{{"useSsl", "true"}});
  CHECK(rdsca::ParseMysqlJdbcUrl("jdbc:mysql://h/d").host == "h");
}

TEST_CASE("BuildMysqlUrl, BuildMysqlJdbcUrl, RedactMysqlUrl") {
  Connection c{"app@user", "p@ss:w/rd?#%&'\"$(id) x", "db.example", 0, "shop", {{"ssl_mode", "verify_identity"}}};
  CHECK(rdsca::BuildMysqlUrl(c) ==
        "mysql2://app%40user:p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x@db.example:3306/shop?ssl_mode=verify_identity");
  CHECK(rdsca::ParseMysqlUrl(rdsca::BuildMysqlUrl(c)).password == c.password);
  CHECK(rdsca::BuildMysqlJdbcUrl(c, "jdbc:mariadb") == "jdbc:mariadb://db.example:3306/shop?ssl_mode=verify_identity");
  CHECK(rdsca::RedactMysqlUrl(c) == "mysql2://app%40user:***@db.example:3306/shop");
  c.user.clear();
  c.password.clear();
  c.host = "2001:db8::1";
  c.port = 3307;
  c.database = "a@b/c";
  c.params.clear();
  CHECK(rdsca::BuildMysqlUrl(c) == "mysql2://[2001:db8::1]:3307/a%40b%2Fc");
  CHECK(rdsca::ParseMysqlUrl(rdsca::BuildMysqlUrl(c)).database == "a@b/c");
}
