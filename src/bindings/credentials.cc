#include "bindings/credentials.h"

#include "base/error.h"
#include "base/text.h"

namespace rdsca {

namespace {

constexpr const char* kDiscreteWins = "(a discrete field is explicit, and it is what Stratos reads)";
constexpr const char* kPortFix = ": set port to a number from 1 to 65535";

std::string TypeName(const nlohmann::json& value) {
  if (value.is_boolean()) return "a boolean";
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  return "null";
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// Notes a discrete field that disagrees with the uri's value; `show` false hides both values.
void NoteConflict(const std::optional<Field>& field, const std::string& from_uri,
                  const UrlSource& uri, const char* uri_part, bool show,
                  std::vector<std::string>& notes) {
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

}  // namespace

std::string Credentials::Where() const { return "service '" + Shown(binding_.name) + "'"; }

std::optional<Field> Credentials::Text(std::initializer_list<const char*> keys, bool strict) const {
  const auto& creds = binding_.credentials;
  for (const char* key : keys) {
    auto it = creds.find(key);
    if (it == creds.end() || it->is_null()) continue;
    std::string value;
    if (it->is_string()) {
      value = it->get<std::string>();
    } else if (it->is_number()) {
      value = it->dump();
    } else if (strict) {
      throw Failure(Where() + ": " + key + " is " + TypeName(*it) +
                    ", not a string: fix it in the service's credentials");
    } else {
      continue;
    }
    if (value.empty()) continue;
    if (value.find('\0') != std::string::npos) {
      if (!strict) continue;
      throw Failure(Where() + ": " + key +
                    " holds a NUL byte, which no environment variable can carry: remove it from "
                    "the service's credentials");
    }
    return Field{key, std::move(value)};
  }
  return std::nullopt;
}

std::optional<int> Credentials::Port() const {
  auto it = binding_.credentials.find("port");
  if (it == binding_.credentials.end() || it->is_null()) return std::nullopt;
  std::string text;
  if (it->is_number_integer()) {
    text = it->dump();
    if (text.front() == '-') throw Failure(Where() + ": port " + text + " is out of range" + kPortFix);
  } else if (it->is_string()) {
    text = Trim(it->get<std::string>());
    if (text.empty()) return std::nullopt;
  } else {
    text = it->dump();
  }
  if (!AllDigits(text)) throw Failure(Where() + ": port '" + Shown(text) + "' is not a number" + kPortFix);
  const int port = text.size() > 5 ? 0 : std::stoi(text);
  if (port < 1 || port > 65535) {
    throw Failure(Where() + ": port " + Shown(text) + " is out of range" + kPortFix);
  }
  return port;
}

UrlSource ParseUrlCredential(const Credentials& creds, std::initializer_list<const char*> keys,
                             bool jdbc) {
  UrlSource source;
  auto field = creds.Text(keys);
  if (!field) return source;
  source.present = true;
  source.key = field->key;
  const std::string text = Trim(field->value);
  const std::string scheme = UrlScheme(text);
  source.bare = !scheme.empty() && text.size() == scheme.size() + 3;
  const bool pg = jdbc ? scheme == "jdbc:postgresql" : scheme == "postgres" || scheme == "postgresql";
  const std::string example = jdbc ? "jdbc:postgresql://HOST:PORT/DBNAME?user=USER&password=PASSWORD"
                                   : "postgres://USER:PASSWORD@HOST:PORT/DBNAME";
  if (!scheme.empty() && !pg) {
    source.error = source.key + " has scheme '" + Shown(scheme) + "', which is not PostgreSQL";
    source.fix = "give a " + example + " " + source.key +
                 ", or set RDS_CA_SERVICE to the PostgreSQL binding";
    return source;
  }
  try {
    source.url = jdbc ? ParseJdbcUrl(text) : ParsePgUrl(text);
  } catch (const Failure& e) {
    source.error = source.key + " is not a valid PostgreSQL URL (" + e.what() + ")";
    source.fix = "write it as " + example + " with special characters percent-encoded";
  }
  return source;
}

Discrete ReadDiscrete(const Credentials& creds) {
  Discrete d;
  d.host = creds.Text({"hostname", "host"});
  d.port = creds.Port();
  d.user = creds.Text({"username", "user"});
  d.password = creds.Text({"password"});
  d.dbname = creds.Text({"dbname", "database", "db_name", "name"});
  return d;
}

PgUrl MergeFields(const Discrete& discrete, const UrlSource& uri, const UrlSource& jdbc,
                  std::vector<std::string>& notes) {
  const PgUrl& u = uri.url;
  const PgUrl& j = jdbc.url;
  PgUrl out;
  out.host = Pick(discrete.host, u.host, j.host);
  out.user = Pick(discrete.user, u.user, j.user);
  out.password = Pick(discrete.password, u.password, j.password);
  out.dbname = Pick(discrete.dbname, u.dbname, j.dbname);
  out.port = discrete.port ? *discrete.port : (u.port ? u.port : j.port);
  out.params = u.params;
  if (uri.present && uri.error.empty() && u.host.empty() && discrete.host) {
    std::string used;
    for (const auto* f : {&discrete.host, &discrete.user, &discrete.password, &discrete.dbname}) {
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
  NoteConflict(discrete.dbname, u.dbname, uri, "database name", true, notes);
  NoteConflict(discrete.user, u.user, uri, "user", false, notes);
  NoteConflict(discrete.password, u.password, uri, "password", false, notes);
  return out;
}

}  // namespace rdsca
