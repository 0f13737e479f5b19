// Fuzz target: VCAP_SERVICES text (Amplified: deep nesting, long values) -> bindings -> selection -> the launch hook's exports.
// Properties: no crash or sanitizer report, every error one line, the exported URLs describe
// the selected connection exactly, and nothing staging logs depends on a password.
#include "bindings/bindings.h"
#include "base/error.h"
#include "fuzz_util.h"
#include "pipeline.h"

RDSCA_FUZZ_TARGET(vcap_services) {
  const std::string text = rdsca::fuzz::Amplified(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<rdsca::Binding> bindings;
  try {
    bindings = rdsca::ParseVcapServices(text, "VCAP_SERVICES");
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::CheckOneLine(e.what());
    return 0;
  }
  rdsca::fuzz::CheckBindingsPipeline(bindings);
  return 0;
}
