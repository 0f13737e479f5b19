#pragma once
// The MySQL family's side of `rds-ca verify` (verify/verify_engine.h).
#include "verify/verify_engine.h"

namespace rdsca {

/// MySQL's VerifyEngine: the greeting and SSL request, mysql_plaintext.h's check, mysql_sql.h's report.
const VerifyEngine& MysqlVerify();

}  // namespace rdsca
