// measure_run CMD [ARGS...]: runs CMD (an absolute path) in a child (fork, then execv with this
// environment and these stdin/stdout/stderr), waits for it, and writes one line to file
// descriptor 3: "WALL_NS CPU_US MAXRSS_KIB EXIT" (CPU = user + system time of the child and
// every process it waited for; MAXRSS = the largest of them, from wait4). EXIT is the exit
// status, or 128 + the signal. bench/harness.py spawns every timed process through it.
//
// Why a separate, statically linked program: a child's peak RSS includes the pages its parent
// had when it forked (they are folded in at exec), so spawning from Python would add Python's
// ~15 MiB to every figure. This program holds a few pages; fork copies only those.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

namespace {

long long NowNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || ::fcntl(3, F_SETFD, FD_CLOEXEC) != 0) {
    std::fputs("usage: measure_run CMD [ARGS...]   (with file descriptor 3 open for the result)\n", stderr);
    return 2;
  }
  const long long start = NowNs();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(argv[1], argv + 1);
    ::_exit(127);
  }
  if (pid < 0) return 1;
  int status = 0;
  rusage ru{};
  if (::wait4(pid, &status, 0, &ru) != pid) return 1;
  const long long wall = NowNs() - start;
  const long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  char line[128];
  const int n = std::snprintf(line, sizeof line, "%lld %lld %ld %d\n", wall, cpu, ru.ru_maxrss, code);
  return ::write(3, line, static_cast<size_t>(n)) == n ? 0 : 1;
}
