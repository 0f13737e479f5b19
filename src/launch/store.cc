#include "launch/store.h"

#include <sys/stat.h>


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

}  // namespace

StoreFiles StoreAt(const std::string& root) {
  const std::string dir = root + "/" + store::kDir + "/";
  return {dir + store::kRdsBundle, dir + store::kCombinedBundle, dir + store::kHashedDir,
          dir + store::kJavaTrustStore};
}

StoreFiles FindStore(const std::string& root) {
  StoreFiles found = StoreAt(root);
  KeepIfThere(root, found.rds_bundle, false);
  KeepIfThere(root, found.combined_bundle, false);
  KeepIfThere(root, found.hashed_dir, true);
  KeepIfThere(root, found.java_trust_store, false);
  return found;
}

}  // namespace rdsca
