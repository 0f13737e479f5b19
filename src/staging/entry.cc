#include "staging/entry.h"

#include "version.h"

namespace rdsca {

void StagingHeader(Log& log) { log.Step(std::string("Rds-Ca Buildpack version ") + kVersion); }

}  // namespace rdsca
