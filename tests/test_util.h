#pragma once
// Helpers shared by the unit tests: a temporary directory and fixture paths.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fs.h"

namespace rdsca::testing {

/// A fresh directory under $TMPDIR, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "rdsca-test-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A file under fixtures/ of the source tree.
inline std::filesystem::path Fixture(const std::string& relative) {
  return std::filesystem::path(RDSCA_SOURCE_DIR) / "fixtures" / relative;
}

/// The contents of a file under fixtures/.
inline std::string ReadFixture(const std::string& relative) {
  return rdsca::fs::ReadFile(Fixture(relative), "fixture");
}

}  // namespace rdsca::testing
