#pragma once
// Every engine the buildpack knows, in the order they are tried.
#include <string>
#include <vector>

#include "db/engine.h"

namespace rdsca {

/// PostgreSQL first: a binding whose fields alone describe a database (no scheme, label or
/// tag to tell) and whose port is not another engine's default is taken as PostgreSQL.
const std::vector<const Engine*>& Engines();

/// The engines' names, "PostgreSQL or MySQL".
std::string KnownEngines();

/// How messages name the engines of an app whose databases are of the engines `present`: the
/// first engine's name ("PostgreSQL") when they are all of it, or there are none (so that an app
/// without another engine reads as before); else every engine's, "PostgreSQL or MySQL".
std::string EnginesNamed(const std::vector<const Engine*>& present);

}  // namespace rdsca
