// std::regex is this test's oracle. GCC 12 warns falsely inside it (std::function's _M_invoker
// "may be used uninitialized", GCC PR 105562) at -O1 with the sanitizers, where -Werror makes
// that fatal: scripts/sanitize's build. The warning is off for this file only, before any header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "ca/region_pattern.h"

#include <doctest/doctest.h>

#include <regex>

#include "base/error.h"
#include "ca/partitions.h"

namespace rdsca {
namespace {

/// Strings around region names: real ones of every partition, near misses, and odd characters.
std::vector<std::string> Candidates() {
  std::vector<std::string> out = {"", "-", "us", "us-", "us-west", "us-west-", "us--west-1", "us-west--1", "-us-west-1",
                                  "us-west-1-", "uswest-2", "us-west-2a", "us-west-02", "us-west-123", "US-WEST-2",
                                  "us-WEST-2", "us-west_x-1", "us-west.x-1", "us-we st-1", "us-west-\xb2", "aws-global",
                                  "global", "c9akciq32", "cluster-ro-abc", "eusc-fr-east-1", "eusc-de-east-x",
                                  "cn-north-1\n", "\nus-west-2", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1",
                                  "eusc-de-east-1", "eu-isoe-west-1", "us-isof-south-1", "cn-northwest-1",
                                  "ap-southeast-7"};
  const char* prefixes[] = {"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "zz", "eusc-de", "eusc-fr",
                            "us-gov", "us-iso", "us-isob", "us-isoe", "eu-isoe", "us-isof", "u", "usa", "euscde"};
  const char* middles[] = {"west", "east", "central", "southeast", "gov-west", "x", "_", "9", "north_2", ""};
  const char* ends[] = {"1", "7", "12", "123", "", "a", "1a"};
  for (const char* p : prefixes) {
    for (const char* m : middles) {
      for (const char* e : ends) out.push_back(std::string(p) + "-" + m + "-" + e);
    }
  }
  for (const PartitionData& p : Partitions()) out.insert(out.end(), p.regions.begin(), p.regions.end());
  return out;
}

TEST_CASE("RegionPattern matches exactly what std::regex (ECMAScript) matches, for every partition's pattern") {
  const auto candidates = Candidates();
  std::size_t matched = 0;
  for (const PartitionData& p : Partitions()) {
    const std::regex oracle(p.region_pattern.text());
    for (const std::string& c : candidates) {
      CAPTURE(p.region_pattern.text());
      CAPTURE(c);
      const bool want = std::regex_search(c, oracle);
      CHECK(p.region_pattern.Matches(c) == want);
      matched += want ? 1 : 0;
    }
  }
  CHECK(matched > 100);  // the candidates exercise both answers
}

TEST_CASE("RegionPattern: backtracking, classes and groups as ECMAScript reads them") {
  const RegionPattern p(R"(^(us|usa)\-\w+\-\d+$)");
  CHECK(p.Matches("usa-west-2"));
  CHECK(p.Matches("us-a-2"));
  CHECK(p.Matches("us-Under_Score9-10"));
  CHECK_FALSE(p.Matches("us-west-2-1"));  // \w does not take '-'
  CHECK_FALSE(p.Matches("us-west-"));
  const RegionPattern digits(R"(^a\d\d+b$)");
  CHECK(digits.Matches("a12b"));
  CHECK_FALSE(digits.Matches("a1b"));
  CHECK(RegionPattern("^a-b_c$").Matches("a-b_c"));
  CHECK(RegionPattern(R"(^a\.b$)").Matches("a.b"));
  CHECK_FALSE(RegionPattern(R"(^a\.b$)").Matches("axb"));
}

TEST_CASE("RegionPattern refuses what it does not implement, naming the pattern") {
  for (const char* bad : {"us-west-2", "^us-west-2", "us-west-2$", "^us.*$", "^[a-z]+$", "^a?$", "^a{2}$",
                          "^(us|eu)+$", "^(us|)$", "^(us$", "^\\s$", "^a\\$", "^a|b$", "^(a.b)$"}) {
    CAPTURE(bad);
    try {
      RegionPattern p(bad);
      FAIL("accepted");
    } catch (const Failure& f) {
      const std::string what = f.what();
      CHECK(what.rfind("region pattern " + std::string(bad) + " ", 0) == 0);
      CHECK(what.find(": extend src/ca/region_pattern.cc for it, or fix data/aws-partitions.json") != std::string::npos);
    }
  }
  CHECK_THROWS_WITH_AS(RegionPattern("^us.*$"),
                       "region pattern ^us.*$ has '.': extend src/ca/region_pattern.cc for it, or fix "
                       "data/aws-partitions.json",
                       Failure);
}

}  // namespace
}  // namespace rdsca
