#include "verify/tls_client.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cerrno>

#include "base/error.h"
#include "base/fs.h"
#include "verify/probe_cert.h"

namespace rdsca {

std::vector<ossl::X509Ptr> LoadCaFile(const std::filesystem::path& path) {
  const std::string pem = fs::ReadFile(path, "the CA file");
  ossl::BioPtr bio = ossl::MemoryBio(pem);
  std::vector<ossl::X509Ptr> out;
  while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(x);
  ERR_clear_error();
  if (out.empty()) {
    throw Failure("the CA file " + path.string() +
                  " holds no PEM certificate: pass the installed bundle (deps/IDX/rds-ca/rds-ca.pem) with --ca");
  }
  return out;
}

TlsClient::TlsClient(int fd, net::Clock::time_point deadline, BIO* framing)
    : fd_(fd), bio_(framing), deadline_(deadline) {}

TlsClient::~TlsClient() {
  if (bio_ != nullptr) BIO_free_all(bio_);
}

TlsStatus TlsClient::Handshake(const TlsSetup& setup) {
  ctx_.reset(SSL_CTX_new(TLS_client_method()));
  SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);  // libpq's default minimum, and MySQL's
  if (setup.trust != nullptr) {
    for (const auto& ca : *setup.trust) X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx_.get()), ca.get());
  }
  if (setup.verify_callback != nullptr) {
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, setup.verify_callback);
  } else if (VerifiesChain(setup.mode)) {
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
  }
  ssl_.reset(SSL_new(ctx_.get()));
  if (bio_ != nullptr) {
    SSL_set_bio(ssl_.get(), bio_, bio_);
    bio_ = nullptr;
  } else {
    SSL_set_fd(ssl_.get(), fd_);
  }
  SSL_set_app_data(ssl_.get(), setup.app_data);
  if (!IsIpLiteral(setup.host)) SSL_set_tlsext_host_name(ssl_.get(), setup.host.c_str());
  if (VerifiesHost(setup.mode)) {
    SSL_set_hostflags(ssl_.get(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (IsIpLiteral(setup.host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_.get()), setup.host.c_str());
    } else {
      SSL_set1_host(ssl_.get(), setup.host.c_str());
    }
  }
  return Run([&] { return SSL_connect(ssl_.get()); });
}

TlsStatus TlsClient::Write(const std::string& data) {
  for (std::size_t off = 0; off < data.size();) {
    std::size_t n = 0;
    const TlsStatus s = Run([&] { return SSL_write_ex(ssl_.get(), data.data() + off, data.size() - off, &n); });
    if (!s.ok()) return s;
    off += n;
  }
  return {};
}

TlsStatus TlsClient::Read(std::size_t n, std::string& out) {
  out.assign(n, '\0');
  for (std::size_t got = 0; got < n;) {
    std::size_t r = 0;
    const TlsStatus s = Run([&] { return SSL_read_ex(ssl_.get(), out.data() + got, n - got, &r); });
    if (!s.ok()) return s;
    got += r;
  }
  return {};
}

void TlsClient::Shutdown() {
  if (ssl_) SSL_shutdown(ssl_.get());
}

template <typename Op>
TlsStatus TlsClient::Run(Op op) {
  for (;;) {
    ERR_clear_error();
    errno = 0;
    const int rc = op();
    if (rc == 1) return {};
    const int err = SSL_get_error(ssl_.get(), rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      if (net::WaitReady(fd_, err == SSL_ERROR_WANT_WRITE, deadline_) != net::IoStatus::kOk) {
        return {net::IoStatus::kTimeout, "timed out"};
      }
      continue;
    }
    std::string reason = ossl::DrainErrors();
    if (reason.empty() && errno != 0 && err == SSL_ERROR_SYSCALL) reason = net::ErrnoText(errno);
    return {net::IoStatus::kError, reason};
  }
}

}  // namespace rdsca
