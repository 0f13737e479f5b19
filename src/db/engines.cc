#include "db/engines.h"

#include "db/postgres/postgres.h"

namespace rdsca {

const std::vector<const Engine*>& Engines() {
  static const std::vector<const Engine*> engines = {&Postgres()};
  return engines;
}

std::string KnownEngines() {
  std::string out;
  for (const Engine* e : Engines()) out += (out.empty() ? "" : "/") + std::string(e->Name());
  return out;
}

const Engine& EngineFor(EngineId id) {
  for (const Engine* e : Engines()) {
    if (e->Id() == id) return *e;
  }
  return Postgres();
}

}  // namespace rdsca
