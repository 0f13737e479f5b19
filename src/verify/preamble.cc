#include "verify/preamble.h"

#include "verify/verify_engine.h"

namespace rdsca {

bool StartTls(ProbeResult& r, int fd, net::Clock::time_point deadline, std::string* greeting) {
  return VerifyEngineFor(*r.options.engine).StartTls(r, fd, deadline, greeting);
}

}  // namespace rdsca
