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
bool EndsWith(const Labels& labels, std::initializer_list<std::string_view> suffix, std::size_t before) {
  if (labels.size() < suffix.size() + before) return false;
  return std::equal(suffix.begin(), suffix.end(), labels.end() - static_cast<long>(suffix.size()));
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The kind an RDS host has, from its labels in front of the region part (NAME.ID or
/// NAME.endpoint.proxy-ID): `id` is the label just before the region part.
EndpointKind KindFromId(const Labels& front) {
  const std::string& id = front.back();
  if (StartsWith(id, "cluster-ro-")) return EndpointKind::kClusterRo;
  if (StartsWith(id, "cluster-custom-")) return EndpointKind::kClusterCustom;
  if (StartsWith(id, "cluster-")) return EndpointKind::kCluster;
  if (StartsWith(id, "shardgrp-")) return EndpointKind::kShardGroup;
  if (StartsWith(id, "proxy-")) {
    const bool named = front.size() >= 3 && front[front.size() - 2] == "endpoint";
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

/// Fills kind/partition/region/trust from `front` (NAME.ID...) and `region`.
void SetRds(Endpoint& e, const Labels& front, const std::string& region) {
  e.kind = KindFromId(front);
  e.region = region;
  e.partition = PartitionOfRegion(region);
  e.trust = TrustOfKind(e.kind);
}

Labels Front(const Labels& labels, std::size_t suffix_size) {
  return Labels(labels.begin(), labels.end() - static_cast<long>(suffix_size));
}

/// Commercial and GovCloud: NAME.ID.REGION.rds.amazonaws.com (or rds-preview), and the global
/// writer NAME.global-ID.global.rds.amazonaws.com. NAME.REGION.rds.amazonaws.com without an ID
/// (how seed 000 writes an endpoint) is taken as that region's instance too.
bool ClassifyDotCom(const Labels& l, Endpoint& e) {
  const bool preview = EndsWith(l, {"rds-preview", "amazonaws", "com"}, 2);
  if (!preview && !EndsWith(l, {"rds", "amazonaws", "com"}, 2)) return false;
  const std::string& region = l[l.size() - 4];
  const Labels front = Front(l, 4);
  if (region == "global" && !preview) {
    if (!StartsWith(front.back(), "global-")) return false;
    e.kind = EndpointKind::kGlobal;
    e.partition = Partition::kAws;
    e.trust = Trust::kRds;
    return true;
  }
  if (!IsRegionCode(region) || StartsWith(region, "cn-")) return false;
  SetRds(e, front, region);
  e.preview = preview;
  return true;
}

/// China: NAME.ID.rds.REGION.amazonaws.com.cn
bool ClassifyChina(const Labels& l, Endpoint& e) {
  if (!EndsWith(l, {"amazonaws", "com", "cn"}, 4)) return false;
  const std::string& region = l[l.size() - 4];
  if (l[l.size() - 5] != "rds" || !StartsWith(region, "cn-") || !IsRegionCode(region) || l.size() < 7) {
    return false;
  }
  SetRds(e, Front(l, 5), region);
  return true;
}

/// Aurora DSQL: ID.dsql.REGION.on.aws
bool ClassifyDsql(const Labels& l, Endpoint& e) {
  if (!EndsWith(l, {"on", "aws"}, 3) || l[l.size() - 4] != "dsql") return false;
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

/// For a host that is not RDS: when a region label is followed by something close to the RDS
/// suffix (seed 004's "something.xyx.us-west-2.rds.amazon.com"), or has `rds` on the wrong side
/// of the region, the line saying which name was probably meant.
std::string TypoHint(const std::string& host, const Labels& l) {
  for (std::size_t i = 1; i < l.size(); ++i) {
    if (!IsRegionCode(l[i])) continue;
    const bool china = StartsWith(l[i], "cn-");
    const bool rds_before = l[i - 1] == "rds";
    const std::size_t name_end = rds_before ? i - 1 : i;
    if (name_end == 0) continue;
    std::string after = Join(l.begin() + static_cast<long>(i) + 1, l.end());
    if (rds_before && !china) after = "rds." + after;
    if (!rds_before && china && StartsWith(after, "rds.")) after = after.substr(4);
    const std::string want = china ? "amazonaws.com.cn" : "rds.amazonaws.com";
    const bool rds_misplaced = rds_before != china;
    if ((after == want && !rds_misplaced) || EditDistance(after, want) > 4) continue;
    const std::string name = Join(l.begin(), l.begin() + static_cast<long>(name_end));
    const std::string meant = china ? name + ".rds." + l[i] + ".amazonaws.com.cn" : name + "." + l[i] + ".rds.amazonaws.com";
    const std::string suffix = china ? ".amazonaws.com.cn (rds before the region)" : ".rds.amazonaws.com";
    return host + " is not an Amazon RDS endpoint: did you mean " + meant + "? (RDS endpoints end in " + suffix + ")";
  }
  return "";
}

}  // namespace

bool IsRegionCode(std::string_view t) {
  // two letters, one or more "-word" parts, then "-digits": us-west-2, us-gov-east-1, ap-southeast-7
  if (t.size() < 6 || !(t[0] >= 'a' && t[0] <= 'z') || !(t[1] >= 'a' && t[1] <= 'z') || t[2] != '-') {
    return false;
  }
  const std::size_t last = t.rfind('-');
  if (last <= 3 || last + 1 >= t.size() || t.size() - last - 1 > 2) return false;
  for (std::size_t i = last + 1; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  for (std::size_t i = 3; i < last; ++i) {
    const char c = t[i];
    if (!((c >= 'a' && c <= 'z') || (c == '-' && t[i - 1] != '-'))) return false;
  }
  return t[last - 1] != '-';
}

Partition PartitionOfRegion(std::string_view region) {
  if (StartsWith(region, "cn-")) return Partition::kAwsCn;
  if (StartsWith(region, "us-gov-")) return Partition::kAwsUsGov;
  return Partition::kAws;
}

Endpoint ClassifyEndpoint(std::string_view host, std::string_view region_override) {
  Endpoint e;
  e.host = Normalize(host);
  const Labels labels = Split(e.host);
  if (!labels.empty() && !ClassifyDotCom(labels, e) && !ClassifyChina(labels, e) && !ClassifyDsql(labels, e)) {
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

std::string_view PartitionName(Partition partition) {
  switch (partition) {
    case Partition::kAws: return "aws";
    case Partition::kAwsCn: return "aws-cn";
    case Partition::kAwsUsGov: return "aws-us-gov";
    case Partition::kNone: return "none";
  }
  return "none";
}

Partition PartitionFromName(std::string_view name) {
  for (Partition p : {Partition::kAws, Partition::kAwsCn, Partition::kAwsUsGov}) {
    if (PartitionName(p) == name) return p;
  }
  return Partition::kNone;
}

std::string_view TrustName(Trust trust) {
  switch (trust) {
    case Trust::kRds: return "rds";
    case Trust::kAmazonTrustServices: return "amazon-trust-services";
    case Trust::kNone: return "none";
  }
  return "none";
}

bool IsAwsDatabaseEndpoint(const Endpoint& endpoint) { return endpoint.trust != Trust::kNone; }

std::string Describe(const Endpoint& e) {
  return "kind=" + std::string(KindName(e.kind)) + " partition=" + std::string(PartitionName(e.partition)) +
         " region=" + (e.region.empty() ? std::string("none") : e.region) +
         " trust=" + std::string(TrustName(e.trust));
}

}  // namespace rdsca
