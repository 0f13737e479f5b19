#pragma once
// One database binding resolved into a connection: what selection ranks, staging logs (through
// Engine::Redacted) and the launch hook exports.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.h"
#include "db/engine.h"
#include "db/tls_mode.h"

namespace rdsca {

/// Holds the password: never log it.
struct Database {
  const Engine* engine = nullptr;
  std::string service;            ///< binding name
  std::string why;                ///< Classification::reason
  Connection conn;                ///< merged; params are the uri's/url's, TLS ones removed
  UrlParams jdbc_params;          ///< the jdbcUrl's (else the uri's), TLS ones removed
  std::string jdbc_scheme;        ///< the jdbcUrl's scheme, lower-case ("" when none)
  std::string given_ca_file;      ///< the uri's own CA file (libpq's sslrootcert), if any
  TlsMode tls = TlsMode::kVerifyFull;  ///< as given (DATABASE_URL carries this one)
  std::string tls_source;         ///< "DB_SSL_MODE", "credentials sslmode", "uri sslmode",
                                  ///< "jdbcUrl sslmode" or "default"
  /// The weaker mode the credentials gave, when `tls` was raised to verify-full because the host
  /// is an AWS database endpoint (ResolveDatabase); nothing otherwise.
  std::optional<TlsMode> raised_from;
  /// The reader endpoint beside the writer (csb's reader_hostname, cloud.gov's replica_host or
  /// replica_uri), checked as the host is; "" when none. It shares everything else with `conn`.
  std::string reader_host;
  std::string reader_key;  ///< the credential key `reader_host` came from
  std::vector<std::pair<std::string, std::string>> ca_pems;  ///< credential key -> inline PEM
  std::vector<std::string> notes;  ///< non-secret remarks for the staging log
};

/// `db` as its reader endpoint: the same database with `reader_host` as its host.
inline Database ReaderOf(const Database& db) {
  Database reader = db;
  reader.conn.host = db.reader_host;
  return reader;
}

}  // namespace rdsca
