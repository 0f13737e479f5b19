#include "db/selection.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "base/text.h"
#include "bindings/credentials.h"
#include "db/engines.h"
#include "db/resolve.h"
#include "db/url.h"

namespace rdsca {

namespace {

bool HasToken(std::string_view text, std::string_view token) {
  std::string lower = Lower(text), word;
  for (char c : lower + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else {
      if (word == token) return true;
      word.clear();
    }
  }
  return false;
}

/// The engine whose default port the binding's `port` (or `PORT`) is; a binding without one, the first.
const Engine* EngineOfPort(const nlohmann::json& creds) {
  auto it = creds.find("port");
  if (it == creds.end() || it->is_null()) it = creds.find("PORT");
  if (it == creds.end() || it->is_null()) return Engines().front();
  std::string text;
  if (it->is_number_integer()) {
    text = std::to_string(it->get<long long>());
  } else if (it->is_string()) {
    text = Trim(it->get<std::string>());
  }
  for (const Engine* e : Engines()) {
    if (text == std::to_string(e->DefaultPort())) return e;
  }
  return nullptr;
}

/// "PostgreSQL" when every engine `databases` hold is it, else "database".
std::string Family(const std::vector<std::pair<const Binding*, Classification>>& databases) {
  const Engine* first = databases.empty() ? Engines().front() : databases.front().second.engine;
  for (const auto& d : databases) {
    if (d.second.engine != first) return "database";
  }
  return std::string(first->Name());
}

std::string NoEvidence(const std::string& engines) { return "no " + engines + " uri, label, tag or fields"; }

const Engine* Owning(bool (Engine::*owns)(std::string_view) const, std::string_view what) {
  for (const Engine* e : Engines()) {
    if ((e->*owns)(what)) return e;
  }
  return nullptr;
}

}  // namespace

Classification ClassifyBinding(const Binding& binding) {
  const Credentials creds(binding);
  const auto uri = creds.Text({"uri", "url"}, false);
  const std::string scheme = uri ? UrlScheme(Trim(uri->value)) : "";
  const auto jdbc = creds.Text({"jdbcUrl"}, false);
  const std::string jdbc_scheme = jdbc ? UrlScheme(Trim(jdbc->value)) : "";
  // An RDS secret of AWS Secrets Manager names its engine (postgres, aurora-mysql, ...), any port.
  const auto engine_field = creds.Text({"engine"}, false);
  // Every piece of evidence, strongest first: the first names the engine, another engine named
  // by a later one is a conflict.
  std::vector<std::pair<const Engine*, std::string>> evidence;
  evidence.emplace_back(Owning(&Engine::OwnsScheme, scheme), uri ? uri->key + " scheme " + scheme : "");
  evidence.emplace_back(Owning(&Engine::OwnsJdbcScheme, jdbc_scheme), "jdbcUrl " + jdbc_scheme);
  if (engine_field) {
    evidence.emplace_back(Owning(&Engine::NamedBy, engine_field->value), "engine " + engine_field->value);
  }
  evidence.emplace_back(Owning(&Engine::NamedBy, binding.label), "label " + binding.label);
  for (const auto& tag : binding.tags) evidence.emplace_back(Owning(&Engine::NamedBy, tag), "tag " + tag);
  Classification found;
  for (const auto& [engine, what] : evidence) {
    if (engine == nullptr) continue;
    if (found.engine == nullptr) {
      found = {engine, what, "", false};
    } else if (engine != found.engine && found.conflict.empty()) {
      found.conflict = what + " names " + std::string(engine->Name());
    }
  }
  if (found.engine != nullptr) return found;
  if (!scheme.empty()) return {nullptr, uri->key + " scheme " + scheme, "", false};
  if (!jdbc_scheme.empty()) return {nullptr, "jdbcUrl scheme " + jdbc_scheme, "", false};
  bool rds = HasToken(binding.label, "rds");
  for (const auto& tag : binding.tags) rds = rds || HasToken(tag, "rds");
  const bool host = creds.Text(kHostKeys, false).has_value();
  const bool dbname = host && creds.Text({"dbname", "database", "db_name", "DB_NAME"}, false).has_value();
  if (host && (dbname || rds)) {
    if (const Engine* by_port = EngineOfPort(binding.credentials)) {
      return {by_port, rds ? "an rds label or tag with a host" : "host and database-name fields", "", false};
    }
  }
  return {nullptr, NoEvidence(EnginesNamed({})), "", true};
}

namespace {

/// The credential keys of `b`, sorted, comma-separated (names only: never a value).
std::string KeysOf(const Binding& b) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : b.credentials.items()) keys.push_back(Shown(key));
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "none" : out;
}

}  // namespace

Selection SelectDatabases(const std::vector<Binding>& bindings, const Settings& settings) {
  const std::string& forced = settings.service;
  Selection sel;
  std::vector<std::pair<const Binding*, Classification>> dbs;
  std::vector<Database> resolved;  // parallel to dbs
  for (const auto& b : bindings) {
    Classification c = ClassifyBinding(b);
    if (!forced.empty() && b.name == forced && !c.engine) {
      const Engine* by_port = EngineOfPort(b.credentials);
      c = {by_port ? by_port : Engines().front(), "named by RDS_CA_SERVICE", "", false};
    }
    if (c.engine) {
      if (!Trim(settings.db_ssl_mode).empty()) AppTlsMode(*c.engine, settings.db_ssl_mode);
      try {
        resolved.push_back(ResolveDatabase(b, *c.engine, c.reason, settings));
        dbs.emplace_back(&b, c);
      } catch (const Failure& e) {
        sel.unreadable.push_back({b.name, e.what(), KeysOf(b)});
      }
    }
    sel.found.emplace_back(b.name, std::move(c));
  }
  if (!forced.empty() &&
      std::none_of(bindings.begin(), bindings.end(), [&](const Binding& b) { return b.name == forced; })) {
    std::string names;
    for (const auto& b : bindings) names += (names.empty() ? "'" : ", '") + Shown(b.name) + "'";
    throw Failure("RDS_CA_SERVICE=" + Shown(forced) + " names no bound service (bound: " +
                  (names.empty() ? "none" : names) + "): set it to one of those names, or unset it");
  }
  std::vector<const Engine*> present;
  for (const auto& d : dbs) present.push_back(d.second.engine);
  sel.engines_named = EnginesNamed(present);
  for (auto& [name, c] : sel.found) {
    if (c.no_evidence) c.reason = NoEvidence(sel.engines_named);
  }
  const bool forced_unreadable = std::any_of(sel.unreadable.begin(), sel.unreadable.end(),
                                             [&](const Unreadable& u) { return u.service == forced; });
  if (forced_unreadable) return sel;
  std::vector<std::size_t> order(dbs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return dbs[a].first->name < dbs[b].first->name; });
  std::size_t chosen = 0;
  auto stratos = [&](std::size_t i) {
    const auto& tags = dbs[i].first->tags;
    return std::any_of(tags.begin(), tags.end(), [](const std::string& t) { return Lower(t) == "stratos"; });
  };
  std::vector<std::pair<const Binding*, Classification>> ranked;
  for (std::size_t i : order) ranked.push_back(dbs[i]);
  if (!forced.empty()) {
    while (dbs[order[chosen]].first->name != forced) ++chosen;
    sel.reason = "RDS_CA_SERVICE=" + forced;
  } else if (dbs.size() == 1) {
    sel.reason = "the only " + Family(ranked) + " binding";
  } else if (std::count_if(order.begin(), order.end(), stratos) == 1) {
    chosen = static_cast<std::size_t>(std::find_if(order.begin(), order.end(), stratos) - order.begin());
    sel.reason = "the only one tagged stratos, as Stratos itself picks";
  } else if (!dbs.empty()) {
    sel.reason = "first by name of " + std::to_string(dbs.size()) + " " + Family(ranked) +
                 " bindings; set RDS_CA_SERVICE to choose another";
  }
  if (!order.empty()) {
    auto first = order.begin() + static_cast<std::ptrdiff_t>(chosen);
    std::rotate(order.begin(), first, first + 1);  // the selected first, the others still by name
  }
  for (std::size_t i : order) sel.databases.push_back(std::move(resolved[i]));
  return sel;
}

bool HasDatabaseBinding(const Env& env) {
  try {
    for (const auto& b : ReadBindings(env).list) {
      if (ClassifyBinding(b).engine) return true;
    }
  } catch (const Failure&) {
  }
  return false;
}

}  // namespace rdsca
