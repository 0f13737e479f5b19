#pragma once
#include <string>
#include <string_view>

namespace rdsca {

/// Quotes any bytes for bash so that `eval "export X=$(ShellQuote(v))"` sets X to exactly `v`
/// and executes nothing: single quotes, each ' written as '\''. NUL cannot be carried by a
/// shell variable; callers refuse it before quoting.
std::string ShellQuote(std::string_view value);

}  // namespace rdsca
