#include "truststore/trust_store.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "base/error.h"
#include "base/fs.h"
#include "truststore/java_trust_store.h"
#include "launch/store.h"
#include "ca/x509.h"

namespace rdsca {

namespace {

namespace stdfs = std::filesystem;

constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kEnd = "-----END CERTIFICATE-----";

/// The store's view of a parsed certificate: no second parse (ParseCertificates computed the
/// subject hash while it held the X509).
TrustCert FromCertificate(Certificate&& c) {
  return {std::move(c.pem), std::move(c.der), c.subject_hash, std::move(c.subject), std::move(c.cn), std::move(c.sha256)};
}

/// Appends the certificates of one file of the platform's store, block by block, noting (and
/// skipping) a block that does not parse: the platform's store is not ours to reject.
void AddSystemFile(const stdfs::path& path, std::string_view text, SystemCertificates& out) {
  std::size_t index = 0;
  for (std::size_t pos = text.find(kBegin); pos != std::string_view::npos; pos = text.find(kBegin, pos + 1)) {
    ++index;
    const std::size_t end = text.find(kEnd, pos);
    const std::string_view block = text.substr(pos, end == std::string_view::npos ? end : end + kEnd.size() - pos);
    try {
      for (auto& c : ParseCertificates(block, path.string() + " block " + std::to_string(index))) {
        out.certs.push_back(FromCertificate(std::move(c)));
      }
    } catch (const Failure& e) {
      out.notes.push_back(std::string("skipped ") + e.what());
    }
  }
  if (index == 0) out.notes.push_back("skipped " + path.string() + ": no PEM certificate in it");
}

std::string Concat(const std::vector<TrustCert>& certs) {
  std::string all;
  for (const auto& c : certs) all += c.pem;
  return all;
}

/// A temporary sibling directory, removed unless released.
class StagedDir {
 public:
  explicit StagedDir(const stdfs::path& target) {
    std::string templ = target.string() + ".new-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
      throw Failure("cannot create a directory beside " + target.string() +
                    " (check free space and permissions of that directory)");
    }
    path_ = templ;
    ::chmod(path_.c_str(), 0755);
  }
  ~StagedDir() {
    std::error_code ec;
    if (!path_.empty()) stdfs::remove_all(path_, ec);
  }
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;
  const stdfs::path& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  stdfs::path path_;
};

/// Removes what a killed earlier run left beside the store (rds-ca.new-*, rds-ca.old-*).
void RemoveLeftovers(const stdfs::path& dep_dir) {
  const std::string prefix = store::kDir;
  for (const auto& name : fs::ListDir(dep_dir)) {
    if (name.rfind(prefix + ".new-", 0) == 0 || name.rfind(prefix + ".old-", 0) == 0) {
      std::error_code ec;
      stdfs::remove_all(dep_dir / name, ec);
    }
  }
}

/// Writes a new file in the staged tree (mode 0644). No fsync: the swap protects readers and a
/// killed supply; a crashed machine loses the whole staging (and its droplet) anyway, and an
/// fsync per hashed file would cost most of a second.
void WriteStaged(const stdfs::path& path, std::string_view data) {
  fs::Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  bool ok = fd.valid() && ::fchmod(fd.get(), 0644) == 0;
  for (std::size_t off = 0; ok && off < data.size();) {
    ssize_t n = ::write(fd.get(), data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) off += static_cast<std::size_t>(n);
  }
  int err = errno;
  if (const int close_err = fd.Close(); ok && close_err != 0) {
    ok = false;
    err = close_err;
  }
  if (!ok) {
    throw Failure("cannot write " + path.string() + ": " + std::strerror(err) +
                  " (check free space and permissions of that directory)");
  }
}


}  // namespace

std::vector<TrustCert> ParsePemCertificates(std::string_view pem, std::string_view source) {
  std::vector<TrustCert> certs;
  for (auto& c : ParseCertificates(pem, source)) certs.push_back(FromCertificate(std::move(c)));
  return certs;
}

std::vector<TrustCert> UniqueCertificates(const std::vector<TrustCert>& certs) {
  std::vector<TrustCert> unique;
  std::set<std::string_view> seen;
  for (const auto& c : certs) {
    if (seen.insert(c.der).second) unique.push_back(c);
  }
  return unique;
}

std::vector<std::string> HashedNames(const std::vector<TrustCert>& certs) {
  std::vector<std::string> names;
  std::map<unsigned long, int> used;
  for (const auto& c : certs) {
    char hash[32];
    std::snprintf(hash, sizeof hash, "%08lx", c.subject_hash);
    names.push_back(std::string(hash) + "." + std::to_string(used[c.subject_hash]++));
  }
  return names;
}

SystemCertificates ReadSystemCertificates(const stdfs::path& bundle, const stdfs::path& extra_dir) {
  SystemCertificates out;
  if (auto text = fs::ReadFileIfExists(bundle, "system CA bundle")) {
    AddSystemFile(bundle, *text, out);
  } else {
    out.notes.push_back("no system CA bundle at " + bundle.string() +
                        ": the combined bundle and the Java trust store hold no public roots");
  }
  if (!extra_dir.empty()) {
    for (const auto& name : fs::ListDir(extra_dir)) {
      std::error_code ec;
      if (!stdfs::is_regular_file(extra_dir / name, ec)) continue;
      AddSystemFile(extra_dir / name, fs::ReadFile(extra_dir / name, "CF_SYSTEM_CERT_PATH file"), out);
    }
  }
  out.certs = UniqueCertificates(out.certs);
  return out;
}

TrustStoreCounts WriteTrustStore(const stdfs::path& dep_dir, const std::vector<TrustCert>& rds,
                                 const std::vector<TrustCert>& system,
                                 const std::vector<std::pair<std::string, std::string>>& option_files,
                                 const std::vector<std::pair<std::string, std::vector<TrustCert>>>& binding_files) {
  const auto rds_set = UniqueCertificates(rds);
  std::vector<TrustCert> all = system;
  all.insert(all.end(), rds_set.begin(), rds_set.end());
  const auto combined = UniqueCertificates(all);

  fs::MakeDirs(dep_dir);
  RemoveLeftovers(dep_dir);
  const stdfs::path target = dep_dir / store::kDir;
  StagedDir staged(target);
  WriteStaged(staged.path() / store::kRdsBundle, Concat(rds_set));
  WriteStaged(staged.path() / store::kCombinedBundle, Concat(combined));
  const stdfs::path hashed = staged.path() / store::kHashedDir;
  fs::MakeDirs(hashed);
  const auto names = HashedNames(combined);
  for (std::size_t i = 0; i < combined.size(); ++i) WriteStaged(hashed / names[i], combined[i].pem);
  WriteStaged(staged.path() / store::kJavaTrustStore, JavaTrustStore(combined));
  if (!option_files.empty()) fs::MakeDirs(staged.path() / store::kOptionDir);
  for (const auto& [name, text] : option_files) WriteStaged(staged.path() / store::kOptionDir / name, text);
  if (!binding_files.empty()) fs::MakeDirs(staged.path() / store::kBindingCaDir);
  for (const auto& [name, certs] : binding_files) {
    std::vector<TrustCert> own = rds_set;
    own.insert(own.end(), certs.begin(), certs.end());
    WriteStaged(staged.path() / store::kBindingCaDir / name, Concat(UniqueCertificates(own)));
  }
  fs::ReplaceDir(staged.path(), target);
  staged.Release();
  return {rds_set.size(), combined.size() - rds_set.size(), combined.size()};
}

}  // namespace rdsca
