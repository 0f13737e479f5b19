#pragma once
// The staging step "Installing Amazon RDS certificate authorities" with its seams exposed for
// tests: the clock and the fetcher. CaStep (staging_state.h) runs it with the real ones.
#include <cstdint>

#include "ca/download.h"
#include "staging/staging_state.h"

namespace rdsca {

/// The seams of the CA step.
struct CaStepSeams {
  std::int64_t now = 0;      ///< seconds since the epoch: certificates are checked at this time
  Fetcher fetch = Download;  ///< how bundles are downloaded
};

/// Classifies every database binding's host, obtains and validates its CAs (embedded, download,
/// extra), logs what it found, and fills state.trusted_pems and state.metadata["ca"]. Throws
/// Failure (one line) when a binding whose sslmode verifies has an RDS endpoint no CA can be had
/// for, or when an extra CA does not parse.
void RunCaStep(StagingState& state, const CaStepSeams& seams);

}  // namespace rdsca
