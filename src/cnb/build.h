#pragma once
// What bin/build does under the Cloud Native Buildpacks lifecycle: Cloud Foundry's supply
// pipeline (bindings -> CA plan -> trust store -> verify, the same steps over a CnbLayout), then
// the launch layer's programs and its launch environment (cnb/cnb_layout.h).
#include <filesystem>
#include <string>
#include <vector>

#include "base/env.h"
#include "base/log.h"
#include "cnb/cnb_layout.h"
#include "db/settings.h"

namespace rdsca {

/// One env.launch/ file: NAME.default holding `value`.
struct LaunchDefault {
  std::string file;   ///< "SSL_CERT_FILE.default"
  std::string value;
};

/// The env.launch/ defaults: every trust variable (launch/trust_variables.h) the store in
/// `layer` gives, as it is when the app sets none of them, each as NAME.default: the launcher
/// applies one only where the app's variable is empty, which is the rule's own "leave the app's
/// value alone". Where the app set its own, the exec.d program (which runs after env.launch)
/// applies the rest of the rule: our directory in front of its SSL_CERT_DIR, our store after
/// its JAVA_TOOL_OPTIONS. RDS_CA_<NAME>=false (at build) leaves NAME out.
std::vector<LaunchDefault> LaunchDefaults(const Settings& settings, const std::filesystem::path& layer);

/// Runs the pipeline and writes the layers. `exe_dir` holds rds-ca and rds-ca-execd (the
/// buildpack's libexec/). Throws Failure with a one-line message on the first step that fails.
void Build(const CnbLayout& layout, const Env& env, Log& log, const std::filesystem::path& exe_dir);

}  // namespace rdsca
