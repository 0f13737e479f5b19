#pragma once
// `rds-ca verify --sql`, the same for every engine: how to log in, and what came of it. Each
// engine's check is its VerifyEngine's (verify/verify_engine.h).
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/engine.h"
#include "db/tls_mode.h"

namespace rdsca {

/// How to log in. `url` holds the password: it is never printed.
struct SqlCheckOptions {
  std::string url;                  ///< the engine's URL with credentials (DATABASE_URL)
  std::string host;                 ///< overrides the URL's host when not empty
  int port = 0;                     ///< overrides the URL's port when not 0
  TlsMode mode = TlsMode::kVerifyFull;
  std::filesystem::path ca_file;    ///< sslrootcert
  std::chrono::seconds timeout{5};  ///< libpq connect_timeout (at least 2 s, libpq's minimum)
};

/// What --sql found, the same shape for every engine (PostgreSQL's pg_stat_ssl,
/// verify/postgres/pg_sql.h; MySQL's SHOW SESSION STATUS, verify/mysql/mysql_sql.h).
struct SqlReport {
  std::string text;                   ///< for the text report: a blank line, a heading, the table
  nlohmann::ordered_json json;        ///< for --json, under "sql"
  bool tls = false;                   ///< this tool's own session is encrypted
  std::string not_tls;                ///< the failure line when it is not
  std::vector<std::string> warnings;  ///< one line each: what the server allows that it should not
};

/// Runs `engine`'s check (its VerifyEngine's). Throws what the engine's check throws.
SqlReport RunSqlReport(const Engine& engine, const SqlCheckOptions& options);

}  // namespace rdsca
