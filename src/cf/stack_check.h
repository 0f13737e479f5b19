#pragma once
// A packaged buildpack is built for one Cloud Foundry stack (manifest.yml's `stack:`, set by
// scripts/package --stack): staging an app on another stack stops before anything is written,
// naming the zip an operator installs for the app's stack.
#include <string>

#include "base/env.h"
#include "ca/manifest.h"

namespace rdsca {

/// The zip scripts/package writes for `stack`: rds-ca_buildpack[-cached]-STACK-vVERSION.zip.
std::string PackagedZipName(const std::string& stack, bool cached, const std::string& version);

/// Throws Failure with one line when `manifest` is packaged for a stack other than CF_STACK.
/// Nothing is checked when either is unset (a checkout's manifest.yml, or no CF_STACK).
void CheckStack(const Manifest& manifest, const Env& env);

}  // namespace rdsca
