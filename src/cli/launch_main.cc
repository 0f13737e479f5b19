// rds-ca-launch DEPS_IDX: the launch hook. Sourced through .profile.d at every container start,
// it prints `export NAME='value'` lines for bash to eval, computed from the live bindings.
// On bad input: one line on stderr, nothing on stdout, exit 1 (never half an environment).
// It links no OpenSSL, libcurl or libpq, and no iostream: it must stay cheap.
#include <cstdio>
#include <exception>
#include <string>

#include "base/env.h"
#include "base/error.h"
#include "launch/cf_launch.h"
#include "launch/render_shell.h"

namespace {

int Fail(const char* message) {
  std::fprintf(stderr, "rds-ca-launch: %s\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: rds-ca-launch DEPS_IDX\n", stderr);
    return 2;
  }
  std::string text;
  try {
    const rdsca::Env env = rdsca::CurrentEnvironment();
    text = rdsca::RenderShell(rdsca::CfLaunchExports(env, argv[1]));
  } catch (const rdsca::Failure& e) {
    return Fail(e.what());
  } catch (const std::exception& e) {
    return Fail((std::string("unexpected failure: ") + e.what()).c_str());
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    return Fail("cannot write the exports to stdout");
  }
  return 0;
}
