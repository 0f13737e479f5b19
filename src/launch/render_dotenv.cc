#include "launch/render_dotenv.h"

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "launch/render_shell.h"

namespace rdsca {

namespace {

std::string DotenvQuote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '$': out += "\\$"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string RenderDotenv(const std::vector<Export>& exports) {
  (void)RenderShell(exports);  // the hook's own checks on names and values
  std::string out;
  for (const auto& e : exports) out += e.name + "=" + DotenvQuote(e.value) + "\n";
  return out;
}

std::string RenderJson(const std::vector<Export>& exports) {
  (void)RenderShell(exports);  // the hook's own checks on names and values
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& e : exports) {
    try {
      (void)nlohmann::json(e.value).dump();
    } catch (const nlohmann::json::exception&) {
      throw Failure(e.name + " is not UTF-8 text, which JSON cannot carry: use --format shell");
    }
    json[e.name] = e.value;
  }
  return json.dump(2) + "\n";
}

}  // namespace rdsca
