#include "launch/trust_variables.h"

namespace rdsca {

namespace {

constexpr const char* kJavaTrustStoreOption = "-Djavax.net.ssl.trustStore=";

bool InColonList(std::string_view list, std::string_view item) {
  while (true) {
    auto colon = list.find(':');
    if (list.substr(0, colon) == item) return true;
    if (colon == std::string_view::npos) return false;
    list = list.substr(colon + 1);
  }
}

class Rule {
 public:
  Rule(const Settings& settings, const Env& env, const std::string& system_cert_dir)
      : settings_(settings), env_(env), system_cert_dir_(system_cert_dir) {}

  /// False (noted) when RDS_CA_<name>=false or the store has no such file.
  bool Wanted(const std::string& name, const std::string& file) {
    if (file.empty()) return false;
    if (settings_.Exports(name)) return true;
    out.notes.push_back(name + " not set: RDS_CA_" + name + "=false");
    return false;
  }
  /// `name`=`file` unless the app set its own (noted, with why that is fine).
  void UnlessApps(const std::string& name, const std::string& file, const std::string& why_fine = "") {
    if (!Wanted(name, file)) return;
    if (GetEnv(env_, name).empty()) {
      out.set.push_back({name, file});
    } else {
      out.notes.push_back(name + " is set by the app: left alone" + why_fine);
    }
  }
  void CertDir(const std::string& dir) {
    if (!Wanted("SSL_CERT_DIR", dir)) return;
    const std::string existing = GetEnv(env_, "SSL_CERT_DIR");
    if (!InColonList(existing, dir)) {
      out.set.push_back({"SSL_CERT_DIR", dir + ":" + (existing.empty() ? system_cert_dir_ : existing)});
    }
  }
  void JavaOptions(const std::string& trust_store) {
    if (!Wanted("JAVA_TOOL_OPTIONS", trust_store)) return;
    const std::string existing = GetEnv(env_, "JAVA_TOOL_OPTIONS");
    if (existing.find(kJavaTrustStoreOption) != std::string::npos) {
      out.notes.push_back("JAVA_TOOL_OPTIONS already names a trust store: left alone");
      return;
    }
    out.set.push_back({"JAVA_TOOL_OPTIONS", existing + (existing.empty() ? "" : " ") + kJavaTrustStoreOption +
                                                trust_store + " -Djavax.net.ssl.trustStoreType=PKCS12"});
  }

  TrustVariables out;

 private:
  const Settings& settings_;
  const Env& env_;
  const std::string& system_cert_dir_;
};

}  // namespace

TrustVariables ComputeTrustVariables(const Settings& settings, const Env& env, const StoreFiles& store,
                                     const std::string& system_cert_dir) {
  Rule rule(settings, env, system_cert_dir);
  rule.CertDir(store.hashed_dir);
  rule.UnlessApps("SSL_CERT_FILE", store.combined_bundle, " (SSL_CERT_DIR still carries the RDS CAs)");
  rule.UnlessApps("PGSSLROOTCERT", store.combined_bundle);
  rule.UnlessApps("NODE_EXTRA_CA_CERTS", store.rds_bundle);
  rule.UnlessApps("REQUESTS_CA_BUNDLE", store.combined_bundle);
  rule.JavaOptions(store.java_trust_store);
  return std::move(rule.out);
}

}  // namespace rdsca
