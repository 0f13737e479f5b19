// rds-ca url: sets the TLS parameters (PostgreSQL's sslmode and sslrootcert, MySQL's ssl_mode and
// sslca, the JDBC drivers' own) in a URL of any engine, leaving every other byte alone (user
// info, host, port, path, the other parameters, their order and encoding). The engine says which
// parameters (Engine::TlsUrlParams).
#include <istream>
#include <ostream>

#include "base/error.h"
#include "cli/commands.h"
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
// The longest URL `rds-ca url -` reads: Linux's limit on one argument (MAX_ARG_STRLEN), so standard
// input takes every URL an argument could hold.
constexpr std::size_t kMaxUrlBytes = 128u << 10;
/// "the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, ...": every
/// engine's schemes, from the engines.
std::string NotAUrl() {
  std::vector<std::string_view> schemes;
  for (const Engine* e : Engines()) {
    for (const auto s : e->SchemeExamples()) schemes.push_back(s);
  }
  std::string list;
  for (std::size_t i = 0; i < schemes.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == schemes.size() ? " or " : ", ") + std::string(schemes[i]);
  }
  return "the URL is not a " + KnownEngines() + " URL: give one that starts " + list;
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
  if (engine == nullptr) throw UsageError(NotAUrl());
  CheckUrl(*engine, url, jdbc);
  const auto tls_mode = engine->ParseTlsMode(mode);
  if (!tls_mode) {
    throw UsageError("--mode '" + std::string(mode) + "' is not an " + std::string(engine->TlsModeWord()) +
                     ": use one of " + std::string(engine->TlsModeList()));
  }
  if (root.empty()) throw UsageError("--root needs a value: run rds-ca url --help");
  return engine->WithTlsParams(url, *tls_mode, std::string(root), jdbc);
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
  bool jdbc = false;
  if (const Engine* engine = EngineOf(UrlScheme(url), jdbc)) {
    for (const auto& warning : engine->UrlWarnings(url)) io.err << "rds-ca url: WARNING: " << warning << '\n';
  }
  return 0;
}

}  // namespace rdsca
