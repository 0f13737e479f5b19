#include "ca/manifest.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "ca/embedded_ca.h"
#include "base/error.h"
#include "base/fs.h"

namespace rdsca {

namespace {

[[noreturn]] void Bad(std::string_view source, const std::string& what) {
  throw Failure(std::string(source) + ": " + what);
}

std::string Scalar(const YAML::Node& node, std::string_view key) {
  const YAML::Node v = node[std::string(key)];
  return v && v.IsScalar() ? v.as<std::string>() : std::string();
}

std::vector<std::string> Strings(const YAML::Node& node, std::string_view key, std::string_view source) {
  std::vector<std::string> out;
  const YAML::Node v = node[std::string(key)];
  if (!v) return out;
  if (!v.IsSequence()) Bad(source, std::string(key) + " must be a list: fix manifest.yml");
  for (const auto& item : v) out.push_back(item.as<std::string>());
  return out;
}

bool IsHex64(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void RequireHttps(std::string_view url, std::string_view what, std::string_view source) {
  if (url.substr(0, 8) != "https://") {
    Bad(source, std::string(what) + " " + std::string(url) + " is not an https:// URL: fix manifest.yml");
  }
}

ManifestDependency ReadDependency(const YAML::Node& node, std::size_t index, std::string_view source) {
  ManifestDependency d{Scalar(node, "name"),   Scalar(node, "version"), Scalar(node, "uri"),
                       Scalar(node, "sha256"), Scalar(node, "file"),    Strings(node, "cf_stacks", source)};
  const std::string where = "dependency #" + std::to_string(index + 1);
  for (const auto& [key, value] : {std::pair{"name", &d.name}, {"version", &d.version}, {"uri", &d.uri}}) {
    if (value->empty()) Bad(source, where + " has no " + key + ": fix manifest.yml");
  }
  if (!IsHex64(d.sha256)) Bad(source, where + " (" + d.name + ") needs a sha256 of 64 lower-case hex digits: fix manifest.yml");
  RequireHttps(d.uri, where + " uri", source);
  return d;
}

Manifest FromYaml(const YAML::Node& root, std::string_view source) {
  if (!root.IsMap()) Bad(source, "is not a YAML mapping: fix manifest.yml");
  Manifest m;
  m.source = std::string(source);
  m.language = Scalar(root, "language");
  if (m.language.empty()) Bad(source, "has no language: fix manifest.yml");
  m.stack = Scalar(root, "stack");
  m.pre_package = Scalar(root, "pre_package");
  m.include_files = Strings(root, "include_files", source);
  const YAML::Node deps = root["dependencies"];
  if (deps && !deps.IsSequence()) Bad(source, "dependencies must be a list: fix manifest.yml");
  for (std::size_t i = 0; deps && i < deps.size(); ++i) m.dependencies.push_back(ReadDependency(deps[i], i, source));
  const YAML::Node urls = root["rds_ca"] ? root["rds_ca"]["bundle_urls"] : YAML::Node();
  if (urls && !urls.IsMap()) Bad(source, "rds_ca.bundle_urls must map partitions to URLs: fix manifest.yml");
  for (const auto& kv : urls) {
    const std::string partition = kv.first.as<std::string>(), url = kv.second.as<std::string>();
    if (PartitionFromName(partition).none()) {
      Bad(source, "rds_ca.bundle_urls has an unknown partition " + partition + " (" + PartitionIds() +
                      "): fix manifest.yml");
    }
    RequireHttps(url, "rds_ca.bundle_urls." + partition, source);
    m.bundle_urls[partition] = url;
  }
  return m;
}

}  // namespace

Manifest ParseManifest(std::string_view yaml, std::string_view source) {
  try {
    return FromYaml(YAML::Load(std::string(yaml)), source);
  } catch (const YAML::Exception& e) {
    throw Failure(std::string(source) + ": not valid YAML (line " + std::to_string(e.mark.line + 1) + ": " + e.msg +
                  "): fix manifest.yml");
  }
}

Manifest LoadManifest(const std::filesystem::path& buildpack_dir) {
  const auto path = buildpack_dir / "manifest.yml";
  if (auto text = fs::ReadFileIfExists(path, "the buildpack manifest", 1u << 20)) {
    return ParseManifest(*text, path.string());
  }
  const auto embedded = EmbeddedFile("manifest.yml");
  if (!embedded) throw Failure("no manifest.yml at " + path.string() + " nor in rds-ca: rebuild rds-ca");
  return ParseManifest(*embedded, "embedded manifest.yml");
}

const ManifestDependency* FindDependencyByUri(const Manifest& manifest, std::string_view uri) {
  for (const auto& d : manifest.dependencies) {
    if (d.uri == uri) return &d;
  }
  return nullptr;
}

std::string ExpandRegion(std::string_view url_template, std::string_view region) {
  std::string out(url_template);
  for (std::size_t pos = out.find("{region}"); pos != std::string::npos; pos = out.find("{region}", pos)) {
    out.replace(pos, 8, region);
    pos += region.size();
  }
  return out;
}

std::string BundleUrl(const Manifest& manifest, Partition partition, std::string_view region) {
  const auto it = manifest.bundle_urls.find(PartitionName(partition));
  if (it == manifest.bundle_urls.end()) {
    throw Failure(manifest.source + " has no rds_ca.bundle_urls." + std::string(PartitionName(partition)) +
                  ": set RDS_CA_BUNDLE_URL to the URL of the bundle for " + std::string(region));
  }
  return ExpandRegion(it->second, region);
}

}  // namespace rdsca
