#pragma once
// What `rds-ca verify` needs of one engine, beside db/engine.h's Engine (which stays free of
// sockets): the preamble before TLS, where the TLS records go, the plaintext check, the --sql
// report, and the fix for a server that accepts plaintext. Each engine's lives in its folder
// (verify/postgres/, verify/mysql/); verify/verify_engines.cc lists them, one line each.
#include <string>
#include <string_view>

#include <openssl/bio.h>

#include "db/engine.h"
#include "verify/plaintext.h"
#include "verify/probe.h"
#include "verify/probe_net.h"
#include "verify/sql_report.h"

namespace rdsca {

class VerifyEngine {
 public:
  virtual ~VerifyEngine() = default;

  /// The db/ engine this is the verify side of.
  virtual EngineId Id() const = 0;

  /// What a client sends before the TLS handshake, on the connected socket `fd`. True when the
  /// server is ready for it; otherwise `r` has failed (ProbeResult::Fail) with one line saying
  /// what the server did and what to check. `greeting`, when given, gets what the server sent
  /// first that a login needs (MySQL's greeting payload; "" for an engine without one).
  virtual bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting) const = 0;

  /// Where the TLS records go once StartTls succeeded: nullptr, on the socket itself (PostgreSQL,
  /// MySQL); or a BIO that wraps them in the engine's own packets on `fd` (SQL Server's TDS 7
  /// PRELOGIN), which the one TLS client (verify/tls_client.h) then runs over.
  virtual BIO* TlsFraming(int fd, net::Clock::time_point deadline) const {
    (void)fd;
    (void)deadline;
    return nullptr;
  }

  /// Does the server refuse a client that does not ask for TLS? Never sends a password, or
  /// anything derived from one, without TLS. Network trouble is a kUnknown result.
  virtual PlaintextResult CheckPlaintext(const PlaintextOptions& options) const = 0;

  /// --sql: logs in over TLS and reports what the server says of this session.
  virtual SqlReport RunSqlReport(const SqlCheckOptions& options) const = 0;

  /// The fix for a server that accepts plaintext, the setting first.
  virtual std::string RequireTlsFix() const = 0;

  /// The login a check names when no credentials are known: the master user RDS proposes.
  virtual std::string_view DefaultCheckUser() const = 0;
};

/// `engine`'s verify side. Throws Failure naming the engine when it has none.
const VerifyEngine& VerifyEngineFor(const Engine& engine);
/// The same by id (throws Failure when no engine has it).
const VerifyEngine& VerifyEngineFor(EngineId id);

}  // namespace rdsca
