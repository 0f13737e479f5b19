#include "staging_state.h"

namespace rdsca {

void TrustStoreStep(StagingState& state) { (void)state; }

}  // namespace rdsca
