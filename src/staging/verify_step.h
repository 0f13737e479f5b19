#pragma once
// Supply's opt-in verify step (RDS_CA_VERIFY_STAGING=1): once the trust store is written, probe
// the selected database from staging with exactly that store. A chain or host-name failure
// fails staging with the fix; an unreachable database (staging often has no route to it) is a
// note, not a failure.
#include <cstdint>

#include "staging/staging_state.h"

namespace rdsca {

/// Runs when RDS_CA_VERIFY_STAGING is true (off by default): logs the verdict, expiry
/// warnings and notes; throws Failure with the probe's one line on a TLS or verification
/// failure. RDS_CA_VERIFY_TIMEOUT (seconds, default 5) bounds the connect and the handshake.
void VerifyStep(StagingState& state);

/// VerifyStep with the clock given (for tests).
void VerifyStepAt(StagingState& state, std::int64_t now);

}  // namespace rdsca
