// write_trust_store DEP_DIR PEM_FILE...: a test driver for the trust-store writer. Writes
// DEP_DIR/rds-ca (layout.h) with the certificates of PEM_FILE... as the RDS set and this
// machine's system store (/etc/ssl/certs/ca-certificates.crt, plus CF_SYSTEM_CERT_PATH when
// set) as the rest, exactly as supply's trust-store step does. Prints the counts.
#include <cstdlib>
#include <iostream>

#include "base/error.h"
#include "base/fs.h"
#include "truststore/trust_store.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: write_trust_store DEP_DIR PEM_FILE...\n";
    return 2;
  }
  try {
    std::vector<rdsca::TrustCert> rds;
    for (int i = 2; i < argc; ++i) {
      auto certs = rdsca::ParsePemCertificates(rdsca::fs::ReadFile(argv[i], "PEM file"), argv[i]);
      rds.insert(rds.end(), certs.begin(), certs.end());
    }
    const char* extra = std::getenv("CF_SYSTEM_CERT_PATH");
    auto system = rdsca::ReadSystemCertificates("/etc/ssl/certs/ca-certificates.crt", extra ? extra : "");
    for (const auto& note : system.notes) std::cerr << "write_trust_store: " << note << "\n";
    auto counts = rdsca::WriteTrustStore(argv[1], rds, system.certs);
    std::cout << "rds=" << counts.rds << " system=" << counts.system << " combined=" << counts.combined << "\n";
  } catch (const rdsca::Failure& e) {
    std::cerr << "write_trust_store: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
