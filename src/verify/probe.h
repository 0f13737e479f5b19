#pragma once
// The TLS probe of `rds-ca verify`: connect to a database server, ask it for TLS the engine's
// way (its VerifyEngine's StartTls: PostgreSQL's SSLRequest, MySQL's SSL request), then run the
// TLS handshake (verify/tls_client.h) against exactly
// one CA file, the way the engine's client would under the given mode. It never logs in, so the
// server logs no login. No OpenSSL type appears in this header.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "db/engine.h"
#include "db/tls_mode.h"
#include "verify/cert_summary.h"

namespace rdsca {

/// What to probe and how.
struct ProbeOptions {
  const Engine* engine = nullptr;    ///< whose preamble, and whose names for the modes (always set)
  std::string host;                  ///< DNS name or IP literal (no brackets)
  int port = 0;                      ///< 1..65535
  std::filesystem::path ca_file;     ///< the only trust: a PEM bundle (the installed sslrootcert)
  TlsMode mode = TlsMode::kVerifyFull;
  /// Bounds the TCP connect over all addresses, and again the SSLRequest plus the handshake.
  std::chrono::milliseconds timeout{5000};
};

/// How the probe ended.
enum class Verdict {
  kVerified,   ///< TLS, and everything the sslmode demands checked out
  kEncrypted,  ///< TLS, but the sslmode demands no check (require, prefer, allow, disable)
  kFailed,     ///< no TLS, or a check the sslmode demands failed
  kNetwork,    ///< DNS, refused, unreachable or timed out
};

/// Everything the probe learnt. On kFailed/kNetwork `message` is one line: what is wrong and
/// what to do; the fields the probe got as far as are filled in.
struct ProbeResult {
  ProbeOptions options;
  Verdict verdict = Verdict::kNetwork;
  ExitCode code = ExitCode::kNetwork;   ///< 0 verified/encrypted, 1 TLS, 3 network
  std::string message;                  ///< empty unless kFailed or kNetwork
  std::vector<std::string> notes;       ///< one line each: findings the sslmode does not enforce
  std::size_t ca_count = 0;             ///< certificates in the CA file
  std::vector<std::string> addresses;   ///< every resolved address, in resolver order
  std::string address;                  ///< the one connected to (empty when none)
  std::string tls_version;              ///< e.g. "TLSv1.3"
  std::string cipher;                   ///< e.g. "TLS_AES_256_GCM_SHA384"
  int cipher_bits = 0;
  std::vector<CertSummary> chain;       ///< as the server sent it, its own certificate first
  std::optional<CertSummary> anchor;    ///< the installed certificate the chain verified to
  bool chain_ok = false;                ///< the chain verified to a certificate of the CA file
  bool name_ok = false;                 ///< the server certificate names the host

  /// The server's own certificate, when the handshake got that far.
  const CertSummary* server() const { return chain.empty() ? nullptr : &chain.front(); }
  /// Ends the probe: `verdict`, `code` and the one-line `message`.
  void Fail(Verdict how, ExitCode status, std::string why);
  /// "sslmode=verify-full", the mode in the engine's words.
  std::string ModeText() const;
};

/// Probes `options.host`:`options.port`. Network and TLS failures are results, not exceptions.
/// Throws Failure (exit 1) naming the file when the CA file cannot be read or holds no
/// certificate, and UsageError for a port outside 1..65535.
ProbeResult Probe(const ProbeOptions& options);

/// The fix for a server whose chain tops out at `root_name` (a CN or subject) that is not in
/// the CA file, as the end of the one-line failure: the RDS region to set, the rotation away
/// from the expired 2019 roots, or the extra-CA variable for any other CA.
std::string MissingRootFix(const std::string& root_name);

}  // namespace rdsca
