#pragma once
// AWS partitions as data: botocore's partitions file (data/aws-partitions.json: id, DNS suffix,
// region pattern, known regions) and what RDS has in each (data/rds-partitions.json: where the
// region sits in endpoint names, whether AWS publishes the RDS CA), compiled in by
// cmake/partitions.cmake (data/PARTITIONS.md). Pure: no I/O.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ca/region_pattern.h"

namespace rdsca {

namespace partition_data {
/// One partition as cmake/partitions.cmake writes it: lists are space-separated.
struct RawPartition {
  const char* id;            ///< botocore's id: "aws-eusc"
  const char* name;          ///< rds-partitions.json "name": "European Sovereign Cloud"
  const char* dns_suffix;    ///< botocore's outputs.dnsSuffix: "amazonaws.eu"
  const char* region_regex;  ///< botocore's regionRegex
  const char* regions;       ///< botocore's regions, without the pseudo-region "<id>-global"
  const char* endpoints;     ///< rds-partitions.json "endpoints": "REGION.rds REGION.rds-preview"
  const char* rds_ca;        ///< rds-partitions.json "rds_ca": embedded, download or none
};
/// The table the generated source defines, in aws-partitions.json's order.
extern const RawPartition kPartitions[];
/// How many entries kPartitions has.
extern const std::size_t kPartitionCount;
}  // namespace partition_data

/// Where the region sits in an RDS endpoint name under the partition's DNS suffix; NAME.ID in
/// front (ID's prefix gives the kind: cluster-, cluster-ro-, proxy-, ...).
enum class RdsLayout {
  kRegionRds,         ///< "REGION.rds": NAME.ID.REGION.rds.SUFFIX (NAME.REGION... too: seed 000's form)
  kRegionRdsPreview,  ///< "REGION.rds-preview": NAME.ID.REGION.rds-preview.SUFFIX
  kRdsRegion,         ///< "rds.REGION": NAME.ID.rds.REGION.SUFFIX (China)
  kGlobalRds,         ///< "global.rds": NAME.global-ID.global.rds.SUFFIX (Aurora global writer, no region)
};

/// What AWS publishes of a partition's RDS CA, and whether rds-ca carries it.
enum class RdsCa {
  kEmbedded,  ///< in data/*.pem (and downloadable)
  kDownload,  ///< published (manifest.yml rds_ca.bundle_urls), not embedded
  kNone,      ///< no public RDS CA: the user supplies it
};

/// One AWS partition.
struct PartitionData {
  std::string_view id;                     ///< "aws", "aws-cn", "aws-eusc", ...
  std::string_view name;                   ///< for messages: "China", "European Sovereign Cloud", ...
  std::string_view dns_suffix;             ///< "amazonaws.com.cn"
  std::vector<std::string_view> suffix_labels;  ///< {"amazonaws", "com", "cn"}
  RegionPattern region_pattern;            ///< botocore's regionRegex
  std::vector<std::string_view> regions;   ///< the known regions, sorted
  std::vector<RdsLayout> layouts;          ///< the first is the usual form (typo hints)
  RdsCa rds_ca = RdsCa::kNone;            ///< whether AWS publishes its RDS CA, and rds-ca carries it
};

/// A partition of the data, or none (the default). Compare with ==; PartitionName names it.
class Partition {
 public:
  /// None.
  constexpr Partition() = default;
  /// The partition `data` describes (an element of Partitions()).
  explicit constexpr Partition(const PartitionData* data) : data_(data) {}
  /// The partition's data; nullptr for none.
  const PartitionData* data() const { return data_; }
  /// True for none.
  bool none() const { return data_ == nullptr; }
  /// The same partition (or both none).
  friend bool operator==(Partition, Partition) = default;

 private:
  const PartitionData* data_ = nullptr;
};

/// Every partition, in data/aws-partitions.json's order, read once. Throws Failure for data the
/// code cannot use (an unknown layout or rds_ca, a region pattern RegionPattern cannot read).
const std::vector<PartitionData>& Partitions();

/// "aws", "aws-eusc", ... or "none".
std::string_view PartitionName(Partition partition);
/// The partition with id `name`; none for anything else.
Partition PartitionFromName(std::string_view name);
/// Every partition id, comma-separated: "aws, aws-cn, ...".
std::string PartitionIds();

/// The partition of `region`, as botocore resolves it: a known region first, then the first
/// partition whose region pattern matches; none when neither ("oregon", "zz-west-1", "US-WEST-2").
Partition PartitionOfRegion(std::string_view region);
/// True when some partition has `region` (PartitionOfRegion is not none): "us-west-2",
/// "us-gov-east-1", "cn-northwest-1", "eusc-de-east-1", "us-iso-east-1", "us-isob-east-1", ...
bool IsRegionCode(std::string_view region);

}  // namespace rdsca
