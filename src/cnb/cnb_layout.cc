#include "cnb/cnb_layout.h"

#include "base/fs.h"
#include "launch/store.h"

namespace rdsca {

CnbLayout::CnbLayout(std::filesystem::path app_dir, std::filesystem::path layers_dir)
    : app_dir_(std::move(app_dir)), layers_dir_(std::move(layers_dir)) {}

void CnbLayout::WriteLayerToml(std::string_view name, bool launch, bool build, bool cache,
                               const std::string& metadata_toml) const {
  const auto flag = [](bool b) { return b ? "true" : "false"; };
  std::string toml = std::string("[types]\nlaunch = ") + flag(launch) + "\nbuild = " + flag(build) +
                     "\ncache = " + flag(cache) + "\n";
  if (!metadata_toml.empty()) toml += "\n[metadata]\n" + metadata_toml;
  fs::WriteFileAtomic(layers_dir_ / (std::string(name) + ".toml"), toml);
}

std::string CnbLayout::LaunchRdsBundle() const { return StoreAt(layer().string()).rds_bundle; }

std::string CnbLayout::WriteStagingVariable(std::string_view name, std::string_view value) const {
  const std::string file = "env.build/" + std::string(name) + ".override";
  fs::WriteFileAtomic(layer() / file, value);
  return file;
}

Env BuildEnvironment(const Env& env, const std::filesystem::path& platform_dir) {
  Env out = env;
  for (const char* name : {"VCAP_SERVICES", "VCAP_SERVICES_FILE_PATH", "SERVICE_BINDING_ROOT"}) {
    if (!GetEnv(env, name).empty()) return out;
  }
  std::error_code ec;
  const auto bindings = platform_dir / "bindings";
  if (!platform_dir.empty() && std::filesystem::is_directory(bindings, ec)) out["SERVICE_BINDING_ROOT"] = bindings.string();
  return out;
}

}  // namespace rdsca
