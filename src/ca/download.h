#pragma once
// HTTPS downloads of CA bundles with libcurl: TLS 1.2+ verified against the system store, no
// redirect away from https, proxies from the environment (https_proxy, no_proxy), connect and
// total timeouts, bounded retries with backoff, a size cap, a sha256 check where one is pinned,
// and a cache (CACHE_DIR/rds-ca/) reused on restage. Nothing is written until the whole body
// arrived and passed its checks, and then atomically: no partial file, ever.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace rdsca {

/// One download.
struct DownloadRequest {
  std::string url;                       ///< must be https://
  std::string sha256;                    ///< pinned hash (64 hex digits); empty: none
  std::string sha256_source;             ///< who pins it, for errors: "manifest.yml", "RDS_CA_BUNDLE_SHA256"
  std::filesystem::path cache_dir;       ///< e.g. CACHE_DIR/rds-ca; empty: no cache
  std::size_t max_bytes = 8u << 20;      ///< larger bodies are refused
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 60000;         ///< per attempt
  int attempts = 3;                      ///< tries for a retryable failure (network, timeout, 5xx, 429)
  long backoff_ms = 1000;                ///< wait before try n+1: backoff_ms * 2^(n-1)
  /// PEM CAs trusted in addition to the system store: the platform's own (CF_SYSTEM_CERT_PATH,
  /// where an operator's containers.trusted_ca_certificates land), e.g. for a private mirror.
  std::string extra_ca_pem;
  /// Tests only: trust this PEM file (and nothing else) instead of the system store. There is
  /// deliberately no way to turn verification off.
  std::filesystem::path test_ca_file;
};

/// What Download got.
struct Downloaded {
  std::string body;
  bool from_cache = false;             ///< true: read from the cache, no request made
  std::filesystem::path cache_path;    ///< the cache file (empty without a cache)
  int attempts = 0;                    ///< requests made
  std::string cache_warning;           ///< one line when the body could not be cached (read-only cache)
};

/// Returns the cached copy of `request.url` when there is one (and it matches the pinned
/// sha256), else downloads it. Throws Failure with one line: "cannot download <url>: <reason>"
/// (credentials in the URL redacted). A cached copy with the wrong sha256 is deleted.
Downloaded Download(const DownloadRequest& request);

/// The cache file for `url` under `cache_dir`: a hash of the URL plus its last path segment.
std::filesystem::path CachePath(const std::filesystem::path& cache_dir, std::string_view url);

/// `url` with any user:password@ replaced by ***@, and its query or fragment by ?*** (#***).
std::string RedactUrl(std::string_view url);

/// How callers fetch: Download itself, or a fake in tests.
using Fetcher = std::function<Downloaded(const DownloadRequest&)>;

}  // namespace rdsca
