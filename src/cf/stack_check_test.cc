#include "cf/stack_check.h"

#include <doctest/doctest.h>

#include "base/error.h"
#include "version.h"

namespace rdsca {

namespace {

Manifest Packaged(const std::string& stack, bool cached) {
  Manifest m;
  m.language = "rds-ca";
  m.stack = stack;
  ManifestDependency d;
  d.name = "rds-ca-global-bundle";
  if (cached) d.file = "dependencies/0123/global-bundle.pem";
  m.dependencies.push_back(d);
  return m;
}

std::string FailureOf(const Manifest& m, const Env& env) {
  try {
    CheckStack(m, env);
  } catch (const Failure& f) {
    return f.what();
  }
  return "";
}

}  // namespace

TEST_CASE("stack check: the packaged stack stages, another stack fails naming the zip for it") {
  const std::string v = kVersion;
  CHECK(FailureOf(Packaged("cflinuxfs4", false), Env{{"CF_STACK", "cflinuxfs4"}}).empty());
  CHECK(FailureOf(Packaged("cflinuxfs5", true), Env{{"CF_STACK", "cflinuxfs5"}}).empty());
  CHECK(FailureOf(Packaged("cflinuxfs4", false), Env{{"CF_STACK", "cflinuxfs5"}}) ==
        "this buildpack is packaged for cflinuxfs4 and the app stages on cflinuxfs5: install "
        "rds-ca_buildpack-cflinuxfs5-v" + v + ".zip (cf create-buildpack rds-ca_buildpack "
        "rds-ca_buildpack-cflinuxfs5-v" + v + ".zip 1 --enable --stack cflinuxfs5), or push the app with -s cflinuxfs4");
  CHECK(FailureOf(Packaged("cflinuxfs5", true), Env{{"CF_STACK", "cflinuxfs4"}}) ==
        "this buildpack is packaged for cflinuxfs5 and the app stages on cflinuxfs4: install "
        "rds-ca_buildpack-cached-cflinuxfs4-v" + v + ".zip (cf create-buildpack rds-ca_buildpack "
        "rds-ca_buildpack-cached-cflinuxfs4-v" + v + ".zip 1 --enable --stack cflinuxfs4), or push the app with -s cflinuxfs5");
}

TEST_CASE("stack check: nothing to check without a packaged stack or without CF_STACK") {
  Manifest checkout = Packaged("", false);
  CHECK(FailureOf(checkout, Env{{"CF_STACK", "cflinuxfs5"}}).empty());
  CHECK(FailureOf(Packaged("cflinuxfs4", false), Env{}).empty());
}

TEST_CASE("stack check: the zip name scripts/package writes") {
  CHECK(PackagedZipName("cflinuxfs5", true, "1.2.3") == "rds-ca_buildpack-cached-cflinuxfs5-v1.2.3.zip");
  CHECK(PackagedZipName("cflinuxfs4", false, "1.2.3") == "rds-ca_buildpack-cflinuxfs4-v1.2.3.zip");
}

}  // namespace rdsca
