#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "staging/staging_layout.h"

namespace rdsca {

/// The directories of one staging run, from the v3 contract's arguments
/// (supply: BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX; finalize adds PROFILE_DIR), and the
/// files the platform reads back: deps/IDX/env/NAME, deps/IDX/config.yml, the app's .profile.d.
/// As a StagingLayout: the store under deps/IDX, downloads cached in CACHE_DIR/rds-ca, staging
/// variables in deps/IDX/env.
class Stager : public StagingLayout {
 public:
  Stager(std::filesystem::path build_dir, std::filesystem::path cache_dir,
         std::filesystem::path deps_dir, std::string deps_idx,
         std::filesystem::path profile_dir = {});

  const std::filesystem::path& build_dir() const { return build_dir_; }
  const std::filesystem::path& cache_dir() const { return cache_dir_; }
  const std::filesystem::path& deps_dir() const { return deps_dir_; }
  const std::filesystem::path& profile_dir() const { return profile_dir_; }
  /// DEPS_IDX as given: an opaque string ("0", or "03" with ten or more buildpacks).
  const std::string& deps_idx() const { return deps_idx_; }
  /// DEPS_DIR/DEPS_IDX
  std::filesystem::path dep_dir() const { return deps_dir_ / deps_idx_; }

  /// deps/IDX/env/NAME holding `value` exactly (no trailing newline): a staging-time variable
  /// for later libbuildpack buildpacks. Never call it with a secret.
  void WriteEnvFile(std::string_view name, std::string_view value) const;

  /// deps/IDX/config.yml: name, version, config and output_metadata (which must hold no secret).
  /// output_metadata is flattened (FlattenMetadata) so that the builder can carry it.
  void WriteConfigYml(const nlohmann::ordered_json& config,
                      const nlohmann::ordered_json& output_metadata) const;

  // StagingLayout
  std::filesystem::path AppDir() const override { return build_dir_; }
  std::filesystem::path DownloadCache() const override { return cache_dir_ / "rds-ca"; }
  std::filesystem::path StoreRoot() const override { return dep_dir(); }
  /// /home/vcap/deps/IDX/rds-ca/rds-ca.pem: where the launcher unpacks the droplet.
  std::string LaunchRdsBundle() const override;
  /// WriteEnvFile; returns "deps/IDX/env/NAME".
  std::string WriteStagingVariable(std::string_view name, std::string_view value) const override;

 private:
  std::filesystem::path build_dir_, cache_dir_, deps_dir_, profile_dir_;
  std::string deps_idx_;
};

/// JSON to block-style YAML (yaml-cpp's emitter), keys in the JSON's order.
std::string JsonToYaml(const nlohmann::ordered_json& value);

/// One level of keys whose values are scalars or lists of scalars: nested objects become dotted
/// keys ("ca.certificates"), an object inside a list becomes one "key=value key=value" string.
/// The builder reads output_metadata as map[string]any with yaml.v2, where any nested map turns
/// into map[interface{}]interface{}, which its JSON encoder refuses: staging then fails with
/// "json: unsupported type: map[interface {}]interface {}".
nlohmann::ordered_json FlattenMetadata(const nlohmann::ordered_json& metadata);

}  // namespace rdsca
