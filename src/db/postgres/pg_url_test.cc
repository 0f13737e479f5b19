#include "db/postgres/pg_url.h"

#include <doctest/doctest.h>

#include "base/error.h"

using rdsca::Connection;

namespace {

std::string ParseError(std::string_view url) {
  try {
    rdsca::ParsePgUrl(url);
  } catch (const rdsca::Failure& e) {
    return e.what();
  }
  return "(parsed)";
}

}  // namespace

TEST_CASE("ParsePgUrl decodes every component") {
  SUBCASE("a full URL") {
    Connection u = rdsca::ParsePgUrl(
        "postgresql://my%40user:p%40ss%3Aw%2Frd@db.example.com:6543/my%20db?connect_timeout=10&application_name=a%2Bb");
    CHECK(u.user == "my@user");
    CHECK(u.password == "p@ss:w/rd");
    CHECK(u.host == "db.example.com");
    CHECK(u.port == 6543);
    CHECK(u.database == "my db");
    CHECK(u.params == rdsca::UrlParams{{"connect_timeout", "10"}, {"application_name", "a+b"}});
  }
  SUBCASE("seed 004's bare uri is empty") {
    Connection u = rdsca::ParsePgUrl("postgres://");
    CHECK(u.user.empty());
    CHECK(u.host.empty());
    CHECK(u.port == 0);
    CHECK(u.database.empty());
  }
  SUBCASE("the scheme is case-insensitive, '+' stays '+' as libpq reads it") {
    Connection u = rdsca::ParsePgUrl("POSTGRES://u:a+b@h/d");
    CHECK(u.password == "a+b");
  }
  SUBCASE("an unencoded '@' in the password: the last '@' ends the userinfo") {
    Connection u = rdsca::ParsePgUrl("postgres://u:p@ss@h:5432/d");
    CHECK(u.password == "p@ss");
    CHECK(u.host == "h");
  }
  SUBCASE("IPv6 in brackets, with a zone") {
    Connection u = rdsca::ParsePgUrl("postgres://u@[2001:db8::1]:5433/d");
    CHECK(u.host == "2001:db8::1");
    CHECK(u.port == 5433);
    CHECK(rdsca::ParsePgUrl("postgres://[fe80::1%25eth0]/d").host == "fe80::1%eth0");
  }
  SUBCASE("user and password query parameters fill missing userinfo and are removed") {
    Connection u = rdsca::ParsePgUrl("postgres://h/d?user=a&sslmode=require&password=b%26c");
    CHECK(u.user == "a");
    CHECK(u.password == "b&c");
    CHECK(u.params == rdsca::UrlParams{{"sslmode", "require"}});
  }
}

TEST_CASE("ParsePgUrl errors name the reason, never the URL") {
  CHECK(ParseError("mysql://u:secret@h/d") == "its scheme 'mysql' is not postgres or postgresql");
  CHECK(ParseError("u:secret@h/d") == "it does not start with postgres:// or postgresql://");
  CHECK(ParseError("user:secret@h://x") == "it does not start with postgres:// or postgresql://");
  CHECK(ParseError("postgres://u:50%off@h/d") ==
        "bad percent-encoding in the password (a '%' must start %XX, and %00 is not allowed)");
  CHECK(ParseError("postgres://u:a%00b@h/d") ==
        "bad percent-encoding in the password (a '%' must start %XX, and %00 is not allowed)");
  CHECK(ParseError("postgres://h:abc/d") == "the port is not a number");
  CHECK(ParseError("postgres://h:99999/d") == "the port is out of range 1-65535");
  CHECK(ParseError("postgres://h:0/d") == "the port is out of range 1-65535");
  CHECK(ParseError("postgres://h1,h2/d") ==
        "it names several hosts, which this buildpack does not support: give one host");
  CHECK(ParseError("postgres://[::1/d") == "an IPv6 host has no closing ']'");
  CHECK(ParseError("postgres://::1/d") == "an IPv6 host must be written in brackets, as [2001:db8::1]");
  CHECK(ParseError("postgres://h/d%zz") ==
        "bad percent-encoding in the database name (a '%' must start %XX, and %00 is not allowed)");
}

TEST_CASE("ParseJdbcUrl reads user and password from the query, '+' as a space like pgjdbc") {
  Connection u = rdsca::ParseJdbcUrl(
      "jdbc:postgresql://db.example.com:5432/app?user=me&password=a+b%2Bc&ssl=true");
  CHECK(u.host == "db.example.com");
  CHECK(u.database == "app");
  CHECK(u.user == "me");
  CHECK(u.password == "a b+c");
  CHECK(u.params == rdsca::UrlParams{{"ssl", "true"}});
  CHECK_THROWS_WITH_AS(rdsca::ParseJdbcUrl("jdbc:mysql://h/d"),
                       "it does not start with jdbc:postgresql://", rdsca::Failure);
}

TEST_CASE("UrlScheme") {
  CHECK(rdsca::UrlScheme("PostgreSQL://x") == "postgresql");
  CHECK(rdsca::UrlScheme("jdbc:postgresql://x") == "jdbc:postgresql");
  CHECK(rdsca::UrlScheme("postgres:x") == "");
  CHECK(rdsca::UrlScheme("a:b://x") == "");
}

TEST_CASE("BuildPgUrl percent-encodes, brackets IPv6, defaults the port") {
  Connection u;
  u.user = "my user";
  u.password = "p@ss:w/rd?#%&'\"$(id) x";
  u.host = "db.example.com";
  u.database = "a/b+c,d";
  u.params = {{"application_name", "x y"}, {"sslrootcert", "/home/vcap/deps/0/rds-ca/rds-ca.pem"}};
  CHECK(rdsca::BuildPgUrl(u) ==
        "postgres://my%20user:p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x@db.example.com:5432/"
        "a/b+c,d?application_name=x%20y&sslrootcert=/home/vcap/deps/0/rds-ca/rds-ca.pem");
  CHECK(rdsca::BuildJdbcUrl(u) ==
        "jdbc:postgresql://db.example.com:5432/a%2Fb%2Bc%2Cd?application_name=x%20y&"
        "sslrootcert=/home/vcap/deps/0/rds-ca/rds-ca.pem");
  CHECK(rdsca::RedactPgUrl(u) == "postgres://my%20user:***@db.example.com:5432/a/b+c,d");
  u.host = "2001:db8::1";
  u.port = 6000;
  u.params.clear();
  u.password.clear();
  CHECK(rdsca::BuildPgUrl(u) == "postgres://my%20user@[2001:db8::1]:6000/a/b+c,d");
  CHECK(rdsca::RedactPgUrl(u) == "postgres://my%20user@[2001:db8::1]:6000/a/b+c,d");
  u.user.clear();
  CHECK(rdsca::BuildPgUrl(u) == "postgres://[2001:db8::1]:6000/a/b+c,d");
  CHECK(rdsca::UrlHost("fe80::1%eth0") == "[fe80::1%25eth0]");
}

TEST_CASE("Build then parse gives the same components back") {
  Connection u;
  u.user = "ü:@/";
  u.password = "\x01\xff%25+ &=?#[]";
  u.host = "h";
  u.database = "d%b/?#&=;é";
  u.params = {{"k=&", "v=&+"}};
  Connection back = rdsca::ParsePgUrl(rdsca::BuildPgUrl(u));
  CHECK(back.user == u.user);
  CHECK(back.password == u.password);
  CHECK(back.database == u.database);
  CHECK(back.params == u.params);
  Connection jdbc = rdsca::ParseJdbcUrl(rdsca::BuildJdbcUrl(u));
  CHECK(jdbc.database == u.database);
  CHECK(jdbc.params == u.params);
}

TEST_CASE("PercentDecode") {
  std::string out;
  CHECK(rdsca::PercentDecode("a%2Fb%2fc+", out));
  CHECK(out == "a/b/c+");
  CHECK_FALSE(rdsca::PercentDecode("%", out));
  CHECK_FALSE(rdsca::PercentDecode("%4", out));
  CHECK_FALSE(rdsca::PercentDecode("%00", out));
  CHECK(rdsca::PercentEncode("aZ09-._~ /") == "aZ09-._~%20%2F");
}
