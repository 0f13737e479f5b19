#include "db/database.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

#include "bindings/credentials.h"
#include "base/error.h"
#include "base/text.h"

namespace rdsca {

namespace {

constexpr std::array<std::string_view, 6> kModeNames = {"disable",  "allow",     "prefer",
                                                        "require",  "verify-ca", "verify-full"};
constexpr std::array<std::string_view, 3> kSslParams = {"sslmode", "sslrootcert", "ssl"};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool NamesPostgres(std::string_view text) { return Lower(text).find("postgres") != std::string::npos; }

bool HasToken(std::string_view text, std::string_view token) {
  std::string lower = Lower(text), word;
  for (char c : lower + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else {
      if (word == token) return true;
      word.clear();
    }
  }
  return false;
}

bool PortIsDefault(const nlohmann::json& creds) {
  auto it = creds.find("port");
  if (it == creds.end() || it->is_null()) return true;
  if (it->is_number_integer()) return it->get<long long>() == kDefaultPort;
  return it->is_string() && Trim(it->get<std::string>()) == "5432";
}

/// Splits the ssl parameters off `params`: sslmode and sslrootcert values go out, ssl is dropped.
UrlParams WithoutSsl(const UrlParams& params, std::string* sslmode, std::string* sslrootcert) {
  UrlParams kept;
  for (const auto& [key, value] : params) {
    if (key == "sslmode" && sslmode) *sslmode = value;
    if (key == "sslrootcert" && sslrootcert) *sslrootcert = value;
    if (std::find(kSslParams.begin(), kSslParams.end(), key) == kSslParams.end()) {
      kept.emplace_back(key, value);
    }
  }
  return kept;
}

SslMode ModeOrThrow(const std::string& value, const std::string& what) {
  if (auto mode = ParseSslMode(Lower(Trim(value)))) return *mode;
  throw Failure(what + " '" + Shown(value) + "' is not an sslmode: use one of " + kSslModeList);
}

/// sslmode precedence: DB_SSL_MODE > credentials sslmode > uri ?sslmode= > jdbcUrl ?sslmode=.
void PickSslMode(const Credentials& creds, const Env& env, const std::string& uri_mode,
                 const std::string& jdbc_mode, Database& db) {
  if (std::string app = GetEnv(env, "DB_SSL_MODE"); !Trim(app).empty()) {
    if (auto mode = ParseSslMode(Lower(Trim(app)))) {
      db.sslmode = *mode;
    } else {
      throw Failure("DB_SSL_MODE=" + Shown(app) + " is not an sslmode: use one of " + kSslModeList);
    }
    db.sslmode_source = "DB_SSL_MODE";
  } else if (auto given = creds.Text({"sslmode"})) {
    db.sslmode = ModeOrThrow(given->value, creds.Where() + ": sslmode");
    db.sslmode_source = "credentials sslmode";
  } else if (!uri_mode.empty()) {
    db.sslmode = ModeOrThrow(uri_mode, creds.Where() + ": the uri's sslmode");
    db.sslmode_source = "uri sslmode";
  } else if (!jdbc_mode.empty()) {
    db.sslmode = ModeOrThrow(jdbc_mode, creds.Where() + ": the jdbcUrl's sslmode");
    db.sslmode_source = "jdbcUrl sslmode";
  } else {
    db.sslmode = SslMode::kVerifyFull;
    db.sslmode_source = "default";
  }
}

void CollectCaPems(const Credentials& creds, Database& db) {
  for (const char* key : {"sslrootcert", "ca_certificate", "ca_cert", "tls_ca"}) {
    auto value = creds.Text({key});
    if (!value) continue;
    if (value->value.find("-----BEGIN") != std::string::npos) {
      db.ca_pems.emplace_back(key, value->value);
    } else {
      db.notes.push_back(std::string("credential ") + key +
                         " is not PEM text: it is not added to the trust store");
    }
  }
}

/// The host as a URL carries it: trimmed, brackets dropped, only host-name or IP characters.
std::string CheckedHost(const std::string& raw, const Credentials& creds) {
  std::string host = Trim(raw);
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
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
              (!ipv6 && c == '_') || (ipv6 && (c == ':' || c == '%'));
    if (!ok) {
      throw Failure(creds.Where() + ": host '" + Shown(host) +
                    "' is not a host name or IP address: fix hostname (or host) in its credentials");
    }
  }
  return host;
}

}  // namespace

std::optional<SslMode> ParseSslMode(std::string_view text) {
  for (std::size_t i = 0; i < kModeNames.size(); ++i) {
    if (kModeNames[i] == text) return static_cast<SslMode>(i);
  }
  return std::nullopt;
}

std::string_view SslModeName(SslMode mode) { return kModeNames[static_cast<std::size_t>(mode)]; }

SslMode DbSslMode(SslMode mode) {
  return mode == SslMode::kAllow || mode == SslMode::kPrefer ? SslMode::kRequire : mode;
}

bool IsRdsHost(std::string_view raw) {
  std::string host = Lower(raw);
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (EndsWith(host, ".rds.amazonaws.com") || EndsWith(host, ".rds-preview.amazonaws.com") ||
      EndsWith(host, ".rds.amazonaws.com.cn")) {
    return true;
  }
  return EndsWith(host, ".amazonaws.com.cn") && host.find(".rds.cn-") != std::string::npos;
}

Classification ClassifyBinding(const Binding& binding) {
  const Credentials creds(binding);
  const auto uri = creds.Text({"uri", "url"}, false);
  const std::string scheme = uri ? UrlScheme(Trim(uri->value)) : "";
  if (scheme == "postgres" || scheme == "postgresql") return {true, uri->key + " scheme " + scheme};
  const auto jdbc = creds.Text({"jdbcUrl"}, false);
  const std::string jdbc_scheme = jdbc ? UrlScheme(Trim(jdbc->value)) : "";
  if (jdbc_scheme == "jdbc:postgresql") return {true, "jdbcUrl jdbc:postgresql"};
  if (NamesPostgres(binding.label)) return {true, "label " + binding.label};
  for (const auto& tag : binding.tags) {
    if (NamesPostgres(tag)) return {true, "tag " + tag};
  }
  if (!scheme.empty()) return {false, uri->key + " scheme " + scheme};
  if (!jdbc_scheme.empty()) return {false, "jdbcUrl scheme " + jdbc_scheme};
  bool rds = HasToken(binding.label, "rds");
  for (const auto& tag : binding.tags) rds = rds || HasToken(tag, "rds");
  const bool host = creds.Text({"hostname", "host"}, false).has_value();
  const bool dbname = creds.Text({"dbname", "database", "db_name"}, false).has_value();
  if (host && PortIsDefault(binding.credentials) && (dbname || rds)) {
    return {true, rds ? "an rds label or tag with a host" : "host and database-name fields"};
  }
  return {false, "no PostgreSQL uri, label, tag or fields"};
}

Database ResolveDatabase(const Binding& binding, const std::string& why, const Env& env) {
  const Credentials creds(binding);
  Database db;
  db.service = binding.name;
  db.why = why;
  const UrlSource uri = ParseUrlCredential(creds, {"uri", "url"}, false);
  const UrlSource jdbc = ParseUrlCredential(creds, {"jdbcUrl"}, true);
  const Discrete discrete = ReadDiscrete(creds);
  db.url = MergeFields(discrete, uri, jdbc, db.notes);
  if (Trim(db.url.host).empty()) {
    for (const auto* source : {&uri, &jdbc}) {
      if (!source->error.empty()) throw Failure(creds.Where() + ": " + source->error + ": " + source->fix);
    }
  }
  db.url.host = CheckedHost(db.url.host, creds);
  for (const auto* source : {&uri, &jdbc}) {
    if (!source->error.empty()) db.notes.push_back(source->error + ": the other fields are used");
  }
  std::string uri_mode, jdbc_mode;
  db.url.params = WithoutSsl(uri.url.params, &uri_mode, &db.given_sslrootcert);
  db.jdbc_params = jdbc.present ? WithoutSsl(jdbc.url.params, &jdbc_mode, nullptr) : db.url.params;
  PickSslMode(creds, env, uri_mode, jdbc_mode, db);
  CollectCaPems(creds, db);
  return db;
}

Selection SelectDatabases(const std::vector<Binding>& bindings, const Env& env) {
  const std::string forced = Trim(GetEnv(env, "RDS_CA_SERVICE"));
  Selection sel;
  std::vector<std::pair<const Binding*, std::string>> pg;  // binding, why it is PostgreSQL
  for (const auto& b : bindings) {
    Classification c = ClassifyBinding(b);
    if (!forced.empty() && b.name == forced && !c.postgres) c = {true, "named by RDS_CA_SERVICE"};
    if (c.postgres) pg.emplace_back(&b, c.reason);
    sel.found.emplace_back(b.name, std::move(c));
  }
  if (!forced.empty() &&
      std::none_of(bindings.begin(), bindings.end(), [&](const Binding& b) { return b.name == forced; })) {
    std::string names;
    for (const auto& b : bindings) names += (names.empty() ? "'" : ", '") + Shown(b.name) + "'";
    throw Failure("RDS_CA_SERVICE=" + Shown(forced) + " names no bound service (bound: " +
                  (names.empty() ? "none" : names) + "): set it to one of those names, or unset it");
  }
  std::stable_sort(pg.begin(), pg.end(), [](const auto& a, const auto& b) { return a.first->name < b.first->name; });
  std::size_t chosen = 0;
  auto stratos = [](const auto& p) {
    const auto& tags = p.first->tags;
    return std::any_of(tags.begin(), tags.end(), [](const std::string& t) { return Lower(t) == "stratos"; });
  };
  if (!forced.empty()) {
    while (pg[chosen].first->name != forced) ++chosen;
    sel.reason = "RDS_CA_SERVICE=" + forced;
  } else if (pg.size() == 1) {
    sel.reason = "the only PostgreSQL binding";
  } else if (std::count_if(pg.begin(), pg.end(), stratos) == 1) {
    chosen = static_cast<std::size_t>(std::find_if(pg.begin(), pg.end(), stratos) - pg.begin());
    sel.reason = "the only one tagged stratos, as Stratos itself picks";
  } else if (!pg.empty()) {
    sel.reason = "first by name of " + std::to_string(pg.size()) +
                 " PostgreSQL bindings; set RDS_CA_SERVICE to choose another";
  }
  if (!pg.empty()) {
    auto first = pg.begin() + static_cast<std::ptrdiff_t>(chosen);
    std::rotate(pg.begin(), first, first + 1);  // the selected first, the others still by name
  }
  for (const auto& [b, why] : pg) sel.databases.push_back(ResolveDatabase(*b, why, env));
  return sel;
}

bool HasPostgresBinding(const Env& env) {
  try {
    for (const auto& b : ReadBindings(env).list) {
      if (ClassifyBinding(b).postgres) return true;
    }
  } catch (const Failure&) {
  }
  return false;
}

}  // namespace rdsca
