#include "db/settings.h"

#include <doctest/doctest.h>

#include "base/error.h"

using rdsca::ReadSettings;

TEST_CASE("ReadSettings: RDS_CA_SERVICE trimmed, every switch read and checked") {
  const rdsca::Settings none = ReadSettings({});
  CHECK(none.service.empty());
  CHECK(none.db_ssl_mode.empty());
  CHECK(none.switched_off.empty());
  CHECK(none.Exports("DATABASE_URL"));
  const rdsca::Settings s = ReadSettings({{"RDS_CA_SERVICE", " db\n"},
                                          {"RDS_CA_JAVA_TOOL_OPTIONS", "off"},
                                          {"RDS_CA_DATABASE_URL", "0"},
                                          {"RDS_CA_SSL_CERT_FILE", "yes"}});
  CHECK(s.service == "db");
  CHECK(s.switched_off == std::vector<std::string>{"DATABASE_URL", "JAVA_TOOL_OPTIONS"});
  CHECK_FALSE(s.Exports("JAVA_TOOL_OPTIONS"));
  CHECK(s.Exports("SSL_CERT_FILE"));
  CHECK(s.Exports("A_VARIABLE_WITHOUT_A_SWITCH"));
  CHECK_THROWS_WITH_AS(ReadSettings({{"RDS_CA_DB_SSL_MODE", "sometimes"}}),
                       "RDS_CA_DB_SSL_MODE=sometimes is not a switch: set it to true or false", rdsca::Failure);
}

TEST_CASE("ReadSettings: the app's DB_SSL_MODE told apart from the one the launch hook exported") {
  SUBCASE("no hook run yet: DB_SSL_MODE is the app's") {
    CHECK(ReadSettings({{"DB_SSL_MODE", "prefer"}}).db_ssl_mode == "prefer");
  }
  SUBCASE("DB_SSL_MODE still what the hook exported: the app's is the one the hook found") {
    CHECK(ReadSettings({{"DB_SSL_MODE", "require"},
                        {"RDS_CA_EXPORTED_DB_SSL_MODE", "require"},
                        {"RDS_CA_APP_DB_SSL_MODE", "prefer"}})
              .db_ssl_mode == "prefer");
    CHECK(ReadSettings({{"DB_SSL_MODE", "verify-full"},
                        {"RDS_CA_EXPORTED_DB_SSL_MODE", "verify-full"},
                        {"RDS_CA_APP_DB_SSL_MODE", ""}})
              .db_ssl_mode.empty());
  }
  SUBCASE("the app changed DB_SSL_MODE after the hook: that is the app's now") {
    CHECK(ReadSettings({{"DB_SSL_MODE", "disable"},
                        {"RDS_CA_EXPORTED_DB_SSL_MODE", "verify-full"},
                        {"RDS_CA_APP_DB_SSL_MODE", ""}})
              .db_ssl_mode == "disable");
    CHECK(ReadSettings({{"RDS_CA_EXPORTED_DB_SSL_MODE", "require"}, {"RDS_CA_APP_DB_SSL_MODE", "prefer"}})
              .db_ssl_mode.empty());
  }
}
