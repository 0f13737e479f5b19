#pragma once
// One database binding resolved into a connection: uri (else url), jdbcUrl and the discrete
// fields merged, the TLS mode picked, inline CAs collected. Engine-neutral: the binding's
// engine parses its URLs and spells its modes.
#include <string>

#include "bindings/bindings.h"
#include "db/database.h"
#include "db/engine.h"
#include "db/settings.h"
#include "db/tls_mode.h"

namespace rdsca {

/// Merges uri (else url), jdbcUrl and the discrete fields of `binding` as an `engine` database;
/// a discrete field wins over the uri, the uri over the jdbcUrl, and each disagreement is a
/// note (never with the user or password). TLS mode: the app's DB_SSL_MODE (settings) >
/// credentials (the engine's keys) > the uri's > the jdbcUrl's > verify-full; a mode from the
/// credentials weaker than verify-full on an AWS database endpoint (ca/endpoint.h) is raised to
/// verify-full (Database::raised_from keeps it). Throws Failure
/// with a one-line message naming the service (never a password): bad port, empty host, an
/// unknown mode, an unparseable or other-engine uri when nothing else gives the host, a NUL byte.
/// The app's DB_SSL_MODE (non-empty) as `engine` reads it. Throws Failure "DB_SSL_MODE=on is not
/// an sslmode: use one of ...": the app's own setting, which fails staging rather than a binding.
TlsMode AppTlsMode(const Engine& engine, const std::string& app_mode);

Database ResolveDatabase(const Binding& binding, const Engine& engine, const std::string& why,
                         const Settings& settings);

}  // namespace rdsca
