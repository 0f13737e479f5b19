#pragma once
// The lifecycles rds-ca stages under, side by side: Cloud Foundry's classic contract (cf/) and
// Cloud Native Buildpacks (cnb/). Only this file and the program's entry (rds_ca_main.cc) know
// both; staging/, launch/ and the commands know neither.
#include <string>
#include <vector>

#include "staging/entry.h"

namespace rdsca {

/// bin/detect under either lifecycle: RunCnbDetect when CNB_BUILD_PLAN_PATH is set, else
/// Cloud Foundry's RunDetect.
int RunDetectAnyLifecycle(const std::vector<std::string>& args, Io io);

}  // namespace rdsca
