#pragma once
// Which bindings are databases and of which engine, and which one DATABASE_URL is built from.
// Engine-neutral: each engine says which schemes, labels and tags are its own.
#include <string>
#include <utility>
#include <vector>

#include "base/env.h"
#include "bindings/bindings.h"
#include "db/database.h"
#include "db/engine.h"
#include "db/settings.h"

namespace rdsca {

/// Why a binding counts as a database of an engine, or why not.
struct Classification {
  const Engine* engine = nullptr;  ///< null: not a database
  std::string reason;              ///< "uri scheme postgres", "tag postgresql", "uri scheme mysql"...
  /// Evidence naming another engine than `engine` ("tag mysql names MySQL"); empty when none.
  std::string conflict;
  /// No uri, label, tag or fields of any engine: `reason` names the engines (SelectDatabases
  /// words it for the app's databases, EnginesNamed).
  bool no_evidence = false;
};

/// A binding is a database of an engine when its uri/url scheme, its jdbcUrl scheme, its label
/// or a tag is the engine's (in that order of evidence, engines in Engines() order); else when
/// it has a host and a database-name key (dbname, database, db_name, name), or an `rds` label or
/// tag, no uri or jdbcUrl of another kind, and a port that is the engine's default (none: the
/// first engine's). RDS_CA_SERVICE (SelectDatabases) forces its binding.
Classification ClassifyBinding(const Binding& binding);

/// A database binding that does not resolve (ResolveDatabase threw): it is left out, never fatal.
struct Unreadable {
  std::string service;
  std::string error;  ///< ResolveDatabase's one line, "service 'NAME': ..." (no secret)
  std::string keys;   ///< the credential keys the binding has, sorted: "DB_NAME, PORT, ..."
};

/// Every binding with its classification, and the database ones resolved and ranked.
struct Selection {
  std::vector<std::pair<std::string, Classification>> found;  ///< every binding, in input order
  std::vector<Database> databases;  ///< ranked: [0] is selected, then the others by name
  std::vector<Unreadable> unreadable;  ///< database bindings that did not resolve, in input order
  std::string reason;               ///< why databases[0] was selected; empty when none
  /// The engines as messages about this app name them (EnginesNamed): "PostgreSQL" unless
  /// another engine's database is bound.
  std::string engines_named;
};

/// Ranks the database bindings: RDS_CA_SERVICE names one (any binding, which then counts as a
/// database); else the only one; else the only one tagged `stratos` (what Stratos picks); else
/// the first by binding name in byte order. A database binding that does not resolve
/// (ResolveDatabase) is `unreadable` and ranked out; when it is RDS_CA_SERVICE's, none is selected
/// (no other binding is put in its place). Throws Failure when RDS_CA_SERVICE names no binding
/// (listing the names).
Selection SelectDatabases(const std::vector<Binding>& bindings, const Settings& settings);

/// True when the environment's bindings hold a database one (false on unreadable input).
bool HasDatabaseBinding(const Env& env);

/// The note staging prints when there is no database binding.
inline constexpr const char* kNoDatabaseNote =
    "no PostgreSQL binding: DATABASE_URL is left as the platform sets it, and the trust store "
    "is still installed; bind one (cf bind-service APP SERVICE) and restage to get it";

}  // namespace rdsca
