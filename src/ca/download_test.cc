#include "ca/download.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "https_test_server.h"
#include "test_util.h"
#include "ca/x509.h"

namespace rdsca {
namespace {

using testing::Fixture;
using testing::HttpsTestServer;
using testing::TempDir;

constexpr const char* kGlobalSha = "e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3";

std::size_t Count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

/// One server for the whole file (python starts slowly on a busy machine) over a directory with
/// data/global-bundle.pem and a copy of it for the flaky route. Tests use distinct paths.
class SharedServer {
 public:
  static SharedServer& Get() {
    static SharedServer instance;
    return instance;
  }
  TempDir root;
  std::string bundle = fs::ReadFile(std::filesystem::path(RDSCA_SOURCE_DIR) / "data/global-bundle.pem", "data");
  HttpsTestServer server{Populate(root.path(), bundle)};

 private:
  SharedServer() = default;
  static std::filesystem::path Populate(const std::filesystem::path& dir, const std::string& body) {
    fs::WriteFileAtomic(dir / "global-bundle.pem", body);
    fs::WriteFileAtomic(dir / "flaky-bundle.pem", body);
    return dir;
  }
};

/// The shared server and a fresh cache directory.
struct Setup {
  TempDir cache;
  const std::string& bundle = SharedServer::Get().bundle;
  const HttpsTestServer& server = SharedServer::Get().server;

  DownloadRequest Request(const std::string& path) const {
    DownloadRequest r;
    r.url = server.Url(path);
    r.cache_dir = cache.path() / "rds-ca";
    r.test_ca_file = Fixture("certs/test-ca.pem");
    r.connect_timeout_ms = 2000;
    r.total_timeout_ms = 2000;
    r.attempts = 3;
    r.backoff_ms = 10;
    return r;
  }
  /// Everything under the cache directory: proves no partial or temporary file is left.
  std::vector<std::string> CacheFiles() const { return fs::ListDir(cache.path() / "rds-ca"); }
  /// How many times `path` was requested so far.
  std::size_t Requests(const std::string& path) const { return Count(server.Requests(), "GET " + path + "\n"); }
};

std::string ErrorOf(const DownloadRequest& r) {
  try {
    Download(r);
  } catch (const Failure& f) {
    return f.what();
  }
  return "(no error)";
}

TEST_CASE("Download: success, then a restage reads the cache without any request") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  r.sha256 = kGlobalSha;
  r.sha256_source = "manifest.yml";
  const std::size_t before = s.Requests("/files/global-bundle.pem");
  const Downloaded first = Download(r);
  CHECK(first.body == s.bundle);
  CHECK_FALSE(first.from_cache);
  CHECK(first.attempts == 1);
  CHECK(first.cache_warning.empty());
  CHECK(first.cache_path == CachePath(s.cache.path() / "rds-ca", r.url));
  CHECK(fs::ReadFile(first.cache_path, "cache") == s.bundle);
  CHECK(s.CacheFiles() == std::vector<std::string>{first.cache_path.filename().string()});
  CHECK(s.Requests("/files/global-bundle.pem") == before + 1);

  const Downloaded again = Download(r);
  CHECK(again.from_cache);
  CHECK(again.attempts == 0);
  CHECK(again.body == s.bundle);
  CHECK(s.Requests("/files/global-bundle.pem") == before + 1);
}

TEST_CASE("Download: a cached copy with the wrong pinned sha256 is replaced") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  r.sha256 = kGlobalSha;
  fs::WriteFileAtomic(CachePath(r.cache_dir, r.url), "stale\n");
  const Downloaded d = Download(r);
  CHECK_FALSE(d.from_cache);
  CHECK(fs::ReadFile(d.cache_path, "cache") == s.bundle);
}

TEST_CASE("Download: 404 fails at once, 500 after the bounded retries, a flaky 500 recovers") {
  Setup s;
  CHECK(ErrorOf(s.Request("/files/missing.pem")) == "cannot download " + s.server.Url("/files/missing.pem") +
                                                        ": HTTP status 404");
  CHECK(ErrorOf(s.Request("/status/500")) == "cannot download " + s.server.Url("/status/500") +
                                                 ": HTTP status 500 (after 3 attempts)");
  CHECK(s.Requests("/files/missing.pem") == 1);
  CHECK(s.Requests("/status/500") == 3);
  const Downloaded d = Download(s.Request("/flaky/flaky-bundle.pem"));
  CHECK(d.attempts == 2);
  CHECK(d.body == s.bundle);
  CHECK(s.CacheFiles().size() == 1);  // only the flaky one's good body
}

TEST_CASE("Download: timeout and truncated body end in an error and no file") {
  Setup s;
  DownloadRequest slow = s.Request("/slow/3/global-bundle.pem");
  slow.total_timeout_ms = 300;
  slow.attempts = 2;
  const std::string timeout = ErrorOf(slow);
  CHECK(timeout.rfind("cannot download " + slow.url + ": Timeout was reached (Operation timed out after ", 0) == 0);
  CHECK(timeout.substr(timeout.size() - 19) == " (after 2 attempts)");

  DownloadRequest cut = s.Request("/truncated/global-bundle.pem");
  cut.attempts = 2;
  const std::string truncated = ErrorOf(cut);
  CHECK(truncated.rfind("cannot download " + cut.url + ": Transferred a partial file (", 0) == 0);
  CHECK(truncated.substr(truncated.size() - 19) == " (after 2 attempts)");
  CHECK(s.CacheFiles().empty());
}

TEST_CASE("Download: a wrong sha256 is refused and nothing is cached") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  r.sha256 = std::string(64, '0');
  r.sha256_source = "RDS_CA_BUNDLE_SHA256";
  CHECK(ErrorOf(r) == "cannot download " + r.url + ": its sha256 is " + kGlobalSha +
                          " but RDS_CA_BUNDLE_SHA256 pins " + r.sha256 +
                          " (a changed or tampered file: check the source, then update the pin)");
  CHECK(s.CacheFiles().empty());
}

TEST_CASE("Download: untrusted TLS is refused, with the fixture's other CA and with the system store") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  const std::string before = s.server.Requests();
  r.test_ca_file = Fixture("certs/other-ca.pem");
  CHECK(ErrorOf(r) == "cannot download " + r.url +
                          ": the server's TLS certificate is not trusted (SSL certificate problem: unable to get "
                          "local issuer certificate)");
  r.test_ca_file.clear();  // the system store does not know the test CA either
  CHECK(ErrorOf(r).rfind("cannot download " + r.url + ": the server's TLS certificate is not trusted (", 0) == 0);
  CHECK(s.server.Requests() == before);  // no request went over the untrusted connection
  CHECK(s.CacheFiles().empty());
}

TEST_CASE("Download: the platform's CAs (CF_SYSTEM_CERT_PATH) are trusted beside the system store") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  r.test_ca_file.clear();
  r.extra_ca_pem = testing::ReadFixture("certs/other-ca.pem") + testing::ReadFixture("certs/test-ca.pem");
  CHECK(Download(r).body == s.bundle);
  r.extra_ca_pem = testing::ReadFixture("certs/other-ca.pem");
  r.cache_dir.clear();
  CHECK(ErrorOf(r).rfind("cannot download " + r.url + ": the server's TLS certificate is not trusted (", 0) == 0);
}

TEST_CASE("Download: plain http is refused, before any request and on a redirect") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  const std::size_t before = s.Requests("/files/global-bundle.pem");
  r.url = "http://127.0.0.1:" + std::to_string(s.server.port()) + "/files/global-bundle.pem";
  CHECK(ErrorOf(r) == "cannot download " + r.url +
                          ": only https:// URLs are allowed (use the https:// address of the bundle)");
  CHECK(s.Requests("/files/global-bundle.pem") == before);
  CHECK(ErrorOf(s.Request("/redirect-http/global-bundle.pem")) ==
        "cannot download " + s.server.Url("/redirect-http/global-bundle.pem") +
            ": redirected to a URL that is not https://, refused");
  CHECK(s.CacheFiles().empty());
  CHECK(Download(s.Request("/redirect-https/global-bundle.pem")).body == s.bundle);
}

TEST_CASE("Download: a server that offers only TLS 1.1, or a certificate for another host, is refused") {
  TempDir root;
  fs::WriteFileAtomic(root.path() / "b.pem", SharedServer::Get().bundle);
  for (const std::string options : {"--max-tls 1.1", "--bind 127.0.0.2"}) {
    CAPTURE(options);
    HttpsTestServer server(root.path(), options);
    TempDir cache;
    DownloadRequest r;
    r.url = server.Url("/files/b.pem");
    r.cache_dir = cache.path() / "rds-ca";
    r.test_ca_file = Fixture("certs/test-ca.pem");
    r.attempts = 1;
    const std::string error = ErrorOf(r);
    const std::string want = options == "--max-tls 1.1"
                                 ? "cannot download " + r.url + ": the TLS handshake failed (the server must offer "
                                                                "TLS 1.2 or newer): "
                                 : "cannot download " + r.url + ": the server's TLS certificate is not trusted (SSL: "
                                                                "no alternative certificate subject name matches "
                                                                "target host name '127.0.0.2')";
    CHECK(error.substr(0, want.size()) == want);
    CHECK(error.find('\n') == std::string::npos);
    CHECK(server.Requests().empty());  // nothing was asked over the refused connection
    CHECK(fs::ListDir(cache.path()).empty());
  }
}

TEST_CASE("Download: no request field, setting or environment variable turns TLS verification off") {
  // The downloader's source sets verification once, to on, and never reads a switch for it.
  const std::string source = fs::ReadFile(std::filesystem::path(RDSCA_SOURCE_DIR) / "src/ca/download.cc", "source");
  CHECK(Count(source, "CURLOPT_SSL_VERIFYPEER, 1L") == 1);
  CHECK(Count(source, "CURLOPT_SSL_VERIFYHOST, 2L") == 1);
  for (const char* off : {"VERIFYPEER, 0", "VERIFYHOST, 0", "VERIFYSTATUS", "CURLSSLOPT_NO_REVOKE", "INSECURE",
                          "insecure", "CURLSSLOPT_ALLOW_BEAST", "CURLOPT_PROXY_SSL_VERIFY"}) {
    CAPTURE(off);
    CHECK(source.find(off) == std::string::npos);
  }
  // The switches other tools read change nothing: the production path (system store) still refuses.
  for (const char* name : {"CURL_SSL_NO_VERIFY", "GIT_SSL_NO_VERIFY", "NODE_TLS_REJECT_UNAUTHORIZED",
                           "PYTHONHTTPSVERIFY", "RDS_CA_INSECURE"}) {
    CAPTURE(name);
    ::setenv(name, std::string(name).find("NO_VERIFY") != std::string::npos ? "1" : "0", 1);
    Setup s;
    DownloadRequest r = s.Request("/files/global-bundle.pem");
    r.test_ca_file.clear();
    CHECK(ErrorOf(r).rfind("cannot download " + r.url + ": the server's TLS certificate is not trusted (", 0) == 0);
    ::unsetenv(name);
  }
}

TEST_CASE("Download: a body over the size cap is refused") {
  Setup s;
  DownloadRequest r = s.Request("/files/global-bundle.pem");
  r.max_bytes = 1000;
  CHECK(ErrorOf(r) == "cannot download " + r.url + ": larger than the 1000 bytes a CA bundle may have");
  CHECK(s.CacheFiles().empty());
}

TEST_CASE("RedactUrl and CachePath") {
  CHECK(RedactUrl("https://user:secret@mirror.example.com/a.pem") == "https://***@mirror.example.com/a.pem");
  CHECK(RedactUrl("https://mirror.example.com/a@b.pem") == "https://mirror.example.com/a@b.pem");
  CHECK(RedactUrl("no scheme") == "no scheme");
  CHECK(RedactUrl("https://mirror:SECRET@mirror.example.com/us-east-1.pem?api_key=TOKEN") ==
        "https://***@mirror.example.com/us-east-1.pem?***");
  CHECK(RedactUrl("https://mirror.example.com/a.pem?X-Amz-Signature=abc&X-Amz-Credential=k") ==
        "https://mirror.example.com/a.pem?***");
  CHECK(RedactUrl("https://mirror.example.com?k=a@b/c") == "https://mirror.example.com?***");
  CHECK(RedactUrl("https://mirror.example.com/a.pem#TOKEN") == "https://mirror.example.com/a.pem#***");
  const auto p = CachePath("/c", "https://truststore.pki.rds.amazonaws.com/us-west-2/us-west-2-bundle.pem");
  CHECK(p.parent_path() == "/c");
  CHECK(p.filename().string().size() == 16 + 1 + std::string("us-west-2-bundle.pem").size());
  CHECK(p.filename().string().substr(16) == "-us-west-2-bundle.pem");
  CHECK(CachePath("/c", "https://h/x/../?q=1").filename().string().substr(16) == "-bundle");
  CHECK(CachePath("/c", "https://h/a.pem") != CachePath("/c", "https://g/a.pem"));
}

}  // namespace
}  // namespace rdsca
