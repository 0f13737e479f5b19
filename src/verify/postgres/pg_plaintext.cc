#include "verify/postgres/pg_plaintext.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "verify/probe_net.h"

namespace rdsca {

namespace {

using net::Clock;

constexpr std::uint32_t kMaxBody = 8192;  // an ErrorResponse or an authentication request is far shorter
constexpr char kTerminate[] = {'X', 0x00, 0x00, 0x00, 0x04};

void PutInt32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t GetInt32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = at; i < at + 4 && i < s.size(); ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

/// Server text fit for one line: control bytes as '?', at most 300 bytes.
std::string Printable(const std::string& text) {
  std::string out = text.substr(0, 300);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return text.size() > 300 ? out + "..." : out;
}

/// The ErrorResponse field `code` ('C' SQLSTATE, 'M' message), or "".
std::string ErrorField(const std::string& body, char code) {
  for (std::size_t at = 0; at < body.size() && body[at] != '\0';) {
    const std::size_t end = body.find('\0', at + 1);
    if (end == std::string::npos) break;
    if (body[at] == code) return body.substr(at + 1, end - at - 1);
    at = end + 1;
  }
  return "";
}

/// The authentication request in words: "a cleartext password request".
std::string AuthRequestName(const std::string& body) {
  switch (GetInt32(body, 0)) {
    case 0: return "AuthenticationOk (no password asked)";
    case 2: return "a Kerberos V5 request";
    case 3: return "a cleartext password request";
    case 5: return "an MD5 password request";
    case 7: return "a GSSAPI request";
    case 9: return "an SSPI request";
    case 10: {
      std::string mechanisms;
      for (std::size_t at = 4; at < body.size() && body[at] != '\0';) {
        std::size_t end = body.find('\0', at);
        if (end == std::string::npos) end = body.size();
        mechanisms += (mechanisms.empty() ? "" : ", ") + body.substr(at, end - at);
        at = end + 1;
      }
      return "a SASL request (" + Printable(mechanisms) + ")";
    }
    default: return "authentication request " + std::to_string(GetInt32(body, 0));
  }
}

/// Reads exactly `n` bytes into `out`.
net::IoStatus ReadExact(int fd, std::size_t n, std::string& out, Clock::time_point deadline, std::string& error) {
  for (char c = 0; out.size() < n;) {
    const net::IoStatus s = net::ReadByte(fd, c, deadline, error);
    if (s != net::IoStatus::kOk) return s;
    out += c;
  }
  return net::IoStatus::kOk;
}

/// What went wrong with the exchange, as the kUnknown message.
std::string IoProblem(net::IoStatus s, const std::string& where, const std::string& error,
                      std::chrono::milliseconds timeout) {
  if (s == net::IoStatus::kTimeout) {
    return PlaintextUnknown(where + " did not answer a plaintext startup within " + net::SecondsText(timeout) +
                            ": check that this port is PostgreSQL's");
  }
  return PlaintextUnknown(where + " closed the plaintext connection without an answer" +
                          (error.empty() ? "" : " (" + error + ")") +
                          ": run the check again, or check that this port is PostgreSQL's");
}

/// Reads the server's first message: `head` is its type and length; `body` is read only for an
/// ErrorResponse or an authentication request of a sane length. Any other first byte is judged
/// as it is, without waiting for a body that may never come.
net::IoStatus ReadFirstMessage(int fd, std::string& head, std::string& body, Clock::time_point deadline,
                               std::string& error) {
  const net::IoStatus s = ReadExact(fd, 5, head, deadline, error);
  const std::uint32_t length = GetInt32(head, 1);
  if (s != net::IoStatus::kOk || (head[0] != 'E' && head[0] != 'R') || length < 4 || length - 4 > kMaxBody) return s;
  return ReadExact(fd, length - 4, body, deadline, error);
}

/// A new connection to the server the TLS probe reached (its address, else its host); an
/// invalid socket, with `r.message` saying why, when there is none.
net::Socket ConnectAgain(const PlaintextOptions& options, const std::string& where, PlaintextResult& r) {
  const ProbeOptions& o = options.server;
  const std::string target = options.address.empty() ? o.host : options.address;
  const auto resolved = net::Resolve(target, o.port, Clock::now() + o.timeout);
  if (resolved.timed_out || !resolved.error.empty()) {
    r.message = PlaintextUnknown("cannot resolve " + target + " again (" +
                                 (resolved.timed_out ? "timed out" : resolved.error) + ")");
    return net::Socket();
  }
  net::ConnectResult c = net::ConnectAny(resolved.addresses, Clock::now() + o.timeout);
  if (c.socket.get() < 0) {
    std::string failures;
    for (const auto& f : c.failures) failures += (failures.empty() ? "" : "; ") + f;
    r.message = PlaintextUnknown("cannot connect to " + where + " for the plaintext startup (" + failures + ")");
  }
  return std::move(c.socket);
}

}  // namespace

std::string PgStartupMessage(const std::string& user, const std::string& database) {
  std::string body;
  PutInt32(body, 196608);  // protocol 3.0
  const std::array<std::pair<std::string, std::string>, 3> params = {
      {{"user", user}, {"database", database}, {"application_name", "rds-ca verify"}}};
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    body += key + '\0' + value + '\0';
  }
  body += '\0';
  std::string out;
  PutInt32(out, static_cast<std::uint32_t>(body.size() + 4));
  return out + body;
}

void JudgePgAnswer(char type, const std::string& body, const std::string& where, PlaintextResult& r) {
  const std::string who = "user \"" + r.user + "\"";
  if (type == 'E') {
    r.code = Printable(ErrorField(body, 'C'));
    r.answer = "SQLSTATE " + (r.code.empty() ? "(none)" : r.code) + ": " + Printable(ErrorField(body, 'M'));
    // 28000 before authentication: pg_hba.conf (hostnossl ... reject, or no entry "no
    // encryption"), which is how rds.force_ssl refuses. Any other error says nothing about TLS.
    r.verdict = r.code == "28000" ? PlaintextVerdict::kRefused : PlaintextVerdict::kUnknown;
    if (r.verdict == PlaintextVerdict::kUnknown) {
      r.message = PlaintextUnknown("a plaintext startup for " + who + " got " + r.answer + ": run the check again");
    }
    return;
  }
  if (type == 'R' && body.size() >= 4) {
    r.verdict = PlaintextVerdict::kAccepted;
    r.answer = AuthRequestName(body);
    r.message = "the server accepts connections without TLS: a plaintext startup for " + who + " got " + r.answer +
                " (the check stopped there; no password was sent): " + RequireTlsFix(EngineId::kPostgres);
    return;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(type));
  r.verdict = PlaintextVerdict::kUnknown;
  r.answer = std::string("a message of type ") + hex;
  r.message = PlaintextUnknown(where + " answered a plaintext startup with " + hex +
                               ", not a PostgreSQL authentication message: check the port");
}

PlaintextResult PostgresPlaintext(const PlaintextOptions& options) {
  const ProbeOptions& o = options.server;
  PlaintextResult r;
  r.user = options.user;
  r.user_source = options.user_source;
  const std::string where = (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" +
                            std::to_string(o.port);
  const net::Socket socket = ConnectAgain(options, where, r);
  if (socket.get() < 0) return r;
  const net::SigpipeGuard no_sigpipe;
  const auto deadline = Clock::now() + o.timeout;
  std::string error, head, body;
  net::IoStatus s = net::SendAll(socket.get(), PgStartupMessage(options.user, options.database), deadline, error);
  if (s == net::IoStatus::kOk) s = ReadFirstMessage(socket.get(), head, body, deadline, error);
  if (s != net::IoStatus::kOk) {
    r.message = IoProblem(s, where, error, o.timeout);
    return r;
  }
  JudgePgAnswer(head[0], body, where, r);
  // After AuthenticationOk the session is open: end it the protocol's way. After any other
  // request, only close (as libpq does when it has no password): the server logs nothing, where
  // a Terminate in place of the answer it awaits is logged as a protocol violation.
  if (head[0] == 'R' && body.size() >= 4 && GetInt32(body, 0) == 0) {
    (void)net::SendAll(socket.get(), std::string_view(kTerminate, sizeof kTerminate), deadline, error);
  }
  return r;
}

}  // namespace rdsca
