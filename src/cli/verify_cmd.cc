#include "cli/verify_cmd.h"

#include <chrono>
#include <ctime>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "launch/store.h"
#include "db/engines.h"
#include "base/error.h"
#include "base/fs.h"
#include "verify/probe.h"
#include "verify/sql_report.h"

namespace rdsca {

const char* const kVerifyHelp =
    "usage: rds-ca verify [--service NAME | --all | --host H [--port P] [--engine E]] [--mode MODE] [--ca FILE]\n"
    "                     [--timeout S] [--json] [--sql] [--quiet]\n"
    "                     [--require-tls | --warn-plaintext]\n"
    "\n"
    "Proves the TLS connection to the app's PostgreSQL the way libpq makes it: TCP connect (every\n"
    "address), SSLRequest, then the TLS handshake against exactly the CA bundle the buildpack\n"
    "installed, checked as the sslmode demands (verify-full: chain and host name; verify-ca: chain;\n"
    "require and weaker: reported only). No startup packet is sent: the server logs no login\n"
    "(--require-tls adds a second connection, in plaintext, that ends before authentication).\n"
    "A MySQL binding the same way: the server's greeting, the SSL request, then the TLS handshake\n"
    "(ssl_mode verify_identity: chain and host name).\n"
    "\n"
    "  --service NAME  the binding NAME (default: the binding the buildpack selected)\n"
    "  --all           every PostgreSQL binding\n"
    "  --host H        any server, with --port P (default 5432), trusting the installed bundle\n"
    "  --engine E      with --host: postgresql or mysql (default: mysql for --port 3306)\n"
    "  --mode MODE     disable, allow, prefer, require, verify-ca or verify-full (MySQL's\n"
    "                  disabled, preferred, required, verify_ca, verify_identity too)\n"
    "                  (default: the binding's effective sslmode, else verify-full)\n"
    "  --ca FILE       the CA bundle to trust (default: $DEPS_DIR/IDX/rds-ca/rds-ca.pem)\n"
    "  --timeout S     seconds for the connect, and again for the handshake (default 5)\n"
    "  --json          the report as JSON\n"
    "  --sql           then log in with the binding's credentials (libpq) and list this user's\n"
    "                  sessions from pg_stat_ssl and pg_stat_activity, marking this one; MySQL:\n"
    "                  SHOW SESSION STATUS LIKE 'Ssl_%' and the server's require_secure_transport\n"
    "  --quiet         no report: one line on stderr per failure or warning (the launch hook's mode)\n"
    "  --require-tls   also try a plaintext startup (no SSLRequest) as the binding's user, and fail\n"
    "                  when the server does not refuse it (RDS refuses with rds.force_ssl=1). It\n"
    "                  stops at the server's first answer: no password is ever sent without TLS\n"
    "  --warn-plaintext\n"
    "                  the same check; a server that accepts plaintext is only a warning\n"
    "\n"
    "Exit status: 0 verified, 1 TLS or verification failure (or, with --require-tls, a server that\n"
    "accepts plaintext), 2 usage, 3 network (refused, timeout, DNS).\n"
    "\n"
    "Examples:\n"
    "  cf ssh myapp -c 'rds-ca verify'\n"
    "  cf run-task myapp --command 'rds-ca verify --all --sql'\n"
    "  cf ssh myapp -c 'rds-ca verify --require-tls'\n"
    "  rds-ca verify --host mydb.c9akciq32.us-west-2.rds.amazonaws.com --ca rds-ca.pem\n";

namespace {

void CheckCombination(const VerifyArgs& a) {
  if (a.all && (!a.service.empty() || !a.host.empty())) {
    throw UsageError("--all probes every binding: leave out --service and --host");
  }
  if (!a.service.empty() && !a.host.empty()) throw UsageError("--service and --host exclude each other: give one");
  if (a.port != 0 && a.host.empty()) throw UsageError("--port goes with --host: add --host H");
  if (!a.engine.empty() && a.host.empty()) throw UsageError("--engine goes with --host: add --host H");
  if (a.quiet && a.json) throw UsageError("--quiet and --json exclude each other: give one");
}

/// --require-tls and --warn-plaintext, which exclude each other.
RequireTls RequireTlsOption(const cli::ParsedArgs& p) {
  if (p.Has("--require-tls") && p.Has("--warn-plaintext")) {
    throw UsageError("--require-tls and --warn-plaintext exclude each other: give one");
  }
  if (p.Has("--require-tls")) return RequireTls::kFail;
  return p.Has("--warn-plaintext") ? RequireTls::kWarn : RequireTls::kOff;
}

/// The exit status of several targets: a TLS failure outweighs a network one, which
/// outweighs a usage error.
int Worse(int a, int b) {
  for (int code : {1, 3, 2}) {
    if (a == code || b == code) return code;
  }
  return a != 0 ? a : b;
}

std::string Where(const VerifyTarget& t) {
  const std::string hp = (t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host) + ":" + std::to_string(t.port);
  return t.service.empty() ? hp : t.service + " (" + hp + ")";
}

/// The plaintext check for one target whose server was reached (--require-tls, --warn-plaintext):
/// its result into `report`, as a warning when it only warns or cannot tell; the exit status it
/// adds (1 for a server that accepts plaintext under --require-tls).
int PlaintextStep(VerifyReport& report, const VerifyTarget& t, const VerifyArgs& a) {
  report.require_tls = a.require_tls;
  if (a.require_tls == RequireTls::kOff || report.probe.verdict == Verdict::kNetwork) return 0;
  report.plaintext = CheckPlaintext(PlaintextOptionsFor(t, report.probe));
  const PlaintextResult& p = *report.plaintext;
  if (p.verdict == PlaintextVerdict::kAccepted && a.require_tls == RequireTls::kFail) return 1;
  if (p.verdict != PlaintextVerdict::kRefused) report.warnings.push_back(p.message);
  return 0;
}

/// --sql for one verified target: the table (or JSON), and the exit status it adds.
int SqlStep(const VerifyTarget& t, const VerifyArgs& a, const std::filesystem::path& ca, Io io,
            nlohmann::ordered_json& json) {
  if (t.url.empty()) {
    io.err << "rds-ca verify: " << Where(t) << ": --sql needs credentials: bind the database, or export DATABASE_URL\n";
    return 2;
  }
  SqlCheckOptions o;
  o.url = t.url;
  o.host = t.host;
  o.port = t.port;
  o.mode = t.mode;
  o.ca_file = ca;
  o.timeout = std::chrono::ceil<std::chrono::seconds>(a.timeout);
  SqlReport report;
  try {
    report = RunSqlReport(*t.engine, o);
  } catch (const Failure& e) {
    io.err << "rds-ca verify: " << Where(t) << ": " << e.what() << '\n';
    return static_cast<int>(e.code());
  }
  if (a.json) json["sql"] = report.json;
  if (!a.json && !a.quiet) io.out << report.text;
  for (const auto& w : report.warnings) io.err << "rds-ca verify: WARNING: " << Where(t) << ": " << w << '\n';
  if (report.tls) return 0;
  io.err << "rds-ca verify: " << Where(t) << ": " << report.not_tls << '\n';
  return 1;
}

}  // namespace

VerifyArgs ParseVerifyArgs(const std::vector<std::string>& args) {
  const cli::ParsedArgs p = cli::ParseArgs("verify", args,
                                           {{"--service"}, {"--all", false}, {"--host"}, {"--port"}, {"--timeout"},
                                            {"--json", false}, {"--sql", false}, {"--quiet", false}, {"--ca"}, {"--mode"},
                                             {"--engine"}, {"--require-tls", false}, {"--warn-plaintext", false}});
  VerifyArgs a;
  a.help = p.help;
  if (a.help) return a;
  a.all = p.Has("--all");
  a.json = p.Has("--json");
  a.sql = p.Has("--sql");
  a.quiet = p.Has("--quiet");
  a.require_tls = RequireTlsOption(p);
  a.service = p.GetOr("--service", "");
  a.host = p.GetOr("--host", "");
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  if (const auto port = p.Get("--port")) a.port = ParseVerifyPort(*port);
  if (const auto timeout = p.Get("--timeout")) a.timeout = ParseVerifyTimeout(*timeout);
  a.ca = p.GetOr("--ca", "");
  a.engine = p.GetOr("--engine", "");
  if (const auto mode = p.Get("--mode")) {
    // TlsMode in any engine's own words, exactly (PostgreSQL's verify-full, MySQL's verify_identity...).
    for (const Engine* e : Engines()) {
      for (int m = static_cast<int>(TlsMode::kVerifyFull); !a.mode && m >= 0; --m) {
        if (e->TlsModeName(static_cast<TlsMode>(m)) == *mode) a.mode = static_cast<TlsMode>(m);
      }
    }
    if (!a.mode) {
      const Engine& first = *Engines().front();
      throw UsageError("--mode '" + *mode + "' is not an " + std::string(first.TlsModeWord()) + ": use one of " +
                       std::string(first.TlsModeList()));
    }
  }
  CheckCombination(a);
  return a;
}

int RunVerifyAt(const std::vector<std::string>& args, Io io, const std::filesystem::path& exe_dir, std::int64_t now) {
  const VerifyArgs a = ParseVerifyArgs(args);
  if (a.help) {
    io.out << kVerifyHelp;
    return 0;
  }
  const std::vector<VerifyTarget> targets = SelectTargets(a, io.env);
  if (targets.empty()) {
    if (a.quiet) return 0;  // the launch hook: no database, nothing to prove
    throw UsageError(kNothingToVerify);
  }
  const std::filesystem::path ca = FindCaFile(a, io.env, exe_dir);
  int status = 0;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    // A binding that brings its own CA is verified with its own file from the store beside the
    // bundle (as its DATABASE_URL is), unless --ca names the file.
    std::filesystem::path target_ca = ca;
    if (a.ca.empty() && !targets[i].own_ca.empty()) {
      const auto own = ca.parent_path() / store::kBindingCaDir / targets[i].own_ca;
      std::error_code ec;
      if (std::filesystem::is_regular_file(own, ec)) target_ca = own;
    }
    VerifyReport report = VerifyOne(targets[i], target_ca, a.timeout, io.env, now);
    const int plaintext = PlaintextStep(report, targets[i], a);
    int code = static_cast<int>(report.probe.code);
    nlohmann::ordered_json json = a.json ? RenderJson(report, now) : nlohmann::ordered_json();
    if (!a.json && !a.quiet) io.out << (i > 0 ? "\n" : "") << RenderText(report, now);
    if (code != 0) io.err << "rds-ca verify: " << FailureLine(report) << '\n';
    if (plaintext != 0) io.err << "rds-ca verify: " << PlaintextFailureLine(report) << '\n';
    for (const auto& w : a.quiet ? report.warnings : std::vector<std::string>{}) {
      io.err << "rds-ca verify: WARNING: " << Where(targets[i]) << ": " << w << '\n';
    }
    if (a.sql && code == 0) code = SqlStep(targets[i], a, target_ca, io, json);
    if (a.json) all.push_back(json);
    status = Worse(status, Worse(code, plaintext));
  }
  if (a.json) io.out << (a.all ? all : all.at(0)).dump(2) << '\n';
  return status;
}

int RunVerify(const std::vector<std::string>& args, Io io) {
  return RunVerifyAt(args, io, fs::ExecutableDir(nullptr), static_cast<std::int64_t>(std::time(nullptr)));
}

}  // namespace rdsca
