#include "ca/partitions.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "base/fs.h"
#include "ca/embedded_ca.h"
#include "ca/manifest.h"
#include "ca/x509.h"

namespace rdsca {
namespace {

const PartitionData& Get(std::string_view id) {
  const Partition p = PartitionFromName(id);
  REQUIRE_FALSE(p.none());
  return *p.data();
}

TEST_CASE("the partitions are botocore's eight, in its file's order, with their DNS suffixes") {
  const struct {
    const char* id;
    const char* suffix;
    const char* name;
  } kWant[] = {
      {"aws", "amazonaws.com", "commercial"},
      {"aws-cn", "amazonaws.com.cn", "China"},
      {"aws-eusc", "amazonaws.eu", "European Sovereign Cloud"},
      {"aws-iso", "c2s.ic.gov", "ISO (US)"},
      {"aws-iso-b", "sc2s.sgov.gov", "ISOB (US)"},
      {"aws-iso-e", "cloud.adc-e.uk", "ISOE (EU)"},
      {"aws-iso-f", "csp.hci.ic.gov", "ISOF (US)"},
      {"aws-us-gov", "amazonaws.com", "GovCloud (US)"},
  };
  const auto& all = Partitions();
  REQUIRE(all.size() == std::size(kWant));
  for (std::size_t i = 0; i < all.size(); ++i) {
    CAPTURE(kWant[i].id);
    CHECK(all[i].id == kWant[i].id);
    CHECK(all[i].dns_suffix == kWant[i].suffix);
    CHECK(all[i].name == kWant[i].name);
  }
  CHECK(PartitionIds() == "aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov");
  CHECK(Get("aws-cn").suffix_labels == std::vector<std::string_view>{"amazonaws", "com", "cn"});
  CHECK(Get("aws").region_pattern.text() == R"(^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$)");
  CHECK(Get("aws-eusc").region_pattern.text() == R"(^eusc\-(de)\-\w+\-\d+$)");
}

TEST_CASE("known regions: botocore's, without its <id>-global pseudo-regions") {
  CHECK(Get("aws").regions.size() == 34);
  CHECK(std::binary_search(Get("aws").regions.begin(), Get("aws").regions.end(), "ap-east-2"));
  CHECK(Get("aws-cn").regions == std::vector<std::string_view>{"cn-north-1", "cn-northwest-1"});
  CHECK(Get("aws-eusc").regions == std::vector<std::string_view>{"eusc-de-east-1"});
  CHECK(Get("aws-iso-b").regions == std::vector<std::string_view>{"us-isob-east-1", "us-isob-west-1"});
  CHECK(Get("aws-iso-f").regions == std::vector<std::string_view>{"us-isof-east-1", "us-isof-south-1"});
  CHECK(Get("aws-us-gov").regions == std::vector<std::string_view>{"us-gov-east-1", "us-gov-west-1"});
  for (const PartitionData& p : Partitions()) {
    CAPTURE(p.id);
    CHECK_FALSE(IsRegionCode(std::string(p.id) + "-global"));
    for (std::string_view r : p.regions) CHECK(PartitionOfRegion(r) == Partition(&p));
  }
}

TEST_CASE("PartitionOfRegion: a region names its partition by botocore's patterns, known or not") {
  const struct {
    const char* region;
    const char* partition;
  } kRegions[] = {
      {"us-west-2", "aws"},           {"ap-southeast-7", "aws"},          {"il-central-1", "aws"},
      {"us-north-9", "aws"},          {"mx-south-12", "aws"},             {"cn-north-1", "aws-cn"},
      {"cn-south-3", "aws-cn"},       {"us-gov-west-1", "aws-us-gov"},    {"us-gov-north-7", "aws-us-gov"},
      {"eusc-de-east-1", "aws-eusc"}, {"eusc-de-west-2", "aws-eusc"},     {"us-iso-east-1", "aws-iso"},
      {"us-iso-west-1", "aws-iso"},   {"us-isob-east-1", "aws-iso-b"},    {"eu-isoe-west-1", "aws-iso-e"},
      {"us-isof-south-1", "aws-iso-f"}, {"us-isof-east-1", "aws-iso-f"},
      // not a region of any partition
      {"eusc-fr-east-1", "none"},     {"zz-west-1", "none"},              {"us-isoe-west-1", "none"},
      {"aws-global", "none"},         {"oregon", "none"},                 {"US-WEST-2", "none"},
      {"", "none"},
  };
  for (const auto& r : kRegions) {
    CAPTURE(r.region);
    CHECK(PartitionName(PartitionOfRegion(r.region)) == r.partition);
    CHECK(IsRegionCode(r.region) == (std::string_view(r.partition) != "none"));
  }
  CHECK(PartitionFromName("aws-iso-b") == PartitionOfRegion("us-isob-east-1"));
  CHECK(PartitionFromName("gov").none());
  CHECK(PartitionFromName("").none());
  CHECK(PartitionName(Partition()) == "none");
}

TEST_CASE("RDS endpoint layouts per partition (data/rds-partitions.json)") {
  using L = RdsLayout;
  CHECK(Get("aws").layouts == std::vector<L>{L::kRegionRds, L::kRegionRdsPreview, L::kGlobalRds});
  CHECK(Get("aws-cn").layouts == std::vector<L>{L::kRdsRegion, L::kRegionRds});
  for (const char* id : {"aws-us-gov", "aws-iso", "aws-iso-b"}) {
    CAPTURE(id);
    CHECK(Get(id).layouts == std::vector<L>{L::kRegionRds, L::kRdsRegion});
  }
  for (const char* id : {"aws-eusc", "aws-iso-e", "aws-iso-f"}) {
    CAPTURE(id);
    CHECK(Get(id).layouts == std::vector<L>{L::kRegionRds});
  }
}

TEST_CASE("rds_ca agrees with the embedded data and manifest.yml's bundle URLs") {
  const Manifest m = LoadManifest(RDSCA_SOURCE_DIR);
  for (const PartitionData& p : Partitions()) {
    CAPTURE(p.id);
    const bool embedded = std::any_of(EmbeddedStubs().begin(), EmbeddedStubs().end(), [&](const EmbeddedStub& s) {
      return s.partition == Partition(&p) && s.trust == Trust::kRds;
    });
    CHECK(embedded == (p.rds_ca == RdsCa::kEmbedded));
    CHECK(m.bundle_urls.count(p.id) == (p.rds_ca == RdsCa::kNone ? 0u : 1u));
  }
  CHECK(Get("aws-cn").rds_ca == RdsCa::kDownload);
  CHECK(Get("aws-eusc").rds_ca == RdsCa::kNone);
}

TEST_CASE("data/aws-partitions.json is botocore's file, unmodified (data/PARTITIONS.md)") {
  CHECK(Sha256Hex(fs::ReadFile(std::string(RDSCA_SOURCE_DIR) + "/data/aws-partitions.json", "partitions")) ==
        "0caf9dfe139339c47a64e10e61f7ae436e7fb1c94353a4f862b1409d17b3545c");
}

}  // namespace
}  // namespace rdsca
