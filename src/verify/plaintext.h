#pragma once
// `rds-ca verify --require-tls`: does the server refuse a client that does not ask for TLS?
// Seed 000 ends by telling the reader to turn on rds.force_ssl and gives no way to check that it
// is on; this is that check. Each engine's check is its VerifyEngine's (verify/verify_engine.h;
// PostgreSQL's is verify/postgres/pg_plaintext.h, MySQL's verify/mysql/mysql_plaintext.h),
// beside its TLS preamble. None of them sends a password, or anything derived from one, without
// TLS.
#include <string>
#include <string_view>

#include "db/engine.h"
#include "verify/probe.h"

namespace rdsca {

/// What a server that accepts plaintext means for `rds-ca verify`.
enum class RequireTls {
  kOff,   ///< no plaintext check (the default: no second connection)
  kWarn,  ///< --warn-plaintext (RDS_CA_VERIFY=warn): a warning, the exit status unchanged
  kFail,  ///< --require-tls (RDS_CA_VERIFY=strict): a failure, exit 1
};

/// What to check, and as whom.
struct PlaintextOptions {
  /// The server as the TLS probe saw it: engine, host (for messages), port, CA file, mode, and
  /// the timeout that bounds the connect, and again the exchange.
  ProbeOptions server;
  std::string address;     ///< the address the TLS probe connected to (same server); empty: resolve the host
  std::string user;        ///< the login the plaintext startup names (never a password)
  std::string user_source; ///< why that login: "the binding's user", "DATABASE_URL's user", ...
  std::string database;    ///< empty: the engine's default (PostgreSQL: the user's name)
  /// Credentials, for an engine whose check has to log in over TLS (with the server's CA file
  /// and mode) and ask the server (MySQL's require_secure_transport); PostgreSQL's check never
  /// reads it. Never printed, never sent without TLS.
  std::string url;
};

/// How the check ended.
enum class PlaintextVerdict {
  kRefused,   ///< the server refused the plaintext client before authentication
  kAccepted,  ///< the server went on to authenticate (or let in) a plaintext client
  kUnknown,   ///< the check could not tell (another error, no answer, no connection)
};

/// What the check learnt.
struct PlaintextResult {
  PlaintextVerdict verdict = PlaintextVerdict::kUnknown;
  std::string user;         ///< the login named (PlaintextOptions::user)
  std::string user_source;  ///< PlaintextOptions::user_source
  std::string answer;       ///< the server's answer in words ("SQLSTATE 28000: ...", "a cleartext password request")
  std::string code;         ///< the server's error code when it answered with one ("28000")
  std::string message;      ///< for kAccepted and kUnknown: one line, what it means and what to do
  bool logged_in = false;   ///< the check logged in over verified TLS to ask (MySQL), rather than stopping before authentication
};

/// A kUnknown result's message: "could not tell whether the server requires TLS: WHY".
std::string PlaintextUnknown(const std::string& why);

/// Runs `options.engine`'s plaintext check. Network trouble is a kUnknown result, not an
/// exception.
PlaintextResult CheckPlaintext(const PlaintextOptions& options);

/// The fix for a server of `engine` that accepts plaintext, the setting first:
/// "set rds.force_ssl=1 in the DB parameter group ...".
std::string RequireTlsFix(EngineId engine);

/// The login a check names when no credentials are known (--host without DATABASE_URL):
/// the master user name RDS proposes (PostgreSQL "postgres", MySQL and MariaDB "admin").
std::string_view DefaultCheckUser(EngineId engine);

/// "refused", "accepted" or "unknown" (--json).
std::string_view PlaintextVerdictName(PlaintextVerdict verdict);

/// The report's line: `refused for user "app" (the binding): SQLSTATE 28000: ...`,
/// `ACCEPTED for user "app" (...): ...` or `unknown for user "app" (...): ...`.
std::string PlaintextText(const PlaintextResult& result);

}  // namespace rdsca
