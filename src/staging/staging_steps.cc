#include "staging/staging_state.h"
#include "staging/verify_step.h"

namespace rdsca {

void RunStagingSteps(StagingState& state) {
  BindingsStep(state);
  CaStep(state);
  TrustStoreStep(state);
  VerifyStep(state);
}

}  // namespace rdsca
