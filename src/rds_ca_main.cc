// rds-ca: the buildpack phases (detect, supply, finalize, release, compile) and the
// command-line tool (endpoint, verify, bundle, url, k8s, env) in one binary.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/endpoint_cmd.h"
#include "cli/verify_cmd.h"
#include "base/error.h"
#include "cf/phases.h"
#include "cnb/phases.h"
#include "lifecycles.h"
#include "version.h"

namespace {

using Command = int (*)(const std::vector<std::string>&, rdsca::Io);

struct Entry {
  std::string_view name;
  Command run;
  std::string_view summary;
};

// Every subcommand, in the order `rds-ca --help` lists them.
constexpr Entry kCommands[] = {
    {"detect", rdsca::RunDetectAnyLifecycle,
     "buildpack phase: detect BUILD_DIR (CNB lifecycle: detect PLATFORM_DIR PLAN_PATH)"},
    {"supply", rdsca::RunSupply, "buildpack phase: supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX"},
    {"finalize", rdsca::RunFinalize,
     "buildpack phase: finalize BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX PROFILE_DIR"},
    {"release", rdsca::RunRelease, "buildpack phase: release BUILD_DIR"},
    {"compile", rdsca::RunCompile, "buildpack phase (v2 platforms): compile BUILD_DIR CACHE_DIR"},
    {"build", rdsca::RunCnbBuild, "buildpack phase (CNB lifecycle): build LAYERS_DIR PLATFORM_DIR PLAN_PATH"},
    {"endpoint", rdsca::RunEndpoint, "classify a host: kind=K partition=P region=R trust=T"},
    {"verify", rdsca::RunVerify, "prove the TLS connection to the app's database, any engine (exit 0 verified, 1 TLS, 3 network)"},
    {"bundle", rdsca::RunBundle, "print the validated CA certificates (PEM) for --host H, --region R or --all"},
    {"url", rdsca::RunUrl, "rewrite a database or JDBC URL of any engine to verify the server against a CA file"},
    {"k8s", rdsca::RunK8s, "print a ConfigMap with a host's CA bundle and a Deployment patch mounting it"},
    {"env", rdsca::RunEnv, "print the launch environment for the current bindings (shell, dotenv, json)"},
};

void PrintHelp(std::ostream& out) {
  out << "rds-ca " << rdsca::kVersion
      << ": Amazon RDS certificate authorities for Cloud Foundry apps and plain hosts\n\n"
         "usage: rds-ca COMMAND [ARGS...]   (rds-ca COMMAND --help for one command)\n\ncommands:\n";
  for (const auto& c : kCommands) {
    out << "  " << c.name << std::string(10 - c.name.size(), ' ') << c.summary << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  const rdsca::Env env = rdsca::CurrentEnvironment();
  rdsca::Io io{std::cout, std::cerr, env, &std::cin};
  if (argc < 2) {
    std::cerr << "rds-ca: no command given: run rds-ca --help for the list\n";
    return 2;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintHelp(std::cout);
    return 0;
  }
  if (name == "--version") {
    std::cout << "rds-ca " << rdsca::kVersion << '\n';
    return 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (c.name != name) continue;
    try {
      return c.run(args, io);
    } catch (const rdsca::UsageError& e) {
      std::cerr << "rds-ca " << name << ": " << e.what() << '\n';
      return 2;
    } catch (const rdsca::Failure& e) {
      std::cerr << "rds-ca " << name << ": " << e.what() << '\n';
      return static_cast<int>(e.code());
    } catch (const std::exception& e) {
      std::cerr << "rds-ca " << name << ": unexpected failure: " << e.what() << '\n';
      return 1;
    }
  }
  std::cerr << "rds-ca: unknown command '" << name << "': run rds-ca --help for the list\n";
  return 2;
}
