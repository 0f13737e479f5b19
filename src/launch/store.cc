#include "launch/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "base/fs.h"

namespace rdsca {

namespace {

/// True when `path` (below `root`) is a directory (`dir`) or a regular file reached without any
/// symbolic link below `root`: lstat at each step after it.
bool Exists(const std::string& root, std::string& path, bool dir) {
  struct stat st {};
  for (std::size_t slash = path.find('/', root.size() + 1);; slash = path.find('/', slash + 1)) {
    if (slash != std::string::npos) path[slash] = '\0';
    const int rc = ::lstat(path.c_str(), &st);
    if (slash == std::string::npos) return rc == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
    path[slash] = '/';
    if (rc != 0 || !S_ISDIR(st.st_mode)) return false;
  }
}

/// Empties `path` unless it Exists.
void KeepIfThere(const std::string& root, std::string& path, bool dir) {
  if (!Exists(root, path, dir)) path.clear();
}

/// The text of the regular file `path` (no symbolic link below `root`), at most 4 KiB; nothing
/// when it is not there or is larger.
std::optional<std::string> ReadSmall(const std::string& root, std::string path) {
  if (!Exists(root, path, false)) return std::nullopt;
  fs::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  std::string text(4097, '\0');
  std::size_t got = 0;
  for (ssize_t n = 1; fd.valid() && n > 0 && got < text.size(); got += static_cast<std::size_t>(n)) {
    n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0) return std::nullopt;
  }
  if (!fd.valid() || got > 4096) return std::nullopt;
  text.resize(got);
  return text;
}

/// True when `a` and `b` name one existing file (same device and inode).
bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  return !a.empty() && !b.empty() && ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

StoreFiles StoreAt(const std::string& root) {
  const std::string dir = root + "/" + store::kDir + "/";
  return {dir + store::kRdsBundle, dir + store::kCombinedBundle, dir + store::kHashedDir,
          dir + store::kJavaTrustStore, dir + store::kOptionDir, {}, dir + store::kRdsBundle};
}

StoreFiles FindStore(const std::string& root, const std::vector<std::string>& option_files, const std::string& option_ca) {
  StoreFiles found = StoreAt(root);
  KeepIfThere(root, found.rds_bundle, false);
  KeepIfThere(root, found.combined_bundle, false);
  KeepIfThere(root, found.hashed_dir, true);
  KeepIfThere(root, found.java_trust_store, false);
  found.option_ca = option_ca.empty() ? found.rds_bundle : option_ca;
  if (option_files.empty() || !SameFile(found.option_ca, found.rds_bundle)) {
    found.option_dir.clear();
    return found;
  }
  for (const auto& name : option_files) {
    if (auto text = ReadSmall(root, found.option_dir + "/" + name)) found.option_files.emplace_back(name, std::move(*text));
  }
  if (found.option_files.empty()) found.option_dir.clear();
  return found;
}

std::string InstallRootOf(const std::string& exe_dir) {
  std::string dir = exe_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const auto slash = dir.rfind('/');
  if (slash == std::string::npos || dir.compare(slash + 1, std::string::npos, store::kBinDir) != 0) return "";
  return slash == 0 ? "/" : dir.substr(0, slash);
}

}  // namespace rdsca
