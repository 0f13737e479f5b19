#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rdsca::fs {

namespace stdfs = std::filesystem;

/// A file descriptor, closed when the handle goes (or by Close, which reports the result).
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  /// Gives the descriptor up without closing it.
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  /// Closes now: 0, or the errno of close(2) (a write error the kernel reports late).
  int Close();

 private:
  int fd_ = -1;
};

/// Reads a whole file. Throws Failure("cannot read <what> at <path>: <reason>") when it cannot,
/// or when it is larger than `max_bytes`.
std::string ReadFile(const stdfs::path& path, std::string_view what,
                     std::size_t max_bytes = 64u << 20);

/// Like ReadFile, but returns nothing when the file does not exist.
std::optional<std::string> ReadFileIfExists(const stdfs::path& path, std::string_view what,
                                            std::size_t max_bytes = 64u << 20);

/// Writes `data` to `path` atomically: a temporary file in the same directory, fsync (unless a
/// SkipFsync is alive), then rename. Readers and a process killed half-way see the old file or
/// the new one, never half of one. Parent directories are created (0755). Throws Failure naming
/// the path and the reason (e.g. "No space left on device").
void WriteFileAtomic(const stdfs::path& path, std::string_view data, unsigned mode = 0644);

/// True for a file name of the form WriteFileAtomic and CopyFileAtomic give their temporary
/// (NAME.tmp-PID-N): what a process killed before the rename leaves behind.
bool IsAtomicTempName(std::string_view name);

/// While one is alive, WriteFileAtomic and CopyFileAtomic skip their fsync: for staging, whose
/// files a crashed machine loses anyway (the droplet is made only after staging succeeds). The
/// rename still makes every file appear whole, so a killed process leaves old or new files only.
class SkipFsync {
 public:
  SkipFsync();
  ~SkipFsync();
  SkipFsync(const SkipFsync&) = delete;
  SkipFsync& operator=(const SkipFsync&) = delete;
  /// True while a SkipFsync is alive.
  static bool Active();
};

/// Creates `dir` and its parents with mode 0755 (not affected by a stricter umask).
void MakeDirs(const stdfs::path& dir);

/// Regular-file and directory names in `dir`, sorted bytewise; empty when `dir` does not exist.
std::vector<std::string> ListDir(const stdfs::path& dir);

/// Copies a file atomically (as WriteFileAtomic, fsync included), keeping its executable bit.
/// The bytes are streamed (copy_file_range, else read and write), never held in memory. Throws
/// ReadFile's Failure (with what = "file", at most 256 MiB) or WriteFileAtomic's.
void CopyFileAtomic(const stdfs::path& from, const stdfs::path& to);

/// Replaces directory `dir` with the fully written directory `staged` (same parent, renamed
/// into place), so a reader sees the old tree or the new one. `staged` must not be `dir`.
void ReplaceDir(const stdfs::path& staged, const stdfs::path& dir);

/// The directory that holds the running executable (from /proc/self/exe, falling back to argv0).
stdfs::path ExecutableDir(const char* argv0);

}  // namespace rdsca::fs
