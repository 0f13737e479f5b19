#include "verify/probe_net.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

namespace rdsca::net {

namespace {

std::string LowerFirst(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::string NumericHost(const sockaddr* sa, socklen_t len) {
  char buf[NI_MAXHOST] = {};
  if (getnameinfo(sa, len, buf, sizeof buf, nullptr, 0, NI_NUMERICHOST) != 0) return "?";
  return buf;
}

Resolved ResolveNow(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* list = nullptr;
  Resolved out;
  const int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (rc != 0) {
    out.error = LowerFirst(rc == EAI_SYSTEM ? std::strerror(errno) : gai_strerror(rc));
    return out;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(list, freeaddrinfo);
  for (const addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    Address a;
    a.text = NumericHost(ai->ai_addr, ai->ai_addrlen);
    std::memcpy(&a.storage, ai->ai_addr, ai->ai_addrlen);
    a.length = ai->ai_addrlen;
    bool seen = false;
    for (const auto& b : out.addresses) seen = seen || b.text == a.text;
    if (!seen) out.addresses.push_back(a);
  }
  return out;
}

/// Shared between Resolve and its helper thread, which may outlive the call.
struct ResolveJob {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  Resolved result;
};

int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left > 3600000 ? 3600000 : left);
}

std::string Seconds(Clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

/// One attempt: "" on success (and `out` holds the socket), else the reason.
std::string ConnectOne(const Address& a, Clock::time_point deadline, Socket& out, bool& timed_out) {
  const auto started = Clock::now();
  Socket s(::socket(a.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (s.get() < 0) return ErrnoText(errno);
  if (::connect(s.get(), reinterpret_cast<const sockaddr*>(&a.storage), a.length) != 0) {
    if (errno != EINPROGRESS) return ErrnoText(errno);
    if (WaitReady(s.get(), true, deadline) == IoStatus::kTimeout) {
      timed_out = true;
      return "timed out after " + Seconds(deadline - started);
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(s.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) return ErrnoText(err);
  }
  out = std::move(s);
  return "";
}

}  // namespace

std::string SecondsText(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
  return std::to_string(ms.count()) + " ms";
}

std::string ErrnoText(int err) { return LowerFirst(std::strerror(err)); }

Resolved Resolve(const std::string& host, int port, Clock::time_point deadline) {
  auto job = std::make_shared<ResolveJob>();
  std::thread([job, host, port] {
    Resolved r = ResolveNow(host, port);
    std::lock_guard<std::mutex> lock(job->mutex);
    job->result = std::move(r);
    job->done = true;
    job->done_cv.notify_all();
  }).detach();
  std::unique_lock<std::mutex> lock(job->mutex);
  if (!job->done_cv.wait_until(lock, deadline, [&] { return job->done; })) {
    Resolved r;
    r.timed_out = true;
    return r;
  }
  return std::move(job->result);
}

SigpipeGuard::SigpipeGuard() {
  sigset_t pending, block;
  sigemptyset(&pending);
  sigpending(&pending);
  was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  sigemptyset(&block);
  sigaddset(&block, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &block, &old_);
}

SigpipeGuard::~SigpipeGuard() {
  if (!was_pending_) {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe, nullptr, &zero) == SIGPIPE) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

ConnectResult ConnectAny(const std::vector<Address>& addresses, Clock::time_point deadline) {
  ConnectResult c;
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    const auto left = deadline - Clock::now();
    if (left <= Clock::duration::zero()) {
      c.failures.push_back(addresses[i].text + ": not tried (out of time)");
      c.timed_out = true;
      continue;
    }
    const auto share = left / static_cast<long>(addresses.size() - i);
    const std::string why = ConnectOne(addresses[i], Clock::now() + share, c.socket, c.timed_out);
    if (why.empty()) {
      c.address = addresses[i].text;
      return c;
    }
    c.failures.push_back(addresses[i].text + ": " + why);
  }
  return c;
}

IoStatus WaitReady(int fd, bool for_write, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
    const int rc = ::poll(&p, 1, MillisLeft(deadline));
    if (rc > 0) return IoStatus::kOk;  // errors and hang-ups show in the next call
    if (rc < 0 && errno != EINTR) return IoStatus::kError;
    if (rc == 0 && Clock::now() >= deadline) return IoStatus::kTimeout;
  }
}

IoStatus SendAll(int fd, std::string_view data, Clock::time_point deadline, std::string& error) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      const IoStatus s = WaitReady(fd, true, deadline);
      if (s != IoStatus::kOk) return s;
    } else {
      error = ErrnoText(errno);
      return errno == EPIPE || errno == ECONNRESET ? IoStatus::kClosed : IoStatus::kError;
    }
  }
  return IoStatus::kOk;
}

IoStatus ReadByte(int fd, char& out, Clock::time_point deadline, std::string& error) {
  std::string byte;
  const IoStatus s = ReadExact(fd, 1, byte, deadline, error);
  if (s == IoStatus::kOk) out = byte[0];
  return s;
}

IoStatus ReadExact(int fd, std::size_t n, std::string& out, Clock::time_point deadline, std::string& error) {
  out.assign(n, '\0');
  for (std::size_t got = 0; got < n;) {
    const ssize_t r = ::recv(fd, out.data() + got, n - got, 0);
    if (r > 0) {
      got += static_cast<std::size_t>(r);
      continue;
    }
    if (r == 0) return IoStatus::kClosed;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      const IoStatus s = WaitReady(fd, false, deadline);
      if (s != IoStatus::kOk) return s;
      continue;
    }
    error = ErrnoText(errno);
    return errno == ECONNRESET ? IoStatus::kClosed : IoStatus::kError;
  }
  return IoStatus::kOk;
}

}  // namespace rdsca::net
