#pragma once
// Shared by the fuzz targets (fuzz/<name>_fuzz.cc). Each target is written once with
// RDSCA_FUZZ_TARGET(name) and built two ways:
// - with RDSCA_LIBFUZZER defined (cmake -DRDSCA_FUZZ=ON, scripts/fuzz): the target is
//   LLVMFuzzerTestOneInput and a violated property aborts, so libFuzzer keeps the input;
// - without (the unit suite): the target is registered under its name and a violated property
//   throws, so fuzz/fuzz_replay_test.cc can replay fixtures/fuzz-regressions/<name>/*.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rdsca::fuzz {

/// The signature of a fuzz target.
using Target = int (*)(const std::uint8_t* data, std::size_t size);

/// Registers a target under `name` (replay build only; see RDSCA_FUZZ_TARGET).
struct Registration {
  Registration(const char* name, Target target);
};

/// The registered target `name`, or nullptr.
Target FindTarget(std::string_view name);

/// The names of every registered target, sorted.
std::vector<std::string> TargetNames();

/// Reports a violated property: prints it and aborts (libFuzzer build), or throws
/// std::logic_error with it (replay build). `detail` may hold any bytes; it is escaped.
[[noreturn]] void Violated(std::string_view property, std::string_view detail);

/// True for the hosts a DATABASE_URL can carry (db/resolve.cc's CheckedHost lets only these
/// shapes through): host-name or IP characters, a zone after '%' for IPv6.
bool ValidUrlHost(const std::string& host);

/// Violated(property, detail) unless `ok`.
inline void Check(bool ok, std::string_view property, std::string_view detail = "") {
  if (!ok) Violated(property, detail);
}

/// The project's rule for error messages: one line, not empty (README.md).
void CheckOneLine(std::string_view message);

/// `text` with control and non-ASCII bytes as \xNN, for property reports.
std::string Escaped(std::string_view text);

/// A fresh directory for a target's scratch files, removed with its contents at normal exit:
/// under $RDSCA_FUZZ_SCRATCH when set, else /dev/shm when writable (no disk I/O per run), else
/// the temporary directory. Aborts when it cannot be made.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Writes `data` to `path` (created or truncated), no fsync: scratch files only.
void WriteScratch(const std::filesystem::path& path, std::string_view data);

/// Runs `argv` (argv[0] an absolute path) with exactly `env` ("NAME=value" each), and returns
/// what it printed on stdout. A program that cannot be spawned or does not exit 0 is a violated
/// property: `property`, with `detail` (any bytes) in the report.
std::string RunCapture(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                       std::string_view property, std::string_view detail);

/// The depth and size dimensions, which byte-level mutation alone would take long to reach:
/// `text` with each marker \x0f K H L replaced by N = 256*H + L (times 8) copies of a unit:
/// K % 4 picks "[", "]", "{\"a\":" or "}", and \x10 C H L by N copies of byte C (a password
/// of 200 KB). Everything else is kept; the result is at most kMaxAmplified bytes.
std::string Amplified(std::string_view text);
inline constexpr std::size_t kMaxAmplified = 2u << 20;

/// True for a shell variable name: letters, digits and '_', not starting with a digit.
bool IsIdentifier(std::string_view name);

/// Reads a fuzz input front to back; past the end every read gives zeros or empty strings.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  /// The next byte (0 past the end).
  std::uint8_t Byte();
  /// The next `n` bytes (fewer at the end).
  std::string Take(std::size_t n);
  /// Bytes up to (not including) the next `separator`, which is consumed; all that is left
  /// when there is none.
  std::string Until(char separator);
  /// Everything not read yet.
  std::string Rest();
  /// True when everything was read.
  bool Empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace rdsca::fuzz

#ifdef RDSCA_LIBFUZZER
#define RDSCA_FUZZ_TARGET(name) \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#else
#define RDSCA_FUZZ_TARGET(name)                                                           \
  static int FuzzTarget_##name(const std::uint8_t* data, std::size_t size);               \
  static const rdsca::fuzz::Registration kFuzzRegistration_##name(#name, FuzzTarget_##name); \
  static int FuzzTarget_##name(const std::uint8_t* data, std::size_t size)
#endif
