#include "fs.h"

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

#include "error.h"

namespace rdsca::fs {

namespace {

std::string Reason(int err) { return std::strerror(err); }

[[noreturn]] void FailWrite(const stdfs::path& path, int err) {
  throw Failure("cannot write " + path.string() + ": " + Reason(err) +
                " (check free space and permissions of that directory)");
}

std::string TempName(const stdfs::path& path) {
  static std::mt19937_64 rng{std::random_device{}()};
  return path.string() + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000);
}

}  // namespace

std::optional<std::string> ReadFileIfExists(const stdfs::path& path, std::string_view what,
                                            std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": " + Reason(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    throw Failure(std::string(what) + " at " + path.string() + " is " + std::to_string(st.st_size) +
                  " bytes, more than the " + std::to_string(max_bytes) + " this reads");
  }
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw Failure("cannot read " + std::string(what) + " at " + path.string() + ": " + Reason(err));
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) {
      ::close(fd);
      throw Failure(std::string(what) + " at " + path.string() + " is more than the " +
                    std::to_string(max_bytes) + " bytes this reads");
    }
  }
  ::close(fd);
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
  MakeDirs(path.parent_path());
  const std::string tmp = TempName(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) FailWrite(path, errno);
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      FailWrite(path, err);
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    FailWrite(path, err);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    FailWrite(path, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    FailWrite(path, err);
  }
}

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
  WriteFileAtomic(to, ReadFile(from, "file", 256u << 20), mode);
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
