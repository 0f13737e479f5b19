#include "ca/ca_select.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "base/error.h"
#include "db/tls_mode.h"
#include "test_util.h"

namespace rdsca {
namespace {

using testing::ReadData;
using testing::ReadFixture;
constexpr std::int64_t kNow = testing::kTestNow;

std::vector<std::string> Names(const std::vector<Certificate>& certs) {
  std::vector<std::string> names;
  for (const auto& c : certs) names.push_back(c.cn);
  std::sort(names.begin(), names.end());
  return names;
}

/// A context over the project's manifest.yml whose fetcher records requests and replays `body`
/// (or throws `error`).
struct Fake {
  std::vector<DownloadRequest> requests;
  std::string body;
  std::string error;
  CaContext Context() {
    CaContext ctx{LoadManifest(RDSCA_SOURCE_DIR), RDSCA_SOURCE_DIR, "/cache/rds-ca", {}, kNow, "PLATFORM PEM"};
    ctx.fetch = [this](const DownloadRequest& r) {
      requests.push_back(r);
      if (!error.empty()) throw Failure(error);
      return Downloaded{body, false, {}, 1, {}};
    };
    return ctx;
  }
};

CaSelection Select(const std::string& host, Fake& fake, const Env& env = {}) {
  const CaConfig config = ReadCaConfig(env);
  return SelectCas(ClassifyEndpoint(host, config.region), config, fake.Context());
}

TEST_CASE("embedded: a us-west-2 instance gets exactly that region's three G1 roots, nothing expired") {
  Fake fake;
  const CaSelection sel = Select("mydb.c9akciq32.us-west-2.rds.amazonaws.com", fake);
  CHECK(Names(sel.certs) == std::vector<std::string>{"Amazon RDS us-west-2 Root CA ECC384 G1",
                                                     "Amazon RDS us-west-2 Root CA RSA2048 G1",
                                                     "Amazon RDS us-west-2 Root CA RSA4096 G1"});
  CHECK(std::all_of(sel.certs.begin(), sel.certs.end(), [](const Certificate& c) { return c.not_after > kNow && c.is_ca; }));
  CHECK(sel.source == "embedded");
  CHECK(sel.warnings.empty());
  CHECK(sel.problem.empty());
  CHECK(fake.requests.empty());
  // Aurora endpoints of the same region get the same roots.
  CHECK(Names(Select("app.cluster-ro-c9akciq32.us-west-2.rds.amazonaws.com", fake).certs) == Names(sel.certs));
}

TEST_CASE("embedded: RDS Proxy and Aurora DSQL get the Amazon Trust Services roots") {
  Fake fake;
  const std::vector<std::string> ats{"Amazon Root CA 1", "Amazon Root CA 2", "Amazon Root CA 3", "Amazon Root CA 4",
                                     "Starfield Services Root Certificate Authority - G2"};
  CHECK(Names(Select("myproxy.proxy-c9akciq32.us-west-2.rds.amazonaws.com", fake).certs) == ats);
  CHECK(Names(Select("reader.endpoint.proxy-c9akciq32.eu-west-1.rds.amazonaws.com", fake).certs) == ats);
  CHECK(Names(Select("abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws", fake).certs) == ats);
  CHECK(fake.requests.empty());
}

TEST_CASE("embedded: GovCloud, preview, the global writer, and hosts that are not RDS") {
  Fake fake;
  CHECK(Names(Select("mydb.c9akciq32.us-gov-east-1.rds.amazonaws.com", fake).certs) ==
        std::vector<std::string>{"Amazon RDS us-gov-east-1 Root CA ECC384 G1",
                                 "Amazon RDS us-gov-east-1 Root CA RSA2048 G1",
                                 "Amazon RDS us-gov-east-1 Root CA RSA4096 G1"});
  CHECK(Names(Select("mydb.c9akciq32.us-east-2.rds-preview.amazonaws.com", fake).certs) ==
        std::vector<std::string>{"Amazon RDS Preview us-east-2 Root CA ECC384 G1",
                                 "Amazon RDS Preview us-east-2 Root CA RSA2048 G1",
                                 "Amazon RDS Preview us-east-2 Root CA RSA4096 G1"});
  CHECK(Names(Select("mydb.c9akciq32.us-east-1.rds-preview.amazonaws.com", fake).certs) ==
        std::vector<std::string>{"Amazon RDS Beta us-east-1 Root CA ECC384 G1",
                                 "Amazon RDS Beta us-east-1 Root CA RSA2048 G1",
                                 "Amazon RDS Beta us-east-1 Root CA RSA4096 G1"});
  CHECK(Select("app.global-a1b2c3d4e5.global.rds.amazonaws.com", fake).certs.size() == 108);
  const CaSelection other = Select("db.example.com", fake);
  CHECK(other.certs.empty());
  CHECK(other.source == "none");
  CHECK(other.problem.empty());
  // RDS_CA_REGION makes an alias an RDS endpoint of that region.
  CHECK(Select("db.example.com", fake, {{"RDS_CA_REGION", "eu-north-1"}}).certs.size() == 3);
  CHECK(fake.requests.empty());
}

TEST_CASE("China is not embedded: offline staging names RDS_CA_BUNDLE_URL and RDS_CA_EXTRA_CERTS") {
  Fake fake;
  fake.error =
      "cannot download https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem: "
      "Couldn't resolve host name (after 3 attempts)";
  const CaSelection sel = Select("mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", fake);
  CHECK(sel.certs.empty());
  CHECK(sel.source == "none");
  CHECK(sel.problem ==
        "no CA certificate for region cn-north-1 (partition aws-cn): the China bundles are not embedded and cannot "
        "download https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem: Couldn't "
        "resolve host name (after 3 attempts); set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of "
        "the RDS CA bundle and its sha256, or RDS_CA_EXTRA_CERTS to its PEM");
  REQUIRE(fake.requests.size() == 1);
  CHECK(fake.requests[0].url ==
        "https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem");
  CHECK(fake.requests[0].sha256.empty());
  CHECK(fake.requests[0].cache_dir == "/cache/rds-ca");
  CHECK(fake.requests[0].extra_ca_pem == "PLATFORM PEM");
  CHECK(fake.requests[0].test_ca_file.empty());

  const CaSelection embedded_only =
      Select("mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", fake, {{"RDS_CA_SOURCE", "embedded"}});
  CHECK(embedded_only.problem ==
        "no CA certificate for region cn-north-1 (partition aws-cn): RDS_CA_SOURCE=embedded and no embedded CA serves "
        "it; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its sha256, "
        "or RDS_CA_EXTRA_CERTS to its PEM");
  CHECK(fake.requests.size() == 1);
}

constexpr const char* kSettings =
    "; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its sha256, or "
    "RDS_CA_EXTRA_CERTS to its PEM";

TEST_CASE("no public RDS CA (European Sovereign Cloud, ISO): nothing downloaded, one line naming the settings") {
  const struct {
    const char* host;
    const char* line;
  } kCases[] = {
      {"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
       "no CA certificate for region eusc-de-east-1 (partition aws-eusc): AWS publishes no RDS CA bundle for the "
       "European Sovereign Cloud partition"},
      {"app.cluster-c9akciq32.us-iso-east-1.rds.c2s.ic.gov",
       "no CA certificate for region us-iso-east-1 (partition aws-iso): AWS publishes no RDS CA bundle for the ISO (US) "
       "partition"},
      {"mydb.c9akciq32.us-isob-east-1.rds.sc2s.sgov.gov",
       "no CA certificate for region us-isob-east-1 (partition aws-iso-b): AWS publishes no RDS CA bundle for the ISOB "
       "(US) partition"},
      {"mydb.c9akciq32.eu-isoe-west-1.rds.cloud.adc-e.uk",
       "no CA certificate for region eu-isoe-west-1 (partition aws-iso-e): AWS publishes no RDS CA bundle for the ISOE "
       "(EU) partition"},
      {"mydb.c9akciq32.us-isof-south-1.rds.csp.hci.ic.gov",
       "no CA certificate for region us-isof-south-1 (partition aws-iso-f): AWS publishes no RDS CA bundle for the ISOF "
       "(US) partition"},
  };
  for (const auto& c : kCases) {
    CAPTURE(c.host);
    for (const char* source : {"auto", "download"}) {
      Fake fake;
      const CaSelection sel = Select(c.host, fake, {{"RDS_CA_SOURCE", source}});
      CHECK(sel.problem == std::string(c.line) + kSettings);
      CHECK(sel.certs.empty());
      CHECK(sel.source == "none");
      CHECK(sel.warnings.empty());
      CHECK(fake.requests.empty());  // never another partition's URL
    }
  }
  // an RDS Proxy there: the Amazon Trust Services roots, as everywhere
  Fake fake;
  CHECK(Select("p.proxy-c9akciq32.eusc-de-east-1.rds.amazonaws.eu", fake).certs.size() == 5);
  // by region alone, or a CNAME with RDS_CA_REGION
  CHECK(SelectCas(EndpointForRegion("us-iso-east-1"), {}, fake.Context()).problem ==
        std::string(kCases[1].line) + kSettings);
  CHECK(Select("db.corp.example", fake, {{"RDS_CA_REGION", "eusc-de-east-1"}}).problem ==
        std::string(kCases[0].line) + kSettings);
  CHECK(fake.requests.empty());
}

TEST_CASE("no public RDS CA: the settings named supply it (a mirror with its pin, or an operator's manifest URL)") {
  const std::string eusc = "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu";
  Fake fake;
  fake.body = ReadFixture("certs/test-ca.pem");
  const Env env{{"RDS_CA_BUNDLE_URL", "https://mirror.example.eu/rds-ca.pem"},
                {"RDS_CA_BUNDLE_SHA256", std::string(64, 'b')}};
  CaSelection sel = Select(eusc, fake, env);
  CHECK(sel.problem.empty());
  CHECK(sel.source == "download https://mirror.example.eu/rds-ca.pem");
  CHECK(Names(sel.certs) == std::vector<std::string>{"rds-ca test CA"});
  REQUIRE(fake.requests.size() == 1);
  CHECK(fake.requests[0].sha256 == std::string(64, 'b'));

  Fake op;
  op.body = ReadFixture("certs/test-ca.pem");
  CaContext ctx = op.Context();
  ctx.manifest.bundle_urls["aws-eusc"] = "https://mirror.example.eu/{region}.pem";
  sel = SelectCas(ClassifyEndpoint(eusc), {}, ctx);
  CHECK(sel.source == "download https://mirror.example.eu/eusc-de-east-1.pem");
  CHECK(Names(sel.certs) == std::vector<std::string>{"rds-ca test CA"});

  op.error = "cannot download https://mirror.example.eu/eusc-de-east-1.pem: HTTP status 404";
  sel = SelectCas(ClassifyEndpoint(eusc), {}, ctx);
  CHECK(sel.problem == "no CA certificate for region eusc-de-east-1 (partition aws-eusc): the European Sovereign Cloud "
                       "bundles are not embedded and cannot download https://mirror.example.eu/eusc-de-east-1.pem: HTTP "
                       "status 404" + std::string(kSettings));
}

TEST_CASE("a commercial region no data lists yet: its pattern says aws, and its bundle is downloaded") {
  Fake fake;
  fake.body = ReadData("global-bundle.pem");  // no "Amazon RDS us-north-9" root in it: kept whole
  const CaSelection sel = Select("mydb.c9akciq32.us-north-9.rds.amazonaws.com", fake);
  CHECK(sel.problem.empty());
  CHECK(sel.source == "download https://truststore.pki.rds.amazonaws.com/us-north-9/us-north-9-bundle.pem");
  CHECK(sel.certs.size() == 108);
  REQUIRE(fake.requests.size() == 1);

  fake.error = "cannot download https://truststore.pki.rds.amazonaws.com/us-north-9/us-north-9-bundle.pem: Couldn't "
               "resolve host name (after 3 attempts)";
  CHECK(Select("mydb.c9akciq32.us-north-9.rds.amazonaws.com", fake).problem ==
        "no CA certificate for region us-north-9 (partition aws): " + fake.error + kSettings);
  CHECK(fake.requests.size() == 2);
}

TEST_CASE("a mirror in RDS_CA_BUNDLE_URL with its RDS_CA_BUNDLE_SHA256") {
  Fake fake;
  fake.body = ReadFixture("certs/test-ca.pem");  // a private mirror's CA: no "Amazon RDS <region>" CN, kept whole
  const Env env{{"RDS_CA_BUNDLE_URL", "https://mirror.example.com/rds/{region}.pem"},
                {"RDS_CA_BUNDLE_SHA256", std::string(64, 'A')}};
  const CaSelection sel = Select("mydb.c9akciq32.rds.cn-northwest-1.amazonaws.com.cn", fake, env);
  CHECK(sel.source == "download https://mirror.example.com/rds/cn-northwest-1.pem");
  CHECK(Names(sel.certs) == std::vector<std::string>{"rds-ca test CA"});
  REQUIRE(fake.requests.size() == 1);
  CHECK(fake.requests[0].url == "https://mirror.example.com/rds/cn-northwest-1.pem");
  CHECK(fake.requests[0].sha256 == std::string(64, 'a'));
  CHECK(fake.requests[0].sha256_source == "RDS_CA_BUNDLE_SHA256");
}

TEST_CASE("RDS_CA_SOURCE=download: region filter, manifest pin, fallback to the embedded set") {
  Fake fake;
  fake.body = ReadData("global-bundle.pem");
  const Env download{{"RDS_CA_SOURCE", "download"}};
  CaSelection sel = Select("mydb.c9akciq32.eu-west-3.rds.amazonaws.com", fake, download);
  CHECK(sel.source == "download https://truststore.pki.rds.amazonaws.com/eu-west-3/eu-west-3-bundle.pem");
  CHECK(sel.certs.size() == 3);
  CHECK(fake.requests.back().sha256.empty());  // manifest.yml pins only the global bundle

  sel = Select("app.global-a1b2c3d4e5.global.rds.amazonaws.com", fake, download);
  CHECK(sel.certs.size() == 108);
  CHECK(fake.requests.back().url == "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem");
  CHECK(fake.requests.back().sha256 == "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3");
  CHECK(fake.requests.back().sha256_source == "manifest.yml");

  fake.error = "cannot download https://truststore.pki.rds.amazonaws.com/us-west-2/us-west-2-bundle.pem: HTTP status 500 (after 3 attempts)";
  sel = Select("mydb.c9akciq32.us-west-2.rds.amazonaws.com", fake, download);
  CHECK(sel.source == "embedded");
  CHECK(sel.certs.size() == 3);
  CHECK(sel.warnings == std::vector<std::string>{fake.error + ": using the embedded certificates instead"});
}

TEST_CASE("an old mirror serving seed 004's expired 2019 root: skipped, with a warning naming it and its date") {
  Fake fake;
  fake.body = ReadFixture("certs/rds-root-2019-seed004.pem");
  const Env env{{"RDS_CA_SOURCE", "download"}, {"RDS_CA_BUNDLE_URL", "https://old.example.com/{region}.pem"}};
  const CaSelection sel = Select("mydb.c9akciq32.us-west-2.rds.amazonaws.com", fake, env);
  CHECK(sel.source == "embedded");
  CHECK(Names(sel.certs).size() == 3);
  CHECK(sel.warnings ==
        std::vector<std::string>{"skipped expired certificate \"Amazon RDS Root 2019 CA\" (not after 2024-08-22 "
                                 "17:08:50 UTC) from https://old.example.com/us-west-2.pem #1",
                                 "https://old.example.com/us-west-2.pem holds no valid CA certificate: using the "
                                 "embedded certificates instead"});
}

TEST_CASE("a cached buildpack zip's file: entry is used without the network") {
  testing::TempDir bp;
  const Manifest cached = LoadManifest(testing::Fixture("manifest/cached"));
  fs::WriteFileAtomic(bp.path() / cached.dependencies[0].file, ReadData("global-bundle.pem"));
  Fake fake;
  CaContext ctx = fake.Context();
  ctx.manifest = cached;
  ctx.buildpack_dir = bp.path();
  CaConfig config;
  config.bundle_url = "https://truststore.pki.rds.amazonaws.com/{region}/{region}-bundle.pem";
  config.source = CaSource::kDownload;
  const CaSelection sel = SelectCas(ClassifyEndpoint("app.global-x1.global.rds.amazonaws.com"), config, ctx);
  CHECK(sel.source == "buildpack file " + cached.dependencies[0].file);
  CHECK(sel.certs.size() == 108);
  CHECK(fake.requests.empty());
}

TEST_CASE("ReadCaConfig: defaults and one-line errors") {
  const CaConfig d = ReadCaConfig({});
  CHECK(d.source == CaSource::kAuto);
  CHECK(d.bundle_url.empty());
  CHECK(ReadCaConfig({{"RDS_CA_SOURCE", " Download "}}).source == CaSource::kDownload);
  auto error = [](const Env& env) {
    try {
      ReadCaConfig(env);
    } catch (const Failure& f) {
      return std::string(f.what());
    }
    return std::string("(no error)");
  };
  CHECK(error({{"RDS_CA_SOURCE", "mirror"}}) ==
        "RDS_CA_SOURCE=mirror is not one of auto, embedded, download: fix it or unset it");
  CHECK(error({{"RDS_CA_BUNDLE_URL", "http://u:pw@mirror/{region}.pem"}}) ==
        "RDS_CA_BUNDLE_URL=http://***@mirror/{region}.pem is not an https:// URL: use the mirror's https:// address");
  CHECK(error({{"RDS_CA_BUNDLE_SHA256", "abc"}}) ==
        "RDS_CA_BUNDLE_SHA256 is not a sha256 (64 hex digits): set it to the output of sha256sum for the bundle");
}

TEST_CASE("ExtraCertificates: PEM text, a file in the app, credentials' PEMs") {
  testing::TempDir app;
  CaConfig config;
  config.extra_certs = ReadFixture("certs/test-ca.pem");
  auto certs = ExtraCertificates(config, {}, app.path());
  REQUIRE(certs.size() == 1);
  CHECK(certs[0].source == "RDS_CA_EXTRA_CERTS");

  fs::WriteFileAtomic(app.path() / "certs/private.pem", ReadFixture("certs/other-ca.pem"));
  config.extra_certs = "certs/private.pem";
  certs = ExtraCertificates(config, {{"service db, credential sslrootcert", ReadFixture("certs/test-ca.pem")}}, app.path());
  REQUIRE(certs.size() == 2);
  CHECK(certs[0].source == "RDS_CA_EXTRA_CERTS file " + (app.path() / "certs/private.pem").string());
  CHECK(certs[1].source == "service db, credential sslrootcert");

  config.extra_certs = "missing.pem";
  try {
    ExtraCertificates(config, {}, app.path());
    FAIL("no error");
  } catch (const Failure& f) {
    CHECK(std::string(f.what()) == "cannot read RDS_CA_EXTRA_CERTS file at " + (app.path() / "missing.pem").string() +
                                       ": No such file or directory: set RDS_CA_EXTRA_CERTS to PEM text or the path "
                                       "of a PEM file in the app");
  }
}

TEST_CASE("PlatformCaPem reads every file of CF_SYSTEM_CERT_PATH, sorted") {
  testing::TempDir dir;
  fs::WriteFileAtomic(dir.path() / "container-trusted-ca-2.crt", "B");
  fs::WriteFileAtomic(dir.path() / "container-trusted-ca-1.crt", "A");
  CHECK(PlatformCaPem({{"CF_SYSTEM_CERT_PATH", dir.path().string()}}) == "A\nB\n");
  CHECK(PlatformCaPem({{"CF_SYSTEM_CERT_PATH", (dir.path() / "missing").string()}}).empty());
  CHECK(PlatformCaPem({}).empty());
}

TEST_CASE("EndpointForRegion and VerifiesChain") {
  CHECK(Describe(EndpointForRegion("us-west-2")) == "kind=other partition=aws region=us-west-2 trust=rds");
  CHECK(Describe(EndpointForRegion("")) == "kind=other partition=aws region=none trust=rds");
  CHECK(Describe(EndpointForRegion("us-iso-east-1")) == "kind=other partition=aws-iso region=us-iso-east-1 trust=rds");
  CHECK(Describe(EndpointForRegion("EUSC-DE-EAST-1")) ==
        "kind=other partition=aws-eusc region=eusc-de-east-1 trust=rds");
  CHECK(Describe(EndpointForRegion("", PartitionFromName("aws-iso-e"))) ==
        "kind=other partition=aws-iso-e region=none trust=rds");
  CHECK(Describe(EndpointForRegion("", PartitionFromName("aws-us-gov"))) ==
        "kind=other partition=aws-us-gov region=none trust=rds");
  CHECK(EmbeddedFor(EndpointForRegion("", PartitionFromName("aws-us-gov"))).size() == 6);
  CHECK(EmbeddedFor(EndpointForRegion("US-WEST-2")).size() == 3);
  CHECK_THROWS_AS(EndpointForRegion("oregon"), Failure);
  CHECK(VerifiesChain(TlsMode::kVerifyFull));
  CHECK(VerifiesChain(TlsMode::kVerifyCa));
  CHECK_FALSE(VerifiesChain(TlsMode::kRequire));
  CHECK_FALSE(VerifiesChain(TlsMode::kDisable));
}

}  // namespace
}  // namespace rdsca
