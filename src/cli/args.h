#pragma once
// Command-line options shared by the rds-ca subcommands (bundle, url, k8s, env): `--opt value`,
// `--opt=value`, flags, `--help`/`-h`, and `--` before positional arguments that start with '-'.
// Every mistake is a UsageError with one line naming the command's --help.
#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rdsca::cli {

/// One option a command accepts.
struct OptionSpec {
  std::string_view name;  ///< with its dashes: "--host"
  bool takes_value = true;
};

/// What ParseArgs found.
struct ParsedArgs {
  bool help = false;                         ///< --help or -h was given
  std::map<std::string, std::string> values;  ///< option -> value
  std::set<std::string> flags;               ///< options without a value that were given
  std::vector<std::string> positional;

  /// True when the option (flag or valued) was given.
  bool Has(std::string_view name) const;
  /// The option's value, or nothing when it was not given.
  std::optional<std::string> Get(std::string_view name) const;
  /// The option's value, or `fallback` when it was not given.
  std::string GetOr(std::string_view name, std::string_view fallback) const;
};

/// Parses `args` for `rds-ca <command>`. Throws UsageError for an unknown option, a missing or
/// empty value, a value given to a flag, an option given twice, or more than `max_positional`
/// positional arguments (which are never repeated in the message: one may hold a password).
/// With --help anywhere, the rest is not checked.
ParsedArgs ParseArgs(std::string_view command, const std::vector<std::string>& args,
                     std::initializer_list<OptionSpec> specs, std::size_t max_positional = 0);

/// Throws UsageError unless exactly one of `names` was given:
/// "give one of --host, --region, --all: run rds-ca bundle --help".
void RequireOneOf(std::string_view command, const ParsedArgs& parsed,
                  std::initializer_list<std::string_view> names);

}  // namespace rdsca::cli
