#include "cf/stager.h"

#include <yaml-cpp/yaml.h>

#include "base/fs.h"
#include "launch/cf_launch.h"
#include "version.h"

namespace rdsca {

Stager::Stager(std::filesystem::path build_dir, std::filesystem::path cache_dir,
               std::filesystem::path deps_dir, std::string deps_idx,
               std::filesystem::path profile_dir)
    : build_dir_(std::move(build_dir)),
      cache_dir_(std::move(cache_dir)),
      deps_dir_(std::move(deps_dir)),
      profile_dir_(std::move(profile_dir)),
      deps_idx_(std::move(deps_idx)) {}

void Stager::WriteEnvFile(std::string_view name, std::string_view value) const {
  fs::WriteFileAtomic(dep_dir() / "env" / std::string(name), value);
}

std::string Stager::LaunchRdsBundle() const { return DropletRdsBundle(deps_idx_); }

std::string Stager::WriteStagingVariable(std::string_view name, std::string_view value) const {
  WriteEnvFile(name, value);
  return "deps/" + deps_idx_ + "/env/" + std::string(name);
}

void Stager::WriteConfigYml(const nlohmann::ordered_json& config,
                            const nlohmann::ordered_json& output_metadata) const {
  nlohmann::ordered_json doc;
  doc["name"] = "rds-ca";
  doc["version"] = kVersion;
  doc["config"] = config;
  doc["output_metadata"] = FlattenMetadata(output_metadata);
  fs::WriteFileAtomic(dep_dir() / "config.yml", JsonToYaml(doc) + "\n");
}

namespace {

void Emit(YAML::Emitter& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [k, v] : value.items()) {
        out << YAML::Key << k << YAML::Value;
        Emit(out, v);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& v : value) Emit(out, v);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string:
      out << YAML::DoubleQuoted << value.get<std::string>();
      break;
    case nlohmann::json::value_t::null:
      out << YAML::Null;
      break;
    default:
      out << value.dump();
  }
}

}  // namespace

std::string JsonToYaml(const nlohmann::ordered_json& value) {
  YAML::Emitter out;
  if (value.is_object() && value.empty()) return "{}";
  Emit(out, value);
  return out.c_str();
}

namespace {

std::string ScalarText(const nlohmann::ordered_json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string InlineObject(const nlohmann::ordered_json& object) {
  std::string text;
  for (const auto& [k, v] : object.items()) {
    if (!text.empty()) text += ' ';
    text += k + "=" + (v.is_primitive() ? ScalarText(v) : v.dump());
  }
  return text;
}

void Flatten(const std::string& prefix, const nlohmann::ordered_json& value,
             nlohmann::ordered_json& out) {
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) Flatten(prefix.empty() ? k : prefix + "." + k, v, out);
  } else if (value.is_array()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : value) {
      if (v.is_object()) {
        list.push_back(InlineObject(v));
      } else if (v.is_array()) {
        list.push_back(v.dump());
      } else {
        list.push_back(v);
      }
    }
    out[prefix] = list;
  } else {
    out[prefix] = value;
  }
}

}  // namespace

nlohmann::ordered_json FlattenMetadata(const nlohmann::ordered_json& metadata) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  Flatten("", metadata, out);
  return out;
}

}  // namespace rdsca
