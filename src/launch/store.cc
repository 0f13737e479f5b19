#include "launch/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "base/error.h"

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
  fs::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
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

std::string BindingCaFileName(const std::vector<std::pair<std::string, std::string>>& ca_pems) {
  // FNV-1a, 64 bits: the launch hook links no hash library. Staging refuses two bindings whose
  // texts differ and whose names agree, so one binding's file never holds another's CA.
  std::uint64_t h = 14695981039346656037ull;
  const auto add = [&](std::string_view text) {
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ 0xffu) * 1099511628211ull;  // a separator no key or PEM text ends with
  };
  for (const auto& [key, pem] : ca_pems) {
    add(key);
    add(pem);
  }
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.pem", static_cast<unsigned long long>(h));
  return name;
}

std::string CaFileFor(const std::vector<std::pair<std::string, std::string>>& ca_pems, const StoreFiles& store) {
  if (ca_pems.empty() || store.binding_ca_dir.empty()) return store.rds_bundle;
  const std::string name = BindingCaFileName(ca_pems);
  const bool there = std::find(store.binding_cas.begin(), store.binding_cas.end(), name) != store.binding_cas.end();
  return there ? store.binding_ca_dir + "/" + name : store.rds_bundle;
}

StoreFiles StoreAt(const std::string& root) {
  const std::string dir = root + "/" + store::kDir + "/";
  StoreFiles files{dir + store::kRdsBundle, dir + store::kCombinedBundle, dir + store::kHashedDir,
                   dir + store::kJavaTrustStore, dir + store::kOptionDir, {}, dir + store::kRdsBundle,
                   dir + store::kBindingCaDir, {}};
  try {
    files.binding_cas = fs::ListDir(files.binding_ca_dir);
  } catch (const Failure&) {
    // unreadable: no binding's own file
  }
  return files;
}

StoreFiles FindStore(const std::string& root, const std::vector<std::string>& option_files, const std::string& option_ca) {
  StoreFiles found = StoreAt(root);
  KeepIfThere(root, found.rds_bundle, false);
  KeepIfThere(root, found.combined_bundle, false);
  KeepIfThere(root, found.hashed_dir, true);
  KeepIfThere(root, found.java_trust_store, false);
  KeepIfThere(root, found.binding_ca_dir, true);
  std::vector<std::string> cas;
  for (const auto& name : found.binding_ca_dir.empty() ? cas : found.binding_cas) {
    std::string path = found.binding_ca_dir + "/" + name;
    if (Exists(root, path, false)) cas.push_back(name);
  }
  found.binding_cas = std::move(cas);
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
