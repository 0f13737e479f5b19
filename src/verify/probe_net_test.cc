#include "verify/probe_net.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <unistd.h>

namespace rdsca::net {
namespace {

using std::chrono::milliseconds;

/// A listening socket on `ip` (an IPv4 or IPv6 literal), port chosen by the kernel.
struct Listener {
  Socket socket;
  int port = 0;
  explicit Listener(const std::string& ip, int fixed_port = 0) {
    const Resolved r = Resolve(ip, fixed_port, Clock::now() + milliseconds(1000));
    REQUIRE(r.addresses.size() == 1);
    const Address& a = r.addresses.front();
    socket = Socket(::socket(a.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(::bind(socket.get(), reinterpret_cast<const sockaddr*>(&a.storage), a.length) == 0);
    REQUIRE(::listen(socket.get(), 4) == 0);
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&bound), &len);
    port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                       : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  }
};

TEST_CASE("Resolve gives numeric addresses for literals and names") {
  const auto deadline = Clock::now() + milliseconds(2000);
  Resolved r = Resolve("127.0.0.1", 5432, deadline);
  REQUIRE(r.addresses.size() == 1);
  CHECK(r.addresses[0].text == "127.0.0.1");
  CHECK(r.addresses[0].storage.ss_family == AF_INET);
  r = Resolve("::1", 5432, deadline);
  REQUIRE(r.addresses.size() == 1);
  CHECK(r.addresses[0].text == "::1");
  CHECK(r.addresses[0].storage.ss_family == AF_INET6);
  r = Resolve("localhost", 5432, deadline);
  CHECK_FALSE(r.addresses.empty());
  CHECK(r.error == "");
}

TEST_CASE("Resolve reports an unknown name in the resolver's words") {
  const Resolved r = Resolve("no-such-host.invalid", 5432, Clock::now() + milliseconds(3000));
  CHECK(r.addresses.empty());
  CHECK((r.timed_out || !r.error.empty()));
}

TEST_CASE("ConnectAny tries every address in order, IPv6 and IPv4") {
  Listener v4("127.0.0.1");
  const auto deadline = Clock::now() + milliseconds(2000);
  std::vector<Address> both = Resolve("::1", v4.port, deadline).addresses;
  both.push_back(Resolve("127.0.0.1", v4.port, deadline).addresses.at(0));
  const ConnectResult c = ConnectAny(both, deadline);
  CHECK(c.socket.get() >= 0);
  CHECK(c.address == "127.0.0.1");
  CHECK(c.failures == std::vector<std::string>{"::1: connection refused"});
  CHECK_FALSE(c.timed_out);
}

TEST_CASE("ConnectAny connects over IPv6") {
  Listener v6("::1");
  const auto deadline = Clock::now() + milliseconds(2000);
  const ConnectResult c = ConnectAny(Resolve("::1", v6.port, deadline).addresses, deadline);
  CHECK(c.socket.get() >= 0);
  CHECK(c.address == "::1");
  CHECK(c.failures.empty());
}

TEST_CASE("ReadByte and SendAll are bounded by the deadline") {
  Listener l("127.0.0.1");
  const auto deadline = Clock::now() + milliseconds(300);
  ConnectResult c = ConnectAny(Resolve("127.0.0.1", l.port, deadline).addresses, deadline);
  REQUIRE(c.socket.get() >= 0);
  std::string error;
  CHECK(SendAll(c.socket.get(), "hello", deadline, error) == IoStatus::kOk);
  char byte = 0;
  const auto started = Clock::now();
  CHECK(ReadByte(c.socket.get(), byte, deadline, error) == IoStatus::kTimeout);
  CHECK(Clock::now() - started < milliseconds(1000));
}

TEST_CASE("ReadByte sees the peer close") {
  Listener l("127.0.0.1");
  const auto deadline = Clock::now() + milliseconds(2000);
  ConnectResult c = ConnectAny(Resolve("127.0.0.1", l.port, deadline).addresses, deadline);
  REQUIRE(c.socket.get() >= 0);
  Socket accepted(::accept(l.socket.get(), nullptr, nullptr));
  accepted = Socket();  // closes it
  std::string error;
  char byte = 0;
  CHECK(ReadByte(c.socket.get(), byte, deadline, error) == IoStatus::kClosed);
}

TEST_CASE("ErrnoText is strerror starting in lower case") {
  CHECK(ErrnoText(ECONNREFUSED) == "connection refused");
  CHECK(ErrnoText(ETIMEDOUT) == "connection timed out");
}

}  // namespace
}  // namespace rdsca::net
