#pragma once
// `rds-ca verify`'s inputs: its arguments, which databases to probe (the app's bindings, or a
// host given on the command line), and which CA file is "the installed trust".
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/env.h"
#include "db/engine.h"
#include "db/tls_mode.h"
#include "verify/verify_report.h"

namespace rdsca {

/// The parsed command line of `rds-ca verify` (ParseVerifyArgs in cli/verify_cmd.h).
struct VerifyArgs {
  std::string service;  ///< --service NAME
  bool all = false;     ///< --all
  std::string host;     ///< --host H
  int port = 0;         ///< --port P (with --host; 0 = the engine's default)
  std::string engine;   ///< --engine postgresql|mysql (with --host; none: the engine whose default port P is, else PostgreSQL)
  std::chrono::milliseconds timeout{5000};  ///< --timeout S (seconds, decimals allowed)
  bool json = false;    ///< --json
  bool sql = false;     ///< --sql
  bool quiet = false;   ///< --quiet: no report, failures and warnings as one line each on stderr
  std::string ca;       ///< --ca FILE
  std::optional<TlsMode> mode;  ///< --mode MODE (none: the binding's own mode)
  RequireTls require_tls = RequireTls::kOff;  ///< --require-tls (kFail) or --warn-plaintext (kWarn)
  bool help = false;    ///< --help
};

/// `--timeout S` (and RDS_CA_VERIFY_TIMEOUT): seconds above 0 and up to 600, at most 3 decimals.
/// Throws UsageError with one line naming the value otherwise.
std::chrono::milliseconds ParseVerifyTimeout(const std::string& seconds);

/// `--port P`: a TCP port 1-65535. Throws UsageError with one line naming the value otherwise.
int ParseVerifyPort(const std::string& port);

/// One database to probe. `url` holds credentials (for --sql only): never print it.
struct VerifyTarget {
  std::string service;  ///< binding name; "DATABASE_URL" when taken from it; empty for --host
  const Engine* engine = nullptr;  ///< always set (SelectTargets)
  std::string host;
  int port = 0;
  TlsMode mode = TlsMode::kVerifyFull;  ///< the mode to check under
  std::string url;      ///< the engine's URL with credentials, or "" when none is known
  /// The binding's own CA file name in the store (BindingCaFileName) when it brings a CA: that
  /// file is its trust, not the shared bundle. Empty when none.
  std::string own_ca;
};

/// The databases `args` asks for: --host; --service NAME; --all; by default the binding the
/// buildpack selects (the same ranking as the launch hook), else DATABASE_URL; none (empty)
/// when the app has neither. Throws UsageError listing the bindings for a wrong --service;
/// Failure when the bindings cannot be read.
std::vector<VerifyTarget> SelectTargets(const VerifyArgs& args, const Env& env);

/// The CA file to trust: --ca; else the installed bundle DEPS/IDX/rds-ca/rds-ca.pem found from
/// the running binary (`exe_dir` = DEPS/IDX/bin) or from $DEPS_DIR/$RDS_CA_DEPS_IDX; else
/// DATABASE_URL's sslrootcert. Throws UsageError ("pass --ca FILE") when none exists.
std::filesystem::path FindCaFile(const VerifyArgs& args, const Env& env, const std::filesystem::path& exe_dir);

/// Probes one target against `ca_file` and adds the endpoint class and the expiry warnings.
VerifyReport VerifyOne(const VerifyTarget& target, const std::filesystem::path& ca_file,
                       std::chrono::milliseconds timeout, const Env& env, std::int64_t now);

/// The plaintext check of the server `probe` reached (its options and address), as the user it
/// names: `target`'s user (the binding's; DATABASE_URL's for --host when the app has one), else
/// the engine's DefaultCheckUser; the database likewise (else the server's default).
PlaintextOptions PlaintextOptionsFor(const VerifyTarget& target, const ProbeResult& probe);

/// The usage error for an app with nothing to verify.
extern const char* const kNothingToVerify;

}  // namespace rdsca
