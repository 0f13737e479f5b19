#include "cli/args.h"

#include <algorithm>

#include "base/error.h"

namespace rdsca::cli {

namespace {

std::string HelpHint(std::string_view command) { return "run rds-ca " + std::string(command) + " --help"; }

const OptionSpec* Find(std::initializer_list<OptionSpec> specs, std::string_view name) {
  const auto it = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : it;
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

bool ParsedArgs::Has(std::string_view name) const {
  const std::string key(name);
  return values.count(key) > 0 || flags.count(key) > 0;
}

std::optional<std::string> ParsedArgs::Get(std::string_view name) const {
  const auto it = values.find(std::string(name));
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::GetOr(std::string_view name, std::string_view fallback) const {
  return Get(name).value_or(std::string(fallback));
}

ParsedArgs ParseArgs(std::string_view command, const std::vector<std::string>& args,
                     std::initializer_list<OptionSpec> specs, std::size_t max_positional) {
  ParsedArgs out;
  if (WantsHelp(args)) {
    out.help = true;
    return out;
  }
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string opt = args[i];
    if (options_done || opt.size() < 2 || opt[0] != '-') {
      out.positional.push_back(opt);
      continue;
    }
    if (opt == "--") {
      options_done = true;
      continue;
    }
    std::optional<std::string> value;
    if (const auto eq = opt.find('='); opt.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = opt.substr(eq + 1);
      opt.resize(eq);
    }
    const OptionSpec* spec = Find(specs, opt);
    if (spec == nullptr) {
      throw UsageError("unknown option '" + opt + "': " + HelpHint(command) + " for the options");
    }
    if (out.Has(opt)) throw UsageError(opt + " is given twice: give it once");
    if (!spec->takes_value) {
      if (value) throw UsageError(opt + " takes no value: " + HelpHint(command));
      out.flags.insert(opt);
      continue;
    }
    // The next argument is the value, unless it is another option (a forgotten value).
    if (!value && i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) value = args[++i];
    if (!value || value->empty()) throw UsageError(opt + " needs a value: " + HelpHint(command));
    out.values[opt] = *value;
  }
  if (out.positional.size() > max_positional) {
    throw UsageError(max_positional == 0
                         ? "this command takes no arguments besides options: " + HelpHint(command)
                         : "too many arguments (" + std::to_string(out.positional.size()) + ", at most " +
                               std::to_string(max_positional) + "): " + HelpHint(command));
  }
  return out;
}

void RequireOneOf(std::string_view command, const ParsedArgs& parsed, std::initializer_list<std::string_view> names) {
  std::string list;
  int given = 0;
  for (std::string_view n : names) {
    list += (list.empty() ? "" : ", ") + std::string(n);
    given += parsed.Has(n) ? 1 : 0;
  }
  if (given == 1) return;
  throw UsageError((given == 0 ? "give one of " : "give only one of ") + list + ": " + HelpHint(command));
}

}  // namespace rdsca::cli
