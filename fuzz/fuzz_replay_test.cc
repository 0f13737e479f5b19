// The fuzz targets inside the unit suite: every input a fuzzer once broke (kept in
// fixtures/fuzz-regressions/<target>/) and every seed file of fuzz/corpus/<target>/ (its own
// files and the fixture files its FIXTURES list names) replays with no property violated.
#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>

#include "base/fs.h"
#include "fuzz_util.h"
#include "test_util.h"

namespace {

namespace stdfs = std::filesystem;

const stdfs::path kSource = RDSCA_SOURCE_DIR;

bool Matches(const std::string& name, const std::string& pattern) {
  const auto star = pattern.find('*');
  if (star == std::string::npos) return name == pattern;
  const std::string head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  return name.size() >= head.size() + tail.size() && name.compare(0, head.size(), head) == 0 &&
         name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
}

/// Regular files matching a FIXTURES line ("vcap/*.json": a '*' in the last component only).
std::vector<stdfs::path> FixtureFiles(const std::string& line) {
  const stdfs::path pattern = kSource / "fixtures" / line;
  std::vector<stdfs::path> out;
  for (const auto& name : rdsca::fs::ListDir(pattern.parent_path())) {
    const stdfs::path p = pattern.parent_path() / name;
    if (Matches(name, pattern.filename().string()) && stdfs::is_regular_file(p)) out.push_back(p);
  }
  return out;
}

/// The inputs to replay through `target`.
std::vector<stdfs::path> Inputs(const std::string& target) {
  std::vector<stdfs::path> out;
  for (const auto& name : rdsca::fs::ListDir(kSource / "fixtures/fuzz-regressions" / target)) {
    out.push_back(kSource / "fixtures/fuzz-regressions" / target / name);
  }
  const stdfs::path corpus = kSource / "fuzz/corpus" / target;
  for (const auto& name : rdsca::fs::ListDir(corpus)) {
    if (name != "FIXTURES") out.push_back(corpus / name);
  }
  if (auto list = rdsca::fs::ReadFileIfExists(corpus / "FIXTURES", "FIXTURES list")) {
    std::size_t start = 0;
    while (start < list->size()) {
      const std::size_t end = std::min(list->find('\n', start), list->size());
      const std::string line = list->substr(start, end - start);
      start = end + 1;
      if (line.empty() || line[0] == '#') continue;
      for (const auto& p : FixtureFiles(line)) out.push_back(p);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("fuzz targets: every target is registered") {
  CHECK(rdsca::fuzz::TargetNames() ==
        std::vector<std::string>{"binding_root", "endpoint", "mysql_url", "pem", "pg_url", "render_toml", "shell_quote",
                                 "vcap_services"});
}

TEST_CASE("fuzz targets: regression inputs and seeds replay with no property violated") {
  std::size_t replayed = 0;
  for (const auto& name : rdsca::fuzz::TargetNames()) {
    const rdsca::fuzz::Target target = rdsca::fuzz::FindTarget(name);
    for (const auto& file : Inputs(name)) {
      const std::string data = rdsca::fs::ReadFile(file, "fuzz input", 16u << 20);
      try {
        target(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
      } catch (const std::exception& e) {
        FAIL_CHECK(name << " on " << file.string() << ": " << std::string(e.what()));
      }
      ++replayed;
    }
  }
  CHECK(replayed >= 40);
}
