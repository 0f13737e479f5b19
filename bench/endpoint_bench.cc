// endpoint_bench TABLE RUNS PASSES: how fast ClassifyEndpoint (src/endpoint.h) is, for bench/run
// (case 6). TABLE has one row per line, "HOST<TAB>EXPECTED" with EXPECTED what Describe() gives
// (bench/run extracts src/ca/endpoint_test.cc's table). Every row is checked first: a mismatch
// exits 1 naming the host. Then RUNS times PASSES passes over the table, printing the
// nanoseconds of each run on its own line (hostnames per second = rows * PASSES / time).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "bench_clock.h"
#include "ca/endpoint.h"
#include "base/error.h"
#include "base/fs.h"

namespace {

using Table = std::vector<std::pair<std::string, std::string>>;

Table ReadTable(const char* path) {
  Table rows;
  const std::string text = rdsca::fs::ReadFile(path, "endpoint table");
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw rdsca::Failure("a table row has no tab: " + line);
    rows.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    pos = end + 1;
  }
  return rows;
}

/// One pass over the table; returns something that depends on every result.
unsigned Pass(const Table& rows) {
  unsigned sum = 0;
  for (const auto& row : rows) {
    const rdsca::Endpoint e = rdsca::ClassifyEndpoint(row.first);
    sum += static_cast<unsigned>(e.kind) + static_cast<unsigned>(e.region.size());
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: endpoint_bench TABLE RUNS PASSES\n", stderr);
    return 2;
  }
  try {
    const Table rows = ReadTable(argv[1]);
    for (const auto& [host, expected] : rows) {
      const std::string got = rdsca::Describe(rdsca::ClassifyEndpoint(host));
      if (got != expected) throw rdsca::Failure("'" + host + "' gives '" + got + "', not '" + expected + "'");
    }
    const long runs = std::strtol(argv[2], nullptr, 10);
    const long passes = std::strtol(argv[3], nullptr, 10);
    volatile unsigned sink = 0;
    for (long r = 0; r < runs; ++r) {
      const auto start = rdsca::bench::NowNs();
      for (long p = 0; p < passes; ++p) sink = sink + Pass(rows);
      std::printf("%lld\n", static_cast<long long>(rdsca::bench::NowNs() - start));
    }
    std::printf("rows=%zu\n", rows.size());
  } catch (const rdsca::Failure& e) {
    std::fprintf(stderr, "endpoint_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
