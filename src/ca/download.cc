#include "ca/download.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "ca/curl.h"
#include "base/error.h"
#include "base/fs.h"
#include "ca/ossl.h"
#include "version.h"
#include "ca/x509.h"

namespace rdsca {

namespace {

/// The outcome of one request.
struct Attempt {
  bool ok = false;
  bool retryable = false;
  std::string reason;  ///< one line, empty when ok
  std::string body;
};

struct Sink {
  std::string* body;
  std::size_t max_bytes;
  bool too_big = false;
};

std::size_t Write(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > sink->max_bytes) {
    sink->too_big = true;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

/// libcurl's SSL_CTX hook: adds the request's extra CAs to the store libcurl already filled.
CURLcode AddExtraCas(CURL*, void* ssl_ctx, void* user) {
  const auto* pem = static_cast<const std::string*>(user);
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx));
  ossl::BioPtr bio = ossl::MemoryBio(*pem);
  for (;;) {
    ossl::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    X509_STORE_add_cert(store, cert.get());  // a duplicate is harmless
  }
  ERR_clear_error();  // the end of the PEM text leaves a "no start line" behind
  return CURLE_OK;
}

void SetOptions(CURL* h, const DownloadRequest& r, Sink& sink, char* errbuf) {
  curl_easy_setopt(h, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTPS));
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTPS));
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!r.test_ca_file.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, r.test_ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
  }
  if (!r.extra_ca_pem.empty()) {
    curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, AddExtraCas);
    curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, &r.extra_ca_pem);
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, r.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, r.total_timeout_ms);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.max_bytes));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, (std::string("rds-ca-buildpack/") + kVersion).c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
}

/// Whether a failed transfer may succeed if tried again.
bool Retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:  // includes "no network yet"; bounded by attempts
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

std::string CurlReason(CURLcode code, const char* errbuf, const Sink& sink, const DownloadRequest& r) {
  if (code == CURLE_FILESIZE_EXCEEDED || sink.too_big) {
    return "larger than the " + std::to_string(r.max_bytes) + " bytes a CA bundle may have";
  }
  if (code == CURLE_UNSUPPORTED_PROTOCOL) return "redirected to a URL that is not https://, refused";
  if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
    return "the server's TLS certificate is not trusted (" + OneLine(errbuf[0] ? errbuf : curl_easy_strerror(code)) +
           ")";
  }
  if (code == CURLE_SSL_CONNECT_ERROR) {
    return "the TLS handshake failed (the server must offer TLS 1.2 or newer): " +
           OneLine(errbuf[0] ? errbuf : curl_easy_strerror(code));
  }
  std::string reason = curl_easy_strerror(code);
  if (errbuf[0] != '\0') reason += " (" + OneLine(errbuf) + ")";
  return reason;
}

Attempt FetchOnce(const DownloadRequest& r) {
  Attempt a;
  curl::EasyPtr h(curl_easy_init());
  if (!h) return {false, false, "libcurl could not start", {}};
  char errbuf[CURL_ERROR_SIZE] = {};
  Sink sink{&a.body, r.max_bytes};
  SetOptions(h.get(), r, sink, errbuf);
  const CURLcode code = curl_easy_perform(h.get());
  if (code != CURLE_OK) {
    a.retryable = !sink.too_big && Retryable(code);
    a.reason = CurlReason(code, errbuf, sink, r);
    a.body.clear();
    return a;
  }
  long status = 0;
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    a.retryable = status >= 500 || status == 429 || status == 408;
    a.reason = "HTTP status " + std::to_string(status);
    a.body.clear();
    return a;
  }
  a.ok = true;
  return a;
}

[[noreturn]] void Fail(const DownloadRequest& r, const std::string& reason) {
  throw Failure("cannot download " + RedactUrl(r.url) + ": " + reason);
}

void CheckSha256(const DownloadRequest& r, const std::string& body) {
  if (r.sha256.empty()) return;
  const std::string got = Sha256Hex(body);
  if (got != r.sha256) {
    Fail(r, "its sha256 is " + got + " but " + (r.sha256_source.empty() ? "the pin" : r.sha256_source) +
                " pins " + r.sha256 + " (a changed or tampered file: check the source, then update the pin)");
  }
}

/// The cached body when usable; a cached file with the wrong pinned hash is removed.
std::optional<std::string> FromCache(const DownloadRequest& r, const std::filesystem::path& path) {
  if (path.empty()) return std::nullopt;
  std::optional<std::string> body;
  try {
    body = fs::ReadFileIfExists(path, "cached CA bundle", r.max_bytes);
  } catch (const Failure&) {
    body.reset();
  }
  if (body && !r.sha256.empty() && Sha256Hex(*body) != r.sha256) {
    ::unlink(path.c_str());
    body.reset();
  }
  return body;
}

}  // namespace

std::string RedactUrl(std::string_view url) {
  // A query (?api_key=..., a signed URL's signature) or a fragment is as secret as user info.
  std::string tail;
  if (const std::size_t query = url.find_first_of("?#"); query != std::string_view::npos) {
    tail = std::string(1, url[query]) + "***";
    url = url.substr(0, query);
  }
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url) + tail;
  const std::size_t host = scheme + 3;
  const std::size_t end = url.find_first_of("/", host);
  const std::size_t at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < host) return std::string(url) + tail;
  return std::string(url.substr(0, host)) + "***" + std::string(url.substr(at)) + tail;
}

std::filesystem::path CachePath(const std::filesystem::path& cache_dir, std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  std::string base(path.substr(path.rfind('/') + 1));
  for (char& c : base) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-' || c == '_';
    if (!safe) c = '_';
  }
  if (base.empty() || base[0] == '.') base = "bundle" + base;
  return cache_dir / (Sha256Hex(url).substr(0, 16) + "-" + base);
}

Downloaded Download(const DownloadRequest& r) {
  if (r.url.rfind("https://", 0) != 0) Fail(r, "only https:// URLs are allowed (use the https:// address of the bundle)");
  Downloaded out;
  if (!r.cache_dir.empty()) out.cache_path = CachePath(r.cache_dir, r.url);
  if (auto cached = FromCache(r, out.cache_path)) {
    out.body = std::move(*cached);
    out.from_cache = true;
    return out;
  }
  if (!curl::Global::Get().ok()) Fail(r, "libcurl could not be initialised");
  Attempt a;
  for (int n = 1; n <= std::max(1, r.attempts); ++n) {
    out.attempts = n;
    a = FetchOnce(r);
    if (a.ok || !a.retryable || n == std::max(1, r.attempts)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(r.backoff_ms << (n - 1)));
  }
  if (!a.ok) {
    Fail(r, a.reason + (out.attempts > 1 ? " (after " + std::to_string(out.attempts) + " attempts)" : ""));
  }
  CheckSha256(r, a.body);
  out.body = std::move(a.body);
  if (!out.cache_path.empty()) {
    try {
      fs::WriteFileAtomic(out.cache_path, out.body);
    } catch (const Failure& f) {
      out.cache_warning = std::string("not cached: ") + f.what();
    }
  }
  return out;
}

}  // namespace rdsca
