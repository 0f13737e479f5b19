// rds-ca-launch DEPS_IDX: the launch hook. Sourced through .profile.d at every container start,
// it prints `export NAME='value'` lines for bash to eval, computed from the live bindings.
// It links no OpenSSL, libcurl or libpq: it must stay cheap.
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: rds-ca-launch DEPS_IDX\n";
    return 2;
  }
  (void)argv;
  return 0;
}
