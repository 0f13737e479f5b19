#pragma once
#include <stdexcept>
#include <string>

namespace rdsca {

/// Exit statuses of the rds-ca command and the buildpack phases.
enum class ExitCode : int {
  kOk = 0,
  kFailure = 1,   ///< staging or verification failed
  kUsage = 2,     ///< wrong arguments
  kNetwork = 3,   ///< network failure (verify: refused, timeout, DNS)
};

/// The one error type. `what()` is a single line for the user: what is wrong and what to do.
/// It never contains a credential: callers redact before they throw.
class Failure : public std::runtime_error {
 public:
  explicit Failure(const std::string& message, ExitCode code = ExitCode::kFailure)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

/// Thrown for bad command-line arguments; main prints it with a usage line and exits 2.
class UsageError : public Failure {
 public:
  explicit UsageError(const std::string& message) : Failure(message, ExitCode::kUsage) {}
};

}  // namespace rdsca
