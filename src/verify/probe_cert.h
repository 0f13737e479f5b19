#pragma once
// Certificates of the probe as report values (internal to probe.cc and its tests).
#include <openssl/x509.h>

#include <cstdint>
#include <string>
#include <vector>

#include "verify/cert_summary.h"

namespace rdsca {

/// Subject, issuer, SANs, validity and SHA-256 of `x`.
CertSummary Summarize(X509* x);

/// The CN of the issuer of `x`, or its whole one-line issuer when it has no CN.
std::string IssuerName(X509* x);

/// True when `host` is an IPv4 or IPv6 literal.
bool IsIpLiteral(const std::string& host);

/// Whether `x` names `host` the way libpq's verify-full checks it (DNS SANs with a wildcard
/// only as a whole leftmost label, the CN when there is no DNS SAN; IP SANs for an IP host).
bool NamesHost(X509* x, const std::string& host);

}  // namespace rdsca
