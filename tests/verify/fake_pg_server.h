#pragma once
// A fake PostgreSQL front door for the probe's unit tests: it listens on 127.0.0.1 (an
// ephemeral port), reads the 8-byte SSLRequest, answers 'S' or 'N', and after 'S' runs the
// TLS handshake with the given chain and key, then reads until the client closes. It records
// what it saw, so tests can prove the probe never sends a startup packet. A connection that
// starts with a StartupMessage instead (the plaintext check of --require-tls) reads it whole,
// gets the canned PlaintextReply (an ErrorResponse or an authentication request; none: the
// server closes), and everything the client sends after it is recorded: a password would show
// there. Also the other servers
// the verify tests (probe, sql_check, verify_step, cli/verify_cmd) need: a closed port and a
// listener that never answers.
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace rdsca::testing {

/// A TCP socket bound to 127.0.0.1 on an ephemeral port; listening with `backlog` when it is
/// above 0 (a kernel that completes connects nobody accepts), else only bound.
inline int BindLoopback(int backlog = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  if (backlog > 0) ::listen(fd, backlog);
  return fd;
}

/// The local port of socket `fd`.
inline int PortOf(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  return ntohs(a.sin_port);
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed): connects are refused.
inline int ClosedPort() {
  const int fd = BindLoopback();
  const int port = PortOf(fd);
  ::close(fd);
  return port;
}

/// A listening socket on 127.0.0.1 that never accepts: connects complete, then silence.
class SilentListener {
 public:
  SilentListener() : fd_(BindLoopback(4)) {}
  ~SilentListener() { ::close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return PortOf(fd_); }

 private:
  int fd_;
};

/// A fake PostgreSQL front door (see the file comment).
class FakePgServer {
 public:
  /// `answer` is the byte sent back to the SSLRequest; with 'S' the server does TLS with
  /// `chain_file` (leaf first) and `key_file`.
  FakePgServer(char answer, const std::string& chain_file = "", const std::string& key_file = "")
      : answer_(answer), fd_(BindLoopback(8)), port_(PortOf(fd_)) {
    if (answer == 'S') {
      ctx_ = SSL_CTX_new(TLS_server_method());
      SSL_CTX_use_certificate_chain_file(ctx_, chain_file.c_str());
      SSL_CTX_use_PrivateKey_file(ctx_, key_file.c_str(), SSL_FILETYPE_PEM);
    }
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakePgServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  }
  FakePgServer(const FakePgServer&) = delete;
  FakePgServer& operator=(const FakePgServer&) = delete;

  int port() const { return port_; }
  /// The bytes read before the answer (the SSLRequest, as the server saw it).
  std::string preamble() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return preamble_;
  }
  /// Waits (up to 5 s) until `n` connections have been handled to their end; false on timeout.
  bool WaitForConnections(int n) const {
    for (int i = 0; i < 500 && done_ < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done_ >= n;
  }
  /// Sets the bytes sent back to a plaintext StartupMessage (PgError, PgAuthRequest); empty: close.
  void PlaintextReply(std::string reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    plaintext_reply_ = std::move(reply);
  }
  /// The last plaintext StartupMessage, whole ("" when none came).
  std::string startup() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return startup_;
  }
  /// Everything the client sent after its plaintext StartupMessage, until it closed.
  std::string after_startup() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return after_startup_;
  }
  /// Plaintext StartupMessages received.
  int startups() const { return startups_; }
  /// Completed TLS handshakes.
  int handshakes() const { return handshakes_; }
  /// Application bytes received over TLS after the handshake (a startup packet would be >0).
  long bytes_after_tls() const { return bytes_after_tls_; }

 private:
  void Serve() {
    sigset_t block;  // a client that hangs up must not kill the test run
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, nullptr);
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      Handle(c);
      ::close(c);
      ++done_;
    }
  }
  void Handle(int c) {
    timeval tv{5, 0};
    ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    char buf[512];
    while (got.size() < 8) {
      const ssize_t n = ::recv(c, buf, 8 - got.size(), 0);
      if (n <= 0) return;
      got.append(buf, static_cast<std::size_t>(n));
    }
    if (got != std::string("\x00\x00\x00\x08\x04\xD2\x16\x2F", 8)) return HandleStartup(c, got);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      preamble_ = got;
    }
    if (::send(c, &answer_, 1, MSG_NOSIGNAL) != 1 || answer_ != 'S') return;
    SSL* ssl = SSL_new(ctx_);
    SSL_set_fd(ssl, c);
    if (SSL_accept(ssl) == 1) {
      ++handshakes_;
      for (int n; (n = SSL_read(ssl, buf, sizeof buf)) > 0;) bytes_after_tls_ += n;
      SSL_shutdown(ssl);
    }
    ERR_clear_error();
    SSL_free(ssl);
  }
  /// A plaintext StartupMessage whose first 8 bytes are `got`: read it whole, answer, record.
  void HandleStartup(int c, std::string got) {
    const std::size_t length = (static_cast<unsigned char>(got[0]) << 24) | (static_cast<unsigned char>(got[1]) << 16) |
                               (static_cast<unsigned char>(got[2]) << 8) | static_cast<unsigned char>(got[3]);
    char buf[512];
    while (got.size() < length && length < 10000) {
      const ssize_t n = ::recv(c, buf, std::min(sizeof buf, length - got.size()), 0);
      if (n <= 0) return;
      got.append(buf, static_cast<std::size_t>(n));
    }
    std::string reply;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      startup_ = got;
      after_startup_.clear();
      reply = plaintext_reply_;
    }
    ++startups_;
    if (reply.empty()) return;
    if (::send(c, reply.data(), reply.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(reply.size())) return;
    for (ssize_t n; (n = ::recv(c, buf, sizeof buf, 0)) > 0;) {
      std::lock_guard<std::mutex> lock(mutex_);
      after_startup_.append(buf, static_cast<std::size_t>(n));
    }
  }

  char answer_;
  int fd_ = -1;
  int port_ = 0;
  SSL_CTX* ctx_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> handshakes_{0};
  std::atomic<int> done_{0};
  std::atomic<long> bytes_after_tls_{0};
  std::atomic<int> startups_{0};
  mutable std::mutex mutex_;
  std::string preamble_;
  std::string plaintext_reply_;
  std::string startup_;
  std::string after_startup_;
};

/// A backend message: `type`, its length, `body`.
inline std::string PgMessage(char type, const std::string& body) {
  const std::size_t n = body.size() + 4;
  return std::string(1, type) + static_cast<char>(n >> 24) + static_cast<char>((n >> 16) & 0xFF) +
         static_cast<char>((n >> 8) & 0xFF) + static_cast<char>(n & 0xFF) + body;
}

/// An ErrorResponse with severity FATAL, `sqlstate` and `message`.
inline std::string PgError(const std::string& sqlstate, const std::string& message) {
  return PgMessage('E', std::string("SFATAL") + '\0' + "VFATAL" + '\0' + "C" + sqlstate + '\0' + "M" + message + '\0' +
                            '\0');
}

/// An authentication request: code 0 (Ok), 3 (cleartext), 5 (MD5, then `extra` = the salt),
/// 10 (SASL, then `extra` = the mechanism names, each followed by a zero byte, and a zero byte).
inline std::string PgAuthRequest(int code, const std::string& extra = "") {
  return PgMessage('R', std::string("\0\0\0", 3) + static_cast<char>(code) + extra);
}

}  // namespace rdsca::testing
