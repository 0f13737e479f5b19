#pragma once
// One certificate as `rds-ca verify` reports it (probe, report, and the OpenSSL side in
// probe_cert.h). No OpenSSL type here.
#include <cstdint>
#include <string>
#include <vector>

namespace rdsca {

/// One certificate as the report shows it.
struct CertSummary {
  std::string subject;             ///< one line, e.g. "C=US, O=Amazon.com, CN=Amazon RDS ..."
  std::string issuer;              ///< same format
  std::string cn;                  ///< the subject's last commonName, empty when none
  std::vector<std::string> names;  ///< subjectAltName DNS names and IP addresses, in order
  std::int64_t not_before = 0;     ///< seconds since the epoch (UTC)
  std::int64_t not_after = 0;      ///< seconds since the epoch (UTC)
  std::string sha256;              ///< of the DER, 64 lower-case hex digits

  /// The CN, or the whole subject when there is none.
  const std::string& Name() const { return cn.empty() ? subject : cn; }
};

}  // namespace rdsca
