#include "verify/sql_report.h"

#include "verify/verify_engine.h"

namespace rdsca {

SqlReport RunSqlReport(const Engine& engine, const SqlCheckOptions& options) {
  return VerifyEngineFor(engine).RunSqlReport(options);
}

}  // namespace rdsca
