#include "ca/partitions.h"

#include <algorithm>
#include <utility>

#include "base/error.h"

namespace rdsca {

namespace {

std::vector<std::string_view> Words(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(separator), text.size());
    if (end > 0) out.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

[[noreturn]] void BadData(std::string_view id, const std::string& what) {
  throw Failure("data/rds-partitions.json: partition " + std::string(id) + " " + what +
                ": fix the data file (see data/PARTITIONS.md)");
}

RdsLayout LayoutNamed(std::string_view id, std::string_view name) {
  if (name == "REGION.rds") return RdsLayout::kRegionRds;
  if (name == "REGION.rds-preview") return RdsLayout::kRegionRdsPreview;
  if (name == "rds.REGION") return RdsLayout::kRdsRegion;
  if (name == "global.rds") return RdsLayout::kGlobalRds;
  BadData(id, "has the endpoint layout '" + std::string(name) +
                  "', not one of REGION.rds, REGION.rds-preview, rds.REGION, global.rds");
}

RdsCa CaNamed(std::string_view id, std::string_view name) {
  if (name == "embedded") return RdsCa::kEmbedded;
  if (name == "download") return RdsCa::kDownload;
  if (name == "none") return RdsCa::kNone;
  BadData(id, "has rds_ca '" + std::string(name) + "', not one of embedded, download, none");
}

PartitionData Read(const partition_data::RawPartition& raw) {
  PartitionData p{raw.id, raw.name, raw.dns_suffix, Words(raw.dns_suffix, '.'), RegionPattern(raw.region_regex),
                  Words(raw.regions, ' '), {}, CaNamed(raw.id, raw.rds_ca)};
  for (std::string_view layout : Words(raw.endpoints, ' ')) p.layouts.push_back(LayoutNamed(raw.id, layout));
  if (p.layouts.empty() || p.layouts.front() == RdsLayout::kGlobalRds) {
    BadData(p.id, "needs a first endpoint layout with a region (REGION.rds or rds.REGION)");
  }
  std::sort(p.regions.begin(), p.regions.end());
  return p;
}

std::vector<PartitionData> ReadAll() {
  std::vector<PartitionData> out;
  out.reserve(partition_data::kPartitionCount);
  for (std::size_t i = 0; i < partition_data::kPartitionCount; ++i) out.push_back(Read(partition_data::kPartitions[i]));
  return out;
}

}  // namespace

const std::vector<PartitionData>& Partitions() {
  static const std::vector<PartitionData> partitions = ReadAll();
  return partitions;
}

std::string_view PartitionName(Partition partition) { return partition.none() ? "none" : partition.data()->id; }

Partition PartitionFromName(std::string_view name) {
  for (const PartitionData& p : Partitions()) {
    if (p.id == name) return Partition(&p);
  }
  return {};
}

std::string PartitionIds() {
  std::string out;
  for (const PartitionData& p : Partitions()) out += (out.empty() ? "" : ", ") + std::string(p.id);
  return out;
}

namespace {

using KnownRegion = std::pair<std::string_view, const PartitionData*>;

/// Every partition's known regions in one sorted list: one search instead of one per partition
/// (the classifier asks for every label of a host that is not an endpoint).
const std::vector<KnownRegion>& KnownRegions() {
  static const std::vector<KnownRegion> known = [] {
    std::vector<KnownRegion> out;
    for (const PartitionData& p : Partitions()) {
      for (std::string_view r : p.regions) out.emplace_back(r, &p);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const KnownRegion& a, const KnownRegion& b) { return a.first < b.first; });
    return out;
  }();
  return known;
}

}  // namespace

Partition PartitionOfRegion(std::string_view region) {
  const auto& known = KnownRegions();
  const auto it = std::lower_bound(known.begin(), known.end(), region,
                                   [](const KnownRegion& k, std::string_view r) { return k.first < r; });
  if (it != known.end() && it->first == region) return Partition(it->second);  // the first partition listing it
  for (const PartitionData& p : Partitions()) {
    if (p.region_pattern.Matches(region)) return Partition(&p);
  }
  return {};
}

bool IsRegionCode(std::string_view region) { return !PartitionOfRegion(region).none(); }

}  // namespace rdsca
