#include "db/postgres/postgres.h"

#include <algorithm>
#include <array>

#include "base/text.h"
#include "db/database.h"
#include "db/postgres/pg_url.h"

namespace rdsca {

namespace {

constexpr std::array<std::string_view, 6> kModeNames = {"disable",  "allow",     "prefer",
                                                        "require",  "verify-ca", "verify-full"};

/// sslmode and (unless disabled) sslrootcert.
UrlParams SslParams(TlsMode mode, const std::string& ca_file) {
  UrlParams out = {{"sslmode", std::string(SslModeName(mode))}};
  if (mode != TlsMode::kDisable && !ca_file.empty()) out.emplace_back("sslrootcert", ca_file);
  return out;
}

/// `db`'s connection with `params`, then sslmode and sslrootcert: `ca_file`, else the uri's own.
Connection WithSsl(const Database& db, const UrlParams& params, const std::string& ca_file) {
  Connection url = db.conn;
  url.params = params;
  for (auto& p : SslParams(db.tls, ca_file.empty() ? db.given_ca_file : ca_file)) url.params.push_back(std::move(p));
  return url;
}

/// pgjdbc's factory that trusts only the JVM's store and ignores sslrootcert (the Cloud Service
/// Broker writes it into its jdbcUrls), and the one that reads sslrootcert (pgjdbc's default).
constexpr std::string_view kJvmOnlyFactory = "org.postgresql.ssl.DefaultJavaSSLFactory";
constexpr std::string_view kSslRootCertFactory = "org.postgresql.ssl.LibPQFactory";

/// What becomes of a PostgreSQL URL parameter.
enum class PgParam {
  kOther,     ///< kept as it is
  kMode,      ///< sslmode: the binding's mode, replaced by ours
  kCaFile,    ///< sslrootcert: the binding's CA file, replaced by ours
  kReplaced,  ///< ssl, requiressl: TLS switches our sslmode replaces, dropped silently
  kTrust,     ///< changes how the server is trusted: dropped, and staging says so
  kMoves,     ///< changes where the driver connects: the binding is refused
};

/// The rule for every parameter of a DATABASE_URL (libpq, and the drivers that read libpq's
/// keywords) or a JDBC_DATABASE_URL (pgjdbc) that decides where the client connects or how it
/// trusts the server. libpq compares its conninfo keywords exactly, and pgjdbc its PGProperty
/// names (42.5.5: "SSLMODE" is not read, "PGHOST" in the query replaces the URL's host, the last
/// "sslmode" wins): sslmode and sslrootcert count only as written; the rest are matched in any
/// case, which adds only spellings neither driver reads.
PgParam ClassifyPgParam(std::string_view key, std::string_view value) {
  if (key == "sslmode") return PgParam::kMode;
  if (key == "sslrootcert") return PgParam::kCaFile;
  const std::string lower = Lower(key);
  if (lower == "ssl" || lower == "requiressl") return PgParam::kReplaced;
  // the factory that reads our sslrootcert and verifies as our sslmode says: what we export
  if (key == "sslfactory" && value == kSslRootCertFactory) return PgParam::kOther;
  // pgjdbc: a factory or a host-name verifier of the binding's choosing (NonValidatingFactory
  // trusts any certificate); sslmode and sslrootcert in another case (no driver reads them).
  if (lower == "sslfactory" || lower == "sslfactoryarg" || lower == "sslhostnameverifier" || lower == "sslmode" ||
      lower == "sslrootcert") {
    return PgParam::kTrust;
  }
  // libpq's and pgjdbc's GSSAPI encryption: in place of TLS, with no certificate at all.
  if (lower == "gssencmode" && Lower(Trim(value)) != "disable") return PgParam::kTrust;
  // libpq: host (a directory is a Unix socket, where sslmode does not apply), hostaddr, port,
  // service (pg_service.conf); pgjdbc: PGHOST and PGPORT, service, a socket factory.
  if (lower == "host" || lower == "hostaddr" || lower == "port" || lower == "service" || lower == "servicefile" ||
      lower == "pghost" || lower == "pgport" || lower == "socketfactory" || lower == "socketfactoryarg") {
    return PgParam::kMoves;
  }
  return PgParam::kOther;
}

/// An sslfactory of kJvmOnlyFactory, exactly as pgjdbc reads the name: replaced by
/// kSslRootCertFactory (so that the sslrootcert we add is what pgjdbc trusts) rather than dropped
/// with the other trust parameters.
bool IsJvmOnlyFactory(std::string_view key, std::string_view value) {
  return key == "sslfactory" && value == kJvmOnlyFactory;
}

/// The staging note for that replacement.
std::string JvmOnlyFactoryNote() {
  return "sslfactory " + std::string(kJvmOnlyFactory) + " (the JVM trust store only, sslrootcert ignored) "
         "becomes " + std::string(kSslRootCertFactory) + ", which reads sslrootcert";
}

class PostgresEngine final : public Engine {
 public:
  EngineId Id() const override { return EngineId::kPostgres; }
  std::string_view Name() const override { return "PostgreSQL"; }
  int DefaultPort() const override { return kDefaultPort; }

  bool OwnsScheme(std::string_view scheme) const override { return scheme == "postgres" || scheme == "postgresql"; }
  bool OwnsJdbcScheme(std::string_view scheme) const override { return scheme == "jdbc:postgresql"; }
  std::vector<std::string_view> SchemeExamples() const override {
    return {"postgres://", "postgresql://", "jdbc:postgresql://"};
  }
  /// pgjdbc's sslfactory replaces the trust manager that reads sslrootcert.
  std::vector<std::string> UrlWarnings(std::string_view url) const override {
    for (const auto& key : QueryKeys(url)) {
      if (key == "sslfactory") {
        return {"the URL sets sslfactory, which makes pgjdbc ignore sslrootcert: remove it to verify against the bundle"};
      }
    }
    return {};
  }
  bool NamedBy(std::string_view label_or_tag) const override {
    return Lower(label_or_tag).find("postgres") != std::string::npos;
  }

  Connection ParseUrl(std::string_view url) const override { return ParsePgUrl(url); }
  Connection ParseJdbcUrl(std::string_view url) const override { return rdsca::ParseJdbcUrl(url); }
  std::string_view UrlExample() const override { return "postgres://USER:PASSWORD@HOST:PORT/DBNAME"; }
  std::string_view JdbcExample() const override {
    return "jdbc:postgresql://HOST:PORT/DBNAME?user=USER&password=PASSWORD";
  }
  std::string ConnectionUrl(const Connection& connection) const override { return BuildPgUrl(connection); }
  std::string Redacted(const Connection& connection) const override { return RedactPgUrl(connection); }

  const std::vector<const char*>& TlsModeKeys() const override {
    static const std::vector<const char*> keys = {"sslmode"};
    return keys;
  }
  /// sslmode and sslrootcert are taken out (their values kept), ssl dropped: ours replace them;
  /// the others as ClassifyPgParam says, but a JVM-only sslfactory becomes the one that reads
  /// sslrootcert (IsJvmOnlyFactory).
  TlsParams SplitTlsParams(const UrlParams& params) const override {
    TlsParams out;
    for (const auto& [key, value] : params) {
      if (IsJvmOnlyFactory(key, value)) {
        out.rest.emplace_back(key, kSslRootCertFactory);
        out.note = JvmOnlyFactoryNote();
        continue;
      }
      switch (ClassifyPgParam(key, value)) {
        case PgParam::kMode: out.mode = value; break;
        case PgParam::kCaFile: out.ca_file = value; break;
        case PgParam::kReplaced: break;
        case PgParam::kTrust: out.dropped.push_back(key); break;
        case PgParam::kMoves:
          if (out.refused.empty()) out.refused = key;
          break;
        case PgParam::kOther: out.rest.emplace_back(key, value); break;
      }
    }
    return out;
  }
  std::optional<TlsMode> ParseTlsMode(std::string_view text) const override { return ParseSslMode(Lower(Trim(text))); }
  std::string_view TlsModeName(TlsMode mode) const override { return SslModeName(mode); }
  std::string_view TlsModeWord() const override { return "sslmode"; }
  std::string_view TlsModeList() const override { return kSslModeList; }
  UrlParams TlsUrlParams(TlsMode mode, const std::string& ca_file, std::string_view) const override {
    return SslParams(mode, ca_file);
  }

  std::string DatabaseUrl(const Database& db, const std::string& ca_file) const override {
    return BuildPgUrl(WithSsl(db, db.conn.params, ca_file));
  }
  std::string JdbcUrl(const Database& db, const std::string& ca_file) const override {
    return BuildJdbcUrl(WithSsl(db, db.jdbc_params, ca_file));
  }
  std::string DbSslMode(TlsMode mode) const override { return std::string(SslModeName(rdsca::DbSslMode(mode))); }
  std::string DbSslModeWarning(TlsMode mode) const override {
    if (rdsca::DbSslMode(mode) == mode) return "";
    const std::string given(SslModeName(mode));
    return "DB_SSL_MODE will be " + DbSslMode(mode) + ", not " + given +
           ": Stratos and Go's lib/pq accept only disable, require, verify-ca and verify-full "
           "(DATABASE_URL keeps " + given + ")";
  }
  std::string TrustVariableWarning(TlsMode mode, const std::vector<std::string>& exported) const override {
    if (VerifiesChain(mode) || mode == TlsMode::kDisable ||
        std::find(exported.begin(), exported.end(), "PGSSLROOTCERT") == exported.end()) {
      return "";
    }
    return "uses " + std::string(TlsModeWord()) + " " + DbSslMode(mode) +
           " and PGSSLROOTCERT names the trust store: libpq will then verify its certificate chain; "
           "add its CA with RDS_CA_EXTRA_CERTS or set RDS_CA_PGSSLROOTCERT=false";
  }
};

}  // namespace

const Engine& Postgres() {
  static const PostgresEngine engine;
  return engine;
}

std::optional<TlsMode> ParseSslMode(std::string_view text) {
  for (std::size_t i = 0; i < kModeNames.size(); ++i) {
    if (kModeNames[i] == text) return static_cast<TlsMode>(i);
  }
  return std::nullopt;
}

std::string_view SslModeName(TlsMode mode) { return kModeNames[static_cast<std::size_t>(mode)]; }

TlsMode DbSslMode(TlsMode mode) {
  return mode == TlsMode::kAllow || mode == TlsMode::kPrefer ? TlsMode::kRequire : mode;
}

}  // namespace rdsca
