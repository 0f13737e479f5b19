#include "staging/ca_step.h"

#include <ctime>
#include <map>
#include <set>

#include "ca/ca_select.h"
#include "base/error.h"

namespace rdsca {

namespace {

constexpr std::size_t kSubjectsShown = 3;

/// The selections so far, one per distinct endpoint target (bindings often share a region).
class Selector {
 public:
  Selector(const CaConfig& config, const CaContext& ctx) : config_(config), ctx_(ctx) {}
  const CaSelection& For(const Endpoint& e) {
    const std::string key = Describe(e) + (e.preview ? " preview" : "");
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, SelectCas(e, config_, ctx_)).first;
    return it->second;
  }

 private:
  const CaConfig& config_;
  const CaContext& ctx_;
  std::map<std::string, CaSelection> cache_;
};

/// What the step gathers while it walks the bindings.
struct Gathered {
  std::vector<Certificate> certs;
  std::set<std::string> sources;
  nlohmann::ordered_json endpoints = nlohmann::ordered_json::array();
};

void Take(const CaSelection& sel, Gathered& g, Log& log) {
  for (const auto& w : sel.warnings) log.Warning(w);
  g.certs.insert(g.certs.end(), sel.certs.begin(), sel.certs.end());
  if (!sel.certs.empty()) g.sources.insert(sel.source);
}

void Binding(const StagingState::FoundDatabase& db, Selector& selector, const CaConfig& config, bool have_extra,
             Gathered& g, Log& log) {
  if (db.host.empty()) {
    log.Info(db.service + ": no host in the binding, no CA to install for it");
    return;
  }
  const Endpoint e = ClassifyEndpoint(db.host, config.region);
  log.Info(db.service + ": " + e.host + " " + Describe(e) + (e.region_overridden ? " (region from RDS_CA_REGION)" : ""));
  if (!e.hint.empty()) log.Warning(e.hint);
  g.endpoints.push_back({{"service", db.service}, {"kind", KindName(e.kind)}, {"partition", PartitionName(e.partition)},
                         {"region", e.region.empty() ? "none" : e.region}});
  const bool needs = VerifiesChain(db.tls);
  if (e.trust == Trust::kNone) {
    if (needs && !have_extra) {
      log.Warning(db.service + ": " + e.host + " is not an Amazon RDS endpoint and " +
                  std::string(db.engine->TlsModeWord()) + " " + std::string(db.engine->TlsModeName(db.tls)) +
                  " verifies it against the system CAs only: set RDS_CA_EXTRA_CERTS to its CA, or RDS_CA_REGION if "
                  "it is an alias of an RDS endpoint");
    }
    return;
  }
  const CaSelection& sel = selector.For(e);
  Take(sel, g, log);
  if (sel.problem.empty()) return;
  if (needs && !have_extra) throw Failure("service " + db.service + ": " + sel.problem);
  log.Warning(db.service + ": " + sel.problem);
}

/// No binding at staging: the whole commercial set (or RDS_CA_REGION's), so a binding added later
/// without a restage still verifies.
void NoBindings(Selector& selector, const CaConfig& config, Gathered& g, Log& log) {
  const Endpoint e = EndpointForRegion(config.region);
  log.Info("no database binding at staging: installing the RDS CAs of " +
           (config.region.empty() ? std::string("every commercial region (set RDS_CA_REGION for one region)")
                                  : "region " + e.region));
  const CaSelection& sel = selector.For(e);
  Take(sel, g, log);
  if (!sel.problem.empty()) log.Warning(sel.problem);
}

std::string Subjects(const std::vector<Certificate>& certs) {
  std::string out;
  for (std::size_t i = 0; i < certs.size() && i < kSubjectsShown; ++i) out += (i ? ", " : "") + certs[i].Name();
  if (certs.size() > kSubjectsShown) out += ", and " + std::to_string(certs.size() - kSubjectsShown) + " more";
  return out;
}

void Summarise(const std::vector<Certificate>& certs, const std::set<std::string>& sources, Log& log) {
  std::string joined;
  for (const auto& s : sources) joined += (joined.empty() ? "" : ", ") + s;
  log.Info("CA source: " + (joined.empty() ? std::string("none") : joined));
  if (certs.empty()) {
    log.Info("installed no certificate authority: the trust store holds the system CAs only");
    return;
  }
  log.Info("installed " + std::to_string(certs.size()) + " certificate" + (certs.size() == 1 ? "" : "s") + ": " +
           Subjects(certs));
  const std::int64_t earliest = EarliestExpiry(certs);
  for (const auto& c : certs) {
    if (c.not_after == earliest) {
      log.Info("earliest expiry: " + FormatDate(earliest) + " (" + c.Name() + ")");
      break;
    }
  }
}

/// The credentials' inline CAs that parse as certificates; each that does not is one warning and
/// is left out: a binding's credentials never fail a push (RDS_CA_EXTRA_CERTS, the app's own
/// setting, still does).
std::vector<LabeledPem> ReadableInlineCas(const std::vector<LabeledPem>& pems, Log& log) {
  std::vector<LabeledPem> out;
  for (const LabeledPem& p : pems) {
    try {
      ParseCertificates(p.pem, p.source);
      out.push_back(p);
    } catch (const Failure& e) {
      log.Warning(std::string(e.what()) + ": it is left out of the trust store");
    }
  }
  return out;
}

}  // namespace

void RunCaStep(StagingState& state, const CaStepSeams& seams) {
  state.log.Step("Installing Amazon RDS certificate authorities");
  const CaConfig config = ReadCaConfig(state.env);
  const std::filesystem::path buildpack_dir = state.exe_dir.parent_path();
  const CaContext ctx{LoadManifest(buildpack_dir), buildpack_dir, state.layout.DownloadCache(),
                      seams.fetch, seams.now, PlatformCaPem(state.env)};
  Gathered g;
  TrustSet extra = ValidateTrustSet(ExtraCertificates(config, {}, state.layout.AppDir()), seams.now);
  for (const auto& w : extra.warnings) state.log.Warning(w);
  if (!extra.certs.empty()) g.sources.insert("extra certificates");
  // A binding's own CAs: validated the same way, kept apart for its file alone.
  std::set<std::string> with_own_ca;
  for (auto& own : state.binding_cas) {
    TrustSet set = ValidateTrustSet(
        ExtraCertificates(CaConfig{}, ReadableInlineCas(own.pems, state.log), state.layout.AppDir()), seams.now);
    for (const auto& w : set.warnings) state.log.Warning(w);
    own.trusted.clear();
    for (const auto& c : set.certs) own.trusted.push_back(c.pem);
    if (!own.trusted.empty()) with_own_ca.insert(own.service);
  }
  Selector selector(config, ctx);
  for (const auto& db : state.databases) {
    Binding(db, selector, config, !extra.certs.empty() || with_own_ca.count(db.service) > 0, g, state.log);
  }
  if (state.databases.empty()) NoBindings(selector, config, g, state.log);
  g.certs.insert(g.certs.end(), extra.certs.begin(), extra.certs.end());
  TrustSet set = ValidateTrustSet(std::move(g.certs), seams.now);  // already valid: this sorts and dedupes
  Summarise(set.certs, g.sources, state.log);
  state.trusted_pems.clear();
  for (const auto& c : set.certs) state.trusted_pems.push_back(c.pem);
  state.metadata["ca"] = {{"source", std::vector<std::string>(g.sources.begin(), g.sources.end())},
                          {"certificates", set.certs.size()},
                          {"endpoints", g.endpoints}};
}

void CaStep(StagingState& state) { RunCaStep(state, {static_cast<std::int64_t>(std::time(nullptr)), Download}); }

}  // namespace rdsca
