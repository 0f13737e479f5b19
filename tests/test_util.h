#pragma once
// Helpers shared by the unit tests: a temporary directory, fixture and data paths, a clock.
#include <sys/wait.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

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

/// What a program printed and how it exited.
struct ProgramRun {
  int status = -1;  ///< the exit status; -1 when it did not exit
  std::string out;  ///< what /bin/sh's stdout got (a redirection in the command may send it elsewhere)
  std::string err;
};

/// Runs `command` with exactly `env` (env -i): `command` is a /bin/sh command line whose
/// program words the caller quotes; stderr is captured apart from stdout.
inline ProgramRun RunWithEnv(const std::vector<std::pair<std::string, std::string>>& env, const std::string& command) {
  TempDir tmp;
  const auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::string line = "env -i";
  for (const auto& [name, value] : env) line += " " + quote(name + "=" + value);
  line += " " + command + " 2>" + quote((tmp.path() / "err").string());
  ProgramRun run;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  const int raw = pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.err = rdsca::fs::ReadFile(tmp.path() / "err", "stderr");
  return run;
}

}  // namespace rdsca::testing
