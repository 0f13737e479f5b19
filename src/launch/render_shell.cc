#include "launch/render_shell.h"

#include "base/error.h"
#include "base/shell_quote.h"
#include "base/text.h"

namespace rdsca {

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
