#include "base/log.h"

namespace rdsca {

namespace {
constexpr std::string_view kIndent = "       ";
}

void Log::Step(std::string_view text) { out_ << "-----> " << text << '\n' << std::flush; }

void Log::Info(std::string_view text) { out_ << kIndent << text << '\n' << std::flush; }

void Log::Warning(std::string_view text) { Marked("**WARNING**", text); }

void Log::Error(std::string_view text) { Marked("**ERROR**", text); }

void Log::Marked(std::string_view marker, std::string_view text) {
  out_ << kIndent;
  if (color_) {
    out_ << "\033[31;1m" << marker << "\033[0m";
  } else {
    out_ << marker;
  }
  out_ << ' ' << text << '\n' << std::flush;
}

}  // namespace rdsca
