#pragma once
// The local HTTPS test server (tests/https_server.py) as a scoped object: started on a free port
// of 127.0.0.1 with the fixture CA's server certificate, stopped (by its own pid) at scope exit.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "base/fs.h"
#include "test_util.h"

namespace rdsca::testing {

class HttpsTestServer {
 public:
  /// Serves the files of `root`; logs every request line to a file in a private temp dir.
  /// `options` go to https_server.py as they are ("--bind 127.0.0.2", "--max-tls 1.1").
  explicit HttpsTestServer(const std::filesystem::path& root, const std::string& options = "")
      : log_(log_dir_.path() / "requests.log") {
    const std::string script = std::string(RDSCA_SOURCE_DIR) + "/tests/https_server.py";
    const std::string cmd = "exec python3 '" + script + "' --root '" + root.string() + "' --cert '" +
                            Fixture("certs/server.pem").string() + "' --key '" + Fixture("certs/server.key").string() +
                            "' --log '" + log_.string() + "' " + options;
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the test binary
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    char c;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(fds[0]);
    if (line.rfind("PORT ", 0) != 0) throw std::runtime_error("https_server.py did not start: " + line);
    port_ = std::stoi(line.substr(5));
    const auto bind = options.find("--bind ");
    host_ = bind == std::string::npos ? "127.0.0.1" : options.substr(bind + 7, options.find(' ', bind + 7) - bind - 7);
  }
  ~HttpsTestServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  HttpsTestServer(const HttpsTestServer&) = delete;
  HttpsTestServer& operator=(const HttpsTestServer&) = delete;

  int port() const { return port_; }
  /// "https://HOST:PORT" + path (HOST 127.0.0.1 unless --bind chose another)
  std::string Url(const std::string& path) const { return "https://" + host_ + ":" + std::to_string(port_) + path; }
  /// Every request line so far ("GET /files/x\n..."), empty when none.
  std::string Requests() const { return fs::ReadFileIfExists(log_, "request log").value_or(""); }

 private:
  TempDir log_dir_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string host_;
};

}  // namespace rdsca::testing
