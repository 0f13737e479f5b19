#pragma once
// What `rds-ca verify` shows for one probed database: the text report, the --json form, the
// one line the launch hook prints, and the expiry watch (docs/rds-cas.md: the 2019 roots
// expired in 2024 and broke apps that had no warning).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ca/endpoint.h"
#include "base/env.h"
#include "verify/plaintext.h"
#include "verify/probe.h"

namespace rdsca {

/// When the expiry watch warns: a server certificate within `server_days` of its end, the
/// anchoring CA within `ca_days`. 0 turns that warning off.
struct ExpiryWatch {
  int server_days = 30;
  int ca_days = 365;
};

/// RDS_CA_EXPIRY_WARN_DAYS: unset gives the defaults; "N" sets the server threshold, "N,M"
/// both. Throws Failure naming the variable for anything else.
ExpiryWatch ExpiryWatchFromEnv(const Env& env);

/// One WARN line per certificate that the watch flags at `now` (seconds since the epoch).
std::vector<std::string> ExpiryWarnings(const ProbeResult& probe, std::int64_t now, const ExpiryWatch& watch);

/// One probed database, as shown.
struct VerifyReport {
  std::string service;   ///< binding name; empty for --host
  Endpoint endpoint;     ///< ClassifyEndpoint of the probed host
  ProbeResult probe;
  std::vector<std::string> warnings;  ///< ExpiryWarnings, and the plaintext check's when it only warns
  RequireTls require_tls = RequireTls::kOff;  ///< what a server accepting plaintext means here
  std::optional<PlaintextResult> plaintext;   ///< the plaintext check (--require-tls); none: not run
};

/// Whole days from `now` to `until`, rounded down (negative once past).
std::int64_t DaysLeft(std::int64_t until, std::int64_t now);

/// The verdict in words: "verified: chain to \"ROOT\" and host name", "verified: chain to
/// \"ROOT\" (host name not checked under sslmode=verify-ca)", "encrypted, not verified
/// (sslmode=require)", "FAILED" or "NETWORK FAILURE".
std::string VerdictText(const ProbeResult& probe);

/// The text report: one `label value` line per fact, the chain, notes, WARN lines, verdict.
std::string RenderText(const VerifyReport& report, std::int64_t now);

/// The --json form (every fact of the text report, times as ISO 8601 UTC).
nlohmann::ordered_json RenderJson(const VerifyReport& report, std::int64_t now);

/// The one line for stderr when the probe did not pass: "SERVICE (HOST:PORT): MESSAGE", or
/// "HOST:PORT: MESSAGE" without a service.
std::string FailureLine(const VerifyReport& report);

/// The one line for stderr when the plaintext check failed (--require-tls and a server that
/// accepts plaintext): "SERVICE (HOST:PORT): MESSAGE", as FailureLine.
std::string PlaintextFailureLine(const VerifyReport& report);

}  // namespace rdsca
