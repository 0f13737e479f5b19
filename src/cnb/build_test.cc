#include "cnb/build.h"

#include <sys/stat.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "base/fs.h"
#include "base/log.h"
#include "db/settings.h"
#include "test_util.h"

namespace {

namespace stdfs = std::filesystem;

/// A build of seed 004's binding into TMP/layers, with stand-ins for the two programs.
struct Built {
  rdsca::testing::TempDir tmp;
  std::ostringstream log_text;
  stdfs::path layers = tmp.path() / "layers", layer = layers / "rds-ca";

  explicit Built(rdsca::Env env) {
    const stdfs::path exe = tmp.path() / "buildpack" / "libexec";
    rdsca::fs::WriteFileAtomic(exe / "rds-ca", "rds-ca", 0755);
    rdsca::fs::WriteFileAtomic(exe / "rds-ca-execd", "rds-ca-execd", 0755);
    rdsca::fs::WriteFileAtomic(layer / "stale", "from an earlier build");
    rdsca::Log log(log_text);
    rdsca::Build(rdsca::CnbLayout(tmp.path() / "app", layers), env, log, exe);
  }
  std::string Read(const stdfs::path& relative) const { return rdsca::fs::ReadFile(layers / relative, "layer file"); }
  std::vector<std::string> List(const stdfs::path& relative) const { return rdsca::fs::ListDir(layers / relative); }
};

unsigned Mode(const stdfs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

}  // namespace

TEST_CASE("CNB build writes the launch layer: store, programs, env.launch defaults, env.build variables") {
  Built b({{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/seed-004.json")}});
  const std::string store = b.layer.string() + "/rds-ca/";

  CHECK(b.List("") == std::vector<std::string>{"cache", "cache.toml", "rds-ca", "rds-ca.toml"});
  CHECK(b.List("rds-ca") == std::vector<std::string>{"bin", "env.build", "env.launch", "exec.d", "rds-ca"});
  CHECK(b.Read("rds-ca/bin/rds-ca") == "rds-ca");
  CHECK(b.Read("rds-ca/exec.d/rds-ca-execd") == "rds-ca-execd");
  CHECK(Mode(b.layer / "exec.d/rds-ca-execd") == 0755);
  const std::string pem = b.Read("rds-ca/rds-ca/rds-ca.pem");
  CHECK(std::count(pem.begin(), pem.end(), '\n') > 0);
  CHECK(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK(b.log_text.str().find("installed 3 certificates: ") != std::string::npos);

  CHECK(b.List("rds-ca/env.launch") ==
        std::vector<std::string>{"JAVA_TOOL_OPTIONS.default", "NODE_EXTRA_CA_CERTS.default", "PGSSLROOTCERT.default",
                                 "REQUESTS_CA_BUNDLE.default", "SSL_CERT_DIR.default", "SSL_CERT_FILE.default"});
  CHECK(b.Read("rds-ca/env.launch/SSL_CERT_DIR.default") == store + "certs:/etc/ssl/certs");
  CHECK(b.Read("rds-ca/env.launch/SSL_CERT_FILE.default") == store + "ca-certificates.crt");
  CHECK(b.Read("rds-ca/env.launch/PGSSLROOTCERT.default") == store + "ca-certificates.crt");
  CHECK(b.Read("rds-ca/env.launch/NODE_EXTRA_CA_CERTS.default") == store + "rds-ca.pem");
  CHECK(b.Read("rds-ca/env.launch/REQUESTS_CA_BUNDLE.default") == store + "ca-certificates.crt");
  CHECK(b.Read("rds-ca/env.launch/JAVA_TOOL_OPTIONS.default") ==
        "-Djavax.net.ssl.trustStore=" + store + "truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12");

  CHECK(b.List("rds-ca/env.build") ==
        std::vector<std::string>{"DB_SSL_MODE.override", "NODE_EXTRA_CA_CERTS.override", "PGSSLROOTCERT.override",
                                 "REQUESTS_CA_BUNDLE.override", "SSL_CERT_DIR.override", "SSL_CERT_FILE.override"});
  CHECK(b.Read("rds-ca/env.build/DB_SSL_MODE.override") == "verify-full");

  const std::string toml = b.Read("rds-ca.toml");
  CHECK(toml.rfind("[types]\nlaunch = true\nbuild = true\ncache = false\n\n[metadata]\nversion = \"", 0) == 0);
  CHECK(toml.find("\nstaging = \"{\\\"bindings\\\":{\\\"source\\\":\\\"VCAP_SERVICES\\\"") != std::string::npos);
  CHECK(b.Read("cache.toml") == "[types]\nlaunch = false\nbuild = false\ncache = true\n");

  CHECK(b.log_text.str().find("DB_SSL_MODE=verify-full for later buildpacks (env.build/DB_SSL_MODE.override) and at launch") !=
        std::string::npos);
  CHECK(b.log_text.str().find("env.launch: SSL_CERT_DIR.default SSL_CERT_FILE.default PGSSLROOTCERT.default "
                              "NODE_EXTRA_CA_CERTS.default REQUESTS_CA_BUNDLE.default JAVA_TOOL_OPTIONS.default\n") !=
        std::string::npos);
  CHECK_FALSE(stdfs::exists(b.tmp.path() / "app" / ".profile.d"));
}

TEST_CASE("CNB build writes no credential into any layer") {
  Built b({{"VCAP_SERVICES", rdsca::testing::ReadFixture("vcap/seed-004.json")}});
  for (const auto& entry : stdfs::recursive_directory_iterator(b.layers)) {
    if (!entry.is_regular_file()) continue;
    CAPTURE(entry.path().string());
    CHECK(rdsca::fs::ReadFile(entry.path(), "layer file").find("mypass") == std::string::npos);
  }
}

TEST_CASE("LaunchDefaults: RDS_CA_<NAME>=false at build leaves that default out") {
  const auto settings = rdsca::ReadSettings({{"RDS_CA_SSL_CERT_FILE", "false"}, {"RDS_CA_JAVA_TOOL_OPTIONS", "false"}});
  std::vector<std::string> files;
  for (const auto& d : rdsca::LaunchDefaults(settings, "/layers/rds-ca/rds-ca")) files.push_back(d.file);
  CHECK(files == std::vector<std::string>{"SSL_CERT_DIR.default", "PGSSLROOTCERT.default", "NODE_EXTRA_CA_CERTS.default",
                                          "REQUESTS_CA_BUNDLE.default"});
}
