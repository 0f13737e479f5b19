// The settings catalogue against README's configuration table, both ways, and against the
// sources: no RDS_CA_ variable is read or named that the catalogue does not hold.
// std::regex reads the sources here; GCC 12 warns falsely inside it at -O1 with the sanitizers
// (as src/ca/region_pattern_test.cc says): the warning is off for this file only, before any header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "base/settings_catalogue.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "base/fs.h"

namespace {

/// README's "## Configuration" table: variable -> default, backquotes removed.
std::map<std::string, std::string> ReadmeTable() {
  const std::string readme = rdsca::fs::ReadFile(std::string(RDSCA_SOURCE_DIR) + "/README.md", "README.md");
  const auto start = readme.find("\n## Configuration\n");
  REQUIRE(start != std::string::npos);
  const auto table = readme.find("\n| variable | default | what it does |\n", start);
  REQUIRE(table != std::string::npos);
  const auto end = readme.find("\n\n", table + 1);
  std::map<std::string, std::string> rows;
  std::size_t pos = readme.find('\n', table + 1) + 1;
  pos = readme.find('\n', pos) + 1;  // the |---| line
  while (pos < end) {
    const auto eol = readme.find('\n', pos);
    const std::string line = readme.substr(pos, eol - pos);
    pos = eol + 1;
    const auto a = line.find('|', 1), b = line.find('|', a + 1);
    auto cell = [](std::string c) {
      c.erase(std::remove(c.begin(), c.end(), '`'), c.end());
      c.erase(0, c.find_first_not_of(' '));
      c.erase(c.find_last_not_of(' ') + 1);
      return c;
    };
    rows[cell(line.substr(1, a - 1))] = cell(line.substr(a + 1, b - a - 1));
  }
  return rows;
}

}  // namespace

TEST_CASE("The settings catalogue and README's configuration table list the same settings and defaults") {
  const auto readme = ReadmeTable();
  CHECK(readme.size() >= 20);
  for (const auto& s : rdsca::kSettings) {
    CAPTURE(s.name);
    CHECK(!s.meaning.empty());
    const auto it = readme.find(std::string(s.name));
    CHECK_MESSAGE(it != readme.end(), "in the catalogue, not in README's table");
    if (it != readme.end()) CHECK(it->second == s.default_value);
  }
  for (const auto& [name, default_value] : readme) {
    CAPTURE(name);
    CHECK_MESSAGE(std::any_of(std::begin(rdsca::kSettings), std::end(rdsca::kSettings),
                              [&](const auto& s) { return s.name == name; }),
                  "in README's table, not in the catalogue");
  }
}

TEST_CASE("The sources name no RDS_CA_ variable outside the catalogue and the hook's own") {
  std::set<std::string> known;
  for (const auto& s : rdsca::kSettings) known.emplace(s.name);
  for (const auto v : rdsca::kHookVariables) known.emplace(v);
  const std::regex name("RDS_CA_[A-Z0-9_]*[A-Z0-9]");
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(RDSCA_SOURCE_DIR) + "/src")) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || path.find("_test.cc") != std::string::npos) continue;
    if (path.size() < 3 || (path.compare(path.size() - 3, 3, ".cc") != 0 && path.compare(path.size() - 2, 2, ".h") != 0)) {
      continue;
    }
    ++files;
    const std::string text = rdsca::fs::ReadFile(path, "a source");
    for (std::sregex_iterator m(text.begin(), text.end(), name), e; m != e; ++m) {
      const std::string variable = m->str();
      CAPTURE(path);
      CAPTURE(variable);
      CHECK_MESSAGE(known.count(variable) == 1, "not in base/settings_catalogue.h");
    }
  }
  CHECK(files > 100);
}
