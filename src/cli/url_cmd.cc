// rds-ca url: sets the TLS parameters (PostgreSQL's sslmode and sslrootcert, MySQL's ssl_mode and
// sslca, the JDBC drivers' own) in a URL of any engine, leaving every other byte alone (user
// info, host, port, path, the other parameters, their order and encoding). The engine says which
// parameters (Engine::TlsUrlParams).
#include <istream>
#include <ostream>

#include "base/error.h"
#include "cli/commands.h"
#include <algorithm>

#include "db/engines.h"
#include "db/url.h"

namespace rdsca {

namespace {

constexpr const char* kUrlHelp =
    "usage: rds-ca url URL|- [--root PATH] [--mode MODE]\n"
    "\n"
    "Rewrites a PostgreSQL URL to verify the server: sslmode=verify-full (or MODE) and\n"
    "sslrootcert=PATH, each replaced where the URL has it and appended where not. Everything else\n"
    "is kept byte for byte: user, password, host, port, database, the other parameters in their\n"
    "order and encoding. postgres:// and postgresql:// URLs (libpq, Go's lib/pq and pgx,\n"
    "psycopg, node-postgres) and jdbc:postgresql:// URLs (pgjdbc) are accepted; the scheme stays.\n"
    "With - instead of URL, the URL is read from standard input (one line, at most 128 KiB), so\n"
    "its password does not show in ps.\n"
    "\n"
    "  --root PATH  the CA bundle the client reads (default /etc/rds-ca/bundle.pem, where\n"
    "               rds-ca k8s mounts it; rds-ca bundle writes one)\n"
    "  --mode MODE  disable, allow, prefer, require, verify-ca or verify-full (default verify-full)\n"
    "\n"
    "MySQL URLs too: mysql:// and mysql2:// (Rails, the platform's DATABASE_URL) get\n"
    "ssl_mode=verify_identity and sslca=PATH; jdbc:mysql:// and jdbc:mariadb:// get useSSL=true,\n"
    "sslMode=VERIFY_IDENTITY and serverSslCert=PATH (MySQL Connector/J and MariaDB Connector/J), and\n"
    "jdbc:mysql:// permitMysqlScheme=true (MariaDB Connector/J 3 refuses that scheme without it).\n"
    "MODE in MySQL's words too (verify_identity, required...).\n"
    "\n"
    "Example:\n"
    "  rds-ca url 'postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name?sslmode=disable'\n"
    "  -> postgres://user:password@my-rds-instance.us-east-1.rds.amazonaws.com/db_name?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem\n"
    "  printf '%s\\n' \"$DATABASE_URL\" | rds-ca url - --root /etc/ssl/rds.pem\n";

constexpr const char* kDefaultRoot = "/etc/rds-ca/bundle.pem";
constexpr const char* kNotAUrl =
    "the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, postgresql://, "
    "jdbc:postgresql://, mysql://, mysql2://, jdbc:mysql:// or jdbc:mariadb://";
// The longest URL `rds-ca url -` reads: Linux's limit on one argument (MAX_ARG_STRLEN), so standard
// input takes every URL an argument could hold.
constexpr std::size_t kMaxUrlBytes = 128u << 10;
// Raw in the sslrootcert value, as pg_url.cc writes query values: everything else is encoded.
constexpr std::string_view kRootKeep = "/:";

std::vector<std::string_view> SplitQuery(std::string_view query) {
  std::vector<std::string_view> items;
  while (true) {
    const auto amp = query.find('&');
    items.push_back(query.substr(0, amp));
    if (amp == std::string_view::npos) return items;
    query = query.substr(amp + 1);
  }
}

/// The decoded key of one `key=value` item ("" when it does not decode: such keys are kept).
std::string ItemKey(std::string_view item) {
  std::string key;
  if (!PercentDecode(item.substr(0, item.find('=')), key)) return "";
  return key;
}

void CheckUrl(const Engine& engine, std::string_view url, bool jdbc) {
  try {
    (void)(jdbc ? engine.ParseJdbcUrl(url) : engine.ParseUrl(url));
  } catch (const Failure& f) {
    throw UsageError(std::string("the URL cannot be used: ") + f.what());
  }
}

/// The engine whose URL or JDBC URL `scheme` is (`jdbc` says which); null for none.
const Engine* EngineOf(const std::string& scheme, bool& jdbc) {
  for (const Engine* e : Engines()) {
    jdbc = e->OwnsJdbcScheme(scheme);
    if (jdbc || e->OwnsScheme(scheme)) return e;
  }
  return nullptr;
}

}  // namespace

std::string ReadUrlLine(std::istream* in) {
  std::string line;
  char c = 0;
  bool ended = false;
  while (in != nullptr && in->get(c)) {
    if (c == '\n') {
      ended = true;
      break;
    }
    if (line.size() == kMaxUrlBytes) {
      throw UsageError("the URL on standard input is longer than " + std::to_string(kMaxUrlBytes) +
                       " bytes: give one URL on one line");
    }
    line.push_back(c);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw UsageError("no URL on standard input: give it on one line, or as the argument instead of -");
  if (ended && in->peek() != std::char_traits<char>::eof()) {
    throw UsageError("standard input holds more than one line: give only the URL, on one line");
  }
  return line;
}

std::string RewriteUrl(std::string_view url, std::string_view mode, std::string_view root) {
  const std::string scheme = UrlScheme(url);
  bool jdbc = false;
  const Engine* engine = EngineOf(scheme, jdbc);
  if (engine == nullptr) throw UsageError(kNotAUrl);
  CheckUrl(*engine, url, jdbc);
  const auto tls_mode = engine->ParseTlsMode(mode);
  if (!tls_mode) {
    throw UsageError("--mode '" + std::string(mode) + "' is not an " + std::string(engine->TlsModeWord()) +
                     ": use one of " + std::string(engine->TlsModeList()));
  }
  if (root.empty()) throw UsageError("--root needs a value: run rds-ca url --help");
  // Each parameter is set where the URL has it (later duplicates dropped), else appended.
  std::vector<std::pair<std::string, std::string>> wanted;
  for (const auto& [key, value] : engine->TlsUrlParams(*tls_mode, std::string(root), jdbc ? scheme : "")) {
    wanted.emplace_back(key, PercentEncode(value, kRootKeep));
  }
  std::vector<bool> seen(wanted.size(), false);
  const auto qmark = url.find('?');
  std::string out(url.substr(0, qmark));
  std::vector<std::string> items;
  if (qmark != std::string_view::npos) {
    for (std::string_view item : SplitQuery(url.substr(qmark + 1))) {
      const std::string key = ItemKey(item);
      const auto it = std::find_if(wanted.begin(), wanted.end(), [&](const auto& w) { return w.first == key; });
      if (it == wanted.end()) {
        items.emplace_back(item);
      } else if (const auto i = static_cast<std::size_t>(it - wanted.begin()); !seen[i]) {
        seen[i] = true;
        items.push_back(std::string(item.substr(0, item.find('='))) + "=" + it->second);
      }
    }
  }
  const bool appending = std::find(seen.begin(), seen.end(), false) != seen.end();
  if (appending && !items.empty() && items.back().empty()) items.pop_back();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!seen[i]) items.push_back(wanted[i].first + "=" + wanted[i].second);
  }
  char sep = '?';
  for (const auto& item : items) {
    out += sep;
    out += item;
    sep = '&';
  }
  return out;
}

int RunUrl(const std::vector<std::string>& args, Io io) {
  const cli::ParsedArgs parsed = cli::ParseArgs("url", args, {{"--root"}, {"--mode"}}, 1);
  if (parsed.help) {
    io.out << kUrlHelp;
    return 0;
  }
  if (parsed.positional.empty()) throw UsageError("give the URL to rewrite: run rds-ca url --help");
  const std::string url = parsed.positional[0] == "-" ? ReadUrlLine(io.in) : parsed.positional[0];
  io.out << RewriteUrl(url, parsed.GetOr("--mode", "verify-full"), parsed.GetOr("--root", kDefaultRoot)) << '\n';
  const auto qmark = url.find('?');
  for (std::string_view item : SplitQuery(qmark == std::string::npos ? "" : std::string_view(url).substr(qmark + 1))) {
    if (ItemKey(item) == "sslfactory") {
      io.err << "rds-ca url: WARNING: the URL sets sslfactory, which makes pgjdbc ignore sslrootcert: remove "
                "it to verify against the bundle\n";
    }
  }
  return 0;
}

}  // namespace rdsca
