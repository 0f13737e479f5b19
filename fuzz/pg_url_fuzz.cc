// Fuzz target: PostgreSQL URLs. The first byte picks a mode:
// - even: the rest is a URL. ParsePgUrl/ParseJdbcUrl never crash, errors are one line, and a
//   parsed URL with a valid host survives BuildPgUrl then ParsePgUrl exactly.
// - odd: the rest makes the components (user, password, dbname, one parameter: each a length
//   byte then that many bytes; then a host pick and a port). Any bytes survive BuildPgUrl ->
//   ParsePgUrl and libpq's own parser exactly (a NUL byte is refused instead), the JDBC form
//   keeps host, port, database and parameter, and RedactPgUrl does not depend on the password.
#include <libpq-fe.h>

#include <array>
#include <memory>

#include "base/error.h"
#include "fuzz_util.h"
#include "db/postgres/pg_url.h"

namespace {

using rdsca::Connection;
using rdsca::fuzz::Check;

int PortOf(const Connection& url) { return url.port ? url.port : rdsca::kDefaultPort; }

bool SameUrl(const Connection& a, const Connection& b) {
  return a.user == b.user && a.password == b.password && a.host == b.host && PortOf(a) == PortOf(b) &&
         a.database == b.database && a.params == b.params;
}

std::string Describe(const Connection& u) {
  std::string out = "user=" + u.user + " password=" + u.password + " host=" + u.host +
                    " port=" + std::to_string(u.port) + " dbname=" + u.database;
  for (const auto& [k, v] : u.params) out += " " + k + "=" + v;
  return out;
}

Connection ParseOrViolate(const std::string& url, bool jdbc) {
  try {
    return jdbc ? rdsca::ParseJdbcUrl(url) : rdsca::ParsePgUrl(url);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::Violated("a built URL parses", std::string(e.what()) + ": " + url);
  }
}

void CheckRedaction(const Connection& url) {
  if (url.password.empty()) return;
  Connection other = url;
  other.password = "x";
  Check(rdsca::RedactPgUrl(url) == rdsca::RedactPgUrl(other), "RedactPgUrl does not depend on the password",
        rdsca::RedactPgUrl(url));
}

/// libpq's reading of `url` (no query): user, password, dbname, host and port as libpq sees them.
void CheckWithLibpq(const Connection& url) {
  Connection bare = url;
  bare.params.clear();
  const std::string text = rdsca::BuildPgUrl(bare);
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(PQconninfoParse(text.c_str(), &err),
                                                                          PQconninfoFree);
  if (!options) {
    const std::string message = err ? err : "";
    PQfreemem(err);
    rdsca::fuzz::Violated("libpq parses a built URL", message + ": " + text);
  }
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    const std::string key = o->keyword, val = o->val ? o->val : "";
    if (key == "user") Check(val == url.user, "libpq reads the user", text);
    if (key == "password") Check(val == url.password, "libpq reads the password", text);
    if (key == "dbname") Check(val == url.database, "libpq reads the database name", text);
    if (key == "port") Check(val == std::to_string(PortOf(url)), "libpq reads the port", text);
    if (key == "host" && url.host.find('%') == std::string::npos) Check(val == url.host, "libpq reads the host", text);
  }
}

void ParseMode(const std::string& text) {
  rdsca::UrlScheme(text);
  try {
    rdsca::ParseJdbcUrl(text);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
  }
  Connection url;
  try {
    url = rdsca::ParsePgUrl(text);
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
    return;
  }
  CheckRedaction(url);
  if (!rdsca::fuzz::ValidUrlHost(url.host)) return;
  const std::string built = rdsca::BuildPgUrl(url);
  Check(SameUrl(ParseOrViolate(built, false), url), "a parsed URL survives build and parse", built);
}

void BuildMode(rdsca::fuzz::Input& in) {
  static const std::array<const char*, 5> kHosts = {"db.example.com", "10.0.0.7", "2001:db8::1", "fe80::1%eth0",
                                                    "mydb.abc123.us-west-2.rds.amazonaws.com"};
  Connection url;
  url.user = in.Take(in.Byte());
  url.password = in.Take(in.Byte());
  url.database = in.Take(in.Byte());
  std::string key = in.Take(in.Byte() % 16), value = in.Take(in.Byte());
  url.host = kHosts[in.Byte() % kHosts.size()];
  url.port = (in.Byte() << 8 | in.Byte()) % 65536;
  if (!key.empty() && key != "user" && key != "password") url.params.emplace_back(key, value);
  std::string all = url.user + url.password + url.database;
  for (const auto& [k, v] : url.params) all += k + v;
  const bool nul = all.find('\0') != std::string::npos;
  const std::string built = rdsca::BuildPgUrl(url);
  if (nul) {
    bool refused = false;
    try {
      rdsca::ParsePgUrl(built);
    } catch (const rdsca::Failure& e) {
      rdsca::fuzz::CheckOneLine(e.what());
      refused = true;
    }
    Check(refused, "a NUL byte in a component is refused, never cut", built);
    return;
  }
  const Connection back = ParseOrViolate(built, false);
  Check(SameUrl(back, url), "any bytes survive BuildPgUrl then ParsePgUrl", Describe(url) + " -> " + built);
  const std::string jdbc = rdsca::BuildJdbcUrl(url);
  const Connection jback = ParseOrViolate(jdbc, true);
  Check(jback.host == url.host && PortOf(jback) == PortOf(url) && jback.database == url.database &&
            jback.params == url.params && jback.user.empty() && jback.password.empty(),
        "BuildJdbcUrl then ParseJdbcUrl keeps host, port, database and parameters, and no credential", jdbc);
  CheckRedaction(url);
  CheckWithLibpq(url);
}

}  // namespace

RDSCA_FUZZ_TARGET(pg_url) {
  rdsca::fuzz::Input in(data, size);
  if (in.Byte() % 2 == 0) {
    ParseMode(in.Rest());
  } else {
    BuildMode(in);
  }
  return 0;
}
