#pragma once
// One variable of the launch environment, as data: computed once (launch/exports.h), rendered
// per lifecycle (launch/render_shell.h for Cloud Foundry's .profile.d).
#include <string>

namespace rdsca {

/// NAME=value.
struct Export {
  std::string name;
  std::string value;
};

}  // namespace rdsca
