#include "verify/verify_target.h"

#include <optional>

#include "base/error.h"
#include "base/text.h"
#include "bindings/bindings.h"
#include "db/engines.h"
#include "db/selection.h"
#include "db/settings.h"
#include "db/url.h"
#include "launch/store.h"

namespace rdsca {

const char* const kNothingToVerify =
    "nothing to verify: the app has no PostgreSQL binding and no DATABASE_URL; bind one, or pass --host H";

namespace {

/// True for 1 to `max` decimal digits.
bool Digits(const std::string& text, std::size_t max) {
  return !text.empty() && text.size() <= max && text.find_first_not_of("0123456789") == std::string::npos;
}

VerifyTarget FromDatabase(const Database& db, const VerifyArgs& args) {
  return {db.service, db.engine, db.conn.host, db.conn.port > 0 ? db.conn.port : db.engine->DefaultPort(),
          args.mode.value_or(db.tls), db.engine->ConnectionUrl(db.conn),
          db.ca_pems.empty() ? "" : BindingCaFileName(db.ca_pems)};
}

/// DATABASE_URL when it is a URL of one of the engines, with a host.
struct Exported {
  const Engine* engine = nullptr;
  Connection conn;
  TlsParams tls;
};

std::optional<Exported> DatabaseUrl(const Env& env) {
  const std::string raw = GetEnv(env, "DATABASE_URL");
  const std::string scheme = UrlScheme(raw);
  for (const Engine* e : Engines()) {
    if (!e->OwnsScheme(scheme)) continue;
    try {
      Connection c = e->ParseUrl(raw);
      if (!c.host.empty()) return Exported{e, c, e->SplitTlsParams(c.params)};
    } catch (const Failure&) {
    }
  }
  return std::nullopt;
}

/// --engine's engine; without it, the one whose default port --port is; else the first.
const Engine* HostEngine(const VerifyArgs& args) {
  for (const Engine* e : Engines()) {
    const std::string name = Lower(e->Name());
    if (args.engine.empty() ? args.port == e->DefaultPort() : args.engine == name) return e;
  }
  if (args.engine.empty()) return Engines().front();
  std::string names;
  for (const Engine* e : Engines()) names += (names.empty() ? "" : " or ") + Lower(e->Name());
  throw UsageError("--engine '" + args.engine + "' is not an engine: use " + names);
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
  const std::optional<Exported> exported = DatabaseUrl(env);
  if (!args.host.empty()) {
    const Engine* engine = HostEngine(args);
    return {{"", engine, args.host, args.port > 0 ? args.port : engine->DefaultPort(),
             args.mode.value_or(TlsMode::kVerifyFull), exported ? exported->engine->ConnectionUrl(exported->conn) : "",
             ""}};
  }
  const Bindings bindings = ReadBindings(env);
  const Settings settings = ReadSettings(env);
  Selection sel;
  if (!bindings.list.empty()) sel = SelectDatabases(bindings.list, settings);
  if (!args.service.empty()) {
    for (const auto& db : sel.databases) {
      if (db.service == args.service) return {FromDatabase(db, args)};
    }
    for (const auto& b : bindings.list) {
      if (b.name != args.service) continue;
      Settings forced = settings;
      forced.service = args.service;  // any binding counts once named
      return {FromDatabase(SelectDatabases(bindings.list, forced).databases.at(0), args)};
    }
    throw UsageError("no binding named '" + args.service + "': the app's bindings are " + Names(bindings.list));
  }
  std::vector<VerifyTarget> out;
  for (const auto& db : sel.databases) out.push_back(FromDatabase(db, args));
  if (!out.empty()) {
    if (!args.all) out.resize(1);
    // The launch hook's DATABASE_URL is what the app uses: prefer it for --sql.
    if (exported && exported->conn.host == out[0].host) out[0].url = exported->engine->ConnectionUrl(exported->conn);
    return out;
  }
  if (exported) {
    const Engine* e = exported->engine;
    return {{"DATABASE_URL", e, exported->conn.host, exported->conn.port > 0 ? exported->conn.port : e->DefaultPort(),
             args.mode.value_or(e->ParseTlsMode(exported->tls.mode).value_or(TlsMode::kVerifyFull)),
             e->ConnectionUrl(exported->conn), ""}};
  }
  return {};
}

std::filesystem::path FindCaFile(const VerifyArgs& args, const Env& env, const std::filesystem::path& exe_dir) {
  if (!args.ca.empty()) {
    if (!IsFile(args.ca)) throw UsageError("--ca " + args.ca + ": no such file");
    return args.ca;
  }
  if (const std::string root = InstallRootOf(exe_dir.string()); !root.empty()) {
    if (const std::string beside = StoreAt(root).rds_bundle; IsFile(beside)) return beside;
  }
  const std::string deps = GetEnv(env, "DEPS_DIR"), idx = GetEnv(env, "RDS_CA_DEPS_IDX");
  if (!deps.empty() && !idx.empty()) {
    if (const std::string installed = StoreAt(deps + "/" + idx).rds_bundle; IsFile(installed)) return installed;
  }
  if (const auto url = DatabaseUrl(env); url && IsFile(url->tls.ca_file)) return url->tls.ca_file;
  throw UsageError("no installed RDS CA bundle next to this rds-ca (not in a droplet's deps/IDX/bin): pass --ca FILE");
}

VerifyReport VerifyOne(const VerifyTarget& target, const std::filesystem::path& ca_file,
                       std::chrono::milliseconds timeout, const Env& env, std::int64_t now) {
  VerifyReport report;
  report.service = target.service;
  try {
    report.endpoint = ClassifyEndpoint(target.host, RegionOverride(env));
  } catch (const Failure&) {
    report.endpoint = ClassifyEndpoint(target.host);  // a bad RDS_CA_REGION is staging's to report
  }
  ProbeOptions o;
  o.host = target.host;
  o.port = target.port;
  o.ca_file = ca_file;
  o.engine = target.engine;
  o.mode = target.mode;
  o.timeout = timeout;
  report.probe = Probe(o);
  report.warnings = ExpiryWarnings(report.probe, now, ExpiryWatchFromEnv(env));
  return report;
}

PlaintextOptions PlaintextOptionsFor(const VerifyTarget& target, const ProbeResult& probe) {
  PlaintextOptions o;
  o.server = probe.options;
  o.address = probe.address;
  o.url = target.url;
  Connection c;
  try {
    if (!target.url.empty()) c = target.engine->ParseUrl(target.url);
  } catch (const Failure&) {
  }
  if (c.user.empty()) {
    o.user = DefaultCheckUser(target.engine->Id());
    o.user_source = "no credentials: RDS's default master user";
    return o;
  }
  o.user = c.user;
  o.database = c.database;
  const bool from_url = target.service.empty() || target.service == "DATABASE_URL";
  o.user_source = from_url ? "DATABASE_URL's user" : "the binding's user";
  return o;
}

}  // namespace rdsca
