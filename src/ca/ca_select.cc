#include "ca/ca_select.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/error.h"
#include "base/fs.h"
#include "base/text.h"
#include "ca/embedded_ca.h"

namespace rdsca {

namespace {

constexpr std::size_t kMaxExtraFile = 1u << 20;

bool IsHex64(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string RegionOrGlobal(const Endpoint& e) { return e.region.empty() ? "global" : e.region; }

std::string RegionLabel(const Endpoint& e) {
  return (e.region.empty() ? std::string("every region") : "region " + e.region) + " (partition " +
         std::string(PartitionName(e.partition)) + ")";
}

/// The request for `e`'s bundle: the mirror of RDS_CA_BUNDLE_URL, else manifest.yml's URL, with
/// the sha256 pinned by RDS_CA_BUNDLE_SHA256 or by a manifest dependency with that uri.
DownloadRequest BundleRequest(const Endpoint& e, const CaConfig& config, const CaContext& ctx) {
  DownloadRequest r;
  r.url = config.bundle_url.empty() ? BundleUrl(ctx.manifest, e.partition, RegionOrGlobal(e))
                                    : ExpandRegion(config.bundle_url, RegionOrGlobal(e));
  r.cache_dir = ctx.cache_dir;
  r.extra_ca_pem = ctx.platform_ca_pem;
  if (!config.bundle_sha256.empty()) {
    r.sha256 = config.bundle_sha256;
    r.sha256_source = "RDS_CA_BUNDLE_SHA256";
  } else if (const ManifestDependency* d = FindDependencyByUri(ctx.manifest, r.url)) {
    r.sha256 = d->sha256;
    r.sha256_source = "manifest.yml";
  }
  return r;
}

/// A cached zip carries manifest dependencies as files: use one for `r.url` when it is there.
std::optional<Downloaded> FromBuildpackFile(const DownloadRequest& r, const CaContext& ctx, std::string& source) {
  const ManifestDependency* d = FindDependencyByUri(ctx.manifest, r.url);
  if (d == nullptr || d->file.empty()) return std::nullopt;
  const auto path = ctx.buildpack_dir / d->file;
  auto body = fs::ReadFileIfExists(path, "the buildpack's copy of " + r.url, r.max_bytes);
  if (!body) return std::nullopt;
  if (Sha256Hex(*body) != d->sha256) {
    throw Failure(path.string() + " does not have the sha256 manifest.yml pins for it: repackage the buildpack");
  }
  source = "buildpack file " + d->file;
  return Downloaded{std::move(*body), true, {}, 0, {}};
}

/// Downloads (or reads from the cache or the buildpack) `e`'s bundle and keeps its region's CAs.
CaSelection Fetch(const Endpoint& e, const CaConfig& config, const CaContext& ctx) {
  CaSelection sel;
  const DownloadRequest r = BundleRequest(e, config, ctx);
  std::optional<Downloaded> got = FromBuildpackFile(r, ctx, sel.source);
  if (!got) {
    got = ctx.fetch(r);
    sel.source = std::string(got->from_cache ? "cache " : "download ") + RedactUrl(r.url);
  }
  if (!got->cache_warning.empty()) sel.warnings.push_back(got->cache_warning);
  std::vector<Certificate> certs = ParseCertificates(got->body, RedactUrl(r.url));
  if (!e.region.empty() && std::any_of(certs.begin(), certs.end(), [&](const Certificate& c) {
        return ServesRegion(c, e.region, e.preview);
      })) {
    std::erase_if(certs, [&](const Certificate& c) { return !ServesRegion(c, e.region, e.preview); });
  }
  TrustSet set = ValidateTrustSet(std::move(certs), ctx.now);
  sel.certs = std::move(set.certs);
  sel.warnings.insert(sel.warnings.end(), set.warnings.begin(), set.warnings.end());
  if (sel.certs.empty()) sel.problem = RedactUrl(r.url) + " holds no valid CA certificate";
  return sel;
}

CaSelection Embedded(const Endpoint& e, std::int64_t now) {
  TrustSet set = ValidateTrustSet(EmbeddedFor(e), now);
  return {std::move(set.certs), "embedded", std::move(set.warnings), {}};
}

std::string NoCaLine(const Endpoint& e, const std::string& why) {
  return "no CA certificate for " + RegionLabel(e) + ": " + why +
         "; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its "
         "sha256, or RDS_CA_EXTRA_CERTS to its PEM";
}

/// True when `e`'s partition has no public RDS CA (data/rds-partitions.json) and nothing else
/// names a URL for it: no mirror, no manifest.yml entry. Then nothing is downloaded.
bool NothingToDownload(const Endpoint& e, const CaConfig& config, const CaContext& ctx) {
  const PartitionData* p = e.partition.data();
  return p != nullptr && p->rds_ca == RdsCa::kNone && config.bundle_url.empty() &&
         ctx.manifest.bundle_urls.find(p->id) == ctx.manifest.bundle_urls.end();
}

/// Why nothing was had for `e` when `problem` stopped the download: the partition's own reason
/// first (data/rds-partitions.json), then the download's.
std::string Missing(const Endpoint& e, const std::string& problem) {
  const PartitionData* p = e.partition.data();
  if (p == nullptr || p->rds_ca == RdsCa::kEmbedded) return problem;
  const std::string name(p->name);
  if (p->rds_ca == RdsCa::kNone && problem.empty()) {
    return "AWS publishes no RDS CA bundle for the " + name + " partition";
  }
  return "the " + name + " bundles are not embedded and " + problem;
}

}  // namespace

CaConfig ReadCaConfig(const Env& env) {
  CaConfig c;
  const std::string source = Lower(Trim(GetEnv(env, "RDS_CA_SOURCE", "auto")));
  if (source == "auto" || source.empty()) {
    c.source = CaSource::kAuto;
  } else if (source == "embedded") {
    c.source = CaSource::kEmbedded;
  } else if (source == "download") {
    c.source = CaSource::kDownload;
  } else {
    throw Failure("RDS_CA_SOURCE=" + Shown(GetEnv(env, "RDS_CA_SOURCE")) + " is not one of auto, embedded, download: fix it or unset it");
  }
  c.bundle_url = Trim(GetEnv(env, "RDS_CA_BUNDLE_URL"));
  if (!c.bundle_url.empty() && c.bundle_url.rfind("https://", 0) != 0) {
    throw Failure("RDS_CA_BUNDLE_URL=" + RedactUrl(c.bundle_url) + " is not an https:// URL: use the mirror's https:// address");
  }
  c.bundle_sha256 = Lower(Trim(GetEnv(env, "RDS_CA_BUNDLE_SHA256")));
  if (!c.bundle_sha256.empty() && !IsHex64(c.bundle_sha256)) {
    throw Failure("RDS_CA_BUNDLE_SHA256 is not a sha256 (64 hex digits): set it to the output of sha256sum for the bundle");
  }
  c.region = RegionOverride(env);
  c.extra_certs = GetEnv(env, "RDS_CA_EXTRA_CERTS");
  return c;
}

namespace {

/// ServesRegion on a commonName.
bool CnServesRegion(std::string_view cn, std::string_view region, bool preview) {
  const std::string r(region);
  if (!preview) return cn.rfind("Amazon RDS " + r + " ", 0) == 0;
  return cn.rfind("Amazon RDS Preview " + r + " ", 0) == 0 || cn.rfind("Amazon RDS Beta " + r + " ", 0) == 0;
}

}  // namespace

bool ServesRegion(const Certificate& cert, std::string_view region, bool preview) {
  return CnServesRegion(cert.cn, region, preview);
}

std::vector<Certificate> EmbeddedFor(const Endpoint& e) {
  // Chosen by the stubs' CNs: only the certificates taken are parsed.
  std::vector<Certificate> out;
  for (const EmbeddedStub& es : EmbeddedStubs()) {
    bool take = false;
    if (e.trust == Trust::kAmazonTrustServices) {
      take = es.trust == Trust::kAmazonTrustServices;
    } else if (e.trust == Trust::kRds) {
      take = es.trust == Trust::kRds && es.partition == e.partition &&
             (e.region.empty() || CnServesRegion(es.stub.cn, e.region, e.preview));
    }
    if (take) out.push_back(ParseEmbedded(es));
  }
  return out;
}

CaSelection SelectCas(const Endpoint& e, const CaConfig& config, const CaContext& ctx) {
  if (e.trust == Trust::kNone) return {{}, "none", {}, {}};
  CaSelection embedded = Embedded(e, ctx.now);
  // Amazon Trust Services roots are always embedded (and are in the system store as well).
  if (e.trust == Trust::kAmazonTrustServices) return embedded;
  if (config.source == CaSource::kEmbedded || (config.source == CaSource::kAuto && !embedded.certs.empty())) {
    if (embedded.certs.empty()) {
      embedded.source = "none";
      embedded.problem = NoCaLine(e, "RDS_CA_SOURCE=embedded and no embedded CA serves it");
    }
    return embedded;
  }
  CaSelection fetched{{}, "none", {}, {}};
  if (!NothingToDownload(e, config, ctx)) {
    try {
      fetched = Fetch(e, config, ctx);
      if (fetched.problem.empty()) return fetched;
    } catch (const Failure& f) {
      fetched = {{}, "none", {}, f.what()};
    }
    if (!embedded.certs.empty()) {
      fetched.warnings.push_back(fetched.problem + ": using the embedded certificates instead");
      embedded.warnings.insert(embedded.warnings.begin(), fetched.warnings.begin(), fetched.warnings.end());
      return embedded;
    }
  }
  fetched.problem = NoCaLine(e, Missing(e, fetched.problem));
  fetched.source = "none";
  return fetched;
}

Endpoint EndpointForRegion(std::string_view region, Partition partition) {
  Endpoint e;
  e.kind = EndpointKind::kOther;
  e.trust = Trust::kRds;
  if (!region.empty()) {
    e.region = Lower(std::string(region));
    if (!IsRegionCode(e.region)) {
      throw Failure(Shown(region) + " is not an AWS region code: give one like us-west-2");
    }
  }
  e.partition = !partition.none() ? partition
                : e.region.empty()  ? PartitionFromName("aws")
                                    : PartitionOfRegion(e.region);
  return e;
}

std::vector<Certificate> ExtraCertificates(const CaConfig& config, const std::vector<LabeledPem>& inline_pems,
                                           const std::filesystem::path& base_dir) {
  std::vector<Certificate> out;
  const std::string value = Trim(config.extra_certs);
  if (value.find("-----BEGIN") != std::string::npos) {
    out = ParseCertificates(value, "RDS_CA_EXTRA_CERTS");
  } else if (!value.empty()) {
    const std::filesystem::path path = std::filesystem::path(value).is_absolute() ? std::filesystem::path(value) : base_dir / value;
    std::string text;
    try {
      text = fs::ReadFile(path, "RDS_CA_EXTRA_CERTS file", kMaxExtraFile);
    } catch (const Failure& f) {
      throw Failure(std::string(f.what()) + ": set RDS_CA_EXTRA_CERTS to PEM text or the path of a PEM file in the app");
    }
    out = ParseCertificates(text, "RDS_CA_EXTRA_CERTS file " + path.string());
  }
  for (const LabeledPem& p : inline_pems) {
    auto certs = ParseCertificates(p.pem, p.source);
    out.insert(out.end(), certs.begin(), certs.end());
  }
  return out;
}

std::string PlatformCaPem(const Env& env) {
  const std::string dir = GetEnv(env, "CF_SYSTEM_CERT_PATH");
  std::string pem;
  if (dir.empty()) return pem;
  try {
    for (const auto& name : fs::ListDir(dir)) {
      if (auto text = fs::ReadFileIfExists(std::filesystem::path(dir) / name, "platform CA", kMaxExtraFile)) {
        pem += *text + "\n";
      }
    }
  } catch (const Failure&) {
    // a directory or a file that cannot be read: its CAs are simply not added
  }
  return pem;
}


}  // namespace rdsca
