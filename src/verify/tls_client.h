#pragma once
// The one TLS client of `rds-ca verify`, used by every engine's transport: the probe's
// handshake (verify/probe.cc) and the engines' logins over TLS (MySQL's --sql and plaintext
// check). It runs on a connected non-blocking socket after the engine's preamble (PostgreSQL's
// SSLRequest, MySQL's SSL request: verify/verify_engine.h), every call bounded by one deadline.
// An engine that carries the TLS records inside its own packets (SQL Server's TDS 7 PRELOGIN)
// gives the client a BIO that frames them instead of the socket (VerifyEngine::TlsFraming):
// the handshake, the checks and the reads and writes stay these.
#include <openssl/ssl.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ca/ossl.h"
#include "db/tls_mode.h"
#include "verify/probe_net.h"

namespace rdsca {

/// The certificates of a PEM CA file, the only trust of a check. Throws Failure naming the file
/// when it cannot be read or holds no certificate.
std::vector<ossl::X509Ptr> LoadCaFile(const std::filesystem::path& path);

/// How the client checks the server.
struct TlsSetup {
  std::string host;  ///< sent as SNI (a name, never an IP literal); checked when `mode` verifies the host
  TlsMode mode = TlsMode::kVerifyFull;
  const std::vector<ossl::X509Ptr>* trust = nullptr;  ///< the only CAs; checked when `mode` verifies the chain
  /// When set, every mode runs the chain check and this callback judges each step (the probe
  /// records the complaints and lets the handshake go on, to report the chain); `app_data` is
  /// what SSL_get_app_data gives it.
  int (*verify_callback)(int, X509_STORE_CTX*) = nullptr;
  void* app_data = nullptr;
};

/// What one call came to: kOk, kTimeout ("timed out"), or kError with OpenSSL's reason (or the
/// socket's errno text; "" when neither says: each caller words that case).
struct TlsStatus {
  net::IoStatus status = net::IoStatus::kOk;
  std::string reason;
  bool ok() const { return status == net::IoStatus::kOk; }
};

class TlsClient {
 public:
  /// TLS on the socket `fd` (after the engine's preamble) or, when `framing` is given (owned
  /// from here on), over that BIO, which carries the records inside the engine's own packets on
  /// `fd` (the socket waited on when it wants more).
  TlsClient(int fd, net::Clock::time_point deadline, BIO* framing = nullptr);
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;

  /// The handshake, TLS 1.2 or newer, checked as `setup` says.
  TlsStatus Handshake(const TlsSetup& setup);
  /// Writes all of `data`.
  TlsStatus Write(const std::string& data);
  /// Reads exactly `n` bytes into `out`.
  TlsStatus Read(std::size_t n, std::string& out);
  /// close_notify: the server sees a clean end, and logs nothing.
  void Shutdown();
  /// The session, for what the probe reports (version, cipher, the chain sent and verified).
  SSL* native() const { return ssl_.get(); }

 private:
  template <typename Op>
  TlsStatus Run(Op op);

  int fd_;
  BIO* bio_ = nullptr;  ///< set until the handshake hands it to the session
  net::Clock::time_point deadline_;
  std::unique_ptr<SSL_CTX, ossl::Deleter<SSL_CTX, SSL_CTX_free>> ctx_;
  std::unique_ptr<SSL, ossl::Deleter<SSL, SSL_free>> ssl_;
};

}  // namespace rdsca
