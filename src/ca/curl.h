#pragma once
// RAII for libcurl handles. The buildpack runs on cflinuxfs4's libcurl 7.81, which predates
// CURLOPT_PROTOCOLS_STR (7.85): the older CURLOPT_PROTOCOLS/CURLOPT_REDIR_PROTOCOLS are used,
// and their deprecation warnings (libcurl 7.85+) are silenced here, before curl.h is read.
#ifndef CURL_DISABLE_DEPRECATION
#define CURL_DISABLE_DEPRECATION
#endif
#include <curl/curl.h>

#include <memory>

namespace rdsca::curl {

/// Deleter for an easy handle.
struct EasyDeleter {
  void operator()(CURL* handle) const noexcept {
    if (handle != nullptr) curl_easy_cleanup(handle);
  }
};
/// Deleter for a header list.
struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept {
    if (list != nullptr) curl_slist_free_all(list);
  }
};

/// An owned easy handle.
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
/// An owned header list.
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

/// libcurl's global state for the life of the process: Global() returns the one instance,
/// created on first use (before any thread starts a transfer) and cleaned up at exit.
class Global {
 public:
  static Global& Get() {
    static Global instance;
    return instance;
  }
  bool ok() const { return ok_; }
  Global(const Global&) = delete;
  Global& operator=(const Global&) = delete;

 private:
  Global() : ok_(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {}
  ~Global() { curl_global_cleanup(); }
  bool ok_;
};

}  // namespace rdsca::curl
