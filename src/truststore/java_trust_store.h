#pragma once
// A Java trust store in PKCS#12, written with OpenSSL's C API (no keytool, no JDK at staging).
#include <string>
#include <vector>

#include "truststore/trust_cert.h"

namespace rdsca {

/// The dotted OID Java's PKCS12KeyStore looks for on a certificate bag to make it a
/// trustedCertEntry ("Oracle JDK trusted key usage"; OpenSSL 3.2 names it oracle-jdk-trustedkeyusage).
inline constexpr const char* kJdkTrustedKeyUsageOid = "2.16.840.1.113894.746875.1.1";

/// The DER of a PKCS#12 store holding `certs`: one certificate bag each, in order, with a
/// friendlyName alias (see JavaAlias) and the trusted-key-usage attribute set to
/// anyExtendedKeyUsage (2.5.29.37.0); all bags in one unencrypted safe and no MAC, so Java
/// loads it with no password (javax.net.ssl.trustStore alone). No randomness: the same
/// certificates give the same bytes.
std::string JavaTrustStore(const std::vector<TrustCert>& certs);

/// The alias of `cert` in the store: its subject CN (the whole subject when it has none),
/// lower-cased as Java shows aliases, then " [" and the first 16 hex digits of the SHA-256 of
/// its DER "]", so two certificates never share one. No OpenSSL call.
std::string JavaAlias(const TrustCert& cert);

}  // namespace rdsca
