#include "cf/supply.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "base/fs.h"
#include "test_util.h"

namespace {

/// Sources the launch hook script in bash with a fake rds-ca-launch and prints PATH and a variable.
std::string RunHook(const std::string& idx, const std::string& extra_env = "") {
  rdsca::testing::TempDir tmp;
  const auto bin = tmp.path() / "deps" / idx / "bin";
  rdsca::fs::WriteFileAtomic(bin / "rds-ca-launch", "#!/bin/bash\nprintf 'export FROM_HOOK=%q\\n' \"$1\"\n", 0755);
  // A fake rds-ca: shows the arguments the hook gives it, and fails as a probe would for "fail".
  rdsca::fs::WriteFileAtomic(bin / "rds-ca", "#!/bin/bash\necho \"rds-ca $*\" >&2\n[ \"$FAKE_VERIFY\" != fail ]\n",
                             0755);
  rdsca::fs::WriteFileAtomic(tmp.path() / "hook.sh", rdsca::LaunchHookScript(idx));
  const std::string cmd = "env -i PATH=/usr/bin:/bin DEPS_DIR='" + (tmp.path() / "deps").string() + "' " +
                          extra_env + " bash -c '. \"$0\"; . \"$0\"; echo \"$FROM_HOOK|$RDS_CA_HOOK_RUNS|$PATH\"' '" +
                          (tmp.path() / "hook.sh").string() + "' 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  const auto root = tmp.path().string();
  for (auto pos = out.find(root); pos != std::string::npos; pos = out.find(root)) out.replace(pos, root.size(), "T");
  return out;
}

}  // namespace

TEST_CASE("The launch hook evals rds-ca-launch's output and adds deps/IDX/bin to PATH once") {
  CHECK(RunHook("0") == "0|2|/usr/bin:/bin:T/deps/0/bin\n");
}

TEST_CASE("The launch hook quotes DEPS_IDX, an opaque string") {
  CHECK(RunHook("0 $(x)'*") == "0 $(x)'*|2|/usr/bin:/bin:T/deps/0 $(x)'*/bin\n");
}

TEST_CASE("The launch hook never evaluates an inherited RDS_CA_HOOK_RUNS: a subscript's command does not run") {
  rdsca::testing::TempDir tmp;
  const std::string flag = (tmp.path() / "ran").string();
  CHECK(RunHook("0", "RDS_CA_HOOK_RUNS='a[$(touch " + flag + ")]'") == "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  CHECK_FALSE(std::filesystem::exists(flag));
  for (const char* odd : {"x", "-1", "08", "1+1", "999999999999"}) {
    CAPTURE(odd);
    CHECK(RunHook("0", std::string("RDS_CA_HOOK_RUNS='") + odd + "'") == "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  }
  CHECK(RunHook("0", "RDS_CA_HOOK_RUNS=5") == "0|7|/usr/bin:/bin:T/deps/0/bin\n");
}

TEST_CASE("The launch hook runs no probe unless RDS_CA_VERIFY asks, and names a bad value") {
  CHECK(RunHook("0", "RDS_CA_VERIFY=yes") ==
        "rds-ca: RDS_CA_VERIFY=yes is not warn or strict: nothing was verified\n"
        "rds-ca: RDS_CA_VERIFY=yes is not warn or strict: nothing was verified\n"
        "0|2|/usr/bin:/bin:T/deps/0/bin\n");
}

TEST_CASE("RDS_CA_VERIFY runs rds-ca verify --quiet, and strict stops the start when it fails") {
  CHECK(RunHook("0", "RDS_CA_VERIFY=warn") ==
        "rds-ca verify --quiet --timeout 3\nrds-ca verify --quiet --timeout 3\n0|2|/usr/bin:/bin:T/deps/0/bin\n");
  CHECK(RunHook("0", "RDS_CA_VERIFY=strict RDS_CA_VERIFY_TIMEOUT=1.5 FAKE_VERIFY=fail") ==
        "rds-ca verify --quiet --timeout 1.5\n");
}

TEST_CASE("RDS_CA_VERIFY_REQUIRE_TLS adds the plaintext check: strict --require-tls, warn --warn-plaintext") {
  for (const char* on : {"true", "TRUE", "1", "yes", "On"}) {
    CAPTURE(on);
    CHECK(RunHook("0", std::string("RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=") + on) ==
          "rds-ca verify --quiet --timeout 3 --require-tls\nrds-ca verify --quiet --timeout 3 --require-tls\n"
          "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  }
  CHECK(RunHook("0", "RDS_CA_VERIFY=warn RDS_CA_VERIFY_REQUIRE_TLS=true") ==
        "rds-ca verify --quiet --timeout 3 --warn-plaintext\nrds-ca verify --quiet --timeout 3 --warn-plaintext\n"
        "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  CHECK(RunHook("0", "RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=true FAKE_VERIFY=fail") ==
        "rds-ca verify --quiet --timeout 3 --require-tls\n");
  for (const char* off : {"false", "0", "no", "OFF", "''"}) {
    CAPTURE(off);
    CHECK(RunHook("0", std::string("RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=") + off) ==
          "rds-ca verify --quiet --timeout 3\nrds-ca verify --quiet --timeout 3\n0|2|/usr/bin:/bin:T/deps/0/bin\n");
  }
}

TEST_CASE("A bad RDS_CA_VERIFY_REQUIRE_TLS is one line, and the TLS probe still runs") {
  const std::string line =
      "rds-ca: RDS_CA_VERIFY_REQUIRE_TLS=ture is not a switch (true or false): the plaintext check does not run\n";
  CHECK(RunHook("0", "RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=ture") ==
        line + "rds-ca verify --quiet --timeout 3\n" + line + "rds-ca verify --quiet --timeout 3\n" +
            "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  SUBCASE("without RDS_CA_VERIFY it does nothing, and says so (no process runs)") {
    const std::string needs =
        "rds-ca: RDS_CA_VERIFY_REQUIRE_TLS needs RDS_CA_VERIFY=warn or strict: nothing was verified\n";
    CHECK(RunHook("0", "RDS_CA_VERIFY_REQUIRE_TLS=true") == needs + needs + "0|2|/usr/bin:/bin:T/deps/0/bin\n");
    CHECK(RunHook("0", "RDS_CA_VERIFY_REQUIRE_TLS=false") == "0|2|/usr/bin:/bin:T/deps/0/bin\n");
  }
}
