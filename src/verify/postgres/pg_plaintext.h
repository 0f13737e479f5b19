#pragma once
// PostgreSQL's plaintext check (verify/plaintext.h): a TCP connection with no SSLRequest, a
// StartupMessage (protocol 3.0) naming the user and the database, and the server's first
// message. An ErrorResponse before authentication (SQLSTATE 28000: pg_hba.conf's
// `hostnossl ... reject`, or RDS's rds.force_ssl "no encryption") is a refusal; any
// authentication request, or AuthenticationOk, means the server takes plaintext for that user.
// The check stops there: it never answers an authentication request, so no password, hash or
// SCRAM proof is ever sent.
#include <string>

#include "verify/plaintext.h"

namespace rdsca {

/// The StartupMessage: length, protocol 3.0, user, database (left out when empty: the server
/// then takes the user's name), application_name "rds-ca verify", and the closing zero byte.
std::string PgStartupMessage(const std::string& user, const std::string& database);

/// Judges the server's first message to that startup: `type` and its body (read only for an
/// ErrorResponse or an authentication request of at most 8 KiB), filling `r`'s verdict,
/// answer, code and message. `where` is "HOST:PORT".
void JudgePgAnswer(char type, const std::string& body, const std::string& where, PlaintextResult& r);

/// The check itself, on a new connection to `options.address` (or the host), every step
/// bounded by the server's timeout.
PlaintextResult PostgresPlaintext(const PlaintextOptions& options);

}  // namespace rdsca
