// cflinuxfs4 (Ubuntu 22.04) has glibc 2.35; these binaries are built on Debian 12 (glibc 2.36)
// with libstdc++ linked statically. Debian 12's libstdc++.a (random.o, std::random_device) calls
// arc4random, which glibc added in 2.36, and every program using iostreams pulls random.o in
// (ios_init -> locale_init -> cow-locale_init -> cow-string-inst -> random.o). Left to libc.so.6,
// the binary would need GLIBC_2.36 and fail to start on cflinuxfs4 ("version `GLIBC_2.36' not
// found"). Defining arc4random here resolves that reference inside the executable; it reads the
// kernel's random source with getrandom (glibc 2.25). scripts/check-abi proves the result.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

/// arc4random(3): 32 random bits from the kernel's pool. Like glibc's, it never fails: it
/// retries on EINTR and aborts if the kernel gives no randomness at all.
extern "C" std::uint32_t arc4random(void) noexcept {
  std::uint32_t value = 0;
  auto* out = reinterpret_cast<unsigned char*>(&value);
  std::size_t got = 0;
  while (got < sizeof value) {
    const ssize_t n = getrandom(out + got, sizeof value - got, 0);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      std::abort();
    }
  }
  return value;
}
