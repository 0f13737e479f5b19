#include "staging/verify_step.h"

#include <ctime>

#include "base/error.h"
#include "db/engines.h"
#include "launch/store.h"
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
  if (state.databases.empty()) return log.Info("no " + EnginesNamed({}) + " binding: nothing to verify");
  const StagingState::FoundDatabase& db = state.databases.front();  // the selected one
  if (db.tls == TlsMode::kDisable) {
    return log.Info(std::string(db.engine->TlsModeWord()) + "=" + std::string(db.engine->TlsModeName(db.tls)) +
                    ": the app does not use TLS, nothing to verify");
  }
  const VerifyTarget target{db.service, db.engine, db.host, db.port, db.tls, "", ""};
  VerifyReport report;
  try {
    const StoreFiles store = StoreAt(state.layout.StoreRoot().string());
    std::string ca_file = store.rds_bundle;
    for (const auto& own : state.binding_cas) {
      if (own.service == db.service && !own.trusted.empty()) ca_file = store.binding_ca_dir + "/" + own.file;
    }
    report = VerifyOne(target, ca_file, timeout, state.env, now);
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
