#include "launch/exports.h"

#include <algorithm>

#include "launch/trust_variables.h"

namespace rdsca {

namespace {

/// Each URL trusts the RDS bundle, or its binding's own file when the binding brings a CA.
void AddDatabaseUrls(const std::vector<Database>& dbs, const StoreFiles& store, std::vector<Export>& out) {
  const Database& db = dbs.front();
  const std::string ca_file = CaFileFor(db.ca_pems, store);
  out.push_back({"DATABASE_URL", db.engine->DatabaseUrl(db, ca_file)});
  out.push_back({"JDBC_DATABASE_URL", db.engine->JdbcUrl(db, ca_file)});
  out.push_back({"JDBC_DATABASE_USERNAME", db.conn.user});
  out.push_back({"JDBC_DATABASE_PASSWORD", db.conn.password});
  if (dbs.size() < 2) return;
  const auto names = BindingVariables(dbs);
  for (std::size_t i = 0; i < dbs.size(); ++i) {
    if (!names[i].empty()) out.push_back({names[i], dbs[i].engine->DatabaseUrl(dbs[i], CaFileFor(dbs[i].ca_pems, store))});
  }
}

void AddDbSslMode(const Settings& settings, const Database& db, std::vector<Export>& out) {
  const std::string mode = db.engine->DbSslMode(db.tls);
  out.push_back({"DB_SSL_MODE", mode});
  out.push_back({kExportedDbSslMode, mode});
  out.push_back({kAppDbSslMode, settings.db_ssl_mode});
}

/// The engines of `dbs`, each once, in the databases' order.
std::vector<const Engine*> EnginesOf(const std::vector<Database>& dbs) {
  std::vector<const Engine*> out;
  for (const auto& db : dbs) {
    if (std::find(out.begin(), out.end(), db.engine) == out.end()) out.push_back(db.engine);
  }
  return out;
}

/// Each bound engine's option-file variable (MYSQL_HOME) naming the store's option directory,
/// when the store holds that engine's file as written for `store.option_ca` (FindStore keeps
/// only files whose CA path is the installed bundle), the app set none of the variables its
/// clients read, and RDS_CA_<VARIABLE> is not false.
void AddOptionFiles(const Settings& settings, const Env& env, const std::vector<Database>& dbs,
                    const StoreFiles& store, std::vector<Export>& out) {
  for (const Engine* engine : EnginesOf(dbs)) {
    const OptionFileSpec* spec = engine->OptionFile();
    if (spec == nullptr || !settings.Exports(spec->variable)) continue;
    const auto file = std::find_if(store.option_files.begin(), store.option_files.end(),
                                   [&](const auto& f) { return f.first == spec->name; });
    if (file == store.option_files.end() || file->second != engine->OptionFileText(store.option_ca)) continue;
    const bool apps = std::any_of(spec->app_variables.begin(), spec->app_variables.end(),
                                  [&](std::string_view v) { return !GetEnv(env, std::string(v)).empty(); });
    if (!apps) out.push_back({std::string(spec->variable), store.option_dir});
  }
}

}  // namespace

std::vector<std::string> OptionFileNames(const std::vector<Database>& databases) {
  std::vector<std::string> names;
  for (const Engine* engine : EnginesOf(databases)) {
    if (const OptionFileSpec* spec = engine->OptionFile()) names.emplace_back(spec->name);
  }
  return names;
}

std::vector<std::string> BindingVariables(const std::vector<Database>& databases) {
  std::vector<std::string> used = {"DATABASE_URL", "JDBC_DATABASE_URL", "RDS_CA_DATABASE_URL"};
  std::vector<std::string> out;
  for (const auto& db : databases) {
    std::string name;
    for (char c : db.service) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      name += ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
    }
    if (!name.empty() && name[0] >= '0' && name[0] <= '9') name = "_" + name;
    name += "_DATABASE_URL";
    if (std::find(used.begin(), used.end(), name) != used.end()) name.clear();
    if (!name.empty()) used.push_back(name);
    out.push_back(name);
  }
  return out;
}

std::vector<Export> ComputeExports(const Settings& settings, const Env& env, const Selection& selection,
                                   const StoreFiles& store) {
  std::vector<Export> out;
  if (!selection.databases.empty()) {
    if (settings.Exports("DATABASE_URL")) AddDatabaseUrls(selection.databases, store, out);
    if (settings.Exports("DB_SSL_MODE")) AddDbSslMode(settings, selection.databases.front(), out);
  }
  TrustVariables trust = ComputeTrustVariables(settings, env, store);
  out.insert(out.end(), std::make_move_iterator(trust.set.begin()), std::make_move_iterator(trust.set.end()));
  AddOptionFiles(settings, env, selection.databases, store, out);
  return out;
}

}  // namespace rdsca
