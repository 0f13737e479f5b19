#pragma once
// The launch environment as a dotenv file and as JSON (`rds-ca env --format dotenv|json`),
// beside the shell (launch/render_shell.h) and TOML (launch/render_toml.h) renderers.
#include <string>
#include <vector>

#include "launch/export.h"

namespace rdsca {

/// `NAME="value"` lines, with \\, \", \$, \n and \r escaped. The shell renderer's checks on
/// names and values apply (RenderShell throws first).
std::string RenderDotenv(const std::vector<Export>& exports);

/// One JSON object, two-space indented, a newline after it. Throws Failure when a value is not
/// UTF-8 text (JSON cannot carry it).
std::string RenderJson(const std::vector<Export>& exports);

}  // namespace rdsca
