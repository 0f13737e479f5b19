#include "ca/endpoint.h"

#include <algorithm>
#include <vector>

#include "base/error.h"
#include "base/text.h"

namespace rdsca {

namespace {

using Labels = std::vector<std::string>;

bool ValidLabel(std::string_view l) {
  if (l.empty() || l.size() > 63) return false;
  return std::all_of(l.begin(), l.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string Normalize(std::string_view host) {
  std::string h(host);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

/// The labels of `host`, or nothing when one is empty or holds a character no host name has.
Labels Split(const std::string& host) {
  Labels labels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (!ValidLabel(labels.back())) return {};
    if (dot == std::string::npos) return labels;
    start = dot + 1;
  }
}

/// True when `labels` ends with `suffix`, with at least `before` labels in front of it.
bool EndsWith(const Labels& labels, const std::vector<std::string_view>& suffix, std::size_t before) {
  if (labels.size() < suffix.size() + before) return false;
  return std::equal(suffix.begin(), suffix.end(), labels.end() - static_cast<long>(suffix.size()));
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The kind an RDS host has, from its first `front` labels (NAME.ID or NAME.endpoint.proxy-ID):
/// the last of them is the ID.
EndpointKind KindFromId(const Labels& l, std::size_t front) {
  const std::string& id = l[front - 1];
  if (StartsWith(id, "cluster-ro-")) return EndpointKind::kClusterRo;
  if (StartsWith(id, "cluster-custom-")) return EndpointKind::kClusterCustom;
  if (StartsWith(id, "cluster-")) return EndpointKind::kCluster;
  if (StartsWith(id, "shardgrp-")) return EndpointKind::kShardGroup;
  if (StartsWith(id, "proxy-")) {
    const bool named = front >= 3 && l[front - 2] == "endpoint";
    return named ? EndpointKind::kProxyEndpoint : EndpointKind::kProxy;
  }
  return EndpointKind::kInstance;
}

Trust TrustOfKind(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kProxy:
    case EndpointKind::kProxyEndpoint:
    case EndpointKind::kDsql:
      return Trust::kAmazonTrustServices;
    case EndpointKind::kOther:
      return Trust::kNone;
    default:
      return Trust::kRds;
  }
}

/// `layout` of partition `p` on `l`, which ends with p's DNS suffix: NAME.ID (at least one label,
/// two for rds.REGION), then the layout's two labels. Fills `e` when the host has that shape and
/// its region is p's.
bool MatchLayout(const Labels& l, const PartitionData& p, RdsLayout layout, Endpoint& e) {
  const std::size_t front = l.size() - p.suffix_labels.size() - 2;  // the caller keeps it >= 1
  const std::string& first = l[front];
  const std::string& second = l[front + 1];
  const Partition partition(&p);
  if (layout == RdsLayout::kGlobalRds) {
    if (first != "global" || second != "rds" || !StartsWith(l[front - 1], "global-")) return false;
    e.kind = EndpointKind::kGlobal;
  } else {
    const bool rds_first = layout == RdsLayout::kRdsRegion;
    const std::string& region = rds_first ? second : first;
    const std::string_view rds = layout == RdsLayout::kRegionRdsPreview ? "rds-preview" : "rds";
    if ((rds_first ? first : second) != rds || (rds_first && front < 2)) return false;
    if (PartitionOfRegion(region) != partition) return false;
    e.kind = KindFromId(l, front);
    e.region = region;
    e.preview = layout == RdsLayout::kRegionRdsPreview;
  }
  e.partition = partition;
  e.trust = TrustOfKind(e.kind);
  return true;
}

/// RDS names: under each partition's DNS suffix, each of its layouts (data/rds-partitions.json).
/// NAME.REGION.rds.amazonaws.com without an ID (how seed 000 writes an endpoint) is taken as that
/// region's instance too.
bool ClassifyRds(const Labels& l, Endpoint& e) {
  for (const PartitionData& p : Partitions()) {
    if (!EndsWith(l, p.suffix_labels, 3)) continue;
    for (RdsLayout layout : p.layouts) {
      if (MatchLayout(l, p, layout, e)) return true;
    }
  }
  return false;
}

/// Aurora DSQL: ID.dsql.REGION.on.aws
bool ClassifyDsql(const Labels& l, Endpoint& e) {
  static const std::vector<std::string_view> kOnAws{"on", "aws"};
  if (!EndsWith(l, kOnAws, 3) || l[l.size() - 4] != "dsql") return false;
  const std::string& region = l[l.size() - 3];
  if (!IsRegionCode(region)) return false;
  e.kind = EndpointKind::kDsql;
  e.region = region;
  e.partition = PartitionOfRegion(region);
  e.trust = Trust::kAmazonTrustServices;
  return true;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Join(Labels::const_iterator from, Labels::const_iterator to) {
  std::string out;
  for (auto it = from; it != to; ++it) out += (out.empty() ? "" : ".") + *it;
  return out;
}

/// True when partition `p` writes RDS names with `rds` before the region (rds_before) or after it.
bool HasOrder(const PartitionData& p, bool rds_before) {
  const RdsLayout own = rds_before ? RdsLayout::kRdsRegion : RdsLayout::kRegionRds;
  return std::find(p.layouts.begin(), p.layouts.end(), own) != p.layouts.end();
}

/// For a host that is not RDS: when a region label is followed by something close to its
/// partition's RDS suffix (seed 004's "something.xyx.us-west-2.rds.amazon.com"), or has `rds` on
/// a side of the region its partition does not use, the line saying which name was probably meant
/// (in the partition's usual layout, the first of data/rds-partitions.json's). A name the
/// classifier would not call an endpoint itself is never proposed.
std::string TypoHint(const std::string& host, const Labels& l) {
  for (std::size_t i = 1; i < l.size(); ++i) {
    const Partition partition = PartitionOfRegion(l[i]);
    if (partition.none()) continue;
    const PartitionData& p = *partition.data();
    const bool rds_before = l[i - 1] == "rds";
    const bool rds_first = p.layouts.front() == RdsLayout::kRdsRegion;
    const std::size_t name_end = rds_before ? i - 1 : i;
    if (name_end == 0) continue;
    std::string after = Join(l.begin() + static_cast<long>(i) + 1, l.end());
    if (rds_before && !rds_first) after = "rds." + after;
    if (!rds_before && rds_first && StartsWith(after, "rds.")) after = after.substr(4);
    const std::string suffix(p.dns_suffix);
    const std::string want = rds_first ? suffix : "rds." + suffix;
    const bool rds_misplaced = !HasOrder(p, rds_before);
    if ((after == want && !rds_misplaced) || EditDistance(after, want) > 4) continue;
    const std::string name = Join(l.begin(), l.begin() + static_cast<long>(name_end));
    const std::string meant = rds_first ? name + ".rds." + l[i] + "." + suffix : name + "." + l[i] + ".rds." + suffix;
    Endpoint check;
    const Labels meant_labels = Split(meant);
    if (meant_labels.empty() || !ClassifyRds(meant_labels, check)) continue;
    const std::string ending = rds_first ? "." + suffix + " (rds before the region)" : ".rds." + suffix;
    return host + " is not an Amazon RDS endpoint: did you mean " + meant + "? (RDS endpoints end in " + ending + ")";
  }
  return "";
}

}  // namespace

std::string RegionOverride(const Env& env) { return Trim(GetEnv(env, "RDS_CA_REGION")); }

Endpoint ClassifyEndpoint(std::string_view host, std::string_view region_override) {
  Endpoint e;
  e.host = Normalize(host);
  const Labels labels = Split(e.host);
  if (!labels.empty() && !ClassifyRds(labels, e) && !ClassifyDsql(labels, e)) {
    e.hint = TypoHint(e.host, labels);
  }
  if (!region_override.empty()) {
    const std::string region = Normalize(region_override);
    if (!IsRegionCode(region)) {
      throw Failure("RDS_CA_REGION=" + Shown(region_override) +
                    " is not an AWS region code: set it to the database's region, like us-west-2");
    }
    e.region = region;
    e.partition = PartitionOfRegion(region);
    e.region_overridden = true;
    if (e.trust == Trust::kNone) e.trust = Trust::kRds;
  }
  return e;
}

std::string_view KindName(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kInstance: return "instance";
    case EndpointKind::kCluster: return "cluster";
    case EndpointKind::kClusterRo: return "cluster-ro";
    case EndpointKind::kClusterCustom: return "cluster-custom";
    case EndpointKind::kShardGroup: return "shard-group";
    case EndpointKind::kProxy: return "proxy";
    case EndpointKind::kProxyEndpoint: return "proxy-endpoint";
    case EndpointKind::kDsql: return "dsql";
    case EndpointKind::kGlobal: return "global";
    case EndpointKind::kOther: return "other";
  }
  return "other";
}

std::string_view TrustName(Trust trust) {
  switch (trust) {
    case Trust::kRds: return "rds";
    case Trust::kAmazonTrustServices: return "amazon-trust-services";
    case Trust::kNone: return "none";
  }
  return "none";
}

bool IsAwsDatabaseEndpoint(const Endpoint& e) { return e.kind != EndpointKind::kOther; }

std::string Describe(const Endpoint& e) {
  return "kind=" + std::string(KindName(e.kind)) + " partition=" + std::string(PartitionName(e.partition)) +
         " region=" + (e.region.empty() ? std::string("none") : e.region) +
         " trust=" + std::string(TrustName(e.trust));
}

}  // namespace rdsca
