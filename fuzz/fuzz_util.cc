#include "fuzz_util.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

namespace rdsca::fuzz {

namespace {

std::map<std::string, Target, std::less<>>& Registry() {
  static std::map<std::string, Target, std::less<>> registry;
  return registry;
}

}  // namespace

Registration::Registration(const char* name, Target target) { Registry()[name] = target; }

Target FindTarget(std::string_view name) {
  auto it = Registry().find(name);
  return it == Registry().end() ? nullptr : it->second;
}

std::vector<std::string> TargetNames() {
  std::vector<std::string> names;
  for (const auto& entry : Registry()) names.push_back(entry.first);
  return names;
}

std::string Escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '\\') {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

void Violated(std::string_view property, std::string_view detail) {
  const std::string text = "property violated: " + std::string(property) +
                           (detail.empty() ? "" : ": " + Escaped(detail));
#ifdef RDSCA_LIBFUZZER
  std::fprintf(stderr, "%s\n", text.c_str());
  std::abort();
#else
  throw std::logic_error(text);
#endif
}

void CheckOneLine(std::string_view message) {
  Check(!message.empty(), "an error message is not empty");
  Check(message.find_first_of("\r\n") == std::string_view::npos, "an error message is one line",
        message);
}

ScratchDir::ScratchDir(std::string_view prefix) {
  std::filesystem::path base = std::filesystem::temp_directory_path();
  std::error_code ec;
  if (const char* env = std::getenv("RDSCA_FUZZ_SCRATCH"); env != nullptr && *env != '\0') {
    base = env;
  } else if (std::filesystem::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) {
    base = "/dev/shm";
  }
  std::string templ = (base / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr) {
    std::fprintf(stderr, "cannot make a scratch directory under %s\n", base.c_str());
    std::abort();
  }
  path_ = templ;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteScratch(const std::filesystem::path& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::uint8_t Input::Byte() {
  if (rest_.empty()) return 0;
  const auto b = static_cast<std::uint8_t>(rest_.front());
  rest_.remove_prefix(1);
  return b;
}

std::string Input::Take(std::size_t n) {
  std::string out(rest_.substr(0, n));
  rest_.remove_prefix(out.size());
  return out;
}

std::string Input::Until(char separator) {
  const std::size_t at = rest_.find(separator);
  std::string out(rest_.substr(0, at));
  rest_.remove_prefix(at == std::string_view::npos ? rest_.size() : at + 1);
  return out;
}

std::string Input::Rest() {
  std::string out(rest_);
  rest_ = {};
  return out;
}

std::string Amplified(std::string_view text) {
  static constexpr std::string_view kUnits[] = {"[", "]", "{\"a\":", "}"};
  std::string out;
  for (std::size_t i = 0; i < text.size() && out.size() < kMaxAmplified; ++i) {
    const char c = text[i];
    if ((c != '\x0f' && c != '\x10') || i + 3 >= text.size()) {
      out += c;
      continue;
    }
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const std::size_t count = (256u * byte(i + 2) + byte(i + 3)) * 8u;
    const std::string unit = c == '\x0f' ? std::string(kUnits[byte(i + 1) % 4]) : std::string(1, text[i + 1]);
    for (std::size_t n = 0; n < count && out.size() < kMaxAmplified; ++n) out += unit;
    i += 3;
  }
  if (out.size() > kMaxAmplified) out.resize(kMaxAmplified);
  return out;
}

bool ValidUrlHost(const std::string& host) {
  if (host.empty()) return false;
  const bool ipv6 = host.find(':') != std::string::npos;
  for (char c : host) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!(alnum || c == '.' || c == '-' || (!ipv6 && c == '_') || (ipv6 && (c == ':' || c == '%')))) return false;
  }
  return true;
}

std::string RunCapture(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                       std::string_view property, std::string_view detail) {
  int out[2];
  if (::pipe(out) != 0) std::abort();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  args.push_back(nullptr);
  envp.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  std::string printed;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    printed.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  while (rc == 0 && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Check(rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, property,
        "spawn " + std::to_string(rc) + ", wait status " + std::to_string(status) + ": " + std::string(detail));
  return printed;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace rdsca::fuzz
