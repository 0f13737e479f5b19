// Fuzz target: host name classification. Input: HOST, then optionally '\n' and an
// RDS_CA_REGION value. Properties: ClassifyEndpoint throws only for a region override that is
// not a region code (one line); the host comes back lower-cased without its trailing dot;
// classifying the result again, or the upper-cased host, gives the same endpoint; a region is a
// region code of the endpoint's partition; RDS kinds trust something, `other` nothing (unless
// overridden); a hint only for `other`, one line.
#include <cctype>

#include "ca/endpoint.h"
#include "base/error.h"
#include "fuzz_util.h"

namespace {

using rdsca::Endpoint;
using rdsca::fuzz::Check;

bool Same(const Endpoint& a, const Endpoint& b) {
  return a.host == b.host && a.kind == b.kind && a.partition == b.partition && a.region == b.region &&
         a.trust == b.trust && a.preview == b.preview && a.region_overridden == b.region_overridden && a.hint == b.hint;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Normalized(const std::string& host) {
  std::string h = host;
  for (char& c : h) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

}  // namespace

RDSCA_FUZZ_TARGET(endpoint) {
  rdsca::fuzz::Input in(data, size);
  const std::string host = in.Until('\n');
  const std::string region = in.Rest();
  Endpoint e;
  try {
    e = rdsca::ClassifyEndpoint(host, region);
  } catch (const rdsca::Failure& f) {
    Check(!region.empty() && !rdsca::IsRegionCode(Normalized(region)), "only a bad region override throws", f.what());
    rdsca::fuzz::CheckOneLine(f.what());
    return 0;
  }
  const std::string detail = host + " -> " + rdsca::Describe(e);
  Check(e.host == Normalized(host), "the host is lower-cased, its trailing dot removed", detail);
  if (e.host.empty() || e.host.back() != '.') {  // "x.." keeps a dot: no host name anyway
    Check(Same(rdsca::ClassifyEndpoint(e.host, region), e), "classifying the result again changes nothing", detail);
  }
  Check(Same(rdsca::ClassifyEndpoint(Upper(host), region), e), "classification ignores case", detail);
  if (!e.region.empty()) {
    Check(rdsca::IsRegionCode(e.region), "a region is a region code", detail);
    Check(e.partition == rdsca::PartitionOfRegion(e.region), "the partition is the region's", detail);
  }
  const bool other = e.kind == rdsca::EndpointKind::kOther;
  if (!other) Check(e.trust != rdsca::Trust::kNone, "an AWS endpoint trusts some CA", detail);
  if (other && !e.region_overridden) Check(e.trust == rdsca::Trust::kNone, "another host trusts no CA", detail);
  if (!e.hint.empty()) {
    Check(other, "only a host that is not an AWS endpoint gets a hint", detail);
    rdsca::fuzz::CheckOneLine(e.hint);
  }
  rdsca::fuzz::CheckOneLine(rdsca::Describe(e));
  return 0;
}
