#include "base/text.h"

namespace rdsca {

std::string Trim(std::string_view text) {
  const char* ws = " \t\r\n\v\f";
  auto first = text.find_first_not_of(ws);
  if (first == std::string_view::npos) return "";
  auto last = text.find_last_not_of(ws);
  return std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string Shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 60)) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  if (text.size() > 60) out += "...";
  return out;
}

}  // namespace rdsca
