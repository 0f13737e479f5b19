#include "launch/render_toml.h"

#include <doctest/doctest.h>

#include "base/error.h"

namespace {

std::string Error(const std::vector<rdsca::Export>& exports) {
  try {
    rdsca::RenderToml(exports);
  } catch (const rdsca::Failure& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("RenderToml writes bare keys and basic strings") {
  SUBCASE("plain values, in order") {
    CHECK(rdsca::RenderToml({{"DB_SSL_MODE", "verify-full"}, {"SSL_CERT_DIR", "/layers/rds-ca/rds-ca/certs:/etc/ssl/certs"}}) ==
          "DB_SSL_MODE = \"verify-full\"\nSSL_CERT_DIR = \"/layers/rds-ca/rds-ca/certs:/etc/ssl/certs\"\n");
  }
  SUBCASE("nothing to export: an empty document") { CHECK(rdsca::RenderToml({}).empty()); }
  SUBCASE("an empty value") { CHECK(rdsca::RenderToml({{"RDS_CA_APP_DB_SSL_MODE", ""}}) == "RDS_CA_APP_DB_SSL_MODE = \"\"\n"); }
  SUBCASE("quote and backslash are escaped") {
    CHECK(rdsca::RenderToml({{"P", "a\"b\\c'd"}}) == "P = \"a\\\"b\\\\c'd\"\n");
  }
  SUBCASE("every control character is escaped, short forms where TOML has them") {
    CHECK(rdsca::RenderToml({{"P", std::string("\b\t\n\f\r\x01\x1f\x7f", 8)}}) ==
          "P = \"\\b\\t\\n\\f\\r\\u0001\\u001F\\u007F\"\n");
  }
  SUBCASE("a password with every shell and TOML metacharacter stays as it is but for the escapes") {
    CHECK(rdsca::RenderToml({{"JDBC_DATABASE_PASSWORD", "p@ss:w/rd?#%&'\"$(id) x"}}) ==
          "JDBC_DATABASE_PASSWORD = \"p@ss:w/rd?#%&'\\\"$(id) x\"\n");
  }
  SUBCASE("UTF-8 is copied: 2, 3 and 4 bytes, U+10FFFF, U+FFFE") {
    const std::string text = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x92\xf4\x8f\xbf\xbf\xef\xbf\xbe";
    CHECK(rdsca::RenderToml({{"P", text}}) == "P = \"" + text + "\"\n");
  }
}

TEST_CASE("RenderToml refuses what TOML or an environment cannot carry, naming the variable only") {
  const std::string not_utf8 =
      "JDBC_DATABASE_PASSWORD would hold bytes that are not UTF-8 (byte 3), which a TOML string cannot carry: fix the "
      "service's credentials or the app's value (nothing was exported)";
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", "ab\xff"}}) == not_utf8);
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", "ab\xc0\xaf"}}) == not_utf8);          // overlong '/'
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", "ab\xed\xa0\x80"}}) == not_utf8);      // a surrogate
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", "ab\xf4\x90\x80\x80"}}) == not_utf8);  // above U+10FFFF
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", "ab\xe2\x82"}}) == not_utf8);          // cut short
  CHECK(Error({{"OK", "x"}, {"JDBC_DATABASE_PASSWORD", "ab\x80"}}) == not_utf8);
  CHECK(Error({{"JDBC_DATABASE_PASSWORD", std::string("a\0b", 3)}}) ==
        "JDBC_DATABASE_PASSWORD would hold a NUL byte, which no environment variable can carry: remove it from the "
        "service's credentials (nothing was exported)");
  CHECK(Error({{"1X", "v"}}) == "'1X' is not an environment variable name and TOML bare key: nothing was exported");
  CHECK(Error({{"A-B", "v"}}) == "'A-B' is not an environment variable name and TOML bare key: nothing was exported");
  CHECK(Error({{"", "v"}}) == "'' is not an environment variable name and TOML bare key: nothing was exported");
}
