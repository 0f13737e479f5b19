#include "embedded_ca.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_util.h"

namespace rdsca {
namespace {

std::string SourceFile(const std::string& relative) {
  return fs::ReadFile(std::filesystem::path(RDSCA_SOURCE_DIR) / relative, "source file");
}

TEST_CASE("the embedded files are data/*.pem and manifest.yml, byte for byte") {
  CHECK(EmbeddedFileNames() == std::vector<std::string_view>{"global-bundle.pem",
                                                             "rds-proxy-amazon-trust-roots.pem",
                                                             "us-gov-roots.pem", "manifest.yml"});
  for (const char* name : {"global-bundle.pem", "rds-proxy-amazon-trust-roots.pem", "us-gov-roots.pem"}) {
    CAPTURE(name);
    CHECK(*EmbeddedFile(name) == SourceFile(std::string("data/") + name));
  }
  CHECK(*EmbeddedFile("manifest.yml") == SourceFile("manifest.yml"));
  CHECK_FALSE(EmbeddedFile("cn-north-1-bundle.pem").has_value());
  // The commercial bundle is the one AWS served in 2025-2026 (BRIEF section 2).
  CHECK(Sha256Hex(*EmbeddedFile("global-bundle.pem")) ==
        "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3");
}

TEST_CASE("EmbeddedCertificates tags every certificate with its partition and trust") {
  const auto& certs = EmbeddedCertificates();
  REQUIRE(certs.size() == 119);
  auto count = [&](Partition p, Trust t) {
    return std::count_if(certs.begin(), certs.end(),
                         [&](const EmbeddedCert& c) { return c.partition == p && c.trust == t; });
  };
  CHECK(count(Partition::kAws, Trust::kRds) == 108);
  CHECK(count(Partition::kAwsUsGov, Trust::kRds) == 6);
  CHECK(count(Partition::kNone, Trust::kAmazonTrustServices) == 5);
  CHECK(certs[0].cert.source == "embedded global-bundle.pem");
  // Nothing of the 2019 generation is embedded.
  CHECK(std::none_of(certs.begin(), certs.end(),
                     [](const EmbeddedCert& c) { return c.cert.cn.find("2019") != std::string::npos; }));
}

}  // namespace
}  // namespace rdsca
