#include "pipeline.h"

#include <string>

#include "base/error.h"
#include "db/selection.h"
#include "fuzz_util.h"
#include "launch/exports.h"
#include "launch/render_shell.h"

namespace rdsca::fuzz {

namespace {

/// Where the launch hook finds the store (every file present).
constexpr const char* kDepDir = "/home/vcap/deps/0";

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

/// A URL the hook exports describes exactly `db`'s connection: `params` as given, its TLS mode,
/// and the installed RDS bundle unless TLS is off.
void CheckUrl(const std::string& name, const std::string& url, bool jdbc, const Database& db, const UrlParams& params) {
  Connection back;
  try {
    back = jdbc ? db.engine->ParseJdbcUrl(url) : db.engine->ParseUrl(url);
  } catch (const Failure& e) {
    Violated(name + " parses", std::string(e.what()) + ": " + url);
  }
  if (!jdbc) {
    Check(back.user == db.conn.user && back.password == db.conn.password, name + " keeps user and password", url);
  }
  const int port = db.conn.port ? db.conn.port : db.engine->DefaultPort();
  Check(back.host == db.conn.host && back.port == port, name + " keeps host and port", url);
  Check(back.database == db.conn.database, name + " keeps the database name", url);
  const TlsParams tls = db.engine->SplitTlsParams(back.params);
  Check(tls.rest == params, name + " keeps the parameters", url);
  Check(db.engine->ParseTlsMode(tls.mode) == db.tls, name + " carries the TLS mode", url);
  Check(tls.ca_file == (db.tls == TlsMode::kDisable ? "" : StoreAt(kDepDir).rds_bundle), name + " names the RDS bundle",
        url);
}

/// The URLs the hook exports describe exactly the selected connection.
void CheckUrls(const std::vector<Export>& exports, const Database& db) {
  CheckUrl("DATABASE_URL", Value(exports, "DATABASE_URL"), false, db, db.conn.params);
  CheckUrl("JDBC_DATABASE_URL", Value(exports, "JDBC_DATABASE_URL"), true, db, db.jdbc_params);
  Check(Value(exports, "JDBC_DATABASE_USERNAME") == db.conn.user, "JDBC_DATABASE_USERNAME is the user");
  Check(Value(exports, "JDBC_DATABASE_PASSWORD") == db.conn.password, "JDBC_DATABASE_PASSWORD is the password");
}

/// Everything staging would log about `bindings`, and the launch hook's error line if any.
/// With `check`, the exported URLs are checked against the selection.
std::string Loggable(const std::vector<Binding>& bindings, bool check) {
  std::string log;
  Selection sel;
  try {
    sel = SelectDatabases(bindings, Settings{});
  } catch (const Failure& e) {
    CheckOneLine(e.what());
    return std::string("error: ") + e.what();
  }
  for (const auto& [name, c] : sel.found) log += name + (c.engine ? " db " : " no ") + c.reason + "\n";
  log += "selected because " + sel.reason + "\n";
  for (const auto& db : sel.databases) {
    log += db.service + ": " + db.why + ": " + db.engine->Redacted(db.conn) + " " +
           std::string(db.engine->TlsModeName(db.tls)) + " (" + db.tls_source + ")\n";
    for (const auto& note : db.notes) {
      if (note.rfind("password ", 0) != 0) log += "  " + note + "\n";  // that one says only "differ"
    }
    for (const auto& [key, pem] : db.ca_pems) log += "  CA in " + key + "\n";
  }
  try {
    const auto exports = ComputeExports(Settings{}, Env{}, sel, StoreAt(kDepDir));
    RenderShell(exports);
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
