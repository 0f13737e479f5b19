#pragma once
// PostgreSQL, the first engine: libpq's sslmode names, the postgres:// and jdbc:postgresql://
// codecs (pg_url.h), DATABASE_URL with sslmode and sslrootcert, DB_SSL_MODE as Stratos and Go's
// lib/pq accept it (docs/engines.md).
#include <optional>
#include <string_view>

#include "db/engine.h"

namespace rdsca {

/// The PostgreSQL engine.
const Engine& Postgres();

/// "disable, allow, prefer, require, verify-ca, verify-full", for error messages.
inline constexpr const char* kSslModeList = "disable, allow, prefer, require, verify-ca, verify-full";

/// The libpq sslmode named by `text` (exact, lower-case), or nothing.
std::optional<TlsMode> ParseSslMode(std::string_view text);
/// The libpq name of `mode`.
std::string_view SslModeName(TlsMode mode);
/// The mode for DB_SSL_MODE: Stratos and Go's lib/pq die on allow and prefer, which become
/// require (docs/engines.md). Other modes are unchanged.
TlsMode DbSslMode(TlsMode mode);

}  // namespace rdsca
