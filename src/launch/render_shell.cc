#include "launch/render_shell.h"

#include <algorithm>

#include "base/error.h"
#include "base/shell_quote.h"
#include "base/text.h"

namespace rdsca {

namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string RenderShell(const std::vector<Export>& exports) {
  std::string out;
  for (const auto& e : exports) {
    if (!IsIdentifier(e.name)) {
      throw Failure("'" + Shown(e.name) + "' is not a shell variable name: nothing was exported");
    }
    if (e.value.find('\0') != std::string::npos) {
      throw Failure(e.name + " would hold a NUL byte, which no environment variable can carry: "
                    "remove it from the service's credentials");
    }
    out += "export " + e.name + "=" + ShellQuote(e.value) + "\n";
  }
  return out;
}

}  // namespace rdsca
