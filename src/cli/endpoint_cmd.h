#pragma once
// `rds-ca endpoint HOST`: what kind of AWS database endpoint a host name is.
#include <string>
#include <vector>

#include "staging/entry.h"

namespace rdsca {

/// The `endpoint` entry of rds-ca's command table. Prints one line on stdout,
/// `kind=K partition=P region=R trust=T`, and a typo hint (if any) on stderr; exit 0.
/// `--region R` (or RDS_CA_REGION) overrides the region. Throws UsageError (exit 2) for a
/// missing or extra HOST, an unknown option, or a --region that is not a region code.
int RunEndpoint(const std::vector<std::string>& args, Io io);

}  // namespace rdsca
