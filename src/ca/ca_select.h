#pragma once
// Which certificate authorities an endpoint needs, and where they come from: the embedded data,
// a download (manifest.yml's URLs, a mirror in RDS_CA_BUNDLE_URL, a cached zip's file), and the
// user's extra CAs. Every certificate is validated (CA, not expired) before it is returned.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ca/download.h"
#include "ca/endpoint.h"
#include "base/env.h"
#include "ca/manifest.h"
#include "ca/labeled_pem.h"
#include "ca/x509.h"

namespace rdsca {

/// RDS_CA_SOURCE.
enum class CaSource {
  kAuto,      ///< embedded when it covers the endpoint, else download
  kEmbedded,  ///< embedded only, never the network
  kDownload,  ///< download (cache first); the embedded set only as a fallback
};

/// The CA settings of the environment.
struct CaConfig {
  CaSource source = CaSource::kAuto;
  std::string bundle_url;     ///< RDS_CA_BUNDLE_URL: a mirror, "{region}" replaced; empty: manifest.yml's
  std::string bundle_sha256;  ///< RDS_CA_BUNDLE_SHA256: pins the mirror's file
  std::string region;         ///< RDS_CA_REGION: for CNAMEs and aliases
  std::string extra_certs;    ///< RDS_CA_EXTRA_CERTS: PEM text or a file path
};

/// Reads RDS_CA_SOURCE, RDS_CA_BUNDLE_URL, RDS_CA_BUNDLE_SHA256, RDS_CA_REGION and
/// RDS_CA_EXTRA_CERTS. Throws Failure (one line naming the variable) for a value it cannot use.
CaConfig ReadCaConfig(const Env& env);

/// Where downloads come from and go, and the time certificates are checked at.
struct CaContext {
  Manifest manifest;                    ///< LoadManifest(buildpack dir)
  std::filesystem::path buildpack_dir;  ///< resolves a cached zip's `file:` entries
  std::filesystem::path cache_dir;      ///< CACHE_DIR/rds-ca; empty: no cache
  Fetcher fetch = Download;             ///< tests inject a fake
  std::int64_t now = 0;                 ///< seconds since the epoch
  std::string platform_ca_pem;          ///< PlatformCaPem(): trusted for downloads beside the system store
};

/// The CAs found for one endpoint.
struct CaSelection {
  std::vector<Certificate> certs;     ///< validated, deduplicated, sorted
  std::string source;                 ///< "embedded", "download <url>", "cache <url>", "buildpack file <path>", "none"
  std::vector<std::string> warnings;  ///< skipped certificates, a failed download that fell back
  /// Set when no CA could be had for an endpoint that has one: a line naming the region, what
  /// is missing (a partition whose RDS CA AWS does not publish, a failed download) and the
  /// variables to set. Whether it is fatal depends on the TLS mode (VerifiesChain).
  std::string problem;
};

/// The CAs for `endpoint`: Amazon Trust Services roots for RDS Proxy and DSQL; for RDS, the
/// partition, then the region's roots ("Amazon RDS <region> ..."; "Preview"/"Beta" ones for a
/// preview endpoint; the whole partition when there is no region). Only the partition's own URL
/// is downloaded (manifest.yml, or the mirror); a partition with no public RDS CA and neither
/// URL downloads nothing. An endpoint with trust `none` gets nothing and no problem. Throws
/// nothing for a failed download: see `problem`.
CaSelection SelectCas(const Endpoint& endpoint, const CaConfig& config, const CaContext& context);

/// The embedded certificates serving `endpoint` (not yet validated).
std::vector<Certificate> EmbeddedFor(const Endpoint& endpoint);

/// True when `cert`'s CN says it serves `region`: "Amazon RDS <region> ..." or, for a preview
/// endpoint, "Amazon RDS Preview <region> ..." and "Amazon RDS Beta <region> ...".
bool ServesRegion(const Certificate& cert, std::string_view region, bool preview);

/// An endpoint standing for a region (`rds-ca bundle --region R`), or for a whole partition
/// when `region` is empty. The partition comes from the region when `partition` is none (aws
/// when both are). Throws Failure for a region that is not a region code of any partition.
Endpoint EndpointForRegion(std::string_view region, Partition partition = {});

/// The user's extra CAs: RDS_CA_EXTRA_CERTS (PEM text, or a file path relative to `base_dir`)
/// and PEMs from credentials, parsed (not yet validated). Throws Failure naming the source of a
/// certificate that does not parse, or an unreadable file.
std::vector<Certificate> ExtraCertificates(const CaConfig& config, const std::vector<LabeledPem>& inline_pems,
                                           const std::filesystem::path& base_dir);

/// The PEM text of the platform's trusted CAs (every file in CF_SYSTEM_CERT_PATH, sorted by
/// name), which downloads trust beside the system store; empty when unset or unreadable.
std::string PlatformCaPem(const Env& env);

}  // namespace rdsca
