#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rdsca {

/// The process environment as a value, so pure code and tests never call getenv.
using Env = std::map<std::string, std::string, std::less<>>;

/// A copy of this process's environment.
Env CurrentEnvironment();

/// The value of `name`, or `fallback` when it is unset.
std::string GetEnv(const Env& env, std::string_view name, std::string_view fallback = "");

/// True when `name` is set (even to an empty string).
bool HasEnv(const Env& env, std::string_view name);

/// The words a boolean switch accepts (any case), for every reader of switches (EnvFlag, the
/// start check's shell and its C++).
inline constexpr std::string_view kSwitchOn[] = {"true", "1", "yes", "on"};
inline constexpr std::string_view kSwitchOff[] = {"false", "0", "no", "off"};

/// `value` as a switch: true or false for one of kSwitchOn/kSwitchOff in any case, else nothing.
std::optional<bool> SwitchValue(std::string_view value);

/// Reads a boolean switch: unset gives `fallback`; true/1/yes/on and false/0/no/off (any case)
/// are accepted; anything else throws Failure naming the variable and the accepted values.
bool EnvFlag(const Env& env, std::string_view name, bool fallback);

}  // namespace rdsca
