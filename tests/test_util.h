#pragma once
// Helpers shared by the unit tests: a temporary directory, fixture and data paths, a clock.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/fs.h"

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

/// 2027-01-01 00:00:00 UTC: the certificate tests' clock (every current RDS root is valid).
inline constexpr std::int64_t kTestNow = 1798761600;

/// The contents of a file under data/ of the source tree (the CA bundles rds-ca embeds).
inline std::string ReadData(const std::string& name) {
  return rdsca::fs::ReadFile(std::filesystem::path(RDSCA_SOURCE_DIR) / "data" / name, "data");
}

/// A file under fixtures/ of the source tree.
inline std::filesystem::path Fixture(const std::string& relative) {
  return std::filesystem::path(RDSCA_SOURCE_DIR) / "fixtures" / relative;
}

/// The contents of a file under fixtures/.
inline std::string ReadFixture(const std::string& relative) {
  return rdsca::fs::ReadFile(Fixture(relative), "fixture");
}

}  // namespace rdsca::testing
