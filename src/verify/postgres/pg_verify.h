#pragma once
// PostgreSQL's side of `rds-ca verify` (verify/verify_engine.h).
#include "verify/verify_engine.h"

namespace rdsca {

/// PostgreSQL's VerifyEngine: the SSLRequest preamble, pg_plaintext.h's check, pg_sql.h's report.
const VerifyEngine& PostgresVerify();

}  // namespace rdsca
