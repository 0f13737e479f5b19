#include "base/log.h"

#include <string>

namespace rdsca {

namespace {
constexpr std::string_view kIndent = "       ";

/// `text` with every control character (C0, DEL, and C1 written in UTF-8) as '?': a line carries
/// names and values from bindings, and a newline or an escape sequence in one would forge
/// "----->" lines in the staging log or drive the developer's terminal.
std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c1) ++i;
    out += (c < 0x20 || c == 0x7f || c1) ? '?' : static_cast<char>(c);
  }
  return out;
}

}  // namespace

void Log::Step(std::string_view text) { out_ << "-----> " << Printable(text) << '\n' << std::flush; }

void Log::Info(std::string_view text) { out_ << kIndent << Printable(text) << '\n' << std::flush; }

void Log::Warning(std::string_view text) { Marked("**WARNING**", text); }

void Log::Error(std::string_view text) { Marked("**ERROR**", text); }

void Log::Marked(std::string_view marker, std::string_view text) {
  out_ << kIndent;
  if (color_) {
    out_ << "\033[31;1m" << marker << "\033[0m";
  } else {
    out_ << marker;
  }
  out_ << ' ' << Printable(text) << '\n' << std::flush;
}

}  // namespace rdsca
