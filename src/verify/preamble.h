#pragma once
// What a client sends before the TLS handshake, per engine: PostgreSQL asks with its SSLRequest
// and reads a one-byte answer; MySQL reads the server's greeting, checks that it offers TLS
// (CLIENT_SSL) and sends the SSL request (verify/mysql/mysql_protocol.h). Each engine's
// VerifyEngine::StartTls (verify/verify_engine.h), so db/'s engines stay free of sockets.
#include "verify/probe.h"
#include "verify/probe_net.h"

namespace rdsca {

/// Runs `r.options.engine`'s preamble on the connected socket `fd`. True when the server is
/// ready for the TLS handshake; otherwise `r` has failed (ProbeResult::Fail) with one line
/// saying what the server did and what to check. `greeting`, when given, gets what the server
/// sent first (MySQL's greeting payload, which a login needs; nothing for PostgreSQL).
bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting = nullptr);

}  // namespace rdsca
