#pragma once
// The app's own settings for the buildpack, read once from its environment: which binding to
// use, its DB_SSL_MODE, and which variables to export (RDS_CA_<NAME>=false turns one off).
// Staging and the launch hook read them the same way.
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"

namespace rdsca {

/// The variables the launch hook writes besides DB_SSL_MODE, to tell its own DB_SSL_MODE from
/// the app's when it runs again in the environment it made (a child shell sourcing .profile.d
/// again): the value it exported, and the app's own DB_SSL_MODE it found ("" for none).
inline constexpr const char* kExportedDbSslMode = "RDS_CA_EXPORTED_DB_SSL_MODE";
inline constexpr const char* kAppDbSslMode = "RDS_CA_APP_DB_SSL_MODE";

struct Settings {
  /// RDS_CA_SERVICE, trimmed: the binding DATABASE_URL is built from; empty: the ranking decides.
  std::string service;
  /// The app's own DB_SSL_MODE as written (blank for none). DB_SSL_MODE is the app's unless it still holds
  /// what the hook exported (kExportedDbSslMode): then the app's is the one the hook found
  /// (kAppDbSslMode). So the hook's output is a fixed point: evaluated again, it changes nothing.
  std::string db_ssl_mode;

  /// RDS_CA_<variable>: false turns that export off ("DATABASE_URL" for DATABASE_URL and the
  /// JDBC_DATABASE_* variables). True for a variable that has no switch.
  bool Exports(std::string_view variable) const;

  /// The variables whose RDS_CA_<NAME> is false (of those settings.cc's kSwitches lists), by name.
  std::vector<std::string> switched_off;
};

/// Reads the settings. Throws Failure naming the variable for a switch that is not one.
Settings ReadSettings(const Env& env);

}  // namespace rdsca
