#pragma once
// Times as text in UTC, shared by the certificate reader (x509.cc: "2027-01-01 00:00:00 UTC")
// and the verify report (verify_report.cc: ISO 8601 "2027-01-01T00:00:00Z").
#include <cstdint>
#include <string>

namespace rdsca {

/// `epoch_seconds` in UTC through strftime's `format` (at most 63 bytes of output).
std::string FormatUtc(std::int64_t epoch_seconds, const char* format);

}  // namespace rdsca
