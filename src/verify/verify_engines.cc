// The registry of verify engines: one line per engine (its db/ side is db/engines.cc's).
#include "verify/mysql/mysql_verify.h"
#include "verify/postgres/pg_verify.h"
#include "verify/verify_engine.h"

#include "base/error.h"

namespace rdsca {

namespace {

/// Every engine's verify side, one line each.
const VerifyEngine* Find(EngineId id) {
  for (const VerifyEngine* v : {&PostgresVerify(), &MysqlVerify()}) {
    if (v->Id() == id) return v;
  }
  return nullptr;
}

}  // namespace

const VerifyEngine& VerifyEngineFor(const Engine& engine) {
  if (const VerifyEngine* v = Find(engine.Id())) return *v;
  throw Failure("rds-ca verify cannot check " + std::string(engine.Name()) + " servers yet");
}

const VerifyEngine& VerifyEngineFor(EngineId id) {
  if (const VerifyEngine* v = Find(id)) return *v;
  throw Failure("rds-ca verify has no check for this engine yet");
}

}  // namespace rdsca
