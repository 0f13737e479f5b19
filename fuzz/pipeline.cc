#include "pipeline.h"

#include <string>

#include "db/database.h"
#include "base/error.h"
#include "fuzz_util.h"
#include "launch/launch_env.h"

namespace rdsca::fuzz {

namespace {

const Env& RuntimeEnv() {
  static const Env env{{"DEPS_DIR", "/home/vcap/deps"}};
  return env;
}

/// Letters and digits moved on by one within their class; everything else kept.
char Rotate(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>('a' + (c - 'a' + 1) % 26);
  if (c >= 'A' && c <= 'Z') return static_cast<char>('A' + (c - 'A' + 1) % 26);
  if (c >= '0' && c <= '9') return static_cast<char>('0' + (c - '0' + 1) % 10);
  return c;
}

/// Rotates s[from, to), leaving %XX escapes (and what follows a lone '%') as they are.
bool RotateRange(std::string& s, std::size_t from, std::size_t to) {
  bool changed = false;
  for (std::size_t i = from; i < to && i < s.size(); ++i) {
    if (s[i] == '%') {
      i += 2;
      continue;
    }
    const char r = Rotate(s[i]);
    changed = changed || r != s[i];
    s[i] = r;
  }
  return changed;
}

/// Changes what stands in a password's place in a URL: between the userinfo's ':' and the
/// next '@' before the query (also when a raw '/' in the password breaks the URL: the parsers
/// refuse that shape), and `password=` values in the query (after the first '?': elsewhere the
/// parser reads them as part of the database name).
bool ChangeUrlPassword(std::string& url) {
  bool changed = false;
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  const std::size_t start = scheme + 3;
  const std::size_t colon = url.find(':', start);
  const std::size_t query = url.find('?', start);  // the parsers split the query off first
  if (colon != std::string::npos && url.find_first_of("/?@[]", start) > colon) {
    const std::size_t at = url.find('@', colon);
    if (at != std::string::npos && at < query) changed = RotateRange(url, colon + 1, at) || changed;
  }
  for (std::size_t pos = url.find("password=", query); query != std::string::npos && pos != std::string::npos;
       pos = url.find("password=", pos + 1)) {
    if (url[pos - 1] != '?' && url[pos - 1] != '&') continue;
    const std::size_t value = pos + 9;
    changed = RotateRange(url, value, url.find('&', value)) || changed;
  }
  return changed;
}

/// `bindings` with every password changed (same shape, other text); false when there was none.
bool ChangePasswords(std::vector<Binding>& bindings) {
  bool changed = false;
  for (auto& b : bindings) {
    if (!b.credentials.is_object()) continue;
    for (auto& [key, value] : b.credentials.items()) {
      if (!value.is_string()) continue;
      std::string text = value.get<std::string>();
      bool this_changed = false;
      if (key == "password") {
        this_changed = RotateRange(text, 0, text.size());
      } else if (key == "uri" || key == "url" || key == "jdbcUrl") {
        this_changed = ChangeUrlPassword(text);
      }
      if (this_changed) value = text;
      changed = changed || this_changed;
    }
  }
  return changed;
}

std::string Value(const std::vector<Export>& exports, std::string_view name) {
  for (const auto& e : exports) {
    if (e.name == name) return e.value;
  }
  return {};
}

int PortOf(const PgUrl& url) { return url.port ? url.port : kDefaultPort; }

UrlParams WithSsl(UrlParams params, const Database& db) {
  params.emplace_back("sslmode", std::string(SslModeName(db.sslmode)));
  if (db.sslmode != SslMode::kDisable) params.emplace_back("sslrootcert", "/home/vcap/deps/0/rds-ca/rds-ca.pem");
  return params;
}

/// The URLs the hook exports describe exactly the selected connection.
void CheckUrls(const std::vector<Export>& exports, const Database& db) {
  const std::string url = Value(exports, "DATABASE_URL");
  PgUrl back;
  try {
    back = ParsePgUrl(url);
  } catch (const Failure& e) {
    Violated("DATABASE_URL parses", std::string(e.what()) + ": " + url);
  }
  Check(back.user == db.url.user && back.password == db.url.password, "DATABASE_URL keeps user and password", url);
  Check(back.host == db.url.host && back.port == PortOf(db.url), "DATABASE_URL keeps host and port", url);
  Check(back.dbname == db.url.dbname, "DATABASE_URL keeps the database name", url);
  Check(back.params == WithSsl(db.url.params, db), "DATABASE_URL keeps the parameters", url);
  const std::string jdbc = Value(exports, "JDBC_DATABASE_URL");
  try {
    back = ParseJdbcUrl(jdbc);
  } catch (const Failure& e) {
    Violated("JDBC_DATABASE_URL parses", std::string(e.what()) + ": " + jdbc);
  }
  Check(back.host == db.url.host && back.port == PortOf(db.url) && back.dbname == db.url.dbname,
        "JDBC_DATABASE_URL keeps host, port and database name", jdbc);
  Check(back.params == WithSsl(db.jdbc_params, db), "JDBC_DATABASE_URL keeps the parameters", jdbc);
  Check(Value(exports, "JDBC_DATABASE_USERNAME") == db.url.user, "JDBC_DATABASE_USERNAME is the user");
  Check(Value(exports, "JDBC_DATABASE_PASSWORD") == db.url.password, "JDBC_DATABASE_PASSWORD is the password");
}

/// Everything staging would log about `bindings`, and the launch hook's error line if any.
/// With `check`, the exported URLs are checked against the selection.
std::string Loggable(const std::vector<Binding>& bindings, bool check) {
  std::string log;
  Selection sel;
  try {
    sel = SelectDatabases(bindings, RuntimeEnv());
  } catch (const Failure& e) {
    CheckOneLine(e.what());
    return std::string("error: ") + e.what();
  }
  for (const auto& [name, c] : sel.found) log += name + (c.postgres ? " pg " : " no ") + c.reason + "\n";
  log += "selected because " + sel.reason + "\n";
  for (const auto& db : sel.databases) {
    log += db.service + ": " + db.why + ": " + RedactPgUrl(db.url) + " " + std::string(SslModeName(db.sslmode)) +
           " (" + db.sslmode_source + ")\n";
    for (const auto& note : db.notes) {
      if (note.rfind("password ", 0) != 0) log += "  " + note + "\n";  // that one says only "differ"
    }
    for (const auto& [key, pem] : db.ca_pems) log += "  CA in " + key + "\n";
  }
  try {
    const auto exports = ComputeExports(RuntimeEnv(), "0", bindings, InstalledFiles{true, true, true, true});
    RenderExports(exports);
    if (check && !sel.databases.empty()) CheckUrls(exports, sel.databases.front());
    for (const auto& e : exports) log += "export " + e.name + "\n";
  } catch (const Failure& e) {
    CheckOneLine(e.what());
    log += std::string("error: ") + e.what() + "\n";
  }
  return log;
}

}  // namespace

void CheckBindingsPipeline(const std::vector<Binding>& bindings) {
  const std::string log = Loggable(bindings, true);
  std::vector<Binding> changed = bindings;
  if (!ChangePasswords(changed)) return;
  const std::string other = Loggable(changed, false);
  Check(log == other, "nothing staging logs depends on a password", log + "\n---- with other passwords:\n" + other);
}

}  // namespace rdsca::fuzz
