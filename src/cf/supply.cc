#include "cf/supply.h"

#include <filesystem>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "cf/layout.h"
#include "base/shell_quote.h"
#include "launch/start_check.h"
#include "staging/staging_state.h"

namespace rdsca {

namespace {

/// Copies rds-ca (verify, env, ...) and the launch hook into deps/IDX/bin: the droplet carries them.
void InstallBinaries(const Stager& stager, const std::filesystem::path& exe_dir, Log& log) {
  for (const char* name : {"rds-ca", "rds-ca-launch"}) {
    fs::CopyFileAtomic(exe_dir / name, stager.dep_dir() / layout::kBinDir / name);
  }
  log.Info("installed rds-ca and its launch hook in deps/" + stager.deps_idx() + "/bin");
}

/// Removes the temporaries a supply killed half-way left (never renamed into place) under
/// deps/IDX, beside the launch hook and in the download cache, so a supply over a killed one
/// leaves exactly what an uninterrupted one does (faults_launch_test.sh). The trust store's own
/// leftovers (rds-ca.new-*) are WriteTrustStore's to remove.
void RemoveKilledLeftovers(const Stager& stager) {
  namespace stdfs = std::filesystem;
  for (const stdfs::path& dir : {stager.dep_dir(), stager.build_dir() / ".profile.d", stager.cache_dir() / "rds-ca"}) {
    std::vector<stdfs::path> found;
    std::error_code ec;
    for (auto it = stdfs::recursive_directory_iterator(dir, ec); !ec && it != stdfs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && fs::IsAtomicTempName(it->path().filename().string())) found.push_back(it->path());
    }
    for (const auto& p : found) stdfs::remove(p, ec);
  }
}

}  // namespace

std::string LaunchHookScript(const std::string& deps_idx) {
  const std::string dep = "\"$DEPS_DIR\"/" + ShellQuote(deps_idx);
  return "# Written by rds-ca-buildpack at staging. Sourced at every container start: exports\n"
         "# DATABASE_URL, DB_SSL_MODE and the trust-store paths, computed from the live bindings.\n"
         "# The count is checked as text first: bash would evaluate an inherited value's\n"
         "# a[$(...)] subscript inside $(( )), running it.\n"
         "case \"${RDS_CA_HOOK_RUNS:-}\" in ''|*[!0-9]*|0*|?????????*) RDS_CA_HOOK_RUNS=0 ;; esac\n"
         "export RDS_CA_HOOK_RUNS=$((RDS_CA_HOOK_RUNS + 1))\n"
         "case \":$PATH:\" in *\":$DEPS_DIR/\"" + ShellQuote(deps_idx) + "\"/bin:\"*) ;; *) export PATH=\"$PATH\":" +
         dep + "/bin ;; esac\n"
         "if __rds_ca_env=$(" + dep + "/bin/rds-ca-launch " + ShellQuote(deps_idx) + "); then\n"
         "  eval \"$__rds_ca_env\"\n"
         "fi\n"
         "unset __rds_ca_env\n"
         "# RDS_CA_VERIFY=warn|strict: prove the TLS connection at start (strict: a failure stops it).\n"
         "# RDS_CA_VERIFY_REQUIRE_TLS=true: also prove that the server refuses plaintext (strict: a\n"
         "# server that accepts it stops the start; warn: a warning). Shell only: no process when unset.\n"
         + StartCheckShell(dep + "/bin/rds-ca");
}

void Supply(const Stager& stager, const Env& env, Log& log, const std::filesystem::path& exe_dir) {
  // No fsync per file (10 of them cost 80-115 ms on a busy disk): staging's files live in the
  // staging container, which a crashed machine loses whole, droplet and cache upload included.
  // Each file still appears whole through its rename, and a supply killed half-way is redone
  // cleanly (RemoveKilledLeftovers; faults_launch_test.sh), as for the trust store's tree.
  const fs::SkipFsync staging_writes;
  RemoveKilledLeftovers(stager);
  StagingState state(stager, env, log, exe_dir);
  RunStagingSteps(state);
  log.Step("Installing the launch hook");
  InstallBinaries(stager, exe_dir, log);
  fs::WriteFileAtomic(stager.build_dir() / layout::kProfileScript, LaunchHookScript(stager.deps_idx()));
  log.Info(std::string("launch hook: ") + layout::kProfileScript);
  stager.WriteConfigYml(nlohmann::ordered_json::object(), state.metadata);
}

void Finalize(const Stager& stager, Log& log) {
  log.Step("Setting the launch environment of every buildpack");
  std::string path_dirs, lib_dirs;
  for (const auto& idx : fs::ListDir(stager.deps_dir())) {
    const auto dep = stager.deps_dir() / idx;
    std::error_code ec;
    if (std::filesystem::is_directory(dep / "bin", ec)) path_dirs += "$DEPS_DIR/" + idx + "/bin:";
    if (std::filesystem::is_directory(dep / "lib", ec)) lib_dirs += "$DEPS_DIR/" + idx + "/lib:";
    for (const auto& name : fs::ListDir(dep / "profile.d")) {
      fs::CopyFileAtomic(dep / "profile.d" / name, stager.profile_dir() / (idx + "_" + name));
      log.Info("profile.d: " + idx + "_" + name);
    }
  }
  std::string script;
  if (!path_dirs.empty()) script += "export PATH=" + path_dirs + "$PATH\n";
  if (!lib_dirs.empty()) script += "export LD_LIBRARY_PATH=" + lib_dirs + "$LD_LIBRARY_PATH\n";
  fs::WriteFileAtomic(stager.profile_dir() / "000_multi-supply.sh", script);
}

}  // namespace rdsca
