#pragma once
// A database engine as the buildpack sees it: how a binding names it, its URL codec, how it
// spells TLS modes, and what it exports at launch. One instance per engine (db/postgres/, ...),
// listed in db/engines.h; selection, staging, the launch hook and the CLI ask the engine and
// never test which one it is. What needs OpenSSL or sockets per engine (the verify preamble)
// is in the core, keyed by Id().
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "db/tls_mode.h"

namespace rdsca {

struct Database;  // db/database.h

/// The engines, for the core's per-engine tables (verify's preamble).
enum class EngineId { kPostgres, kMysql };

/// A URL's TLS parameters, split off the others.
struct TlsParams {
  std::string mode;     ///< the mode parameter's value as written; empty when none
  std::string ca_file;  ///< a CA file the URL names (libpq's sslrootcert); empty when none
  UrlParams rest;       ///< every other parameter, in order
  /// Parameters left out that would have changed how a driver trusts the server (pgjdbc's
  /// sslfactory...), by name as written: staging says so.
  std::vector<std::string> dropped;
  /// The first parameter that would move the connection away from the verified host (libpq's
  /// host=/a/socket/dir, pgjdbc's socketFactory...), by name as written; empty when none. The
  /// binding is refused.
  std::string refused;
  std::string note;     ///< a parameter of `rest` the engine replaced, for the staging log; "" when none
};

/// A client option file an engine's clients read by themselves (MySQL's my.cnf), kept in the
/// trust store and named at launch through `variable` (a directory holding `name`).
struct OptionFileSpec {
  std::string_view name;      ///< "my.cnf"
  std::string_view variable;  ///< "MYSQL_HOME"
  /// Variables that, set by the app (non-empty), mean it has its own: `variable` is left alone.
  std::vector<std::string_view> app_variables;
  /// What the file sets, as staging's log says it: "ssl-ca and ssl-verify-server-cert".
  std::string_view settings;
};

class Engine {
 public:
  virtual ~Engine() = default;

  virtual EngineId Id() const = 0;
  /// "PostgreSQL": in log lines and messages.
  virtual std::string_view Name() const = 0;
  /// The port a connection without one uses.
  virtual int DefaultPort() const = 0;

  // --- How a binding names the engine (db/selection.cc).
  /// True for a uri/url scheme of this engine, lower-case ("postgres", "postgresql").
  virtual bool OwnsScheme(std::string_view scheme) const = 0;
  /// True for a jdbcUrl scheme of this engine ("jdbc:postgresql").
  virtual bool OwnsJdbcScheme(std::string_view scheme) const = 0;
  /// Every scheme it owns as a URL starts, its own then its JDBC ones ("postgres://", ...): for messages.
  virtual std::vector<std::string_view> SchemeExamples() const = 0;
  /// True when a service label or tag names this engine ("csb-aws-postgresql").
  virtual bool NamedBy(std::string_view label_or_tag) const = 0;

  // --- The URL codec.
  /// Parses a uri/url of this engine. Throws Failure whose message is the reason only.
  virtual Connection ParseUrl(std::string_view url) const = 0;
  /// Parses a jdbcUrl of this engine. Throws Failure whose message is the reason only.
  virtual Connection ParseJdbcUrl(std::string_view url) const = 0;
  /// The URL shapes a fix names: "postgres://USER:PASSWORD@HOST:PORT/DBNAME".
  virtual std::string_view UrlExample() const = 0;
  virtual std::string_view JdbcExample() const = 0;
  /// The connection as this engine's URL, user and password included, its parameters as they
  /// are (no TLS ones added): what `rds-ca verify --sql` logs in with.
  virtual std::string ConnectionUrl(const Connection& connection) const = 0;
  /// The connection for a log line: password hidden, no query.
  virtual std::string Redacted(const Connection& connection) const = 0;

  // --- TLS modes.
  /// The credential keys that name a mode, first wins ("sslmode").
  virtual const std::vector<const char*>& TlsModeKeys() const = 0;
  /// Splits a URL's TLS parameters (mode, CA file, and those ours replace) off the others.
  virtual TlsParams SplitTlsParams(const UrlParams& params) const = 0;
  /// The mode `text` names (trimmed, any case), or nothing.
  virtual std::optional<TlsMode> ParseTlsMode(std::string_view text) const = 0;
  /// The engine's name for `mode` ("verify-full").
  virtual std::string_view TlsModeName(TlsMode mode) const = 0;
  /// What the mode setting is called in messages ("sslmode").
  virtual std::string_view TlsModeWord() const = 0;
  /// Every mode name, for messages ("disable, allow, prefer, require, verify-ca, verify-full").
  virtual std::string_view TlsModeList() const = 0;

  /// The TLS parameters a URL of this engine verifies with under `mode`, trusting `ca_file`
  /// ("": none named): what `rds-ca url` sets. `jdbc_scheme` is the JDBC URL's scheme, or ""
  /// for the engine's own URL.
  virtual UrlParams TlsUrlParams(TlsMode mode, const std::string& ca_file, std::string_view jdbc_scheme) const = 0;
  /// `url` (this engine's own form, or with `jdbc` its JDBC form) with TlsUrlParams set, every
  /// other byte kept: what `rds-ca url` prints. The default is for `?key=value&...` parameters
  /// (SetQueryParams, db/url.h); an engine whose URLs carry `;key=value` ones (SQL Server's JDBC
  /// URL, Oracle's descriptors) gives its own.
  virtual std::string WithTlsParams(std::string_view url, TlsMode mode, const std::string& ca_file, bool jdbc) const;
  /// What `rds-ca url` warns of in `url`: a parameter that makes the client ignore the CA file.
  virtual std::vector<std::string> UrlWarnings(std::string_view url) const {
    (void)url;
    return {};
  }

  // --- Launch exports (launch/exports.cc).
  /// DATABASE_URL (and <NAME>_DATABASE_URL) for `db`: its connection with its TLS mode and
  /// `ca_file` (the installed RDS set; "" when none is installed).
  virtual std::string DatabaseUrl(const Database& db, const std::string& ca_file) const = 0;
  /// JDBC_DATABASE_URL for `db`, without user or password.
  virtual std::string JdbcUrl(const Database& db, const std::string& ca_file) const = 0;
  /// DB_SSL_MODE's value for `mode`: one that Stratos accepts for this engine.
  virtual std::string DbSslMode(TlsMode mode) const = 0;
  /// The staging warning when DB_SSL_MODE cannot say what DATABASE_URL does ("" when it can).
  virtual std::string DbSslModeWarning(TlsMode mode) const = 0;

  // --- What only some engines have (the defaults: nothing).
  /// The staging warning for a database of this engine outside AWS under `mode`, when the trust
  /// variables `exported` make its clients verify what the mode does not ask them to (libpq
  /// verifies the chain whenever PGSSLROOTCERT names a file): "uses sslmode require and ...".
  /// "" when there is nothing to say.
  virtual std::string TrustVariableWarning(TlsMode mode, const std::vector<std::string>& exported) const {
    (void)mode;
    (void)exported;
    return "";
  }
  /// The client option file this engine's clients read, or null when they read none.
  virtual const OptionFileSpec* OptionFile() const { return nullptr; }
  /// The option file's text trusting `ca_file` with the host name checked; "" when the engine
  /// has no option file or `ca_file` cannot be written into one (a line break in it).
  virtual std::string OptionFileText(const std::string& ca_file) const {
    (void)ca_file;
    return "";
  }
};

}  // namespace rdsca
