#pragma once
// A monotonic stopwatch for the benchmark drivers (clock_gettime, no iostream).
#include <time.h>

#include <cstdint>

namespace rdsca::bench {

/// Nanoseconds on CLOCK_MONOTONIC.
inline std::int64_t NowNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

/// Milliseconds between two NowNs() readings.
inline double Ms(std::int64_t from, std::int64_t to) { return static_cast<double>(to - from) / 1e6; }

}  // namespace rdsca::bench
