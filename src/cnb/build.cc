#include "cnb/build.h"

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "staging/staging_state.h"
#include "launch/render_toml.h"
#include "launch/store.h"
#include "launch/trust_variables.h"
#include "version.h"

namespace rdsca {

namespace {

/// bin/rds-ca (`rds-ca verify` on PATH: the launcher puts <layer>/bin there) and the exec.d program.
void InstallPrograms(const CnbLayout& layout, const std::filesystem::path& exe_dir, Log& log) {
  fs::CopyFileAtomic(exe_dir / "rds-ca", layout.layer() / store::kBinDir / "rds-ca");
  fs::CopyFileAtomic(exe_dir / cnb::kExecDProgram, layout.layer() / "exec.d" / cnb::kExecDProgram);
  log.Info(std::string("installed bin/rds-ca and the launch hook exec.d/") + cnb::kExecDProgram + " in layer " +
           cnb::kLayer);
}

void WriteLaunchDefaults(const StagingState& state, const CnbLayout& layout) {
  std::string names;
  for (const auto& d : LaunchDefaults(state.settings, layout.layer())) {
    fs::WriteFileAtomic(layout.layer() / "env.launch" / d.file, d.value);
    names += (names.empty() ? "" : " ") + d.file;
  }
  state.log.Info("env.launch: " + (names.empty() ? std::string("nothing") : names));
}

/// The launch layer's [metadata]: the version and what staging found (no credential), as JSON.
std::string Metadata(const StagingState& state) {
  const std::string json = state.metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return RenderToml({{"version", kVersion}, {"staging", json}});
}

}  // namespace

std::vector<LaunchDefault> LaunchDefaults(const Settings& settings, const std::filesystem::path& layer) {
  std::vector<LaunchDefault> out;
  for (auto& v : ComputeTrustVariables(settings, Env{}, StoreAt(layer.string())).set) {
    out.push_back({v.name + ".default", std::move(v.value)});
  }
  return out;
}

void Build(const CnbLayout& layout, const Env& env, Log& log, const std::filesystem::path& exe_dir) {
  // As supply: no fsync per file (the build container is thrown away whole on a crash), and
  // every file still appears whole through its rename.
  const fs::SkipFsync build_writes;
  std::error_code ec;
  std::filesystem::remove_all(layout.layer(), ec);  // a layer is written whole, never patched
  StagingState state(layout, env, log, exe_dir);
  RunStagingSteps(state);
  log.Step("Installing the launch environment");
  InstallPrograms(layout, exe_dir, log);
  WriteLaunchDefaults(state, layout);
  layout.WriteLayerToml(cnb::kLayer, true, true, false, Metadata(state));
  layout.WriteLayerToml(cnb::kCacheLayer, false, false, true);
  fs::MakeDirs(layout.DownloadCache());
  log.Info(std::string("layers: ") + cnb::kLayer + " (launch, build), " + cnb::kCacheLayer + " (cache)");
}

}  // namespace rdsca
