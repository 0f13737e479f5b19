#include "db/settings.h"

#include <algorithm>

#include "base/text.h"

namespace rdsca {

namespace {

/// The variables an RDS_CA_<NAME> switch turns off.
constexpr std::string_view kSwitches[] = {"DATABASE_URL",  "DB_SSL_MODE",         "SSL_CERT_DIR",       "SSL_CERT_FILE",
                                          "PGSSLROOTCERT", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "JAVA_TOOL_OPTIONS",
                                          "MYSQL_HOME"};

std::string AppDbSslMode(const Env& env) {
  const std::string current = GetEnv(env, "DB_SSL_MODE");
  if (HasEnv(env, kExportedDbSslMode) && current == GetEnv(env, kExportedDbSslMode)) {
    return GetEnv(env, kAppDbSslMode);
  }
  return current;
}

}  // namespace

bool Settings::Exports(std::string_view variable) const {
  return std::find(switched_off.begin(), switched_off.end(), variable) == switched_off.end();
}

Settings ReadSettings(const Env& env) {
  Settings s;
  s.service = Trim(GetEnv(env, "RDS_CA_SERVICE"));
  s.db_ssl_mode = AppDbSslMode(env);
  // One pass over the RDS_CA_* variables there are (the environment is sorted), not a look-up per switch.
  constexpr std::string_view kPrefix = "RDS_CA_";
  for (auto it = env.lower_bound(kPrefix); it != env.end() && it->first.compare(0, kPrefix.size(), kPrefix) == 0; ++it) {
    const std::string_view variable = std::string_view(it->first).substr(kPrefix.size());
    if (std::find(std::begin(kSwitches), std::end(kSwitches), variable) == std::end(kSwitches)) continue;
    if (!EnvFlag(env, it->first, true)) s.switched_off.emplace_back(variable);
  }
  return s;
}

}  // namespace rdsca
