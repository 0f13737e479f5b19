#include "truststore/trust_store.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "base/error.h"
#include "base/fs.h"
#include "test_pki.h"
#include "test_util.h"

namespace {

using rdsca::TrustCert;
namespace stdfs = std::filesystem;

std::vector<TrustCert> Parse(const std::string& pem) { return rdsca::ParsePemCertificates(pem, "test"); }

/// `n` distinct roots, with CNs "<prefix> 0".."<prefix> n-1".
std::vector<TrustCert> Roots(const std::string& prefix, int n) {
  std::vector<TrustCert> certs;
  for (int i = 0; i < n; ++i) {
    certs.push_back(Parse(rdsca::testing::MakeRootPem(prefix + " " + std::to_string(i)))[0]);
  }
  return certs;
}

unsigned Mode(const stdfs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

/// Every file under `dir` (relative name -> bytes).
std::map<std::string, std::string> Tree(const stdfs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : stdfs::recursive_directory_iterator(dir)) {
    const auto rel = e.path().lexically_relative(dir).string();
    files[rel] = e.is_directory() ? "<dir>" : rdsca::fs::ReadFile(e.path(), "tree");
  }
  return files;
}

}  // namespace

TEST_CASE("ParsePemCertificates reads every certificate in order, canonically, with its subject hash") {
  const std::string roots = rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem");
  auto certs = Parse("text before\n" + roots);
  REQUIRE(certs.size() == 3);
  CHECK(certs[0].pem + certs[1].pem + certs[2].pem == roots);
  CHECK(certs[0].subject_hash == 0x03bac412UL);
  CHECK(certs[1].subject_hash == 0xa3d4dd7dUL);
  CHECK(certs[2].subject_hash == 0x60e4ced5UL);
  CHECK(certs[2].cn == "Amazon RDS us-west-2 Root CA RSA2048 G1");
  CHECK(certs[2].sha256 == "86e22f41c79b0de5777054189cfadbddf633a8a1dc09ef134db07a756e494abe");
}

TEST_CASE("ParsePemCertificates passes x509's errors on, naming the source") {
  CHECK_THROWS_WITH_AS(rdsca::ParsePemCertificates("no certificate here", "RDS_CA_EXTRA_CERTS"),
                       "RDS_CA_EXTRA_CERTS holds no PEM certificate: give CA certificates as "
                       "-----BEGIN CERTIFICATE----- blocks",
                       rdsca::Failure);
}

TEST_CASE("UniqueCertificates keeps the first of each certificate") {
  auto r = Roots("u", 3);
  auto unique = rdsca::UniqueCertificates({r[1], r[0], r[1], r[2], r[0]});
  REQUIRE(unique.size() == 3);
  CHECK(unique[0].der == r[1].der);
  CHECK(unique[1].der == r[0].der);
  CHECK(unique[2].der == r[2].der);
}

TEST_CASE("HashedNames numbers subject-hash collisions from 0 in input order") {
  auto a = Roots("same", 1)[0];
  auto b = Parse(rdsca::testing::MakeRootPem("same 0", 2))[0];  // same subject, other key
  auto c = Roots("other", 1)[0];
  char ha[16], hc[16];
  std::snprintf(ha, sizeof ha, "%08lx", a.subject_hash);
  std::snprintf(hc, sizeof hc, "%08lx", c.subject_hash);
  CHECK(rdsca::HashedNames({a, c, b}) ==
        std::vector<std::string>{std::string(ha) + ".0", std::string(hc) + ".0", std::string(ha) + ".1"});
}

TEST_CASE("the hashed directory has exactly the names `openssl rehash` gives") {
  rdsca::testing::TempDir tmp;
  auto certs = Roots("distinct", 12);
  for (long serial = 10; serial < 13; ++serial) {  // three certificates with one subject
    certs.insert(certs.begin() + serial - 6, Parse(rdsca::testing::MakeRootPem("collide", serial))[0]);
  }
  for (long serial = 20; serial < 22; ++serial) {
    certs.push_back(Parse(rdsca::testing::MakeRootPem("collide too", serial))[0]);
  }
  auto fixture = Parse(rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"));
  certs.insert(certs.end(), fixture.begin(), fixture.end());
  // openssl's view: files whose names sort in our order, hashed by `openssl rehash`.
  const auto in = tmp.path() / "in";
  for (std::size_t i = 0; i < certs.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%05zu.pem", i);
    rdsca::fs::WriteFileAtomic(in / name, certs[i].pem);
  }
  REQUIRE(std::system(("openssl rehash '" + in.string() + "'").c_str()) == 0);
  std::map<std::string, std::string> expected;  // HASH.N -> PEM
  for (const auto& name : rdsca::fs::ListDir(in)) {
    if (!stdfs::is_symlink(in / name)) continue;
    expected[name] = rdsca::fs::ReadFile(in / stdfs::read_symlink(in / name), "rehash target");
  }
  rdsca::WriteTrustStore(tmp.path() / "dep", {}, certs);
  const auto hashed = tmp.path() / "dep" / "rds-ca" / "certs";
  std::map<std::string, std::string> actual;
  for (const auto& name : rdsca::fs::ListDir(hashed)) {
    CHECK(stdfs::is_regular_file(stdfs::symlink_status(hashed / name)));
    actual[name] = rdsca::fs::ReadFile(hashed / name, "hashed file");
  }
  CHECK(actual.size() == certs.size());
  CHECK(actual == expected);
  CHECK(actual.count("60e4ced5.0") == 1);
}

TEST_CASE("ReadSystemCertificates reads the bundle, then CF_SYSTEM_CERT_PATH, and notes what it skips") {
  rdsca::testing::TempDir tmp;
  auto r = Roots("system", 3);
  const std::string broken = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  rdsca::fs::WriteFileAtomic(tmp.path() / "ca-certificates.crt", r[0].pem + broken + r[1].pem);
  const auto extra = tmp.path() / "cf-system-certificates";
  rdsca::fs::WriteFileAtomic(extra / "container-trusted-ca-1.crt", r[1].pem);  // duplicate
  rdsca::fs::WriteFileAtomic(extra / "container-trusted-ca-2.crt", r[2].pem);
  rdsca::fs::WriteFileAtomic(extra / "README", "not a certificate\n");
  rdsca::fs::MakeDirs(extra / "subdir");
  auto sys = rdsca::ReadSystemCertificates(tmp.path() / "ca-certificates.crt", extra);
  REQUIRE(sys.certs.size() == 3);
  CHECK(sys.certs[0].der == r[0].der);
  CHECK(sys.certs[1].der == r[1].der);
  CHECK(sys.certs[2].der == r[2].der);
  REQUIRE(sys.notes.size() == 2);
  CHECK(sys.notes[0].rfind("skipped " + (tmp.path() / "ca-certificates.crt").string() +
                           " block 2: certificate #1 is not a valid X.509 certificate (", 0) == 0);
  CHECK(sys.notes[1] == "skipped " + (extra / "README").string() + ": no PEM certificate in it");

  auto none = rdsca::ReadSystemCertificates(tmp.path() / "missing.crt", "");
  CHECK(none.certs.empty());
  CHECK(none.notes == std::vector<std::string>{"no system CA bundle at " +
                                               (tmp.path() / "missing.crt").string() +
                                               ": the combined bundle and the Java trust store "
                                               "hold no public roots"});
}

TEST_CASE("WriteTrustStore writes the four files with their modes and contents") {
  rdsca::testing::TempDir tmp;
  auto rds = Parse(rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"));
  auto sys = Roots("system", 2);
  sys.push_back(rds[1]);  // the platform already trusts one RDS root
  const auto dep = tmp.path() / "deps" / "03";
  auto counts = rdsca::WriteTrustStore(dep, {rds[0], rds[1], rds[2], rds[0]}, sys);
  CHECK(counts.rds == 3);
  CHECK(counts.system == 2);
  CHECK(counts.combined == 5);
  const auto store = dep / "rds-ca";
  CHECK(rdsca::fs::ListDir(dep) == std::vector<std::string>{"rds-ca"});
  CHECK(rdsca::fs::ListDir(store) ==
        std::vector<std::string>{"ca-certificates.crt", "certs", "rds-ca.pem", "truststore.p12"});
  CHECK(rdsca::fs::ReadFile(store / "rds-ca.pem", "t") == rds[0].pem + rds[1].pem + rds[2].pem);
  CHECK(rdsca::fs::ReadFile(store / "ca-certificates.crt", "t") ==
        sys[0].pem + sys[1].pem + rds[1].pem + rds[0].pem + rds[2].pem);
  CHECK(rdsca::fs::ListDir(store / "certs").size() == 5);
  CHECK(Mode(store) == 0755);
  CHECK(Mode(store / "certs") == 0755);
  for (const auto& [name, bytes] : Tree(store)) {
    if (bytes != "<dir>") CHECK_MESSAGE(Mode(store / name) == 0644, name);
  }
}

TEST_CASE("WriteTrustStore twice gives byte-identical files") {
  rdsca::testing::TempDir tmp;
  auto rds = Parse(rdsca::testing::ReadFixture("trust/rds-us-west-2-roots.pem"));
  auto sys = Roots("system", 4);
  rdsca::WriteTrustStore(tmp.path() / "a", rds, sys);
  const auto first = Tree(tmp.path() / "a" / "rds-ca");
  rdsca::WriteTrustStore(tmp.path() / "a", rds, sys);
  rdsca::WriteTrustStore(tmp.path() / "b", rds, sys);
  CHECK(first.size() == 4 + 7);
  CHECK(Tree(tmp.path() / "a" / "rds-ca") == first);
  CHECK(Tree(tmp.path() / "b" / "rds-ca") == first);
  CHECK(rdsca::fs::ListDir(tmp.path() / "a") == std::vector<std::string>{"rds-ca"});
}

TEST_CASE("WriteTrustStore replaces the store whole, or not at all") {
  rdsca::testing::TempDir tmp;
  const auto dep = tmp.path() / "dep";
  auto old_set = Roots("old", 2);
  rdsca::WriteTrustStore(dep, old_set, {});
  rdsca::fs::WriteFileAtomic(dep / "rds-ca" / "stale.pem", "from an older buildpack");
  rdsca::fs::WriteFileAtomic(dep / "rds-ca.new-ABCDEF" / "half", "a killed run's leftover");
  const auto before = Tree(dep / "rds-ca");

  SUBCASE("a new set replaces every file, stale ones included") {
    auto new_set = Roots("new", 1);
    rdsca::WriteTrustStore(dep, new_set, {});
    CHECK(rdsca::fs::ListDir(dep) == std::vector<std::string>{"rds-ca"});
    CHECK(rdsca::fs::ListDir(dep / "rds-ca") ==
          std::vector<std::string>{"ca-certificates.crt", "certs", "rds-ca.pem", "truststore.p12"});
    CHECK(rdsca::fs::ReadFile(dep / "rds-ca" / "rds-ca.pem", "t") == new_set[0].pem);
  }
  SUBCASE("a failure half-way leaves the old store untouched and no temporary directory") {
    auto broken = Roots("new", 2);
    broken[1].der = "not DER";  // the PEM files get written, then the Java store fails
    CHECK_THROWS_AS(rdsca::WriteTrustStore(dep, broken, {}), rdsca::Failure);
    CHECK(Tree(dep / "rds-ca") == before);
    CHECK(rdsca::fs::ListDir(dep) == std::vector<std::string>{"rds-ca"});
  }
}
