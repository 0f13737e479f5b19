#include "cli/args.h"

#include <doctest/doctest.h>

#include "base/error.h"

namespace rdsca::cli {

namespace {

std::string UsageMessage(const std::vector<std::string>& args, std::size_t max_positional = 0) {
  try {
    (void)ParseArgs("bundle", args, {{"--host"}, {"--all", false}}, max_positional);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("ParseArgs reads values, flags and positional arguments") {
  const auto p = ParseArgs("url", {"postgres://h/db", "--root=/x", "--mode", "verify-ca", "--all"},
                           {{"--root"}, {"--mode"}, {"--all", false}}, 1);
  CHECK_FALSE(p.help);
  CHECK(p.GetOr("--root", "") == "/x");
  CHECK(p.GetOr("--mode", "") == "verify-ca");
  CHECK(p.Has("--all"));
  CHECK_FALSE(p.Get("--none").has_value());
  CHECK(p.positional == std::vector<std::string>{"postgres://h/db"});
}

TEST_CASE("ParseArgs: --help wins, -- ends the options") {
  CHECK(ParseArgs("x", {"--bogus", "-h"}, {}).help);
  const auto p = ParseArgs("x", {"--", "--help"}, {}, 1);
  CHECK_FALSE(p.help);
  CHECK(p.positional == std::vector<std::string>{"--help"});
}

TEST_CASE("ParseArgs: every mistake is one line naming the command's --help") {
  CHECK(UsageMessage({"--hots", "h"}) == "unknown option '--hots': run rds-ca bundle --help for the options");
  CHECK(UsageMessage({"-x"}) == "unknown option '-x': run rds-ca bundle --help for the options");
  CHECK(UsageMessage({"--host"}) == "--host needs a value: run rds-ca bundle --help");
  CHECK(UsageMessage({"--host="}) == "--host needs a value: run rds-ca bundle --help");
  CHECK(UsageMessage({"--host", "--all"}) == "--host needs a value: run rds-ca bundle --help");
  CHECK(UsageMessage({"--all=yes"}) == "--all takes no value: run rds-ca bundle --help");
  CHECK(UsageMessage({"--host", "a", "--host", "b"}) == "--host is given twice: give it once");
  CHECK(UsageMessage({"secret"}) == "this command takes no arguments besides options: run rds-ca bundle --help");
  CHECK(UsageMessage({"a", "b"}, 1) == "too many arguments (2, at most 1): run rds-ca bundle --help");
}

TEST_CASE("RequireOneOf") {
  const auto none = ParseArgs("bundle", {}, {{"--host"}, {"--all", false}});
  const auto both = ParseArgs("bundle", {"--host", "h", "--all"}, {{"--host"}, {"--all", false}});
  const auto one = ParseArgs("bundle", {"--all"}, {{"--host"}, {"--all", false}});
  CHECK_THROWS_WITH_AS(RequireOneOf("bundle", none, {"--host", "--all"}),
                       "give one of --host, --all: run rds-ca bundle --help", UsageError);
  CHECK_THROWS_WITH_AS(RequireOneOf("bundle", both, {"--host", "--all"}),
                       "give only one of --host, --all: run rds-ca bundle --help", UsageError);
  CHECK_NOTHROW(RequireOneOf("bundle", one, {"--host", "--all"}));
}

}  // namespace rdsca::cli
