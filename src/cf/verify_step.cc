#include "cf/verify_step.h"

#include <ctime>

#include "base/error.h"
#include "cf/layout.h"
#include "verify/verify_target.h"

namespace rdsca {

namespace {

std::chrono::milliseconds StagingTimeout(const Env& env) {
  const std::string v = GetEnv(env, "RDS_CA_VERIFY_TIMEOUT", "5");
  try {
    return ParseVerifyTimeout(v);
  } catch (const UsageError&) {
    throw Failure("RDS_CA_VERIFY_TIMEOUT='" + v + "' is not a number of seconds: set it to such as 5 or 0.5");
  }
}

std::string Where(const VerifyReport& r) {
  const ProbeOptions& o = r.probe.options;
  return r.service + " (" + o.host + ":" + std::to_string(o.port) + ")";
}

}  // namespace

void VerifyStep(StagingState& state) { VerifyStepAt(state, static_cast<std::int64_t>(std::time(nullptr))); }

void VerifyStepAt(StagingState& state, std::int64_t now) {
  if (!EnvFlag(state.env, "RDS_CA_VERIFY_STAGING", false)) return;
  Log& log = state.log;
  log.Step("Verifying the database's TLS from staging (RDS_CA_VERIFY_STAGING)");
  const auto timeout = StagingTimeout(state.env);
  const std::vector<VerifyTarget> targets = SelectTargets(VerifyArgs{}, state.env);
  if (targets.empty()) return log.Info("no PostgreSQL binding: nothing to verify");
  if (targets[0].sslmode == "disable") return log.Info("sslmode=disable: the app does not use TLS, nothing to verify");
  VerifyReport report;
  try {
    report = VerifyOne(targets[0], state.stager.dep_dir() / layout::kRdsBundle, timeout, state.env, now);
  } catch (const Failure& e) {
    return log.Info(std::string("cannot verify from staging: ") + e.what());
  }
  const ProbeResult& p = report.probe;
  state.metadata["verify_staging"] = {{"service", report.service}, {"verdict", VerdictText(p)}};
  if (p.code == ExitCode::kNetwork) {
    return log.Info("could not reach " + Where(report) + " from staging, which is not a failure: " + p.message +
                    " (RDS_CA_VERIFY=warn or strict checks it again at container start)");
  }
  if (p.code != ExitCode::kOk) throw Failure(FailureLine(report));
  log.Info(Where(report) + ": " + VerdictText(p) + ", " + p.tls_version);
  for (const auto& n : p.notes) log.Info("note: " + n);
  for (const auto& w : report.warnings) log.Warning(w);
}

}  // namespace rdsca
