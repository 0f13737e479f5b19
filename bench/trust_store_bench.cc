// trust_store_bench DEP_DIR SYSTEM_BUNDLE RDS_PEM...: one run of the trust-store writer for
// bench/run (case 4). Reads SYSTEM_BUNDLE as the platform's store (ReadSystemCertificates, no
// extra directory) and RDS_PEM... as the RDS set, then writes DEP_DIR/rds-ca exactly as
// supply's trust-store step does (rds-ca.pem, ca-certificates.crt, certs/HASH.N, truststore.p12).
// Prints one line: "combined=N parse_ms=X write_ms=Y", the in-process split of the time
// bench/run measures for the whole process. Exit 1 with one line on stderr on failure.
#include <cstdio>
#include <vector>

#include "bench_clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "truststore/trust_store.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: trust_store_bench DEP_DIR SYSTEM_BUNDLE RDS_PEM...\n", stderr);
    return 2;
  }
  using rdsca::bench::NowNs;
  try {
    const auto start = NowNs();
    const auto system = rdsca::ReadSystemCertificates(argv[2], "");
    std::vector<rdsca::TrustCert> rds;
    for (int i = 3; i < argc; ++i) {
      auto certs = rdsca::ParsePemCertificates(rdsca::fs::ReadFile(argv[i], "RDS PEM file"), argv[i]);
      rds.insert(rds.end(), certs.begin(), certs.end());
    }
    const auto parsed = NowNs();
    const auto counts = rdsca::WriteTrustStore(argv[1], rds, system.certs);
    const auto written = NowNs();
    std::printf("combined=%zu parse_ms=%.3f write_ms=%.3f\n", counts.combined,
                rdsca::bench::Ms(start, parsed), rdsca::bench::Ms(parsed, written));
  } catch (const rdsca::Failure& e) {
    std::fprintf(stderr, "trust_store_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
