#include "ca/manifest.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "base/error.h"
#include "test_util.h"

namespace rdsca {
namespace {

std::string ErrorOf(std::string_view yaml) {
  try {
    ParseManifest(yaml, "manifest.yml");
  } catch (const Failure& f) {
    return f.what();
  }
  return "(no error)";
}

constexpr const char* kGlobal = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

TEST_CASE("the project's manifest.yml pins AWS's global bundle and names each partition's URL") {
  const Manifest m = LoadManifest(RDSCA_SOURCE_DIR);
  CHECK(m.source == std::string(RDSCA_SOURCE_DIR) + "/manifest.yml");
  CHECK(m.language == "rds-ca");
  REQUIRE(m.dependencies.size() == 1);
  const ManifestDependency* d = FindDependencyByUri(m, kGlobal);
  REQUIRE(d != nullptr);
  CHECK(d->name == "rds-ca-global-bundle");
  CHECK(d->sha256 == "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3");
  CHECK(d->cf_stacks == std::vector<std::string>{"cflinuxfs4", "cflinuxfs5"});
  CHECK(d->file.empty());
  CHECK(BundleUrl(m, PartitionFromName("aws"), "us-west-2") ==
        "https://truststore.pki.rds.amazonaws.com/us-west-2/us-west-2-bundle.pem");
  CHECK(BundleUrl(m, PartitionFromName("aws"), "global") == kGlobal);
  CHECK(BundleUrl(m, PartitionFromName("aws-us-gov"), "us-gov-east-1") ==
        "https://truststore.pki.us-gov-west-1.rds.amazonaws.com/us-gov-east-1/us-gov-east-1-bundle.pem");
  CHECK(BundleUrl(m, PartitionFromName("aws-cn"), "cn-north-1") ==
        "https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/cn-north-1/cn-north-1-bundle.pem");
  for (const char* f : {"VERSION", "manifest.yml", "README.md", "bin/supply", "bin/finalize", "bin/release"}) {
    CAPTURE(f);
    CHECK(std::find(m.include_files.begin(), m.include_files.end(), f) != m.include_files.end());
  }
  CHECK(m.pre_package == "scripts/build-release");
}

TEST_CASE("LoadManifest falls back to the copy compiled into rds-ca") {
  testing::TempDir empty;
  const Manifest m = LoadManifest(empty.path());
  CHECK(m.source == "embedded manifest.yml");
  CHECK(FindDependencyByUri(m, kGlobal) != nullptr);
}

TEST_CASE("a cached zip's manifest: file:, stack:, a mirror URL") {
  const Manifest m = LoadManifest(testing::Fixture("manifest/cached"));
  CHECK(m.stack == "cflinuxfs4");
  REQUIRE(m.dependencies.size() == 1);
  CHECK(m.dependencies[0].file == "dependencies/0c6d5e3e1b2d8f2f9b3f6f8c4c1f5a66/global-bundle.pem");
  CHECK(m.dependencies[0].cf_stacks.empty());
  CHECK(BundleUrl(m, PartitionFromName("aws"), "eu-west-1") == "https://mirror.example.com/rds/eu-west-1/eu-west-1-bundle.pem");
  try {
    BundleUrl(m, PartitionFromName("aws-cn"), "cn-north-1");
    FAIL("no error");
  } catch (const Failure& f) {
    CHECK(std::string(f.what()) == testing::Fixture("manifest/cached/manifest.yml").string() +
                                       " has no rds_ca.bundle_urls.aws-cn: set RDS_CA_BUNDLE_URL to the URL of the "
                                       "bundle for cn-north-1");
  }
}

TEST_CASE("ParseManifest: one-line errors") {
  CHECK(ErrorOf("language: [") .rfind("manifest.yml: not valid YAML (line 1: ", 0) == 0);
  CHECK(ErrorOf("- a\n- b\n") == "manifest.yml: is not a YAML mapping: fix manifest.yml");
  CHECK(ErrorOf("stack: x\n") == "manifest.yml: has no language: fix manifest.yml");
  CHECK(ErrorOf("language: rds-ca\ndependencies:\n- name: a\n  version: 1\n") ==
        "manifest.yml: dependency #1 has no uri: fix manifest.yml");
  CHECK(ErrorOf("language: rds-ca\ndependencies:\n- {name: a, version: 1, uri: 'https://x/a', sha256: ABC}\n") ==
        "manifest.yml: dependency #1 (a) needs a sha256 of 64 lower-case hex digits: fix manifest.yml");
  CHECK(ErrorOf("language: rds-ca\ndependencies:\n- {name: a, version: 1, uri: 'http://x/a', sha256: "
                "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3}\n") ==
        "manifest.yml: dependency #1 uri http://x/a is not an https:// URL: fix manifest.yml");
  CHECK(ErrorOf("language: rds-ca\nrds_ca:\n  bundle_urls:\n    aws: http://x/{region}.pem\n") ==
        "manifest.yml: rds_ca.bundle_urls.aws http://x/{region}.pem is not an https:// URL: fix manifest.yml");
  CHECK(ErrorOf("language: rds-ca\nrds_ca:\n  bundle_urls:\n    aws-eu: https://x/{region}.pem\n") ==
        "manifest.yml: rds_ca.bundle_urls has an unknown partition aws-eu (aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, "
        "aws-iso-e, aws-iso-f, aws-us-gov): fix manifest.yml");
  // every partition of the data may be given a URL (an operator's mirror for one AWS publishes none for)
  CHECK(ParseManifest("language: rds-ca\nrds_ca:\n  bundle_urls:\n    aws-eusc: https://x/{region}.pem\n", "m")
            .bundle_urls.at("aws-eusc") == "https://x/{region}.pem");
}

TEST_CASE("ExpandRegion replaces every placeholder") {
  CHECK(ExpandRegion("https://m/{region}/{region}-bundle.pem", "eu-west-1") == "https://m/eu-west-1/eu-west-1-bundle.pem");
  CHECK(ExpandRegion("https://m/all.pem", "eu-west-1") == "https://m/all.pem");
}

}  // namespace
}  // namespace rdsca
