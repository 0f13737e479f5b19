#include "launch/cnb_launch.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/error.h"
#include "launch/start_check.h"

namespace rdsca {

std::string LayerOfProgram(const std::filesystem::path& exe_dir) {
  const std::string dir = exe_dir.filename().string();
  if ((dir != "exec.d" && dir != "bin") || !exe_dir.has_parent_path() || exe_dir.parent_path() == exe_dir.root_path()) {
    throw Failure("this program runs from " + exe_dir.string() +
                  ", not from a launch layer's exec.d/ or bin/: the CNB launcher runs it from <layers>/<buildpack>/<layer>/exec.d");
  }
  return exe_dir.parent_path().string();
}

StartCheck VerifyAtStart(const Env& env, const std::vector<Export>& exports, const std::string& layer,
                         std::FILE* notes) {
  const StartCheckPlan plan = StartCheckFor(env);
  std::string message;
  for (const auto& note : plan.notes) {
    if (notes != nullptr) {
      std::fprintf(notes, "%s\n", note.c_str());
    } else {
      message += (message.empty() ? "" : "\n") + note;
    }
  }
  if (!plan.run) return {false, message};
  Env run = env;
  for (const auto& e : exports) run[e.name] = e.value;
  std::vector<std::string> pairs;
  for (const auto& [name, value] : run) pairs.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& p : pairs) envp.push_back(p.data());
  envp.push_back(nullptr);
  std::string program = layer + "/bin/rds-ca";
  std::vector<std::string> words = plan.args;
  std::vector<char*> argv{program.data()};
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  ::fcntl(3, F_SETFD, FD_CLOEXEC);  // the exec.d output stays ours (when it is open at all)
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), envp.data());
  int status = 0;
  while (rc == 0 && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (rc != 0) {
    return {plan.refuses, message + (message.empty() ? "" : "\n") + "rds-ca: cannot run " + program + " verify: " +
                              std::strerror(rc)};
  }
  const bool verified = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return {plan.refuses && !verified, message};
}

}  // namespace rdsca
