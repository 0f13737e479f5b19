#pragma once
// Where the buildpack puts things in a Cloud Foundry droplet: under DEPS_DIR/IDX (its binaries,
// the trust store) and the launch hook's script under BUILD_DIR. Staging writes them; the launch
// hook names them at runtime through $DEPS_DIR, never a staging path. The store's own files are
// launch/store.h's, the same under every lifecycle.
#include <string>

#include "launch/store.h"

namespace rdsca::layout {

inline constexpr const char* kBinDir = store::kBinDir;                            ///< rds-ca, rds-ca-launch
inline constexpr const char* kStoreDir = store::kDir;                            ///< the trust store
inline constexpr const char* kProfileScript = ".profile.d/rds-ca-buildpack.sh";  ///< under BUILD_DIR

}  // namespace rdsca::layout
