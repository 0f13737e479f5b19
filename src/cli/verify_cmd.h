#pragma once
// `rds-ca verify`: the TLS probe of the app's PostgreSQL bindings (verify_target.h, probe.h),
// its report (verify_report.h) and, with --sql, seed 004's pg_stat_ssl check (sql_check.h).
// Its options go through the shared parser of the other subcommands (cli/args.h).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "staging/entry.h"
#include "verify/verify_target.h"

namespace rdsca {

/// The `verify` entry of rds-ca's command table: exit 0 verified, 1 TLS or verification
/// failure, 2 usage, 3 network. The report goes to stdout, one line per failure to stderr.
int RunVerify(const std::vector<std::string>& args, Io io);

/// `rds-ca verify`'s options through the shared parser (cli/args.h): "--opt value" or
/// "--opt=value", --help/-h. Throws UsageError with one line for an unknown option, a missing,
/// repeated or bad value, an argument that is not an option, or options that exclude each other.
VerifyArgs ParseVerifyArgs(const std::vector<std::string>& args);

/// `rds-ca verify --help`.
extern const char* const kVerifyHelp;

/// RunVerify with the binary's directory and the clock given (for tests).
int RunVerifyAt(const std::vector<std::string>& args, Io io, const std::filesystem::path& exe_dir, std::int64_t now);

}  // namespace rdsca
