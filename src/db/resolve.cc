#include "db/resolve.h"

#include <initializer_list>
#include <optional>
#include <vector>

#include "base/error.h"
#include "base/text.h"
#include "bindings/credentials.h"
#include "db/url.h"

namespace rdsca {

namespace {

constexpr const char* kDiscreteWins = "(a discrete field is explicit, and it is what Stratos reads)";

/// A uri, url or jdbcUrl credential, parsed.
struct UrlSource {
  bool present = false;  ///< the key is there (non-empty)
  bool bare = false;     ///< it is only "SCHEME://"
  std::string key;       ///< uri, url or jdbcUrl
  std::string scheme;    ///< lower-case, "" when there is none
  Connection url;        ///< empty when `error` is set
  std::string error;     ///< "uri is not a valid PostgreSQL URL (reason)" or "uri has scheme ..."
  std::string fix;       ///< what to do about `error`
};

/// Parses the first of `keys` present as `engine`'s URL (with `jdbc`, its JDBC URL). A malformed
/// or other-engine value sets `error` rather than throwing: the discrete fields may make it moot.
UrlSource ParseUrlCredential(const Credentials& creds, const Engine& engine,
                             std::initializer_list<const char*> keys, bool jdbc) {
  UrlSource source;
  auto field = creds.Text(keys);
  if (!field) return source;
  source.present = true;
  source.key = field->key;
  const std::string text = Trim(field->value);
  const std::string scheme = UrlScheme(text);
  source.scheme = scheme;
  source.bare = !scheme.empty() && text.size() == scheme.size() + 3;
  const bool ours = jdbc ? engine.OwnsJdbcScheme(scheme) : engine.OwnsScheme(scheme);
  const std::string example(jdbc ? engine.JdbcExample() : engine.UrlExample());
  const std::string name(engine.Name());
  if (!scheme.empty() && !ours) {
    source.error = source.key + " has scheme '" + Shown(scheme) + "', which is not " + name;
    source.fix = "give a " + example + " " + source.key + ", or set RDS_CA_SERVICE to the " + name + " binding";
    return source;
  }
  try {
    source.url = jdbc ? engine.ParseJdbcUrl(text) : engine.ParseUrl(text);
  } catch (const Failure& e) {
    source.error = source.key + " is not a valid " + name + " URL (" + e.what() + ")";
    source.fix = "write it as " + example + " with special characters percent-encoded";
  }
  return source;
}

/// The discrete connection fields, each under the first alias present.
struct Discrete {
  std::optional<Field> host;      ///< hostname, host
  std::optional<int> port;        ///< port
  std::optional<Field> user;      ///< username, user
  std::optional<Field> password;  ///< password
  std::optional<Field> database;  ///< dbname, database, db_name, name
};

Discrete ReadDiscrete(const Credentials& creds) {
  Discrete d;
  d.host = creds.Text({"hostname", "host"});
  d.port = creds.Port();
  d.user = creds.Text({"username", "user"});
  d.password = creds.Text({"password"});
  d.database = creds.Text({"dbname", "database", "db_name", "name"});
  return d;
}

/// Notes a discrete field that disagrees with the uri's value; `show` false hides both values.
void NoteConflict(const std::optional<Field>& field, const std::string& from_uri, const UrlSource& uri,
                  const char* uri_part, bool show, std::vector<std::string>& notes) {
  if (!field || from_uri.empty() || field->value == from_uri) return;
  std::string text = field->key;
  if (show) text += " '" + Shown(field->value) + "'";
  text += " and the " + uri.key + "'s " + uri_part;
  if (show) text += " '" + Shown(from_uri) + "'";
  notes.push_back(text + " differ: " + field->key + " wins " + kDiscreteWins);
}

std::string Pick(const std::optional<Field>& field, const std::string& a, const std::string& b) {
  if (field) return field->value;
  return a.empty() ? b : a;
}

/// Merges field by field: discrete > uri > jdbcUrl. Adds a note (no secret in it) for each
/// discrete field that disagrees with the uri, and for a uri the discrete fields complete.
/// Params are the uri's.
Connection MergeFields(const Discrete& discrete, const UrlSource& uri, const UrlSource& jdbc,
                       std::vector<std::string>& notes) {
  const Connection& u = uri.url;
  const Connection& j = jdbc.url;
  Connection out;
  out.host = Pick(discrete.host, u.host, j.host);
  out.user = Pick(discrete.user, u.user, j.user);
  out.password = Pick(discrete.password, u.password, j.password);
  out.database = Pick(discrete.database, u.database, j.database);
  out.port = discrete.port ? *discrete.port : (u.port ? u.port : j.port);
  out.params = u.params;
  if (uri.present && uri.error.empty() && u.host.empty() && discrete.host) {
    std::string used;
    for (const auto* f : {&discrete.host, &discrete.user, &discrete.password, &discrete.database}) {
      if (*f) used += (used.empty() ? "" : ", ") + (*f)->key;
    }
    if (discrete.port) used += ", port";
    notes.push_back(uri.key + (uri.bare ? " is only a scheme" : " has no host") +
                    ": the discrete fields complete it (" + used + ")");
  }
  NoteConflict(discrete.host, Trim(u.host), uri, "host", true, notes);
  if (discrete.port && u.port && *discrete.port != u.port) {
    notes.push_back("port " + std::to_string(*discrete.port) + " and the " + uri.key + "'s port " +
                    std::to_string(u.port) + " differ: port wins " + kDiscreteWins);
  }
  NoteConflict(discrete.database, u.database, uri, "database name", true, notes);
  NoteConflict(discrete.user, u.user, uri, "user", false, notes);
  NoteConflict(discrete.password, u.password, uri, "password", false, notes);
  return out;
}

/// The longest user, password, database name or query parameter exported: DATABASE_URL carries
/// each percent-encoded (up to three times as long), beside JDBC_* and the rest, and a process's
/// environment must hold them all (one variable at most 128 KiB, the whole a few hundred).
constexpr std::size_t kMaxFieldBytes = 4096;
/// A DNS name's longest text form (RFC 1035); IP literals are shorter.
constexpr std::size_t kMaxHostBytes = 253;

/// Refuses a connection field longer than kMaxFieldBytes, naming the field, never its value.
void CheckFieldSizes(const Connection& conn, const Credentials& creds) {
  const auto check = [&](const std::string& value, const std::string& what) {
    if (value.size() <= kMaxFieldBytes) return;
    throw Failure(creds.Where() + ": the " + what + " is " + std::to_string(value.size()) + " bytes, more than the " +
                  std::to_string(kMaxFieldBytes) + " an exported connection field can be (every start's "
                  "environment must carry it): shorten it in the service's credentials");
  };
  check(conn.user, "user");
  check(conn.password, "password");
  check(conn.database, "database name");
  for (const auto& [key, value] : conn.params) {
    check(key, "name of a query parameter");
    check(value, "query parameter '" + Shown(key) + "'");
  }
}

/// The host as a URL carries it: trimmed, brackets dropped, only host-name or IP characters.
std::string CheckedHost(const std::string& raw, const Credentials& creds) {
  std::string host = Trim(raw);
  if (host.size() > kMaxHostBytes + 2) {
    throw Failure(creds.Where() + ": the host is " + std::to_string(host.size()) + " bytes, more than the " +
                  std::to_string(kMaxHostBytes) + " of a DNS name: fix hostname (or host) in its credentials");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) {
    throw Failure(creds.Where() +
                  ": the host is empty: set hostname (or host) in its credentials, or a host in "
                  "its uri");
  }
  const bool ipv6 = host.find(':') != std::string::npos;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '-' || (!ipv6 && c == '_') || (ipv6 && (c == ':' || c == '%'));
    if (!ok) {
      throw Failure(creds.Where() + ": host '" + Shown(host) +
                    "' is not a host name or IP address: fix hostname (or host) in its credentials");
    }
  }
  return host;
}

/// The TLS mode: the app's DB_SSL_MODE > credentials > the uri's > the jdbcUrl's > verify-full.
void PickTlsMode(const Credentials& creds, const Engine& engine, const std::string& app_mode,
                 const std::string& uri_mode, const std::string& jdbc_mode, Database& db) {
  const std::string word(engine.TlsModeWord());
  const auto parse = [&](const std::string& value, const std::string& what) {
    if (auto mode = engine.ParseTlsMode(value)) return *mode;
    throw Failure(what + " '" + Shown(value) + "' is not an " + word + ": use one of " +
                  std::string(engine.TlsModeList()));
  };
  if (!Trim(app_mode).empty()) {
    auto mode = engine.ParseTlsMode(app_mode);
    if (!mode) {
      throw Failure("DB_SSL_MODE=" + Shown(app_mode) + " is not an " + word + ": use one of " +
                    std::string(engine.TlsModeList()));
    }
    db.tls = *mode;
    db.tls_source = "DB_SSL_MODE";
  } else if (auto given = creds.Text(engine.TlsModeKeys())) {
    db.tls = parse(given->value, creds.Where() + ": " + given->key);
    db.tls_source = "credentials " + given->key;
  } else if (!uri_mode.empty()) {
    db.tls = parse(uri_mode, creds.Where() + ": the uri's " + word);
    db.tls_source = "uri " + word;
  } else if (!jdbc_mode.empty()) {
    db.tls = parse(jdbc_mode, creds.Where() + ": the jdbcUrl's " + word);
    db.tls_source = "jdbcUrl " + word;
  } else {
    db.tls = TlsMode::kVerifyFull;
    db.tls_source = "default";
  }
}

/// Refuses a URL whose parameters would move the connection away from the verified host; notes
/// each parameter left out because it would change how the server is trusted.
void CheckTrustParams(const UrlSource& source, const TlsParams& tls, const Credentials& creds,
                      std::vector<std::string>& notes) {
  if (!tls.refused.empty()) {
    throw Failure(creds.Where() + ": the " + source.key + "'s parameter " + Shown(tls.refused) +
                  " would make the driver connect elsewhere than the host and port that are verified (a Unix "
                  "socket, another host, a socket factory): remove it from the " + source.key);
  }
  for (const auto& key : tls.dropped) {
    notes.push_back("the " + source.key + "'s parameter " + Shown(key) +
                    " is left out: it would change how the driver trusts the server, which the exported TLS "
                    "parameters decide");
  }
}

void CollectCaPems(const Credentials& creds, Database& db) {
  for (const char* key : {"sslrootcert", "ca_certificate", "ca_cert", "tls_ca"}) {
    auto value = creds.Text({key});
    if (!value) continue;
    if (value->value.find("-----BEGIN") != std::string::npos) {
      db.ca_pems.emplace_back(key, value->value);
    } else {
      db.notes.push_back(std::string("credential ") + key + " is not PEM text: it is not added to the trust store");
    }
  }
}

}  // namespace

Database ResolveDatabase(const Binding& binding, const Engine& engine, const std::string& why,
                         const Settings& settings) {
  const Credentials creds(binding);
  Database db;
  db.engine = &engine;
  db.service = binding.name;
  db.why = why;
  const UrlSource uri = ParseUrlCredential(creds, engine, {"uri", "url"}, false);
  const UrlSource jdbc = ParseUrlCredential(creds, engine, {"jdbcUrl"}, true);
  const Discrete discrete = ReadDiscrete(creds);
  db.conn = MergeFields(discrete, uri, jdbc, db.notes);
  if (Trim(db.conn.host).empty()) {
    for (const auto* source : {&uri, &jdbc}) {
      if (!source->error.empty()) throw Failure(creds.Where() + ": " + source->error + ": " + source->fix);
    }
  }
  db.conn.host = CheckedHost(db.conn.host, creds);
  CheckFieldSizes(db.conn, creds);
  if (jdbc.present) CheckFieldSizes(jdbc.url, creds);
  for (const auto* source : {&uri, &jdbc}) {
    if (!source->error.empty()) db.notes.push_back(source->error + ": the other fields are used");
  }
  const TlsParams uri_tls = engine.SplitTlsParams(uri.url.params);
  db.conn.params = uri_tls.rest;
  db.given_ca_file = uri_tls.ca_file;
  const TlsParams jdbc_tls = jdbc.present ? engine.SplitTlsParams(jdbc.url.params) : TlsParams{};
  CheckTrustParams(uri, uri_tls, creds, db.notes);
  CheckTrustParams(jdbc, jdbc_tls, creds, db.notes);
  db.jdbc_params = jdbc.present ? jdbc_tls.rest : db.conn.params;
  if (jdbc.present && jdbc.error.empty()) db.jdbc_scheme = jdbc.scheme;
  PickTlsMode(creds, engine, settings.db_ssl_mode, uri_tls.mode, jdbc_tls.mode, db);
  CollectCaPems(creds, db);
  return db;
}

}  // namespace rdsca
