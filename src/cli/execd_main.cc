// rds-ca-execd: the launch hook under the Cloud Native Buildpacks launcher. The launcher runs
// every executable in <layer>/exec.d/ at each start (no arguments, no shell, working directory
// the app) and reads TOML from its file descriptor 3: each key overrides that variable for the
// process. This program writes the same exports rds-ca-launch gives bash (launch/exports.h),
// computed from the live bindings, as TOML (launch/render_toml.h).
// On bad input: one line on stderr, nothing on fd 3, exit 1, and the launcher refuses the
// start (exit 82): never an environment other than the one computed. RDS_CA_VERIFY=warn|strict
// probes the database first, with the exports applied, as the classic hook script does
// (VerifyAtStart); under strict a failed probe refuses the start the same way.
// It links no OpenSSL, libcurl or libpq, and no iostream: it runs at every start.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <string>

#include "base/env.h"
#include "base/error.h"
#include "base/fs.h"
#include "launch/cnb_launch.h"
#include "launch/exports.h"
#include "launch/render_toml.h"

namespace {

constexpr int kOutputFd = 3;  // the exec.d contract's output

int Fail(const char* message) {
  std::fprintf(stderr, "rds-ca-execd: %s\n", message);
  return 1;
}

/// Writes all of `text` to fd 3; false (errno set) when it cannot.
bool WriteAll(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(kOutputFd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 1) {
    std::fputs("usage: rds-ca-execd (no arguments: the CNB launcher runs it from exec.d, output on fd 3)\n", stderr);
    return 2;
  }
  std::string text;
  rdsca::StartCheck check;
  try {
    const rdsca::Env env = rdsca::CurrentEnvironment();
    const std::string layer = rdsca::LayerOfProgram(rdsca::fs::ExecutableDir(argv[0]));
    const auto exports = rdsca::LaunchExports(env, layer);
    text = rdsca::RenderToml(exports);
    check = rdsca::VerifyAtStart(env, exports, layer, stderr);
  } catch (const rdsca::Failure& e) {
    return Fail(e.what());
  } catch (const std::exception& e) {
    return Fail((std::string("unexpected failure: ") + e.what()).c_str());
  }
  if (!check.message.empty()) std::fprintf(stderr, "%s\n", check.message.c_str());
  if (check.refuse) return 1;  // RDS_CA_VERIFY=strict: the probe said why, on stderr
  if (!WriteAll(text)) {
    return Fail(errno == EBADF ? "file descriptor 3 is not open: the CNB launcher gives it (by hand: rds-ca-execd 3>&1)"
                               : "cannot write the exports to file descriptor 3");
  }
  return 0;
}
