#include "launch/launch_env.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/error.h"
#include "base/text.h"
#include "cf/layout.h"
#include "base/shell_quote.h"

namespace rdsca {

namespace {

constexpr const char* kSystemCertDir = "/etc/ssl/certs";
constexpr const char* kJavaTrustStoreOption = "-Djavax.net.ssl.trustStore=";

bool IsIdentifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool On(const Env& env, const std::string& name) { return EnvFlag(env, "RDS_CA_" + name, true); }

/// `url` with our sslmode and sslrootcert appended (its own ssl parameters were removed).
PgUrl WithSsl(PgUrl url, const UrlParams& params, const Database& db, const std::string& rootcert) {
  url.params = params;
  url.params.emplace_back("sslmode", std::string(SslModeName(db.sslmode)));
  if (db.sslmode != SslMode::kDisable) {
    const std::string& path = rootcert.empty() ? db.given_sslrootcert : rootcert;
    if (!path.empty()) url.params.emplace_back("sslrootcert", path);
  }
  return url;
}

void AddDatabaseUrls(const std::vector<Database>& dbs, const std::string& rootcert,
                     std::vector<Export>& out) {
  const Database& db = dbs.front();
  out.push_back({"DATABASE_URL", BuildPgUrl(WithSsl(db.url, db.url.params, db, rootcert))});
  out.push_back({"JDBC_DATABASE_URL", BuildJdbcUrl(WithSsl(db.url, db.jdbc_params, db, rootcert))});
  out.push_back({"JDBC_DATABASE_USERNAME", db.url.user});
  out.push_back({"JDBC_DATABASE_PASSWORD", db.url.password});
  if (dbs.size() < 2) return;
  const auto names = BindingVariables(dbs);
  for (std::size_t i = 0; i < dbs.size(); ++i) {
    if (names[i].empty()) continue;
    out.push_back({names[i], BuildPgUrl(WithSsl(dbs[i].url, dbs[i].url.params, dbs[i], rootcert))});
  }
}

bool InColonList(std::string_view list, std::string_view item) {
  while (true) {
    auto colon = list.find(':');
    if (list.substr(0, colon) == item) return true;
    if (colon == std::string_view::npos) return false;
    list = list.substr(colon + 1);
  }
}

void AddTrustStore(const Env& env, const std::string& dep, const InstalledFiles& installed,
                   std::vector<Export>& out) {
  const std::string combined = dep + layout::kCombinedBundle;
  auto unless_set = [&](const char* name, bool exists, const std::string& value) {
    if (exists && On(env, name) && GetEnv(env, name).empty()) out.push_back({name, value});
  };
  if (installed.hashed_dir && On(env, "SSL_CERT_DIR")) {
    const std::string ours = dep + layout::kHashedDir;
    const std::string existing = GetEnv(env, "SSL_CERT_DIR");
    if (!InColonList(existing, ours)) {
      out.push_back({"SSL_CERT_DIR", ours + ":" + (existing.empty() ? kSystemCertDir : existing)});
    }
  }
  unless_set("SSL_CERT_FILE", installed.combined_bundle, combined);
  unless_set("PGSSLROOTCERT", installed.combined_bundle, combined);
  unless_set("NODE_EXTRA_CA_CERTS", installed.rds_bundle, dep + layout::kRdsBundle);
  unless_set("REQUESTS_CA_BUNDLE", installed.combined_bundle, combined);
  if (installed.java_trust_store && On(env, "JAVA_TOOL_OPTIONS")) {
    const std::string existing = GetEnv(env, "JAVA_TOOL_OPTIONS");
    if (existing.find(kJavaTrustStoreOption) == std::string::npos) {
      out.push_back({"JAVA_TOOL_OPTIONS", existing + (existing.empty() ? "" : " ") +
                                              kJavaTrustStoreOption + dep + layout::kJavaTrustStore +
                                              " -Djavax.net.ssl.trustStoreType=PKCS12"});
    }
  }
}

/// True when `dep` + `relative` is a directory (`dir`) or a regular file reached without any
/// symbolic link below `dep` (lstat at each step): the hook never points a client out of
/// DEPS_DIR/IDX, whatever someone put in the droplet.
bool Exists(const std::string& dep, std::string_view relative, bool dir) {
  std::string path = dep;
  struct stat st {};
  for (std::size_t start = 0;;) {
    const std::size_t slash = relative.find('/', start);
    path.append(relative.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (::lstat(path.c_str(), &st) != 0) return false;
    if (slash == std::string_view::npos) break;
    if (!S_ISDIR(st.st_mode)) return false;
    path += '/';
    start = slash + 1;
  }
  return dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

}  // namespace

InstalledFiles ProbeInstalled(const std::filesystem::path& dep_dir) {
  const std::string dep = dep_dir.string() + "/";
  InstalledFiles f;
  f.rds_bundle = Exists(dep, layout::kRdsBundle, false);
  f.combined_bundle = Exists(dep, layout::kCombinedBundle, false);
  f.hashed_dir = Exists(dep, layout::kHashedDir, true);
  f.java_trust_store = Exists(dep, layout::kJavaTrustStore, false);
  return f;
}

std::string RuntimeDepDir(const Env& env, std::string_view deps_idx) {
  std::string deps = GetEnv(env, "DEPS_DIR");
  while (deps.size() > 1 && deps.back() == '/') deps.pop_back();
  if (deps.empty()) {
    throw Failure("DEPS_DIR is not set: the launch hook runs at container start, where Cloud "
                  "Foundry's launcher sets it (set DEPS_DIR to run it by hand)");
  }
  if (deps_idx.empty() || deps_idx == "." || deps_idx == ".." ||
      deps_idx.find('/') != std::string_view::npos || deps_idx.find('\0') != std::string_view::npos) {
    throw Failure("DEPS_IDX '" + Shown(deps_idx) +
                  "' is not a buildpack index: pass the DEPS_IDX staging gave, such as 0");
  }
  return deps + "/" + std::string(deps_idx);
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
    if (!name.empty() && name[0] >= '0' && name[0] <= '9') name.insert(0, "_");
    name += "_DATABASE_URL";
    if (std::find(used.begin(), used.end(), name) != used.end()) name.clear();
    if (!name.empty()) used.push_back(name);
    out.push_back(name);
  }
  return out;
}

std::vector<Export> ComputeExports(const Env& env, std::string_view deps_idx,
                                   const std::vector<Binding>& bindings,
                                   const InstalledFiles& installed) {
  const std::string dep = RuntimeDepDir(env, deps_idx) + "/";
  const Selection sel = SelectDatabases(bindings, env);
  std::vector<Export> out;
  if (!sel.databases.empty()) {
    const std::string rootcert = installed.rds_bundle ? dep + layout::kRdsBundle : "";
    if (On(env, "DATABASE_URL")) AddDatabaseUrls(sel.databases, rootcert, out);
    if (On(env, "DB_SSL_MODE")) {
      out.push_back({"DB_SSL_MODE", std::string(SslModeName(DbSslMode(sel.databases[0].sslmode)))});
    }
  }
  AddTrustStore(env, dep, installed, out);
  return out;
}

std::vector<Export> LaunchExports(const Env& env, std::string_view deps_idx) {
  const std::string dep = RuntimeDepDir(env, deps_idx);
  const Bindings bindings = ReadBindings(env);
  return ComputeExports(env, deps_idx, bindings.list, ProbeInstalled(dep));
}

std::string RenderExports(const std::vector<Export>& exports) {
  std::string out;
  for (const auto& e : exports) {
    if (!IsIdentifier(e.name)) {
      throw Failure("'" + Shown(e.name) + "' is not a shell variable name: nothing was exported");
    }
    if (e.value.find('\0') != std::string::npos) {
      throw Failure(e.name + " would hold a NUL byte, which no environment variable can carry: "
                    "remove it from the service's credentials");
    }
    out += "export " + e.name + "=" + ShellQuote(e.value) + "\n";
  }
  return out;
}

}  // namespace rdsca
