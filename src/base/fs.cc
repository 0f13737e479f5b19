#include "base/fs.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <utility>

#include "base/error.h"

namespace rdsca::fs {

namespace {

std::string Reason(int err) { return std::strerror(err); }

[[noreturn]] void FailWrite(const stdfs::path& path, int err) {
  throw Failure("cannot write " + path.string() + ": " + Reason(err) +
                " (check free space and permissions of that directory)");
}

/// NAME.tmp-PID-N beside `path` (IsAtomicTempName recognises it).
std::string TempName(const stdfs::path& path) {
  static std::mt19937_64 rng{std::random_device{}()};
  return path.string() + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000);
}

/// How many SkipFsync scopes are alive.
int skip_fsync_depth = 0;

[[noreturn]] void TooLarge(const stdfs::path& path, std::string_view what, std::size_t max_bytes) {
  throw Failure(std::string(what) + " at " + path.string() + " is more than the " + std::to_string(max_bytes) +
                " bytes this reads");
}

/// Opens `path` for reading: a regular file of at most `max_bytes`. An invalid Fd when it does
/// not exist; throws ReadFile's Failure for anything else. The open does not block (a FIFO or a
/// device would wait for a writer forever): the check comes before any read.
Fd OpenRegular(const stdfs::path& path, std::string_view what, std::size_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd.valid()) {
    if (errno == ENOENT) return fd;
    throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": " + Reason(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw Failure("cannot read " + std::string(what) + " at " + path.string() +
                  ": not a regular file (a FIFO, a device or a directory): give the path of a file");
  }
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    throw Failure(std::string(what) + " at " + path.string() + " is " + std::to_string(st.st_size) +
                  " bytes, more than the " + std::to_string(max_bytes) + " this reads");
  }
  return fd;
}

/// A new temporary file beside `path` (NAME.tmp-PID-N, mode 0600) that becomes `path` with
/// Commit, or is removed.
class TempFile {
 public:
  explicit TempFile(const stdfs::path& path) : path_(path), tmp_(TempName(path)) {
    MakeDirs(path.parent_path());
    fd_ = Fd(::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd_.valid()) FailWrite(path_, errno);
  }
  ~TempFile() {
    fd_ = Fd();
    if (!done_) ::unlink(tmp_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_.get(); }
  /// Removes the temporary and throws FailWrite's Failure for `err`.
  [[noreturn]] void Fail(int err) {
    fd_ = Fd();
    ::unlink(tmp_.c_str());
    done_ = true;
    FailWrite(path_, err);
  }
  /// Writes all of `data`.
  void Write(std::string_view data) {
    for (std::size_t off = 0; off < data.size();) {
      ssize_t n = ::write(fd_.get(), data.data() + off, data.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) Fail(errno);
      off += static_cast<std::size_t>(n);
    }
  }
  /// Sets `mode`, fsyncs (unless a SkipFsync is alive) and renames the file into place.
  void Commit(unsigned mode) {
    if (::fchmod(fd_.get(), static_cast<mode_t>(mode)) != 0 || (skip_fsync_depth == 0 && ::fsync(fd_.get()) != 0)) {
      Fail(errno);
    }
    if (const int err = fd_.Close(); err != 0) Fail(err);
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) Fail(errno);
    done_ = true;
  }

 private:
  stdfs::path path_;
  std::string tmp_;
  Fd fd_;
  bool done_ = false;
};

/// Copies the rest of `in` (at most `max_bytes` in all) to `out`: copy_file_range, in the
/// kernel, or read and write where that is not supported. Throws for a read error or a file
/// that grew past `max_bytes`; write errors go to out.Fail.
void CopyStream(int in, const stdfs::path& from, TempFile& out, std::size_t max_bytes) {
  std::size_t copied = 0;
  bool in_kernel = true;
  char buf[65536];
  for (;;) {
    if (copied > max_bytes) TooLarge(from, "file", max_bytes);
    ssize_t n = 0;
    if (in_kernel) {
      n = ::copy_file_range(in, nullptr, out.fd(), nullptr, std::size_t{1} << 20, 0);
      if (n < 0 && errno != EINTR) {
        if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG) out.Fail(errno);
        in_kernel = false;  // not supported here (EXDEV, EINVAL, ENOSYS, ...): read and write
        continue;
      }
    } else {
      n = ::read(in, buf, sizeof buf);
      if (n < 0 && errno != EINTR) {
        throw Failure("cannot read file at " + from.string() + ": " + Reason(errno));
      }
      if (n > 0) out.Write(std::string_view(buf, static_cast<std::size_t>(n)));
    }
    if (n == 0) return;
    if (n > 0) copied += static_cast<std::size_t>(n);
  }
}

}  // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = other.release();
  }
  return *this;
}

Fd::~Fd() { Close(); }

int Fd::Close() {
  if (fd_ < 0) return 0;
  const int rc = ::close(release());
  return rc == 0 ? 0 : errno;
}

bool IsAtomicTempName(std::string_view name) {
  const std::size_t at = name.rfind(".tmp-");
  if (at == std::string_view::npos || at == 0) return false;
  const std::string_view rest = name.substr(at + 5);
  const std::size_t dash = rest.find('-');
  const auto digits = [](std::string_view t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return dash != std::string_view::npos && digits(rest.substr(0, dash)) && digits(rest.substr(dash + 1));
}

std::optional<std::string> ReadFileIfExists(const stdfs::path& path, std::string_view what,
                                            std::size_t max_bytes) {
  const Fd fd = OpenRegular(path, what, max_bytes);
  if (!fd.valid()) return std::nullopt;
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": " + Reason(errno));
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) TooLarge(path, what, max_bytes);
  }
  return data;
}

std::string ReadFile(const stdfs::path& path, std::string_view what, std::size_t max_bytes) {
  auto data = ReadFileIfExists(path, what, max_bytes);
  if (!data) throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": " + Reason(ENOENT));
  return std::move(*data);
}

void MakeDirs(const stdfs::path& dir) {
  if (dir.empty()) return;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return;
    throw Failure("cannot create directory " + dir.string() + ": a file is in the way");
  }
  MakeDirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    throw Failure("cannot create directory " + dir.string() + ": " + Reason(errno) +
                  " (check free space and permissions)");
  }
  ::chmod(dir.c_str(), 0755);
}

void WriteFileAtomic(const stdfs::path& path, std::string_view data, unsigned mode) {
  TempFile tmp(path);
  tmp.Write(data);
  tmp.Commit(mode);
}

SkipFsync::SkipFsync() { ++skip_fsync_depth; }
SkipFsync::~SkipFsync() { --skip_fsync_depth; }
bool SkipFsync::Active() { return skip_fsync_depth > 0; }

std::vector<std::string> ListDir(const stdfs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!stdfs::is_directory(dir, ec)) return names;
  for (const auto& entry : stdfs::directory_iterator(dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  if (ec) throw Failure("cannot list " + dir.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

void CopyFileAtomic(const stdfs::path& from, const stdfs::path& to) {
  struct stat st {};
  if (::stat(from.c_str(), &st) != 0) {
    throw Failure("cannot read " + from.string() + ": " + Reason(errno));
  }
  const unsigned mode = (st.st_mode & 0111) ? 0755 : 0644;
  // Streamed, never held in memory (the binaries are megabytes): ReadFile's checks, then copy.
  constexpr std::size_t kMaxCopy = 256u << 20;
  const Fd in = OpenRegular(from, "file", kMaxCopy);
  if (!in.valid()) throw Failure("cannot read file at " + from.string() + ": " + Reason(ENOENT));
  TempFile out(to);
  CopyStream(in.get(), from, out, kMaxCopy);
  out.Commit(mode);
}

void ReplaceDir(const stdfs::path& staged, const stdfs::path& dir) {
  // Swap the two trees in one step (RENAME_EXCHANGE): a reader sees the old tree or the new
  // one, never none. The first install has nothing to swap with: a plain rename.
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
    std::error_code ec;
    stdfs::remove_all(staged, ec);  // now holds the old tree
    return;
  }
  if (errno != ENOENT) FailWrite(dir, errno);
  if (::rename(staged.c_str(), dir.c_str()) != 0) FailWrite(dir, errno);
}

stdfs::path ExecutableDir(const char* argv0) {
  std::error_code ec;
  auto self = stdfs::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty()) self = stdfs::absolute(argv0 ? argv0 : ".", ec);
  return self.parent_path();
}

}  // namespace rdsca::fs
