#include "staging_state.h"

namespace rdsca {

void CaStep(StagingState& state) { (void)state; }

}  // namespace rdsca
