#pragma once
// `rds-ca verify`: the TLS probe of the app's PostgreSQL bindings (verify_target.h, probe.h),
// its report (verify_report.h) and, with --sql, seed 004's pg_stat_ssl check (sql_check.h).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "phases.h"

namespace rdsca {

/// The `verify` entry of rds-ca's command table: exit 0 verified, 1 TLS or verification
/// failure, 2 usage, 3 network. The report goes to stdout, one line per failure to stderr.
int RunVerify(const std::vector<std::string>& args, Io io);

/// RunVerify with the binary's directory and the clock given (for tests).
int RunVerifyAt(const std::vector<std::string>& args, Io io, const std::filesystem::path& exe_dir, std::int64_t now);

}  // namespace rdsca
