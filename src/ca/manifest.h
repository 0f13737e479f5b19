#pragma once
// manifest.yml, the buildpack's manifest in libbuildpack's format, read with yaml-cpp: the one
// source of truth for the RDS bundle URLs and their pinned sha256.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ca/endpoint.h"

namespace rdsca {

/// One `dependencies:` entry.
struct ManifestDependency {
  std::string name;
  std::string version;
  std::string uri;
  std::string sha256;                  ///< 64 lower-case hex digits
  std::string file;                    ///< set in a cached zip's manifest: path inside the buildpack
  std::vector<std::string> cf_stacks;  ///< dropped in a cached zip's manifest (it has `stack:`)
};

/// What the buildpack reads of manifest.yml.
struct Manifest {
  std::string source;    ///< where it was read: a path, or "embedded manifest.yml"
  std::string language;  ///< "rds-ca"
  std::string stack;     ///< set in a packaged zip's manifest only
  std::vector<ManifestDependency> dependencies;
  std::map<std::string, std::string, std::less<>> bundle_urls;  ///< rds_ca.bundle_urls: partition -> template
  std::vector<std::string> include_files;
  std::string pre_package;
};

/// Parses manifest text. `source` names it in errors. Throws Failure with one line for bad YAML,
/// a missing language, a dependency without name/version/uri/sha256 (or a sha256 that is not 64
/// hex digits), and any URL that is not https://.
Manifest ParseManifest(std::string_view yaml, std::string_view source);

/// `buildpack_dir`/manifest.yml when it exists (a packaged buildpack, or a checkout), else the
/// copy compiled into rds-ca (an installed rds-ca command).
Manifest LoadManifest(const std::filesystem::path& buildpack_dir);

/// The dependency whose uri is exactly `uri`; nullptr when none.
const ManifestDependency* FindDependencyByUri(const Manifest& manifest, std::string_view uri);

/// The bundle URL of `partition` with {region} replaced (region "global" for the whole
/// partition). Throws Failure when manifest.yml has no URL for that partition.
std::string BundleUrl(const Manifest& manifest, Partition partition, std::string_view region);

/// `url_template` with every "{region}" replaced by `region`.
std::string ExpandRegion(std::string_view url_template, std::string_view region);

}  // namespace rdsca
