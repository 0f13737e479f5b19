#include "verify/plaintext.h"

#include "verify/verify_engine.h"

namespace rdsca {

std::string PlaintextUnknown(const std::string& why) {
  return "could not tell whether the server requires TLS: " + why;
}

PlaintextResult CheckPlaintext(const PlaintextOptions& options) {
  return VerifyEngineFor(*options.server.engine).CheckPlaintext(options);
}

std::string RequireTlsFix(EngineId engine) { return VerifyEngineFor(engine).RequireTlsFix(); }

std::string_view DefaultCheckUser(EngineId engine) { return VerifyEngineFor(engine).DefaultCheckUser(); }

std::string_view PlaintextVerdictName(PlaintextVerdict verdict) {
  switch (verdict) {
    case PlaintextVerdict::kRefused: return "refused";
    case PlaintextVerdict::kAccepted: return "accepted";
    case PlaintextVerdict::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string PlaintextText(const PlaintextResult& r) {
  const std::string who = "for user \"" + r.user + "\" (" + r.user_source + ")";
  switch (r.verdict) {
    case PlaintextVerdict::kRefused: return "refused " + who + ": " + r.answer;
    case PlaintextVerdict::kAccepted: return "ACCEPTED " + who + ": " + r.answer + (r.logged_in ? "" : ", no password sent");
    case PlaintextVerdict::kUnknown: break;
  }
  return "unknown " + who + ": " + r.message;
}

}  // namespace rdsca
