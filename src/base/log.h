#pragma once
#include <ostream>
#include <string_view>

namespace rdsca {

/// Staging output in the format of the official Cloud Foundry buildpacks (libbuildpack's logger):
///   -----> Step
///          detail (indented 7 spaces)
///          **WARNING** message
///          **ERROR** message
/// The markers are bold red only when `color` is set (a terminal-like log).
class Log {
 public:
  explicit Log(std::ostream& out, bool color = false) : out_(out), color_(color) {}
  void Step(std::string_view text);
  void Info(std::string_view text);
  void Warning(std::string_view text);
  void Error(std::string_view text);

 private:
  void Marked(std::string_view marker, std::string_view text);
  std::ostream& out_;
  bool color_;
};

}  // namespace rdsca
