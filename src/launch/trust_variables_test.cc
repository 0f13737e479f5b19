#include "launch/trust_variables.h"

#include <doctest/doctest.h>

#include "base/error.h"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs Set(const rdsca::TrustVariables& v) {
  Pairs out;
  for (const auto& e : v.set) out.emplace_back(e.name, e.value);
  return out;
}

rdsca::TrustVariables For(const rdsca::Env& env, const rdsca::StoreFiles& store = rdsca::StoreAt("/tmp/contents1/deps/2")) {
  return rdsca::ComputeTrustVariables(rdsca::ReadSettings(env), env, store);
}

const std::string kStore = "/tmp/contents1/deps/2/rds-ca/";

}  // namespace

TEST_CASE("ComputeTrustVariables: one rule for staging and launch") {
  SUBCASE("nothing set: all six, in order") {
    const auto v = For({});
    CHECK(Set(v) == Pairs{{"SSL_CERT_DIR", kStore + "certs:/etc/ssl/certs"},
                          {"SSL_CERT_FILE", kStore + "ca-certificates.crt"},
                          {"PGSSLROOTCERT", kStore + "ca-certificates.crt"},
                          {"NODE_EXTRA_CA_CERTS", kStore + "rds-ca.pem"},
                          {"REQUESTS_CA_BUNDLE", kStore + "ca-certificates.crt"},
                          {"JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + kStore +
                                                    "truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"}});
    CHECK(v.notes.empty());
  }
  SUBCASE("the app's own values are left alone, and noted") {
    const auto v = For({{"SSL_CERT_FILE", "/app/my.pem"},
                        {"SSL_CERT_DIR", "/app/certs"},
                        {"JAVA_TOOL_OPTIONS", "-Xss1m -Djavax.net.ssl.trustStore=/app/my.jks"}});
    CHECK(Set(v) == Pairs{{"SSL_CERT_DIR", kStore + "certs:/app/certs"},
                          {"PGSSLROOTCERT", kStore + "ca-certificates.crt"},
                          {"NODE_EXTRA_CA_CERTS", kStore + "rds-ca.pem"},
                          {"REQUESTS_CA_BUNDLE", kStore + "ca-certificates.crt"}});
    CHECK(v.notes == std::vector<std::string>{
                         "SSL_CERT_FILE is set by the app: left alone (SSL_CERT_DIR still carries the RDS CAs)",
                         "JAVA_TOOL_OPTIONS already names a trust store: left alone"});
  }
  SUBCASE("an app value set to the empty string counts as unset, as its readers treat it") {
    const auto v = For({{"SSL_CERT_FILE", ""}, {"SSL_CERT_DIR", ""}, {"JAVA_TOOL_OPTIONS", ""}});
    CHECK(Set(v) == Set(For({})));
    CHECK(v.notes.empty());
  }
  SUBCASE("SSL_CERT_DIR already holding the store is left as it is") {
    const auto v = For({{"SSL_CERT_DIR", "/x:" + kStore + "certs:/etc/ssl/certs"}});
    CHECK(Set(v).front().first == "SSL_CERT_FILE");
    CHECK(v.notes.empty());
  }
  SUBCASE("switched off") {
    const auto v = For({{"RDS_CA_PGSSLROOTCERT", "false"}, {"RDS_CA_SSL_CERT_DIR", "off"},
                        {"RDS_CA_JAVA_TOOL_OPTIONS", "false"}, {"JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/x"}});
    CHECK(Set(v) == Pairs{{"SSL_CERT_FILE", kStore + "ca-certificates.crt"},
                          {"NODE_EXTRA_CA_CERTS", kStore + "rds-ca.pem"},
                          {"REQUESTS_CA_BUNDLE", kStore + "ca-certificates.crt"}});
    CHECK(v.notes == std::vector<std::string>{"SSL_CERT_DIR not set: RDS_CA_SSL_CERT_DIR=false",
                                              "PGSSLROOTCERT not set: RDS_CA_PGSSLROOTCERT=false",
                                              "JAVA_TOOL_OPTIONS not set: RDS_CA_JAVA_TOOL_OPTIONS=false"});
  }
  SUBCASE("only the files the store has") {
    rdsca::StoreFiles some;
    some.rds_bundle = "/s/rds-ca.pem";
    CHECK(Set(For({}, some)) == Pairs{{"NODE_EXTRA_CA_CERTS", "/s/rds-ca.pem"}});
    CHECK(Set(For({}, rdsca::StoreFiles{})).empty());
  }
  SUBCASE("the system directory given for SSL_CERT_DIR") {
    const auto v = rdsca::ComputeTrustVariables({}, {}, rdsca::StoreAt("/d"), "/sys/certs");
    CHECK(v.set.front().value == "/d/rds-ca/certs:/sys/certs");
  }
  SUBCASE("a switch that is not one") {
    CHECK_THROWS_WITH_AS(rdsca::ReadSettings({{"RDS_CA_SSL_CERT_FILE", "maybe"}}),
                         "RDS_CA_SSL_CERT_FILE=maybe is not a switch: set it to true or false", rdsca::Failure);
  }
}
