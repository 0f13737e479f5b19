#include "db/mysql/mysql.h"

#include <algorithm>
#include <array>

#include "base/text.h"
#include "db/database.h"
#include "db/mysql/mysql_url.h"

namespace rdsca {

namespace {

/// MySQL's ssl-mode names, in TlsMode order (MySQL has no "allow": its weakest TLS is preferred).
constexpr std::array<std::string_view, 6> kModeNames = {"disabled", "preferred",  "preferred",
                                                        "required", "verify_ca", "verify_identity"};

/// Every spelling clients and brokers use, '-' read as '_', any case.
struct Spelling {
  std::string_view text;
  TlsMode mode;
};
constexpr std::array<Spelling, 14> kSpellings = {{
    {"disabled", TlsMode::kDisable},     {"disable", TlsMode::kDisable},       {"false", TlsMode::kDisable},
    {"allow", TlsMode::kAllow},          {"preferred", TlsMode::kPrefer},      {"prefer", TlsMode::kPrefer},
    {"required", TlsMode::kRequire},     {"require", TlsMode::kRequire},       {"skip_verify", TlsMode::kRequire},
    {"trust", TlsMode::kRequire},        {"verify_ca", TlsMode::kVerifyCa},    {"verify_identity", TlsMode::kVerifyFull},
    {"verify_full", TlsMode::kVerifyFull}, {"true", TlsMode::kVerifyFull},
}};

// Parameter names are compared in any case: MySQL Connector/J maps every spelling of a property
// it knows to its own (PropertyKey.normalizeCase, in ConnectionUrl.collectProperties), so
// SSLMODE=DISABLED is its sslMode; the other clients' exact names are among the spellings.

/// True when `key`, in any case, is one of `names` (written in lower case).
template <std::size_t N>
bool AnyCase(std::string_view key, const std::array<std::string_view, N>& names) {
  const std::string lower = Lower(key);
  return std::find(names.begin(), names.end(), lower) != names.end();
}

/// The parameters a URL uses for the mode ...
bool IsModeKey(std::string_view key) {
  return AnyCase(key, std::array<std::string_view, 3>{"ssl_mode", "ssl-mode", "sslmode"});
}
/// ... for a CA file ...
bool IsCaKey(std::string_view key) {
  return AnyCase(key, std::array<std::string_view, 5>{"sslca", "ssl_ca", "ssl-ca", "serversslcert", "sslrootcert"});
}
/// ... and the other TLS ones that ours replace (Connector/J's, MariaDB's, mysql2's, PyMySQL's).
bool IsOtherTlsKey(std::string_view key) {
  return AnyCase(key, std::array<std::string_view, 12>{
                          "usessl", "requiressl", "verifyservercertificate", "trustservercertificate",
                          "disablesslhostnameverification", "sslverify", "ssl_verify_cert", "ssl_verify_identity",
                          "ssl_check_hostname", "ssl", "tls", "permitmysqlscheme"});
}
/// ... the ones that would change how the server is trusted: a trust store, a TLS socket class
/// of the binding's choosing (dropped, and staging says so) ...
bool IsTrustKey(std::string_view key) {
  return AnyCase(key, std::array<std::string_view, 8>{
                          "trustcertificatekeystoreurl", "trustcertificatekeystoretype",
                          "trustcertificatekeystorepassword", "fallbacktosystemtruststore", "truststore",
                          "truststoretype", "truststorepassword", "tlssockettype"});
}
/// ... and the ones that would make the client connect elsewhere than the verified host: a
/// Unix socket or named pipe, another host or port, a proxy, a socket factory or a class that
/// rewrites the properties (the binding is refused).
bool MovesConnection(std::string_view key) {
  return AnyCase(key, std::array<std::string_view, 13>{
                          "host", "port", "socket", "unix_socket", "protocol", "path", "localsocket", "pipe",
                          "namedpipepath", "socketfactory", "socksproxyhost", "socksproxyport",
                          "propertiestransform"});
}

bool IsTrue(const std::string& v) { return Lower(Trim(v)) == "true" || Trim(v) == "1"; }
bool IsFalse(const std::string& v) { return Lower(Trim(v)) == "false" || Trim(v) == "0"; }

/// The JDBC TLS parameters for `mode`: MySQL Connector/J reads sslMode (and the JVM trust store),
/// MariaDB Connector/J 2.x useSSL, trustServerCertificate and disableSslHostnameVerification with
/// serverSslCert, 3.x sslMode (it knows MySQL's names) with serverSslCert. Weaker than
/// required becomes required: MariaDB 3.x has no "preferred", and a JDBC client never needs to
/// fall back to plaintext on RDS.
UrlParams JdbcTls(TlsMode mode, const std::string& ca) {
  if (mode == TlsMode::kDisable) return {{"useSSL", "false"}, {"sslMode", "DISABLED"}};
  if (!VerifiesChain(mode)) return {{"useSSL", "true"}, {"sslMode", "REQUIRED"}, {"trustServerCertificate", "true"}};
  UrlParams out = {{"useSSL", "true"}, {"sslMode", mode == TlsMode::kVerifyCa ? "VERIFY_CA" : "VERIFY_IDENTITY"}};
  if (!ca.empty()) out.emplace_back("serverSslCert", ca);
  if (mode == TlsMode::kVerifyCa) out.emplace_back("disableSslHostnameVerification", "true");
  return out;
}

class MysqlEngine final : public Engine {
  /// `db`'s connection with `params`, then the TLS parameters for its mode: `ca_file`, else the
  /// uri's own CA file.
  Connection WithTls(const Database& db, const UrlParams& params, const std::string& ca_file,
                     std::string_view jdbc_scheme) const {
    Connection url = db.conn;
    url.params = params;
    for (auto& p : TlsUrlParams(db.tls, ca_file.empty() ? db.given_ca_file : ca_file, jdbc_scheme)) {
      url.params.push_back(std::move(p));
    }
    return url;
  }

 public:
  EngineId Id() const override { return EngineId::kMysql; }
  std::string_view Name() const override { return "MySQL"; }
  int DefaultPort() const override { return kMysqlDefaultPort; }

  bool OwnsScheme(std::string_view scheme) const override { return scheme == "mysql" || scheme == "mysql2"; }
  bool OwnsJdbcScheme(std::string_view scheme) const override {
    return scheme == "jdbc:mysql" || scheme == "jdbc:mariadb";
  }
  std::vector<std::string_view> SchemeExamples() const override {
    return {"mysql://", "mysql2://", "jdbc:mysql://", "jdbc:mariadb://"};
  }
  /// mysql, mariadb, aurora-mysql, csb-aws-mysql, p.mysql...
  bool NamedBy(std::string_view label_or_tag) const override {
    const std::string lower = Lower(label_or_tag);
    return lower.find("mysql") != std::string::npos || lower.find("mariadb") != std::string::npos;
  }

  Connection ParseUrl(std::string_view url) const override { return ParseMysqlUrl(url); }
  Connection ParseJdbcUrl(std::string_view url) const override { return ParseMysqlJdbcUrl(url); }
  std::string_view UrlExample() const override { return "mysql://USER:PASSWORD@HOST:PORT/DBNAME"; }
  std::string_view JdbcExample() const override {
    return "jdbc:mysql://HOST:PORT/DBNAME?user=USER&password=PASSWORD";
  }
  std::string ConnectionUrl(const Connection& connection) const override { return BuildMysqlUrl(connection); }
  std::string Redacted(const Connection& connection) const override { return RedactMysqlUrl(connection); }

  const std::vector<const char*>& TlsModeKeys() const override {
    static const std::vector<const char*> keys = {"ssl_mode", "sslmode", "ssl-mode", "sslMode"};
    return keys;
  }
  /// ssl_mode (any spelling) and the CA file taken out, their values kept (a JDBC parameter set
  /// gives its mode through JdbcTlsMode); every other TLS parameter dropped: ours replace them.
  TlsParams SplitTlsParams(const UrlParams& params) const override {
    TlsParams out;
    for (const auto& [key, value] : params) {
      if (IsModeKey(key)) {
        if (out.mode.empty()) out.mode = value;
      } else if (IsCaKey(key)) {
        if (out.ca_file.empty()) out.ca_file = value;
      } else if (IsTrustKey(key)) {
        out.dropped.push_back(key);
      } else if (MovesConnection(key)) {
        if (out.refused.empty()) out.refused = key;
      } else if (!IsOtherTlsKey(key)) {
        out.rest.emplace_back(key, value);
      }
    }
    if (out.mode.empty()) out.mode = JdbcTlsMode(params);
    return out;
  }
  std::optional<TlsMode> ParseTlsMode(std::string_view text) const override {
    std::string key = Lower(Trim(text));
    std::replace(key.begin(), key.end(), '-', '_');
    for (const auto& s : kSpellings) {
      if (s.text == key) return s.mode;
    }
    return std::nullopt;
  }
  std::string_view TlsModeName(TlsMode mode) const override { return kModeNames[static_cast<std::size_t>(mode)]; }
  std::string_view TlsModeWord() const override { return "ssl_mode"; }
  std::string_view TlsModeList() const override { return kMysqlSslModeList; }
  /// Rails' sslca and ssl_mode (the CA only under a mode that verifies: with a CA file,
  /// Connector/C verifies the chain whatever the mode says); for JDBC, JdbcTls, and
  /// permitMysqlScheme for jdbc:mysql, without which MariaDB Connector/J 3.x refuses that scheme.
  UrlParams TlsUrlParams(TlsMode mode, const std::string& ca_file, std::string_view jdbc_scheme) const override {
    if (!jdbc_scheme.empty()) {
      UrlParams out = JdbcTls(mode, ca_file);
      if (jdbc_scheme == "jdbc:mysql") out.emplace_back("permitMysqlScheme", "true");
      return out;
    }
    UrlParams out;
    if (VerifiesChain(mode) && !ca_file.empty()) out.emplace_back("sslca", ca_file);
    out.emplace_back("ssl_mode", std::string(TlsModeName(mode)));
    return out;
  }

  /// mysql2://...?REST&sslca=CA&ssl_mode=MODE: Rails hands each parameter to Mysql2::Client.
  std::string DatabaseUrl(const Database& db, const std::string& ca_file) const override {
    return BuildMysqlUrl(WithTls(db, db.conn.params, ca_file, ""));
  }
  /// jdbc:mysql://... (jdbc:mariadb:// when the binding's jdbcUrl says so).
  std::string JdbcUrl(const Database& db, const std::string& ca_file) const override {
    const std::string scheme = db.jdbc_scheme == "jdbc:mariadb" ? "jdbc:mariadb" : "jdbc:mysql";
    return BuildMysqlJdbcUrl(WithTls(db, db.jdbc_params, ca_file, scheme), scheme);
  }
  /// Stratos's MySQL values: true (chain and host name), skip-verify, false. verify-ca becomes
  /// true (go-sql-driver/mysql has no chain-only mode), prefer and allow skip-verify (TLS
  /// always: preferred would fall back to plaintext).
  std::string DbSslMode(TlsMode mode) const override {
    if (mode == TlsMode::kDisable) return "false";
    return VerifiesChain(mode) ? "true" : "skip-verify";
  }
  std::string DbSslModeWarning(TlsMode mode) const override {
    const std::string given(TlsModeName(mode));
    if (mode == TlsMode::kVerifyCa) {
      return "DB_SSL_MODE will be true, which also checks the host name: go-sql-driver/mysql (Stratos) has no "
             "chain-only mode (DATABASE_URL keeps " + given + ")";
    }
    if (mode == TlsMode::kAllow || mode == TlsMode::kPrefer) {
      return "DB_SSL_MODE will be skip-verify, not preferred: Stratos's preferred falls back to plaintext, "
             "skip-verify always encrypts (DATABASE_URL keeps " + given + ")";
    }
    return "";
  }

  const OptionFileSpec* OptionFile() const override {
    static const OptionFileSpec spec{
        "my.cnf", "MYSQL_HOME", {"MYSQL_HOME", "MARIADB_HOME"}, "ssl-ca and ssl-verify-server-cert"};
    return &spec;
  }
  /// [client] ssl-ca (MySQL's and MariaDB's clients), [client-mariadb] ssl-verify-server-cert
  /// (MariaDB's alone: MySQL 8's clients refuse that option, and take ssl-ca as VERIFY_CA).
  std::string OptionFileText(const std::string& ca_file) const override {
    if (ca_file.empty() || ca_file.find_first_of("\n\r") != std::string::npos) return "";
    return "# Written by rds-ca-buildpack: the mysql and mariadb command-line clients (and libraries\n"
           "# asked to read option files) verify the server against the RDS CAs.\n"
           "[client]\n"
           "ssl-ca=" + ca_file + "\n"
           "[client-mariadb]\n"
           "ssl-verify-server-cert\n";
  }
};

}  // namespace

const Engine& Mysql() {
  static const MysqlEngine engine;
  return engine;
}

std::string JdbcTlsMode(const UrlParams& params) {
  std::string use_ssl, require_ssl, verify_cert, trust_cert;
  for (const auto& [key, value] : params) {
    const std::string lower = Lower(key);  // in any case, as Connector/J reads them
    if (lower == "usessl") use_ssl = value;
    if (lower == "requiressl") require_ssl = value;
    if (lower == "verifyservercertificate") verify_cert = value;
    if (lower == "trustservercertificate") trust_cert = value;
  }
  if (IsFalse(use_ssl)) return "disabled";
  if (IsTrue(trust_cert) || IsFalse(verify_cert)) return IsTrue(require_ssl) || IsTrue(use_ssl) ? "required" : "";
  return "";
}

}  // namespace rdsca
