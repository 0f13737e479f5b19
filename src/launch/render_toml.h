#pragma once
// The launch environment rendered for a Cloud Native Buildpacks exec.d program (Buildpack API,
// "Exec.d Output (TOML)"): `NAME = "value"` lines, a bare key and a basic string each, which the
// lifecycle's launcher decodes into its environment. The counterpart of launch/render_shell.h.
#include <string>
#include <vector>

#include "launch/export.h"

namespace rdsca {

/// `NAME = "value"` lines, in the exports' order. In each value `"` and `\` are escaped, and so
/// is every control character (U+0000-U+001F and U+007F: \b \t \n \f \r, else \uXXXX); every
/// other byte is copied as it is, so the value decodes back byte for byte. Throws Failure,
/// rendering nothing, naming the variable (never its value), when a name is not an environment
/// variable name that is also a bare key ([A-Za-z_][A-Za-z0-9_]*), when a value holds a NUL byte
/// (no environment variable can carry it), or when a value is not UTF-8: a TOML document is
/// UTF-8, so such a value has no TOML form at all, and the start is better refused than given
/// another value.
std::string RenderToml(const std::vector<Export>& exports);

}  // namespace rdsca
