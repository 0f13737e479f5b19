#include "verify/probe.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "ca/endpoint.h"
#include "base/fs.h"
#include "ca/ossl.h"
#include "verify/probe_cert.h"
#include "verify/preamble.h"
#include "verify/probe_net.h"
#include "verify/tls_client.h"
#include "verify/verify_engine.h"
#include "ca/x509.h"

namespace rdsca {

namespace {

using net::Clock;


/// One complaint of OpenSSL's chain check.
struct VerifyError {
  int code;
  int depth;
  CertSummary cert;
};

/// Every complaint, recorded by the verify callback, which lets the handshake go on so the
/// report can show the chain and the cipher even when the check fails.
struct VerifyLog {
  std::vector<VerifyError> errors;
};

int RecordVerify(int ok, X509_STORE_CTX* store) {
  if (ok == 1) return 1;
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* log = static_cast<VerifyLog*>(SSL_get_app_data(ssl));
  X509* cert = X509_STORE_CTX_get_current_cert(store);
  log->errors.push_back({X509_STORE_CTX_get_error(store), X509_STORE_CTX_get_error_depth(store),
                         cert != nullptr ? Summarize(cert) : CertSummary{}});
  return 1;
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

bool IsUntrusted(int code) {
  return code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT || code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
         code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT || code == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
         code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE || code == X509_V_ERR_CERT_UNTRUSTED;
}

bool IsNameError(int code) {
  return code == X509_V_ERR_HOSTNAME_MISMATCH || code == X509_V_ERR_IP_ADDRESS_MISMATCH;
}

const VerifyError* FirstWith(const VerifyLog& log, bool (*pred)(int)) {
  for (const auto& e : log.errors) {
    if (pred(e.code)) return &e;
  }
  return nullptr;
}

/// The root the server's chain needs: the top certificate sent, or its issuer.
std::string NeededRoot(STACK_OF(X509)* sent) {
  X509* top = sk_X509_value(sent, sk_X509_num(sent) - 1);
  if (X509_check_issued(top, top) == X509_V_OK) return Summarize(top).Name();
  return IssuerName(top);
}

/// The one-line failure of the chain check, or "" when the chain is fine.
std::string ChainMessage(const VerifyLog& log, STACK_OF(X509)* sent) {
  if (FirstWith(log, IsUntrusted) != nullptr) {
    const std::string root = NeededRoot(sent);
    return "the server chains to \"" + root + "\", which is not installed: " + MissingRootFix(root);
  }
  for (const auto& e : log.errors) {
    const std::string what = e.depth == 0 ? "the server certificate" : "the CA certificate \"" + e.cert.Name() + "\"";
    if (e.code == X509_V_ERR_CERT_HAS_EXPIRED) {
      return what + " expired on " + FormatDate(e.cert.not_after) +
             (e.depth == 0 ? ": renew the server's certificate (RDS: rotate the instance to a current CA such as rds-ca-rsa2048-g1)"
                           : ": renew it, then restage so that the current CAs are installed");
    }
    if (e.code == X509_V_ERR_CERT_NOT_YET_VALID) {
      return what + " is not valid before " + FormatDate(e.cert.not_before) +
             ": check this machine's clock, or wait until the certificate is valid";
    }
  }
  for (const auto& e : log.errors) {
    if (IsNameError(e.code)) continue;
    return "the server certificate does not verify: " + std::string(X509_verify_cert_error_string(e.code)) +
           " (certificate \"" + e.cert.Name() + "\"): bind the right host, or add its CA with RDS_CA_EXTRA_CERTS";
  }
  return "";
}

std::string NameMessage(const std::string& host, const CertSummary& server) {
  std::vector<std::string> names = server.names;
  if (names.empty() && !server.cn.empty()) names.push_back(server.cn);
  return "the certificate names other hosts than " + host + ": " + (names.empty() ? "(none)" : Join(names, ", ")) +
         ": use one of those names as the host in the binding";
}

/// Applies the sslmode to what the chain and name checks found.
void Decide(ProbeResult& r, const std::string& chain_problem, const std::string& name_problem) {
  const bool full = VerifiesHost(r.options.mode), ca = r.options.mode == TlsMode::kVerifyCa;
  if ((full || ca) && !chain_problem.empty()) return r.Fail(Verdict::kFailed, ExitCode::kFailure, chain_problem);
  if (full && !name_problem.empty()) return r.Fail(Verdict::kFailed, ExitCode::kFailure, name_problem);
  r.verdict = full || ca ? Verdict::kVerified : Verdict::kEncrypted;
  r.code = ExitCode::kOk;
  const std::string unchecked = " (not checked under " + r.ModeText() + ")";
  if (!full && !ca && !chain_problem.empty()) r.notes.push_back(chain_problem + unchecked);
  if (!full && !name_problem.empty()) r.notes.push_back(name_problem + unchecked);
}

/// The TLS half: handshake on the connected socket, then collect and judge.
void RunTls(ProbeResult& r, int fd, const std::vector<ossl::X509Ptr>& cas, Clock::time_point deadline) {
  const ProbeOptions& o = r.options;
  const std::string where = o.host + ":" + std::to_string(o.port);
  VerifyLog log;
  TlsClient tls(fd, deadline, VerifyEngineFor(*o.engine).TlsFraming(fd, deadline));
  const TlsStatus handshake = tls.Handshake({o.host, o.mode, &cas, RecordVerify, &log});
  SSL* ssl = tls.native();
  if (handshake.status == net::IoStatus::kTimeout) {
    return r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
                "the TLS handshake with " + where + " did not finish within " + net::SecondsText(o.timeout) +
                    ": check the network path to the database (or raise --timeout)");
  }
  if (!handshake.ok()) {
    const std::string failed = handshake.reason.empty() ? "the server closed the connection" : handshake.reason;
    return r.Fail(Verdict::kFailed, ExitCode::kFailure,
                "the TLS handshake with " + where + " failed (" + failed +
                    "): check that the server offers TLS 1.2 or newer and that the port is " +
                    std::string(o.engine->Name()) + "'s");
  }
  r.tls_version = SSL_get_version(ssl);
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
  r.cipher = SSL_CIPHER_get_name(cipher);
  r.cipher_bits = SSL_CIPHER_get_bits(cipher, nullptr);
  STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl);
  for (int i = 0; i < sk_X509_num(sent); ++i) r.chain.push_back(Summarize(sk_X509_value(sent, i)));
  STACK_OF(X509)* verified = SSL_get0_verified_chain(ssl);
  X509* top = verified != nullptr && sk_X509_num(verified) > 0 ? sk_X509_value(verified, sk_X509_num(verified) - 1) : nullptr;
  for (const auto& ca : cas) {
    if (top != nullptr && X509_cmp(top, ca.get()) == 0) r.anchor = Summarize(top);
  }
  tls.Shutdown();
  if (r.chain.empty()) return r.Fail(Verdict::kFailed, ExitCode::kFailure, "the server sent no certificate");
  std::string chain_problem = ChainMessage(log, sent);
  if (chain_problem.empty() && !r.anchor) chain_problem = "the server certificate does not verify to a certificate of " + o.ca_file.string();
  r.chain_ok = chain_problem.empty();
  r.name_ok = FirstWith(log, IsNameError) == nullptr && NamesHost(sk_X509_value(sent, 0), o.host);
  Decide(r, chain_problem, r.name_ok ? "" : NameMessage(o.host, r.chain.front()));
}

}  // namespace

void ProbeResult::Fail(Verdict how, ExitCode status, std::string why) {
  verdict = how;
  code = status;
  message = std::move(why);
}

std::string ProbeResult::ModeText() const {
  return std::string(options.engine->TlsModeWord()) + "=" + std::string(options.engine->TlsModeName(options.mode));
}

std::string MissingRootFix(const std::string& root_name) {
  // "Amazon RDS [Beta |Preview ]<region> Root CA <type> G1", or an expired generation:
  // "Amazon RDS Root CA" (2015), "Amazon RDS Root 2019 CA", "Amazon RDS <region> 2019 CA".
  const std::string kPrefix = "Amazon RDS ";
  if (root_name.rfind(kPrefix, 0) == 0) {
    std::string rest = root_name.substr(kPrefix.size());
    for (const char* tag : {"Beta ", "Preview "}) {
      if (rest.rfind(tag, 0) == 0) rest.erase(0, std::string(tag).size());
    }
    const std::string region = rest.substr(0, rest.find(' '));
    const std::string tail = rest.size() > region.size() ? rest.substr(region.size()) : "";
    if (IsRegionCode(region) && tail.rfind(" Root CA ", 0) == 0) {
      return "set RDS_CA_REGION=" + region + " or bind the right host";
    }
    if (rest == "Root CA" || rest == "Root 2019 CA" || (IsRegionCode(region) && tail == " 2019 CA")) {
      return "that CA generation has expired and is never installed: rotate the database to a current CA "
             "(rds-ca-rsa2048-g1)";
    }
  }
  return "add that CA with RDS_CA_EXTRA_CERTS and restage, or bind the right host";
}

ProbeResult Probe(const ProbeOptions& options) {
  if (options.port < 1 || options.port > 65535) {
    throw UsageError("port " + std::to_string(options.port) + " is outside 1..65535");
  }
  ProbeResult r;
  r.options = options;
  const auto cas = LoadCaFile(options.ca_file);
  r.ca_count = cas.size();
  const std::string where = options.host + ":" + std::to_string(options.port);
  const auto resolved = net::Resolve(options.host, options.port, Clock::now() + options.timeout);
  if (resolved.timed_out) {
    r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
         "cannot resolve " + options.host + " within " + net::SecondsText(options.timeout) + ": check the host name and the DNS");
    return r;
  }
  if (!resolved.error.empty()) {
    r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
         "cannot resolve " + options.host + " (" + resolved.error + "): check the host name in the binding");
    return r;
  }
  for (const auto& a : resolved.addresses) r.addresses.push_back(a.text);
  net::ConnectResult c = net::ConnectAny(resolved.addresses, Clock::now() + options.timeout);
  if (c.socket.get() < 0) {
    r.Fail(Verdict::kNetwork, ExitCode::kNetwork,
         "cannot connect to " + where + " (" + Join(c.failures, "; ") +
             "): check the host and port, and that the database accepts connections from here");
    return r;
  }
  r.address = c.address;
  const net::SigpipeGuard no_sigpipe;
  const auto io_deadline = Clock::now() + options.timeout;
  if (StartTls(r, c.socket.get(), io_deadline)) RunTls(r, c.socket.get(), cas, io_deadline);
  return r;
}

}  // namespace rdsca
