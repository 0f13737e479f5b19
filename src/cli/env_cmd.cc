// rds-ca env: the launch environment the buildpack's hook exports for the current bindings,
// computed by the same code (launch/cf_launch.h), as shell exports, a dotenv file or JSON.
#include <optional>
#include <ostream>
#include <system_error>

#include "bindings/bindings.h"
#include "cli/commands.h"
#include "base/error.h"
#include "base/fs.h"
#include "db/selection.h"
#include "db/settings.h"
#include "launch/cf_launch.h"
#include "launch/exports.h"
#include "launch/store.h"
#include "launch/render_dotenv.h"
#include "launch/render_shell.h"

namespace rdsca {

namespace {

constexpr const char* kEnvHelp =
    "usage: rds-ca env [--format shell|dotenv|json] [--vcap FILE] [--deps-dir DIR [--idx IDX]]\n"
    "\n"
    "Prints the variables the buildpack's launch hook exports at container start for this\n"
    "environment's bindings (VCAP_SERVICES, VCAP_SERVICES_FILE_PATH or SERVICE_BINDING_ROOT, or\n"
    "FILE): DATABASE_URL, JDBC_DATABASE_URL, DB_SSL_MODE and, when the trust store is installed\n"
    "under DIR/IDX, SSL_CERT_FILE, SSL_CERT_DIR, PGSSLROOTCERT and the others. The same code\n"
    "as the hook computes them; RDS_CA_* settings apply as there.\n"
    "\n"
    "  --format F      shell: export NAME='value' lines for eval (the default, as the hook)\n"
    "                  dotenv: NAME=\"value\" lines (\\\\, \\\", \\$, \\n and \\r escaped)\n"
    "                  json: one object\n"
    "  --vcap FILE     read the bindings from FILE (VCAP_SERVICES JSON) instead\n"
    "  --deps-dir DIR  the buildpacks' deps directory (default: $DEPS_DIR, set in a container)\n"
    "  --idx IDX       this buildpack's index under it (default: the one rds-ca runs from, else\n"
    "                  the only one holding rds-ca/)\n"
    "In a Cloud Native Buildpacks image it reads the store beside it, in its launch layer.\n"
    "Without either (local development) the trust-store variables are left out.\n"
    "\n"
    "Example:\n"
    "  eval \"$(rds-ca env --vcap vcap-services.json)\"\n";

/// `IDX` when rds-ca runs from DEPS/IDX/bin.
std::optional<std::string> IdxOfExe(const std::string& deps, const std::filesystem::path& exe_dir) {
  std::error_code ec1, ec2;
  const std::filesystem::path installed = InstallRootOf(std::filesystem::weakly_canonical(exe_dir, ec1).string());
  const auto root = std::filesystem::weakly_canonical(deps, ec2);
  if (ec1 || ec2 || installed.empty() || installed.parent_path() != root) return std::nullopt;
  return installed.filename().string();
}

/// The only IDX under `deps` with an rds-ca/ directory.
std::optional<std::string> UniqueStoreIdx(const std::string& deps) {
  std::optional<std::string> found;
  for (const auto& name : fs::ListDir(deps)) {
    std::error_code ec;
    if (!std::filesystem::is_directory(std::filesystem::path(deps) / name / store::kDir, ec)) continue;
    if (found) return std::nullopt;
    found = name;
  }
  return found;
}

struct Deps {
  std::string dir;  ///< empty: none (local development)
  std::string idx;
};

Deps FindDeps(const cli::ParsedArgs& parsed, const Env& env, const std::filesystem::path& exe_dir) {
  Deps d{parsed.GetOr("--deps-dir", GetEnv(env, "DEPS_DIR")), parsed.GetOr("--idx", "")};
  if (d.dir.empty()) {
    if (!d.idx.empty()) throw UsageError("--idx needs a deps directory: pass --deps-dir DIR or set DEPS_DIR");
    return d;
  }
  if (d.idx.empty()) d.idx = IdxOfExe(d.dir, exe_dir).value_or(UniqueStoreIdx(d.dir).value_or(""));
  if (d.idx.empty()) {
    throw UsageError("cannot tell this buildpack's index under " + d.dir +
                     " (no single IDX/rds-ca there): pass --idx IDX");
  }
  return d;
}

std::string Render(const std::vector<Export>& exports, const std::string& format) {
  if (format == "dotenv") return RenderDotenv(exports);
  if (format == "json") return RenderJson(exports);
  return RenderShell(exports);
}

std::vector<Export> Exports(const cli::ParsedArgs& parsed, Io io, const CliContext& context) {
  const Deps deps = FindDeps(parsed, io.env, context.exe_dir);
  Env env = io.env;
  if (!deps.dir.empty()) env["DEPS_DIR"] = deps.dir;
  const auto vcap = parsed.Get("--vcap");
  if (!vcap && !deps.dir.empty()) return CfLaunchExports(env, deps.idx);  // exactly the hook's call
  // In a CNB image rds-ca runs from the launch layer's bin/, beside the store: the exec.d program's call.
  const std::string layer = InstallRootOf(context.exe_dir.string());
  if (!vcap && deps.dir.empty() && !layer.empty() && !FindStore(layer).rds_bundle.empty()) {
    return LaunchExports(env, layer);
  }
  const std::vector<Binding> bindings =
      vcap ? ParseVcapServices(fs::ReadFile(*vcap, "the --vcap file", kMaxBindingBytes), *vcap) : ReadBindings(io.env).list;
  if (deps.dir.empty()) {
    io.err << "rds-ca env: note: no deps directory (DEPS_DIR unset, no --deps-dir): no trust-store variables, "
              "no sslrootcert\n";
    return ExportsForBindings(env, bindings, "");
  }
  return ExportsForBindings(env, bindings, RuntimeDepDir(env, deps.idx), DropletRdsBundle(deps.idx));
}

}  // namespace

int RunEnvWith(const std::vector<std::string>& args, Io io, const CliContext& context) {
  const cli::ParsedArgs parsed =
      cli::ParseArgs("env", args, {{"--format"}, {"--vcap"}, {"--deps-dir"}, {"--idx"}});
  if (parsed.help) {
    io.out << kEnvHelp;
    return 0;
  }
  const std::string format = parsed.GetOr("--format", "shell");
  if (format != "shell" && format != "dotenv" && format != "json") {
    throw UsageError("--format '" + format + "' is not shell, dotenv or json");
  }
  io.out << Render(Exports(parsed, io, context), format);
  return 0;
}

int RunEnv(const std::vector<std::string>& args, Io io) { return RunEnvWith(args, io, ProcessContext()); }

}  // namespace rdsca
