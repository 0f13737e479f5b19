// download_bench URL CA_FILE OUT: one download with the buildpack's downloader (src/download.h)
// for bench/run (case 5), the peer of `curl --cacert CA_FILE -o OUT URL`: trusts only CA_FILE,
// no cache, one attempt; writes the body to OUT. Exit 1 with one line on stderr on failure.
#include <cstdio>

#include "ca/download.h"
#include "base/error.h"
#include "base/fs.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: download_bench URL CA_FILE OUT\n", stderr);
    return 2;
  }
  try {
    rdsca::DownloadRequest request;
    request.url = argv[1];
    request.test_ca_file = argv[2];
    request.attempts = 1;
    const rdsca::Downloaded got = rdsca::Download(request);
    rdsca::fs::WriteFileAtomic(argv[3], got.body);
  } catch (const rdsca::Failure& e) {
    std::fprintf(stderr, "download_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
