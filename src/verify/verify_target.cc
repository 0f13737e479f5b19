#include "verify/verify_target.h"

#include <optional>

#include "bindings/bindings.h"
#include "db/database.h"
#include "base/error.h"
#include "cf/layout.h"
#include "db/postgres/pg_url.h"

namespace rdsca {

const char* const kNothingToVerify =
    "nothing to verify: the app has no PostgreSQL binding and no DATABASE_URL; bind one, or pass --host H";

namespace {

/// True for 1 to `max` decimal digits.
bool Digits(const std::string& text, std::size_t max) {
  return !text.empty() && text.size() <= max && text.find_first_not_of("0123456789") == std::string::npos;
}

VerifyTarget FromDatabase(const Database& db, const VerifyArgs& args) {
  return {db.service, db.url.host, db.url.port > 0 ? db.url.port : kDefaultPort,
          args.mode.empty() ? std::string(SslModeName(db.sslmode)) : args.mode, BuildPgUrl(db.url)};
}

/// DATABASE_URL when it is a postgres URL with a host (else nothing).
std::optional<PgUrl> DatabaseUrl(const Env& env) {
  const std::string raw = GetEnv(env, "DATABASE_URL");
  const std::string scheme = UrlScheme(raw);
  if (scheme != "postgres" && scheme != "postgresql") return std::nullopt;
  try {
    PgUrl u = ParsePgUrl(raw);
    if (!u.host.empty()) return u;
  } catch (const Failure&) {
  }
  return std::nullopt;
}

std::string Param(const PgUrl& u, const std::string& key) {
  for (const auto& [k, v] : u.params) {
    if (k == key) return v;
  }
  return "";
}

std::string Names(const std::vector<Binding>& list) {
  std::string out;
  for (const auto& b : list) out += (out.empty() ? "" : ", ") + b.name;
  return out.empty() ? "(none)" : out;
}

bool IsFile(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_regular_file(p, ec);
}

}  // namespace

std::chrono::milliseconds ParseVerifyTimeout(const std::string& v) {
  const auto dot = v.find('.');
  const bool number = dot == std::string::npos ? Digits(v, 3) : Digits(v.substr(0, dot), 3) && Digits(v.substr(dot + 1), 3);
  const double s = number ? std::stod(v) : 0;
  if (s <= 0 || s > 600) {
    throw UsageError("--timeout wants seconds above 0 and up to 600 (such as 5 or 0.5), not '" + v + "'");
  }
  return std::chrono::milliseconds(static_cast<long long>(s * 1000 + 0.5));
}

int ParseVerifyPort(const std::string& v) {
  const int p = Digits(v, 5) ? std::stoi(v) : 0;
  if (p < 1 || p > 65535) throw UsageError("--port wants a TCP port (1-65535), not '" + v + "'");
  return p;
}

std::vector<VerifyTarget> SelectTargets(const VerifyArgs& args, const Env& env) {
  const std::optional<PgUrl> exported = DatabaseUrl(env);
  if (!args.host.empty()) {
    return {{"", args.host, args.port > 0 ? args.port : kDefaultPort, args.mode.empty() ? "verify-full" : args.mode,
             exported ? BuildPgUrl(*exported) : ""}};
  }
  const Bindings bindings = ReadBindings(env);
  Selection sel;
  if (!bindings.list.empty()) sel = SelectDatabases(bindings.list, env);
  if (!args.service.empty()) {
    for (const auto& db : sel.databases) {
      if (db.service == args.service) return {FromDatabase(db, args)};
    }
    for (const auto& b : bindings.list) {
      if (b.name != args.service) continue;
      Env forced = env;
      forced["RDS_CA_SERVICE"] = args.service;  // any binding counts once named
      return {FromDatabase(SelectDatabases(bindings.list, forced).databases.at(0), args)};
    }
    throw UsageError("no binding named '" + args.service + "': the app's bindings are " + Names(bindings.list));
  }
  std::vector<VerifyTarget> out;
  for (const auto& db : sel.databases) out.push_back(FromDatabase(db, args));
  if (!out.empty()) {
    if (!args.all) out.resize(1);
    // The launch hook's DATABASE_URL is what the app uses: prefer it for --sql.
    if (exported && exported->host == out[0].host) out[0].url = BuildPgUrl(*exported);
    return out;
  }
  if (exported) {
    const std::string mode = Param(*exported, "sslmode");
    return {{"DATABASE_URL", exported->host, exported->port > 0 ? exported->port : kDefaultPort,
             !args.mode.empty() ? args.mode : IsSslMode(mode) ? mode : "verify-full", BuildPgUrl(*exported)}};
  }
  return {};
}

std::filesystem::path FindCaFile(const VerifyArgs& args, const Env& env, const std::filesystem::path& exe_dir) {
  if (!args.ca.empty()) {
    if (!IsFile(args.ca)) throw UsageError("--ca " + args.ca + ": no such file");
    return args.ca;
  }
  if (exe_dir.filename() == layout::kBinDir && IsFile(exe_dir.parent_path() / layout::kRdsBundle)) {
    return exe_dir.parent_path() / layout::kRdsBundle;
  }
  const std::string deps = GetEnv(env, "DEPS_DIR"), idx = GetEnv(env, "RDS_CA_DEPS_IDX");
  if (!deps.empty() && !idx.empty() && IsFile(std::filesystem::path(deps) / idx / layout::kRdsBundle)) {
    return std::filesystem::path(deps) / idx / layout::kRdsBundle;
  }
  if (const auto url = DatabaseUrl(env); url && IsFile(Param(*url, "sslrootcert"))) return Param(*url, "sslrootcert");
  throw UsageError("no installed RDS CA bundle next to this rds-ca (not in a droplet's deps/IDX/bin): pass --ca FILE");
}

VerifyReport VerifyOne(const VerifyTarget& target, const std::filesystem::path& ca_file,
                       std::chrono::milliseconds timeout, const Env& env, std::int64_t now) {
  VerifyReport report;
  report.service = target.service;
  try {
    report.endpoint = ClassifyEndpoint(target.host, GetEnv(env, "RDS_CA_REGION"));
  } catch (const Failure&) {
    report.endpoint = ClassifyEndpoint(target.host);  // a bad RDS_CA_REGION is staging's to report
  }
  ProbeOptions o;
  o.host = target.host;
  o.port = target.port;
  o.ca_file = ca_file;
  o.sslmode = target.sslmode;
  o.timeout = timeout;
  report.probe = Probe(o);
  report.warnings = ExpiryWarnings(report.probe, now, ExpiryWatchFromEnv(env));
  return report;
}

}  // namespace rdsca
