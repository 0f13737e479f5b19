#pragma once
// Small text helpers every layer uses: trimming, lower-casing, and showing a value in a message.
#include <string>
#include <string_view>

namespace rdsca {

/// ASCII whitespace stripped from both ends.
std::string Trim(std::string_view text);

/// `text` with ASCII letters lower-cased (other bytes unchanged).
std::string Lower(std::string_view text);

/// True for an environment variable name a shell can assign and TOML can write as a bare key:
/// ASCII letters, digits and '_', not empty, not starting with a digit.
bool IsIdentifier(std::string_view name);

/// `text` fit for a one-line message: control bytes as '?', cut to 60 bytes with "...".
/// Only for values that are not secret (host, port, sslmode, scheme, service names).
std::string Shown(std::string_view text);

}  // namespace rdsca
