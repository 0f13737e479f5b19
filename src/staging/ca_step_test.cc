#include "staging/ca_step.h"
#include "cf/stager.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"
#include "staged_db.h"
#include "test_util.h"
#include "ca/x509.h"

namespace rdsca {
namespace {

using testing::ReadFixture;
using testing::StagedDb;

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01 00:00:00 UTC
constexpr const char* kStep = "-----> Installing Amazon RDS certificate authorities\n";

/// One run of the CA step in a temporary staging layout; the fetcher counts its calls and fails
/// like a machine with no network.
struct StepRun {
  explicit StepRun(Env e = {}) : env(std::move(e)) {}
  std::string Run(std::vector<StagingState::FoundDatabase> databases, std::vector<StagingState::BindingCa> own = {}) {
    state.databases = std::move(databases);
    state.binding_cas = std::move(own);
    RunCaStep(state, {kNow, [this](const DownloadRequest& r) -> Downloaded {
                        ++fetches;
                        throw Failure("cannot download " + r.url + ": Couldn't resolve host name (after 3 attempts)");
                      }});
    return out.str();
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& pem : state.trusted_pems) names.push_back(ParseCertificates(pem, "pem")[0].cn);
    return names;
  }
  testing::TempDir tmp;
  Env env;
  Stager stager{tmp.path() / "app", tmp.path() / "cache", tmp.path() / "deps", "0"};
  std::ostringstream out;
  Log log{out};
  StagingState state{stager, env, log, tmp.path() / "buildpack" / "libexec"};
  int fetches = 0;
};

TEST_CASE("CaStep: a us-west-2 instance gets its three roots, logged and recorded") {
  StepRun run;
  const std::string log = run.Run({StagedDb("console_db", "mydb.c9akciq32.us-west-2.rds.amazonaws.com", TlsMode::kVerifyFull, true)});
  CHECK(log == std::string(kStep) +
                   "       console_db: mydb.c9akciq32.us-west-2.rds.amazonaws.com kind=instance partition=aws "
                   "region=us-west-2 trust=rds\n"
                   "       CA source: embedded\n"
                   "       installed 3 certificates: Amazon RDS us-west-2 Root CA ECC384 G1, Amazon RDS us-west-2 "
                   "Root CA RSA2048 G1, Amazon RDS us-west-2 Root CA RSA4096 G1\n"
                   "       earliest expiry: 2061-05-24 (Amazon RDS us-west-2 Root CA RSA2048 G1)\n");
  CHECK(run.Names() == std::vector<std::string>{"Amazon RDS us-west-2 Root CA ECC384 G1",
                                                "Amazon RDS us-west-2 Root CA RSA2048 G1",
                                                "Amazon RDS us-west-2 Root CA RSA4096 G1"});
  CHECK(run.state.metadata.dump() ==
        R"({"ca":{"source":["embedded"],"certificates":3,"endpoints":[{"service":"console_db","kind":"instance",)"
        R"("partition":"aws","region":"us-west-2"}]}})");
  CHECK(run.fetches == 0);
}

TEST_CASE("CaStep: seed 004 (mistyped host, expired 2019 root as an extra CA) warns and installs nothing") {
  StepRun run(Env{{"RDS_CA_EXTRA_CERTS", ReadFixture("certs/rds-root-2019-seed004.pem")}});
  const std::string log = run.Run({StagedDb("console_db", "something.xyx.us-west-2.rds.amazon.com", TlsMode::kVerifyCa, true)});
  CHECK(log ==
        std::string(kStep) +
            "       **WARNING** skipped expired certificate \"Amazon RDS Root 2019 CA\" (not after 2024-08-22 "
            "17:08:50 UTC) from RDS_CA_EXTRA_CERTS #1\n"
            "       console_db: something.xyx.us-west-2.rds.amazon.com kind=other partition=none region=none "
            "trust=none\n"
            "       **WARNING** something.xyx.us-west-2.rds.amazon.com is not an Amazon RDS endpoint: did you mean "
            "something.xyx.us-west-2.rds.amazonaws.com? (RDS endpoints end in .rds.amazonaws.com)\n"
            "       **WARNING** console_db: something.xyx.us-west-2.rds.amazon.com is not an Amazon RDS endpoint and "
            "sslmode verify-ca verifies it against the system CAs only: set RDS_CA_EXTRA_CERTS to its CA, or "
            "RDS_CA_REGION if it is an alias of an RDS endpoint\n"
            "       CA source: none\n"
            "       installed no certificate authority: the trust store holds the system CAs only\n");
  CHECK(run.state.trusted_pems.empty());
}

TEST_CASE("CaStep: RDS Proxy gets the Amazon Trust Services roots; bindings sharing a region share one set") {
  StepRun run;
  const std::string log = run.Run({StagedDb("proxy", "p.proxy-c9akciq32.us-west-2.rds.amazonaws.com", TlsMode::kVerifyFull, true),
                                   StagedDb("a", "a.c9akciq32.eu-west-1.rds.amazonaws.com", TlsMode::kVerifyFull, false),
                                   StagedDb("b", "b.cluster-c9akciq32.eu-west-1.rds.amazonaws.com", TlsMode::kRequire, false)});
  CHECK(run.Names() == std::vector<std::string>{"Amazon RDS eu-west-1 Root CA ECC384 G1",
                                                "Amazon RDS eu-west-1 Root CA RSA2048 G1",
                                                "Amazon RDS eu-west-1 Root CA RSA4096 G1", "Amazon Root CA 1",
                                                "Amazon Root CA 2", "Amazon Root CA 3", "Amazon Root CA 4",
                                                "Starfield Services Root Certificate Authority - G2"});
  CHECK(log.find("       installed 8 certificates: Amazon RDS eu-west-1 Root CA ECC384 G1, Amazon RDS eu-west-1 "
                 "Root CA RSA2048 G1, Amazon RDS eu-west-1 Root CA RSA4096 G1, and 5 more\n") != std::string::npos);
  CHECK(log.find("       earliest expiry: 2037-12-31 (Starfield Services Root Certificate Authority - G2)\n") !=
        std::string::npos);
}

TEST_CASE("CaStep: China offline fails with one line when the sslmode verifies") {
  StepRun run;
  try {
    run.Run({StagedDb("cn_db", "mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", TlsMode::kVerifyFull, true)});
    FAIL("no error");
  } catch (const Failure& f) {
    CHECK(std::string(f.what()) ==
          "service cn_db: no CA certificate for region cn-north-1 (partition aws-cn): the China bundles are not "
          "embedded and cannot download "
          "https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem: Couldn't resolve "
          "host name (after 3 attempts); set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the "
          "RDS CA bundle and its sha256, or RDS_CA_EXTRA_CERTS to its PEM");
  }
  CHECK(run.fetches == 1);
}

TEST_CASE("CaStep: China offline only warns under require, or when extra CAs are given") {
  StepRun require;
  const std::string log = require.Run({StagedDb("cn_db", "mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", TlsMode::kRequire, true)});
  CHECK(log.find("       **WARNING** cn_db: no CA certificate for region cn-north-1 (partition aws-cn): ") !=
        std::string::npos);
  CHECK(require.state.trusted_pems.empty());

  // the binding's own CA: it is the binding's trust (its own file), not the shared set's
  StepRun own;
  own.Run({StagedDb("cn_db", "mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", TlsMode::kVerifyFull, true)},
          {{"cn_db", "0123456789abcdef.pem", {{"service cn_db, credential sslrootcert", ReadFixture("certs/test-ca.pem")}}, {}}});
  CHECK(own.Names().empty());
  REQUIRE(own.state.binding_cas.size() == 1);
  REQUIRE(own.state.binding_cas[0].trusted.size() == 1);
  CHECK(ParseCertificates(own.state.binding_cas[0].trusted[0], "pem")[0].cn == "rds-ca test CA");

  StepRun extra(Env{{"RDS_CA_EXTRA_CERTS", ReadFixture("certs/test-ca.pem")}});
  extra.Run({StagedDb("cn_db", "mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", TlsMode::kVerifyFull, true)});
  CHECK(extra.Names() == std::vector<std::string>{"rds-ca test CA"});
  CHECK(extra.state.metadata["ca"]["source"] == nlohmann::ordered_json::array({"extra certificates"}));
}

TEST_CASE("CaStep: European Sovereign Cloud and ISO hosts: one line naming the settings, nothing downloaded") {
  StepRun run;
  CHECK_THROWS_WITH_AS(
      run.Run({StagedDb("eu_db", "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu", TlsMode::kVerifyFull, true)}),
      "service eu_db: no CA certificate for region eusc-de-east-1 (partition aws-eusc): AWS publishes no RDS CA bundle "
      "for the European Sovereign Cloud partition; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy "
      "of the RDS CA bundle and its sha256, or RDS_CA_EXTRA_CERTS to its PEM",
      Failure);
  CHECK(run.fetches == 0);

  StepRun require;
  const std::string log = require.Run({StagedDb("iso_db", "mydb.c9akciq32.us-iso-east-1.rds.c2s.ic.gov", TlsMode::kRequire, true)});
  CHECK(log.find("       iso_db: mydb.c9akciq32.us-iso-east-1.rds.c2s.ic.gov kind=instance partition=aws-iso "
                 "region=us-iso-east-1 trust=rds\n"
                 "       **WARNING** iso_db: no CA certificate for region us-iso-east-1 (partition aws-iso): AWS "
                 "publishes no RDS CA bundle for the ISO (US) partition; set ") != std::string::npos);
  CHECK(require.state.trusted_pems.empty());
  CHECK(require.fetches == 0);
}

TEST_CASE("CaStep: RDS_CA_EXTRA_CERTS supplies a European Sovereign Cloud CA and staging goes on") {
  StepRun run(Env{{"RDS_CA_EXTRA_CERTS", ReadFixture("certs/test-ca.pem")}});
  const std::string log =
      run.Run({StagedDb("eu_db", "app.cluster-c9akciq32.eusc-de-east-1.rds.amazonaws.eu", TlsMode::kVerifyFull, true)});
  CHECK(run.Names() == std::vector<std::string>{"rds-ca test CA"});
  CHECK(run.fetches == 0);
  CHECK(log.find("       CA source: extra certificates\n       installed 1 certificate: rds-ca test CA\n") !=
        std::string::npos);
  CHECK(run.state.metadata.dump() ==
        R"({"ca":{"source":["extra certificates"],"certificates":1,"endpoints":[{"service":"eu_db","kind":"cluster",)"
        R"("partition":"aws-eusc","region":"eusc-de-east-1"}]}})");
}

TEST_CASE("CaStep: no binding at staging installs the commercial set, abbreviated in the log") {
  StepRun run;
  const std::string log = run.Run({});
  CHECK(log.find("       no database binding at staging: installing the RDS CAs of every commercial region (set "
                 "RDS_CA_REGION for one region)\n") != std::string::npos);
  CHECK(log.find(", and 105 more\n") != std::string::npos);
  CHECK(run.state.trusted_pems.size() == 108);

  StepRun one(Env{{"RDS_CA_REGION", "ap-south-2"}});
  one.Run({});
  CHECK(one.state.trusted_pems.size() == 3);
}

TEST_CASE("CaStep: a broken extra CA stops staging with the source and index") {
  StepRun run(Env{{"RDS_CA_EXTRA_CERTS", ReadFixture("certs/two-certs-second-broken.pem")}});
  CHECK_THROWS_WITH_AS(run.Run({}),
                       "RDS_CA_EXTRA_CERTS: certificate #2 is not a valid X.509 certificate (bad PEM: bad base64 "
                       "decode): replace it with the PEM text of the CA certificate",
                       Failure);
}

}  // namespace
}  // namespace rdsca

namespace rdsca {

TEST_CASE("CaStep: a credential's inline CA that is no certificate is one warning and left out") {
  StepRun run;
  const std::string log =
      run.Run({StagedDb("private-db", "mydb.c9akciq32.us-west-2.rds.amazonaws.com", TlsMode::kVerifyFull, true)},
              {{"private-db", "own.pem",
                {{"service private-db, credential sslrootcert",
                  "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"}},
                {}}});
  CHECK(log.find("**WARNING** service private-db, credential sslrootcert: certificate #1 is not a valid X.509 "
                 "certificate (bad PEM: bad base64 decode): replace it with the PEM text of the CA certificate: it "
                 "is left out of the trust store\n") != std::string::npos);
  CHECK(log.find("extra certificates") == std::string::npos);
}

}  // namespace rdsca
