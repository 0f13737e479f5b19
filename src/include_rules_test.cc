// The folders' include rules, checked on the sources rather than by reading them:
// - the launch hook's folders (base/ bindings/ db/ launch/) include nothing of the core's, so
//   the hook links no OpenSSL, libcurl or libpq; the one exception is ca/'s pure endpoint
//   classifier (endpoint, partitions, region_pattern), linked into the hook library so that the
//   hook raises a weak credential mode exactly as staging does, and itself held to the same rule;
// - staging/, cnb/, verify/ and cli/ include nothing of cf/ (only src/lifecycles.* and the
//   program's entry know both lifecycles);
// - the engine-neutral files of db/ launch/ staging/ verify/ cli/ include no engine's folder:
//   an engine is reached through its registry (db/engines.cc, verify/verify_engines.cc).
// Test files are left out: a test may set up what it needs from anywhere.
// std::regex reads the sources here; GCC 12 warns falsely inside it at -O1 with the sanitizers
// (as src/ca/region_pattern_test.cc says): the warning is off for this file only, before any header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "base/fs.h"

namespace {

struct Include {
  std::string file;    ///< relative to src/
  std::string target;  ///< what it includes, as written
};

std::vector<Include> ProjectIncludes() {
  const std::filesystem::path src = std::filesystem::path(RDSCA_SOURCE_DIR) / "src";
  const std::regex include("^#include \"([^\"]+)\"", std::regex::multiline);
  std::vector<Include> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.find("_test.cc") != std::string::npos) continue;
    if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
    const std::string text = rdsca::fs::ReadFile(entry.path(), "a source");
    const std::string file = std::filesystem::relative(entry.path(), src).string();
    for (std::sregex_iterator m(text.begin(), text.end(), include), e; m != e; ++m) out.push_back({file, (*m)[1]});
  }
  return out;
}

bool Under(const std::string& path, const std::vector<std::string>& folders) {
  for (const auto& f : folders) {
    if (path.rfind(f + "/", 0) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Include rules: the hook's folders, the lifecycles, the engines") {
  const auto includes = ProjectIncludes();
  REQUIRE(includes.size() > 300);
  const std::vector<std::string> hook = {"base", "bindings", "db", "launch"};
  const std::vector<std::string> core = {"ca", "truststore", "verify", "staging", "cf", "cnb", "cli"};
  const std::vector<std::string> engines = {"db/postgres", "db/mysql", "verify/postgres", "verify/mysql"};
  const std::set<std::string> classifier = {"ca/endpoint", "ca/partitions", "ca/region_pattern"};
  for (const auto& i : includes) {
    CAPTURE(i.file);
    CAPTURE(i.target);
    const bool project = i.target.find('/') != std::string::npos || i.target == "lifecycles.h";
    if (!project) continue;  // version.h, generated
    const bool classifier_file = classifier.count(std::filesystem::path(i.file).replace_extension("").string()) > 0;
    if (Under(i.file, hook) || classifier_file) {
      const bool allowed = classifier.count(std::filesystem::path(i.target).replace_extension("").string()) > 0;
      CHECK_MESSAGE((allowed || !Under(i.target, core)), "the launch hook's folders include nothing of the core's");
      CHECK(i.target != "lifecycles.h");
    }
    if (Under(i.file, {"staging", "cnb", "verify", "cli"})) {
      CHECK_MESSAGE(!Under(i.target, {"cf"}), "only src/lifecycles.* and the program's entry know cf/");
    }
    if (Under(i.file, {"cf"})) CHECK_MESSAGE(!Under(i.target, {"cnb"}), "cf/ knows nothing of cnb/");
    const bool neutral = Under(i.file, {"db", "launch", "staging", "verify", "cli"}) && !Under(i.file, engines);
    const bool registry = i.file == "db/engines.cc" || i.file == "verify/verify_engines.cc";
    if (neutral && !registry) {
      CHECK_MESSAGE(!Under(i.target, engines), "engine-neutral code reaches an engine through its registry");
    }
  }
}
