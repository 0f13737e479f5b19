// Each engine's bytes before TLS, against a peer on a socketpair: what is sent, and each
// refusal as one line.
#include "verify/preamble.h"

#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "base/fs.h"
#include "db/mysql/mysql.h"
#include "verify/mysql/mysql_protocol.h"

namespace rdsca {
namespace {

using namespace std::string_literals;

/// Both ends non-blocking, as the probe's sockets are: a read that would wait fails instead.
struct Pair {
  fs::Fd ours, peer;
  Pair() {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) == 0);
    ours = fs::Fd(fds[0]);
    peer = fs::Fd(fds[1]);
  }
};

ProbeResult MysqlProbe() {
  ProbeResult r;
  r.options.engine = &Mysql();
  r.options.host = "db.example";
  r.options.port = 3306;
  r.options.timeout = std::chrono::milliseconds(2000);
  return r;
}

/// A greeting with (or without) CLIENT_SSL, as one packet.
std::string Greeting(bool ssl) {
  const unsigned caps = ssl ? 0xFFFFu : 0xF7FFu;
  const std::string payload = "\x0a"s + "8.0.39\0"s + "\x05\0\0\0"s + "abcdefgh" + "\0"s + static_cast<char>(caps & 0xFF) +
                              static_cast<char>(caps >> 8) + "\x2d\x02\0\xff\x81\x15"s + std::string(10, '\0') +
                              "ijklmnopqrst\0"s + "caching_sha2_password\0"s;
  return mysql::Packet(0, payload);
}

}  // namespace

TEST_CASE("StartTls for MySQL: the greeting read, the SSL request sent, the greeting handed back") {
  Pair p;
  const std::string greeting = Greeting(true);
  REQUIRE(::write(p.peer.get(), greeting.data(), greeting.size()) == static_cast<ssize_t>(greeting.size()));
  ProbeResult r = MysqlProbe();
  std::string got;
  CHECK(StartTls(r, p.ours.get(), net::Clock::now() + std::chrono::seconds(2), &got));
  CHECK(got == greeting.substr(4));
  std::string sent(64, '\0');
  const ssize_t n = ::read(p.peer.get(), sent.data(), sent.size());
  REQUIRE(n > 0);
  sent.resize(static_cast<std::size_t>(n));
  CHECK(sent == mysql::SslRequest());
}

TEST_CASE("StartTls for MySQL: no TLS offered, an error packet, a closed connection, silence") {
  const auto deadline = [] { return net::Clock::now() + std::chrono::milliseconds(300); };
  {
    Pair p;
    const std::string g = Greeting(false);
    REQUIRE(::write(p.peer.get(), g.data(), g.size()) == static_cast<ssize_t>(g.size()));
    ProbeResult r = MysqlProbe();
    CHECK_FALSE(StartTls(r, p.ours.get(), deadline()));
    CHECK(r.message ==
          "the server does not offer TLS (its greeting lacks CLIENT_SSL): give it ssl_cert and ssl_key, or check that "
          "db.example:3306 is the database you meant");
    CHECK(r.code == ExitCode::kFailure);
  }
  {
    Pair p;
    const std::string e = mysql::Packet(0, "\xff\x10\x04Too many connections"s);
    REQUIRE(::write(p.peer.get(), e.data(), e.size()) == static_cast<ssize_t>(e.size()));
    ProbeResult r = MysqlProbe();
    CHECK_FALSE(StartTls(r, p.ours.get(), deadline()));
    CHECK(r.message == "db.example:3306 refused the connection (ERROR 1040: Too many connections): check that the "
                       "database accepts connections from here");
  }
  {
    Pair p;
    const std::string pg = mysql::Packet(0, "N");
    REQUIRE(::write(p.peer.get(), pg.data(), pg.size()) == static_cast<ssize_t>(pg.size()));
    ProbeResult r = MysqlProbe();
    CHECK_FALSE(StartTls(r, p.ours.get(), deadline()));
    CHECK(r.message == "db.example:3306 is not a MySQL server (no MySQL greeting (protocol version 78)): check the port");
  }
  {
    Pair p;
    p.peer = fs::Fd();
    ProbeResult r = MysqlProbe();
    CHECK_FALSE(StartTls(r, p.ours.get(), deadline()));
    CHECK(r.message == "db.example:3306 closed the connection before its greeting: check that this port is MySQL's");
  }
  {
    Pair p;
    ProbeResult r = MysqlProbe();
    CHECK_FALSE(StartTls(r, p.ours.get(), deadline()));
    CHECK(r.message == "db.example:3306 sent no greeting within 2 s: check that this port is MySQL's");
    CHECK(r.code == ExitCode::kNetwork);
  }
}

}  // namespace rdsca
