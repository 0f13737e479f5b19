#include "base/env.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"

extern char** environ;

namespace rdsca {

Env CurrentEnvironment() {
  Env env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::string GetEnv(const Env& env, std::string_view name, std::string_view fallback) {
  auto it = env.find(name);
  return it == env.end() ? std::string(fallback) : it->second;
}

bool HasEnv(const Env& env, std::string_view name) { return env.find(name) != env.end(); }

std::optional<bool> SwitchValue(std::string_view value) {
  std::string v(value);
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  for (auto word : kSwitchOn) {
    if (v == word) return true;
  }
  for (auto word : kSwitchOff) {
    if (v == word) return false;
  }
  return std::nullopt;
}

bool EnvFlag(const Env& env, std::string_view name, bool fallback) {
  auto it = env.find(name);
  if (it == env.end()) return fallback;
  if (const auto on = SwitchValue(it->second)) return *on;
  throw Failure(std::string(name) + "=" + it->second +
                " is not a switch: set it to true or false");
}

}  // namespace rdsca
