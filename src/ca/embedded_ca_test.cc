#include "ca/embedded_ca.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "base/error.h"
#include "test_util.h"

namespace rdsca {
namespace {

std::string SourceFile(const std::string& relative) {
  return fs::ReadFile(std::filesystem::path(RDSCA_SOURCE_DIR) / relative, "source file");
}

/// Every certificate of the embedded PEM files, fully parsed file by file: the oracle the
/// stubs are checked against.
const std::vector<Certificate>& ParsedEmbedded() {
  static const std::vector<Certificate> certs = [] {
    std::vector<Certificate> out;
    for (const char* name : {"global-bundle.pem", "rds-proxy-amazon-trust-roots.pem", "us-gov-roots.pem"}) {
      for (auto& c : ParseCertificates(*EmbeddedFile(name), std::string("embedded ") + name)) {
        out.push_back(std::move(c));
      }
    }
    return out;
  }();
  return certs;
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
  // The commercial bundle is the one AWS served in 2025-2026 (docs/rds-cas.md).
  CHECK(Sha256Hex(*EmbeddedFile("global-bundle.pem")) ==
        "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3");
}

TEST_CASE("EmbeddedStubs tags every certificate with its partition and trust") {
  const auto& stubs = EmbeddedStubs();
  REQUIRE(stubs.size() == 119);
  auto count = [&](Partition p, Trust t) {
    return std::count_if(stubs.begin(), stubs.end(),
                         [&](const EmbeddedStub& s) { return s.partition == p && s.trust == t; });
  };
  CHECK(count(PartitionFromName("aws"), Trust::kRds) == 108);
  CHECK(count(PartitionFromName("aws-us-gov"), Trust::kRds) == 6);
  CHECK(count(Partition(), Trust::kAmazonTrustServices) == 5);
  CHECK(ParseEmbedded(stubs[0]).source == "embedded global-bundle.pem");
  // Nothing of the 2019 generation is embedded.
  CHECK(std::none_of(stubs.begin(), stubs.end(),
                     [](const EmbeddedStub& s) { return s.stub.cn.find("2019") != std::string::npos; }));
}

TEST_CASE("EmbeddedStubs name each certificate without parsing it; ParseEmbedded parses one as ParseCertificates") {
  const auto& stubs = EmbeddedStubs();
  const auto& certs = ParsedEmbedded();
  REQUIRE(stubs.size() == certs.size());
  for (std::size_t i = 0; i < stubs.size(); ++i) {
    CAPTURE(i);
    const Certificate& want = certs[i];
    CHECK(stubs[i].stub.cn == want.cn);
    CHECK(stubs[i].stub.der == want.der);
    CHECK(stubs[i].stub.index == want.index);
    CHECK("embedded " + std::string(stubs[i].file) == want.source);
    // what each data file serves (docs/rds-cas.md)
    const bool proxy = stubs[i].file == "rds-proxy-amazon-trust-roots.pem";
    CHECK(PartitionName(stubs[i].partition) == (proxy                                ? "none"
                                                : stubs[i].file == "us-gov-roots.pem" ? "aws-us-gov"
                                                                                      : "aws"));
    CHECK(stubs[i].trust == (proxy ? Trust::kAmazonTrustServices : Trust::kRds));
    const Certificate got = ParseEmbedded(stubs[i]);
    CHECK(got.der == want.der);
    CHECK(got.pem == want.pem);
    CHECK(got.subject == want.subject);
    CHECK(got.issuer == want.issuer);
    CHECK(got.cn == want.cn);
    CHECK(got.not_before == want.not_before);
    CHECK(got.not_after == want.not_after);
    CHECK(got.sha256 == want.sha256);
    CHECK(got.subject_hash == want.subject_hash);
    CHECK(got.is_ca == want.is_ca);
    CHECK(got.source == want.source);
    CHECK(got.index == want.index);
  }
  // `openssl x509 -subject_hash` of the first certificate of each file read here.
  CHECK(certs[0].subject_hash == 0x0e9a9ab3UL);
  CHECK(stubs[114].file == "us-gov-roots.pem");
  CHECK(stubs[114].stub.index == 2);
  CHECK(ParseEmbedded(stubs[114]).subject_hash == 0x571787a4UL);
}

std::string Armored(const std::string& kind, const std::string& base64) {
  return "-----BEGIN " + kind + "-----\n" + base64 + "\n-----END " + kind + "-----\n";
}

TEST_CASE("ReadCertificateStubs and ParseDerCertificate fail as ParseCertificates does") {
  const std::string first = ParsedEmbedded()[0].pem;
  CHECK(ReadCertificateStubs("text\n" + first + "more text\n" + first, "two").size() == 2);
  CHECK_THROWS_WITH_AS(ReadCertificateStubs("nothing here\n", "empty.pem"),
                       "empty.pem holds no PEM certificate: give CA certificates as -----BEGIN CERTIFICATE----- blocks",
                       Failure);
  CHECK_THROWS_WITH_AS(ReadCertificateStubs(first + Armored("PKCS7", "MAA="), "p7.pem"),
                       "p7.pem: PEM block #2 is a PKCS7, not a CERTIFICATE block: give each certificate as a "
                       "-----BEGIN CERTIFICATE----- block",
                       Failure);
  // A SEQUENCE holding an INTEGER: DER, but no certificate (no subject to find).
  CHECK_THROWS_WITH_AS(ReadCertificateStubs(first + Armored("CERTIFICATE", "MAMCAQE="), "odd.pem"),
                       "odd.pem: certificate #2 is not a valid X.509 certificate (unreadable subject): replace it "
                       "with the PEM text of the CA certificate",
                       Failure);
  std::string error;
  try {
    ParseDerCertificate(std::string("\x30\x03\x02\x01\x01", 5), "der", 7);
  } catch (const Failure& e) {
    error = e.what();
  }
  CHECK(error.rfind("der: certificate #7 is not a valid X.509 certificate (", 0) == 0);
  const Certificate again = ParseDerCertificate(ParsedEmbedded()[3].der, "again", 9);
  CHECK(again.sha256 == ParsedEmbedded()[3].sha256);
  CHECK(again.source == "again");
  CHECK(again.index == 9);
}

}  // namespace
}  // namespace rdsca
