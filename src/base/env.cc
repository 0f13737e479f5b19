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

bool EnvFlag(const Env& env, std::string_view name, bool fallback) {
  auto it = env.find(name);
  if (it == env.end()) return fallback;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  throw Failure(std::string(name) + "=" + it->second +
                " is not a switch: set it to true or false");
}

}  // namespace rdsca
