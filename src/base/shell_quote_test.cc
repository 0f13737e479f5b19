#include "base/shell_quote.h"

#include <doctest/doctest.h>

TEST_CASE("ShellQuote wraps in single quotes and escapes single quotes") {
  CHECK(rdsca::ShellQuote("") == "''");
  CHECK(rdsca::ShellQuote("abc") == "'abc'");
  CHECK(rdsca::ShellQuote("it's") == "'it'\\''s'");
  CHECK(rdsca::ShellQuote("$(id) `x` \"q\"\n") == "'$(id) `x` \"q\"\n'");
}
