#pragma once
// A database as the bindings step hands it to the later staging steps, for their tests.
#include <string>

#include "staging/staging_state.h"
#include "db/postgres/postgres.h"

namespace rdsca::testing {

/// A PostgreSQL database on port 5432.
inline StagingState::FoundDatabase StagedDb(const std::string& service, const std::string& host, TlsMode tls,
                                       bool selected) {
  return {service, &Postgres(), host, 5432, tls, selected};
}

}  // namespace rdsca::testing
