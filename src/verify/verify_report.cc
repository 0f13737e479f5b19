#include "verify/verify_report.h"

#include <sstream>

#include "base/error.h"
#include "base/utc_time.h"
#include "ca/x509.h"

namespace rdsca {

namespace {

constexpr std::int64_t kDay = 86400;

bool ParseDays(const std::string& text, int& out) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(text);
  return true;
}

std::string Iso(std::int64_t epoch_seconds) { return FormatUtc(epoch_seconds, "%Y-%m-%dT%H:%M:%SZ"); }

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Until(const CertSummary& c, std::int64_t now) {
  const std::int64_t days = DaysLeft(c.not_after, now);
  return FormatTime(c.not_after) +
         (days < 0 ? " (expired " + std::to_string(-days) + " days ago)" : " (" + std::to_string(days) + " days left)");
}

/// `label` padded to 11 columns, then the value.
void Line(std::ostringstream& out, const std::string& label, const std::string& value) {
  out << label << std::string(label.size() < 11 ? 11 - label.size() : 1, ' ') << value << '\n';
}

nlohmann::ordered_json CertJson(const CertSummary& c, std::int64_t now) {
  return {{"subject", c.subject},       {"issuer", c.issuer},         {"names", c.names},
          {"not_before", Iso(c.not_before)}, {"not_after", Iso(c.not_after)}, {"days_left", DaysLeft(c.not_after, now)},
          {"sha256", c.sha256}};
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kVerified: return "verified";
    case Verdict::kEncrypted: return "encrypted";
    case Verdict::kFailed: return "failed";
    case Verdict::kNetwork: return "network";
  }
  return "failed";
}

std::string Where(const ProbeOptions& o) {
  return (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port);
}

/// "SERVICE (HOST:PORT): MESSAGE", or "HOST:PORT: MESSAGE" without a service.
std::string Located(const VerifyReport& report, const std::string& message) {
  const std::string where = Where(report.probe.options);
  return (report.service.empty() ? where : report.service + " (" + where + ")") + ": " + message;
}

/// The plaintext check for --json: null when it did not run.
nlohmann::ordered_json PlaintextJson(const VerifyReport& report) {
  if (!report.plaintext) return nullptr;
  const PlaintextResult& r = *report.plaintext;
  return {{"policy", report.require_tls == RequireTls::kFail ? "fail" : "warn"},
          {"user", r.user},
          {"user_source", r.user_source},
          {"result", PlaintextVerdictName(r.verdict)},
          {"answer", r.answer},
          {"code", r.code},
          {"message", r.message}};
}

}  // namespace

ExpiryWatch ExpiryWatchFromEnv(const Env& env) {
  ExpiryWatch w;
  if (!HasEnv(env, "RDS_CA_EXPIRY_WARN_DAYS")) return w;
  const std::string v = GetEnv(env, "RDS_CA_EXPIRY_WARN_DAYS");
  const auto comma = v.find(',');
  const bool ok = comma == std::string::npos
                      ? ParseDays(v, w.server_days)
                      : ParseDays(v.substr(0, comma), w.server_days) && ParseDays(v.substr(comma + 1), w.ca_days);
  if (!ok) {
    throw Failure("RDS_CA_EXPIRY_WARN_DAYS='" + v +
                  "' is not a number of days: set it to N (server certificate) or N,M (server certificate, CA), "
                  "0 to turn a warning off");
  }
  return w;
}

std::int64_t DaysLeft(std::int64_t until, std::int64_t now) {
  const std::int64_t d = until - now;
  return d >= 0 ? d / kDay : -((-d + kDay - 1) / kDay);
}

std::vector<std::string> ExpiryWarnings(const ProbeResult& probe, std::int64_t now, const ExpiryWatch& watch) {
  std::vector<std::string> out;
  const CertSummary* server = probe.server();
  if (server != nullptr && watch.server_days > 0 && server->not_after >= now &&
      DaysLeft(server->not_after, now) < watch.server_days) {
    out.push_back("the server certificate expires on " + FormatDate(server->not_after) + " (in " +
                  std::to_string(DaysLeft(server->not_after, now)) +
                  " days): make sure the server renews it (RDS renews it; check the instance's CA in the console)");
  }
  if (probe.anchor && watch.ca_days > 0 && probe.anchor->not_after >= now &&
      DaysLeft(probe.anchor->not_after, now) < watch.ca_days) {
    out.push_back("the CA \"" + probe.anchor->Name() + "\" that the server chains to expires on " +
                  FormatDate(probe.anchor->not_after) + " (in " + std::to_string(DaysLeft(probe.anchor->not_after, now)) +
                  " days): rotate the database to a newer CA and restage before then");
  }
  return out;
}

std::string VerdictText(const ProbeResult& p) {
  const std::string root = p.anchor ? "chain to \"" + p.anchor->Name() + "\"" : "chain";
  switch (p.verdict) {
    case Verdict::kVerified:
      return VerifiesHost(p.options.mode) ? "verified: " + root + " and host name"
                                          : "verified: " + root + " (host name not checked under " + p.ModeText() + ")";
    case Verdict::kEncrypted: return "encrypted, not verified (" + p.ModeText() + ")";
    case Verdict::kFailed: return "FAILED";
    case Verdict::kNetwork: return "NETWORK FAILURE";
  }
  return "FAILED";
}

std::string RenderText(const VerifyReport& report, std::int64_t now) {
  const ProbeResult& p = report.probe;
  std::ostringstream out;
  if (!report.service.empty()) Line(out, "service", report.service);
  Line(out, "endpoint", Where(p.options) + "  " + Describe(report.endpoint));
  if (!p.addresses.empty()) {
    Line(out, "address", (p.address.empty() ? "none connected" : p.address) + " (resolved: " + Join(p.addresses, ", ") + ")");
  }
  Line(out, std::string(p.options.engine->TlsModeWord()), std::string(p.options.engine->TlsModeName(p.options.mode)));
  Line(out, "trust", p.options.ca_file.string() + " (" + std::to_string(p.ca_count) +
                         (p.ca_count == 1 ? " certificate)" : " certificates)"));
  if (!p.tls_version.empty()) Line(out, "tls", p.tls_version + ", " + p.cipher + " (" + std::to_string(p.cipher_bits) + " bits)");
  if (const CertSummary* s = p.server()) {
    Line(out, "server", s->subject);
    Line(out, "names", s->names.empty() ? "(no subjectAltName)" : Join(s->names, ", "));
    Line(out, "issuer", s->issuer);
    Line(out, "expires", Until(*s, now));
    Line(out, "chain", std::to_string(p.chain.size()) + (p.chain.size() == 1 ? " certificate" : " certificates") + " as sent:");
    for (std::size_t i = 0; i < p.chain.size(); ++i) {
      Line(out, "  #" + std::to_string(i), p.chain[i].subject + " (until " + FormatDate(p.chain[i].not_after) + ")");
    }
    Line(out, "anchor", p.anchor ? p.anchor->subject + ", until " + Until(*p.anchor, now) : "(none installed)");
  }
  if (report.plaintext) Line(out, "plaintext", PlaintextText(*report.plaintext));
  for (const auto& n : p.notes) Line(out, "note", n);
  for (const auto& w : report.warnings) Line(out, "WARN", w);
  Line(out, "verdict", VerdictText(p));
  return out.str();
}

nlohmann::ordered_json RenderJson(const VerifyReport& report, std::int64_t now) {
  const ProbeResult& p = report.probe;
  nlohmann::ordered_json j;
  j["service"] = report.service;
  j["host"] = p.options.host;
  j["port"] = p.options.port;
  j["endpoint"] = {{"kind", KindName(report.endpoint.kind)},
                   {"partition", PartitionName(report.endpoint.partition)},
                   {"region", report.endpoint.region},
                   {"trust", TrustName(report.endpoint.trust)}};
  j["sslmode"] = p.options.engine->TlsModeName(p.options.mode);
  j["ca_file"] = p.options.ca_file.string();
  j["ca_count"] = p.ca_count;
  j["addresses"] = p.addresses;
  j["address"] = p.address;
  j["tls"] = p.tls_version.empty() ? nlohmann::ordered_json(nullptr)
                                   : nlohmann::ordered_json{{"version", p.tls_version}, {"cipher", p.cipher},
                                                            {"bits", p.cipher_bits}};
  j["server"] = p.server() ? CertJson(*p.server(), now) : nlohmann::ordered_json(nullptr);
  j["chain"] = nlohmann::ordered_json::array();
  for (const auto& c : p.chain) j["chain"].push_back(CertJson(c, now));
  j["anchor"] = p.anchor ? CertJson(*p.anchor, now) : nlohmann::ordered_json(nullptr);
  j["chain_verified"] = p.chain_ok;
  j["host_name_verified"] = p.name_ok;
  j["verdict"] = VerdictName(p.verdict);
  j["exit_code"] = static_cast<int>(p.code);
  j["message"] = p.message;
  j["notes"] = p.notes;
  j["warnings"] = report.warnings;
  j["plaintext"] = PlaintextJson(report);
  return j;
}

std::string FailureLine(const VerifyReport& report) { return Located(report, report.probe.message); }

std::string PlaintextFailureLine(const VerifyReport& report) {
  return Located(report, report.plaintext ? report.plaintext->message : "");
}

}  // namespace rdsca
