#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "cli/commands.h"
#include "cli_run.h"
#include "test_util.h"

namespace rdsca {

using testing::CliRun;
using testing::TestContext;

namespace {

CliRun Bundle(const std::vector<std::string>& args, const Env& env = {}, CliContext context = TestContext()) {
  return testing::RunCli([&](const std::vector<std::string>& a, Io io) { return RunBundleWith(a, io, context); }, args,
                         env);
}

std::string BundleError(const std::vector<std::string>& args, const Env& env = {}) {
  return testing::CliError([](const std::vector<std::string>& a, Io io) { return RunBundleWith(a, io, TestContext()); },
                           args, env);
}

std::vector<std::string> CommentLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# ", 0) == 0) out.push_back(line);
  }
  return out;
}

std::string Subject(const std::string& cn) {
  return "C=US, O=\"Amazon Web Services, Inc.\", OU=Amazon RDS, ST=WA, CN=" + cn + ", L=Seattle";
}

// us-east-1's three roots, as data/PROVENANCE.tsv lists them (sha256 of the DER, not-after).
const std::vector<std::string> kUsEast1 = {
    "# " + Subject("Amazon RDS us-east-1 Root CA ECC384 G1") +
        " | not after 2121-05-25 | sha256 82d99e9e409703044c3f886f87a0408c96cd74dee2c9ba920e6553a32e372539",
    "# " + Subject("Amazon RDS us-east-1 Root CA RSA2048 G1") +
        " | not after 2061-05-25 | sha256 e4ce41d069f4bdcdb714259058961ee42ed18cf2bf627a3d647aff25437d4b68",
    "# " + Subject("Amazon RDS us-east-1 Root CA RSA4096 G1") +
        " | not after 2121-05-25 | sha256 1c753cf0334ff82a47e0d3205839c8549b7d9a8a3d9a685cccecc80f82fe97e6",
};

}  // namespace

TEST_CASE("rds-ca bundle --host: the region's roots, each after its comment line") {
  const CliRun r = Bundle({"--host", "my-rds-instance.us-east-1.rds.amazonaws.com"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(CommentLines(r.out) == kUsEast1);
  // the whole text: comment, PEM, comment, PEM, ... and the PEMs are the embedded ones
  const auto certs = ParseCertificates(r.out, "output");
  REQUIRE(certs.size() == 3);
  CHECK(r.out == BundleText(certs));
  CHECK(r.out.rfind(kUsEast1[0] + "\n-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK(certs[1].sha256 == "e4ce41d069f4bdcdb714259058961ee42ed18cf2bf627a3d647aff25437d4b68");
}

TEST_CASE("rds-ca bundle: seed 000's short host form (NAME.REGION, no instance ID) and the usual NAME.ID.REGION") {
  const std::string us_east_1 = Bundle({"--region", "us-east-1"}).out;
  CHECK(Bundle({"--host", "My-RDS-Instance.US-EAST-1.rds.amazonaws.com."}).out == us_east_1);
  CHECK(Bundle({"--host", "mydb.c9akciq32.us-east-1.rds.amazonaws.com"}).out == us_east_1);
  CHECK(Bundle({"--host", "mydb.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com"}).out == us_east_1);
  CHECK(BundleError({"--host", "us-east-1.rds.amazonaws.com"}).rfind("us-east-1.rds.amazonaws.com is not an AWS", 0) == 0);
}

TEST_CASE("rds-ca bundle --region and --all") {
  CHECK(Bundle({"--region", "us-east-1"}).out == Bundle({"--host", "my-rds-instance.us-east-1.rds.amazonaws.com"}).out);
  CHECK(Bundle({"--region=US-EAST-1", "--partition", "aws"}).out == Bundle({"--region", "us-east-1"}).out);
  CHECK(CommentLines(Bundle({"--all"}).out).size() == 108);  // the commercial global bundle
  CHECK(CommentLines(Bundle({"--all", "--partition", "aws-us-gov"}).out).size() == 6);
  const auto gov = CommentLines(Bundle({"--region", "us-gov-west-1"}).out);
  REQUIRE(gov.size() == 3);
  CHECK(gov[0].find("CN=Amazon RDS us-gov-west-1 Root CA ECC384 G1") != std::string::npos);
}

TEST_CASE("rds-ca bundle: RDS Proxy gets the Amazon Trust Services roots, a CNAME RDS_CA_REGION's") {
  const auto proxy = CommentLines(Bundle({"--host", "app.proxy-c9akciq32.us-west-2.rds.amazonaws.com"}).out);
  REQUIRE(proxy.size() == 5);
  CHECK(proxy[0].rfind("# C=US, O=Amazon, CN=Amazon Root CA 1 | not after 2038-01-17 | sha256 ", 0) == 0);
  CHECK(Bundle({"--host", "db.example.com"}, {{"RDS_CA_REGION", "us-east-1"}}).out == Bundle({"--region", "us-east-1"}).out);
}

TEST_CASE("rds-ca bundle: nothing expired is printed") {
  CliContext later = TestContext();
  later.now = 2899411200;  // 2061-11-17: the RSA2048 G1 roots have expired
  const CliRun r = Bundle({"--region", "us-east-1"}, {}, later);
  CHECK(CommentLines(r.out) == std::vector<std::string>{kUsEast1[0], kUsEast1[2]});
  CHECK(r.err ==
        "rds-ca bundle: WARNING: skipped expired certificate \"Amazon RDS us-east-1 Root CA RSA2048 G1\" (not after "
        "2061-05-25 23:34:57 UTC) from embedded global-bundle.pem #60\n");
}

TEST_CASE("rds-ca bundle: what it cannot serve is one line") {
  CHECK(BundleError({"--host", "db.example.com"}) ==
        "db.example.com is not an AWS database endpoint name: for a CNAME of one, set RDS_CA_REGION to its region, or "
        "use --region REGION");
  CHECK(BundleError({"--region", "cn-north-1"}) ==
        "no CA certificate for region cn-north-1 (partition aws-cn): the China bundles are not embedded and cannot "
        "download https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem: no network in "
        "unit tests; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its "
        "sha256, or RDS_CA_EXTRA_CERTS to its PEM");
}

constexpr const char* kSettings =
    "; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its sha256, or "
    "RDS_CA_EXTRA_CERTS to its PEM";

TEST_CASE("rds-ca bundle: European Sovereign Cloud and ISO say what is missing and the setting that supplies it") {
  const std::string eusc = std::string("no CA certificate for region eusc-de-east-1 (partition aws-eusc): AWS publishes "
                                       "no RDS CA bundle for the European Sovereign Cloud partition") + kSettings;
  CHECK(BundleError({"--host", "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu"}) == eusc);
  CHECK(BundleError({"--region", "eusc-de-east-1"}) == eusc);  // the region is a region code now
  CHECK(BundleError({"--region", "eusc-de-east-1", "--partition", "aws-eusc"}) == eusc);
  CHECK(BundleError({"--region", "us-iso-east-1"}) ==
        std::string("no CA certificate for region us-iso-east-1 (partition aws-iso): AWS publishes no RDS CA bundle for "
                    "the ISO (US) partition") + kSettings);
  CHECK(BundleError({"--host", "mydb.c9akciq32.us-isof-south-1.rds.csp.hci.ic.gov"}) ==
        std::string("no CA certificate for region us-isof-south-1 (partition aws-iso-f): AWS publishes no RDS CA bundle "
                    "for the ISOF (US) partition") + kSettings);
  CHECK(BundleError({"--all", "--partition", "aws-iso-b"}) ==
        std::string("no CA certificate for every region (partition aws-iso-b): AWS publishes no RDS CA bundle for the "
                    "ISOB (US) partition") + kSettings);
}

TEST_CASE("rds-ca bundle: RDS_CA_EXTRA_CERTS supplies what AWS does not publish, and joins any bundle") {
  const std::string test_ca = testing::ReadFixture("certs/test-ca.pem");
  CliContext later = TestContext();
  later.now = 1798761600;  // 2027-01-01: the test CA is valid from 2026-11-24
  const CliRun r =
      Bundle({"--host", "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu"}, {{"RDS_CA_EXTRA_CERTS", test_ca}}, later);
  CHECK(r.code == 0);
  const auto certs = ParseCertificates(r.out, "output");
  REQUIRE(certs.size() == 1);
  CHECK(certs[0].cn == "rds-ca test CA");
  CHECK(r.err == "rds-ca bundle: WARNING: no CA certificate for region eusc-de-east-1 (partition aws-eusc): AWS "
                 "publishes no RDS CA bundle for the European Sovereign Cloud partition" + std::string(kSettings) + "\n");
  const auto both = CommentLines(Bundle({"--region", "us-east-1"}, {{"RDS_CA_EXTRA_CERTS", test_ca}}, later).out);
  REQUIRE(both.size() == 4);
  CHECK(std::count(both.begin(), both.end(), kUsEast1[1]) == 1);
  CHECK(std::any_of(both.begin(), both.end(),
                    [](const std::string& l) { return l.find("CN=rds-ca test CA") != std::string::npos; }));
  CHECK(BundleError({"--region", "us-east-1"}, {{"RDS_CA_EXTRA_CERTS", "missing.pem"}}).rfind(
            "cannot read RDS_CA_EXTRA_CERTS file at ", 0) == 0);
}

TEST_CASE("rds-ca bundle --partition takes every partition of the data") {
  for (const PartitionData& p : Partitions()) {
    CAPTURE(p.id);
    const std::string error = BundleError({"--all", "--partition", std::string(p.id)});
    if (p.rds_ca == RdsCa::kEmbedded) {
      CHECK(error.empty());
    } else {
      CHECK(error.rfind("no CA certificate for every region (partition " + std::string(p.id) + "): ", 0) == 0);
    }
  }
}

TEST_CASE("rds-ca bundle: usage errors") {
  CHECK(BundleError({}) == "give one of --host, --region, --all: run rds-ca bundle --help");
  CHECK(BundleError({"--host", "h", "--all"}) == "give only one of --host, --region, --all: run rds-ca bundle --help");
  CHECK(BundleError({"--host", "a.b.us-east-1.rds.amazonaws.com", "--partition", "aws"}) ==
        "--partition goes with --region or --all (a host names its own partition): run rds-ca bundle --help");
  CHECK(BundleError({"--all", "--partition", "aws-eu"}) ==
        "--partition 'aws-eu' is not one of aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov");
  CHECK(BundleError({"--region", "us-iso-east-1", "--partition", "aws"}) ==
        "region us-iso-east-1 is in partition aws-iso, not aws: drop --partition or fix the region");
  CHECK(BundleError({"--region", "us-east-1", "--partition", "aws-cn"}) ==
        "region us-east-1 is in partition aws, not aws-cn: drop --partition or fix the region");
  CHECK(BundleError({"--region", "nowhere"}) == "--region nowhere is not an AWS region code: give one like us-west-2");
  CHECK(BundleError({"--host"}) == "--host needs a value: run rds-ca bundle --help");
  CHECK(BundleError({"--hots", "x"}) == "unknown option '--hots': run rds-ca bundle --help for the options");
  const CliRun help = Bundle({"--help"});
  CHECK(help.code == 0);
  CHECK(help.out.rfind("usage: rds-ca bundle --host HOST | --region REGION [--partition P] | --all [--partition P]\n", 0) == 0);
}

}  // namespace rdsca
