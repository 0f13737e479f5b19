#include "staging_state.h"

namespace rdsca {

void BindingsStep(StagingState& state) { (void)state; }

}  // namespace rdsca
