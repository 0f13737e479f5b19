#pragma once
// Every engine the buildpack knows, in the order they are tried.
#include <string>
#include <vector>

#include "db/engine.h"

namespace rdsca {

/// PostgreSQL first: a binding whose fields alone describe a database (no scheme, label or
/// tag to tell) and whose port is not another engine's default is taken as PostgreSQL.
const std::vector<const Engine*>& Engines();

/// The engines' names for messages: "PostgreSQL", or "PostgreSQL/MySQL" with two.
std::string KnownEngines();

/// The engine with `id`.
const Engine& EngineFor(EngineId id);

}  // namespace rdsca
