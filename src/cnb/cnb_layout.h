#pragma once
// Where the buildpack puts things in a Cloud Native Buildpacks build (Buildpack API 0.10-0.12):
// bin/build runs in the app directory with CNB_LAYERS_DIR (this buildpack's layers), and
// writes
//   LAYERS/rds-ca/       a launch and build layer: rds-ca/ (the store, launch/store.h),
//                        bin/rds-ca (on PATH at launch), exec.d/rds-ca-execd (the launch hook),
//                        env.launch/NAME.default (what does not depend on the bindings) and
//                        env.build/NAME.override (the staging variables for later buildpacks)
//   LAYERS/rds-ca.toml   [types] launch = true, build = true
//   LAYERS/cache/        downloaded bundles, kept from one build to the next (cache = true)
// The same paths hold at build and at launch (the lifecycle keeps <layers> where it is), so the
// paths written at build are the ones the app reads.
#include <filesystem>
#include <string>
#include <string_view>

#include "base/env.h"
#include "staging/staging_layout.h"

namespace rdsca {

namespace cnb {
inline constexpr const char* kLayer = "rds-ca";               ///< the launch layer
inline constexpr const char* kCacheLayer = "cache";           ///< downloaded bundles
inline constexpr const char* kExecDProgram = "rds-ca-execd";  ///< in exec.d/ and beside rds-ca
}  // namespace cnb

class CnbLayout : public StagingLayout {
 public:
  CnbLayout(std::filesystem::path app_dir, std::filesystem::path layers_dir);

  const std::filesystem::path& layers_dir() const { return layers_dir_; }
  /// LAYERS/rds-ca
  std::filesystem::path layer() const { return layers_dir_ / cnb::kLayer; }

  /// Writes LAYERS/NAME.toml: the layer's types and, for the launch layer, `metadata` (one
  /// line per key, string values; never a secret).
  void WriteLayerToml(std::string_view name, bool launch, bool build, bool cache,
                      const std::string& metadata_toml = "") const;

  // StagingLayout
  std::filesystem::path AppDir() const override { return app_dir_; }
  std::filesystem::path DownloadCache() const override { return layers_dir_ / cnb::kCacheLayer; }
  std::filesystem::path StoreRoot() const override { return layer(); }
  /// The bundle in the layer: the same path at build and at launch.
  std::string LaunchRdsBundle() const override;
  /// LAYERS/rds-ca/env.build/NAME.override; returns "env.build/NAME.override".
  std::string WriteStagingVariable(std::string_view name, std::string_view value) const override;

 private:
  std::filesystem::path app_dir_, layers_dir_;
};

/// The environment detect and build read the bindings from: `env` as the lifecycle gave it
/// (the platform's <platform>/env/ files already applied), and when none of VCAP_SERVICES,
/// VCAP_SERVICES_FILE_PATH and SERVICE_BINDING_ROOT is set, SERVICE_BINDING_ROOT set to
/// <platform>/bindings if that is a directory: kpack's and pack's bindings, in the
/// servicebinding.io layout ReadBindingRoot reads. What the app will see at launch comes first.
Env BuildEnvironment(const Env& env, const std::filesystem::path& platform_dir);

}  // namespace rdsca
