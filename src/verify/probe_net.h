#pragma once
// The socket half of the probe: name resolution with a deadline, a non-blocking TCP connect
// over every address, and byte I/O bounded by a deadline. POSIX only, no OpenSSL.
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/fs.h"

namespace rdsca::net {

using Clock = std::chrono::steady_clock;

/// One resolved address.
struct Address {
  std::string text;  ///< numeric form: "127.0.0.1", "::1"
  sockaddr_storage storage{};
  socklen_t length = 0;
};

/// What the resolver gave, or why not.
struct Resolved {
  std::vector<Address> addresses;  ///< IPv4 and IPv6, resolver order, no duplicates
  std::string error;               ///< the resolver's words when it failed (lower case)
  bool timed_out = false;          ///< the deadline passed before the resolver answered
};

/// Resolves `host` (a name or an IP literal) for TCP `port`, every family. getaddrinfo has no
/// timeout of its own: it runs on a helper thread that is abandoned at the deadline.
Resolved Resolve(const std::string& host, int port, Clock::time_point deadline);

/// A socket, closed at scope exit.
using Socket = fs::Fd;

/// The outcome of trying every address in turn.
struct ConnectResult {
  Socket socket;                      ///< connected and non-blocking; invalid (-1) when none
  std::string address;                ///< the address connected to
  std::vector<std::string> failures;  ///< "ADDRESS: reason" for each address that failed
  bool timed_out = false;             ///< some attempt ran out of time
};

/// Connects to the addresses in order; each attempt gets an equal share of the time left.
ConnectResult ConnectAny(const std::vector<Address>& addresses, Clock::time_point deadline);

/// Result of a bounded read or write.
enum class IoStatus { kOk, kTimeout, kClosed, kError };

/// Waits until `fd` is readable (or writable); kTimeout at the deadline.
IoStatus WaitReady(int fd, bool for_write, Clock::time_point deadline);

/// Writes all of `data`; `error` gets the reason on kError.
IoStatus SendAll(int fd, std::string_view data, Clock::time_point deadline, std::string& error);

/// Reads exactly one byte into `out`; kClosed when the peer closed first.
IoStatus ReadByte(int fd, char& out, Clock::time_point deadline, std::string& error);

/// Reads exactly `n` bytes into `out` (replaced); kClosed when the peer closed first.
IoStatus ReadExact(int fd, std::size_t n, std::string& out, Clock::time_point deadline, std::string& error);

/// Blocks SIGPIPE in this thread while alive (OpenSSL writes with write(2), which raises it
/// when the peer has gone) and discards one raised meanwhile, as libpq does.
class SigpipeGuard {
 public:
  SigpipeGuard();
  ~SigpipeGuard();
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t old_{};
  bool was_pending_ = false;
};

/// "5 s", or "500 ms" for a time that is not whole seconds: for messages about a deadline.
std::string SecondsText(std::chrono::milliseconds ms);

/// strerror(err) with a lower-case first letter ("connection refused").
std::string ErrnoText(int err);

}  // namespace rdsca::net
