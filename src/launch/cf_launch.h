#pragma once
// The launch environment under Cloud Foundry's launcher: the store in $DEPS_DIR/IDX, the
// bindings of the container's environment. What rds-ca-launch prints and `rds-ca env` shows.
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"
#include "launch/export.h"

namespace rdsca {

/// DEPS_DIR at runtime: the launcher unpacks every droplet into /home/vcap (docs/cf-contract.md).
/// Only for what cannot say $DEPS_DIR (a client option file names its CA by absolute path).
inline constexpr const char* kDropletDepsDir = "/home/vcap/deps";

/// The RDS bundle as a droplet's option files name it: kDropletDepsDir/IDX/rds-ca/rds-ca.pem.
std::string DropletRdsBundle(std::string_view deps_idx);

/// `$DEPS_DIR/IDX` from the environment, as the running container sees it. Throws Failure
/// when DEPS_DIR is unset or `deps_idx` is not a directory name.
std::string RuntimeDepDir(const Env& env, std::string_view deps_idx);

/// LaunchExports over this environment (its settings and bindings) and the store found under
/// $DEPS_DIR/IDX. Throws Failure (one line) on bad input.
std::vector<Export> CfLaunchExports(const Env& env, std::string_view deps_idx);

}  // namespace rdsca
