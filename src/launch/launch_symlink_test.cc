// The launch hook never points a client through a symbolic link out of DEPS_DIR/IDX (issue 10).
#include <unistd.h>

#include <doctest/doctest.h>

#include "base/fs.h"
#include "launch/launch_env.h"
#include "test_util.h"

namespace rdsca {

TEST_CASE("ProbeInstalled counts only real files and directories below DEPS_DIR/IDX") {
  testing::TempDir tmp;
  const auto dep = tmp.path() / "deps/0";
  const auto outside = tmp.path() / "outside";
  for (const auto* root : {&dep, &outside}) {
    fs::WriteFileAtomic(*root / "rds-ca/rds-ca.pem", "pem");
    fs::WriteFileAtomic(*root / "rds-ca/ca-certificates.crt", "pem");
    fs::WriteFileAtomic(*root / "rds-ca/truststore.p12", "p12");
    fs::MakeDirs(*root / "rds-ca/certs");
  }
  auto all = [](const InstalledFiles& f) { return f.rds_bundle && f.combined_bundle && f.hashed_dir && f.java_trust_store; };
  auto none = [](const InstalledFiles& f) {
    return !f.rds_bundle && !f.combined_bundle && !f.hashed_dir && !f.java_trust_store;
  };
  CHECK(all(ProbeInstalled(dep)));

  SUBCASE("the store directory is a link out") {
    std::filesystem::remove_all(dep / "rds-ca");
    REQUIRE(::symlink((outside / "rds-ca").c_str(), (dep / "rds-ca").c_str()) == 0);
    CHECK(none(ProbeInstalled(dep)));
  }
  SUBCASE("each file or directory is a link out") {
    for (const char* name : {"rds-ca.pem", "ca-certificates.crt", "truststore.p12", "certs"}) {
      std::filesystem::remove_all(dep / "rds-ca" / name);
      REQUIRE(::symlink((outside / "rds-ca" / name).c_str(), (dep / "rds-ca" / name).c_str()) == 0);
    }
    CHECK(none(ProbeInstalled(dep)));
  }
  SUBCASE("a link that stays inside is refused as well, a missing file is absent") {
    std::filesystem::remove(dep / "rds-ca/ca-certificates.crt");
    REQUIRE(::symlink("rds-ca.pem", (dep / "rds-ca/ca-certificates.crt").c_str()) == 0);
    std::filesystem::remove(dep / "rds-ca/truststore.p12");
    const InstalledFiles f = ProbeInstalled(dep);
    CHECK(f.rds_bundle);
    CHECK_FALSE(f.combined_bundle);
    CHECK(f.hashed_dir);
    CHECK_FALSE(f.java_trust_store);
  }
  SUBCASE("so the exports name no path through a link") {
    std::filesystem::remove_all(dep / "rds-ca");
    REQUIRE(::symlink((outside / "rds-ca").c_str(), (dep / "rds-ca").c_str()) == 0);
    const Env env{{"DEPS_DIR", (tmp.path() / "deps").string()}};
    CHECK(RenderExports(LaunchExports(env, "0")).empty());
  }
}

}  // namespace rdsca
