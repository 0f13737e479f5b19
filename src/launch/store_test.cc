// The launch hook never points a client through a symbolic link out of DEPS_DIR/IDX.
#include <unistd.h>

#include <doctest/doctest.h>

#include "base/fs.h"
#include "launch/cf_launch.h"
#include "launch/render_shell.h"
#include "launch/store.h"
#include "test_util.h"

namespace rdsca {

TEST_CASE("FindStore counts only real files and directories below DEPS_DIR/IDX") {
  testing::TempDir tmp;
  const auto dep = tmp.path() / "deps/0";
  const auto outside = tmp.path() / "outside";
  for (const auto* root : {&dep, &outside}) {
    fs::WriteFileAtomic(*root / "rds-ca/rds-ca.pem", "pem");
    fs::WriteFileAtomic(*root / "rds-ca/ca-certificates.crt", "pem");
    fs::WriteFileAtomic(*root / "rds-ca/truststore.p12", "p12");
    fs::MakeDirs(*root / "rds-ca/certs");
  }
  auto all = [](const StoreFiles& f) {
    return !f.rds_bundle.empty() && !f.combined_bundle.empty() && !f.hashed_dir.empty() && !f.java_trust_store.empty();
  };
  auto none = [](const StoreFiles& f) {
    return f.rds_bundle.empty() && f.combined_bundle.empty() && f.hashed_dir.empty() && f.java_trust_store.empty();
  };
  CHECK(all(FindStore(dep.string())));

  SUBCASE("the store directory is a link out") {
    std::filesystem::remove_all(dep / "rds-ca");
    REQUIRE(::symlink((outside / "rds-ca").c_str(), (dep / "rds-ca").c_str()) == 0);
    CHECK(none(FindStore(dep.string())));
  }
  SUBCASE("each file or directory is a link out") {
    for (const char* name : {"rds-ca.pem", "ca-certificates.crt", "truststore.p12", "certs"}) {
      std::filesystem::remove_all(dep / "rds-ca" / name);
      REQUIRE(::symlink((outside / "rds-ca" / name).c_str(), (dep / "rds-ca" / name).c_str()) == 0);
    }
    CHECK(none(FindStore(dep.string())));
  }
  SUBCASE("a link that stays inside is refused as well, a missing file is absent") {
    std::filesystem::remove(dep / "rds-ca/ca-certificates.crt");
    REQUIRE(::symlink("rds-ca.pem", (dep / "rds-ca/ca-certificates.crt").c_str()) == 0);
    std::filesystem::remove(dep / "rds-ca/truststore.p12");
    const StoreFiles f = FindStore(dep.string());
    CHECK_FALSE(f.rds_bundle.empty());
    CHECK(f.combined_bundle.empty());
    CHECK_FALSE(f.hashed_dir.empty());
    CHECK(f.java_trust_store.empty());
  }
  SUBCASE("so the exports name no path through a link") {
    std::filesystem::remove_all(dep / "rds-ca");
    REQUIRE(::symlink((outside / "rds-ca").c_str(), (dep / "rds-ca").c_str()) == 0);
    const Env env{{"DEPS_DIR", (tmp.path() / "deps").string()}};
    CHECK(RenderShell(CfLaunchExports(env, "0")).empty());
  }
}

}  // namespace rdsca

namespace rdsca {

TEST_CASE("FindStore reads the option files asked for, only when they name the installed bundle") {
  testing::TempDir tmp;
  const auto dep = tmp.path() / "deps/0";
  fs::WriteFileAtomic(dep / "rds-ca/rds-ca.pem", "pem");
  fs::WriteFileAtomic(dep / "rds-ca/client/my.cnf", "[client]\n");
  fs::WriteFileAtomic(tmp.path() / "elsewhere.pem", "pem");
  const std::string bundle = (dep / "rds-ca/rds-ca.pem").string();
  const std::string link = (tmp.path() / "link-to-deps").string();
  REQUIRE(::symlink(dep.c_str(), link.c_str()) == 0);

  CHECK(FindStore(dep.string()).option_files.empty());
  CHECK(FindStore(dep.string()).option_dir.empty());
  const StoreFiles found = FindStore(dep.string(), {"my.cnf", "absent.cnf"}, link + "/rds-ca/rds-ca.pem");
  CHECK(found.option_dir == (dep / "rds-ca/client").string());
  CHECK(found.option_ca == link + "/rds-ca/rds-ca.pem");
  CHECK(found.option_files == std::vector<std::pair<std::string, std::string>>{{"my.cnf", "[client]\n"}});
  CHECK(FindStore(dep.string(), {"my.cnf"}).option_files.size() == 1);  // "": the bundle's own path
  CHECK(FindStore(dep.string(), {"my.cnf"}, (tmp.path() / "elsewhere.pem").string()).option_files.empty());
  CHECK(FindStore(dep.string(), {"my.cnf"}, "/nonexistent/rds-ca.pem").option_files.empty());
  SUBCASE("an option file that is a link, or too big, is not read") {
    std::filesystem::remove(dep / "rds-ca/client/my.cnf");
    REQUIRE(::symlink((tmp.path() / "elsewhere.pem").c_str(), (dep / "rds-ca/client/my.cnf").c_str()) == 0);
    CHECK(FindStore(dep.string(), {"my.cnf"}).option_files.empty());
    std::filesystem::remove(dep / "rds-ca/client/my.cnf");
    fs::WriteFileAtomic(dep / "rds-ca/client/my.cnf", std::string(4097, 'x'));
    CHECK(FindStore(dep.string(), {"my.cnf"}).option_files.empty());
  }
  CHECK(DropletRdsBundle("07") == "/home/vcap/deps/07/rds-ca/rds-ca.pem");
}

}  // namespace rdsca
