#pragma once
// The launch environment rendered for bash (Cloud Foundry sources .profile.d scripts, and the
// hook's script evals this): `export NAME='value'` lines that cannot execute anything.
#include <string>
#include <vector>

#include "launch/export.h"

namespace rdsca {

/// `export NAME='value'` lines (ShellQuote) for bash to eval. Throws Failure, rendering
/// nothing, when a value holds a NUL byte or a name is not a shell identifier.
std::string RenderShell(const std::vector<Export>& exports);

}  // namespace rdsca
