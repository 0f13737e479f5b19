#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "cli/commands.h"
#include "cli_run.h"

namespace rdsca {

using testing::CliRun;
using testing::TestContext;

namespace {

constexpr const char* kSeedHost = "my-rds-instance.us-east-1.rds.amazonaws.com";

CliRun K8s(const std::vector<std::string>& args) {
  return testing::RunCli([](const std::vector<std::string>& a, Io io) { return RunK8sWith(a, io, TestContext()); }, args);
}

std::string K8sError(const std::vector<std::string>& args) {
  return testing::CliError([](const std::vector<std::string>& a, Io io) { return RunK8sWith(a, io, TestContext()); }, args);
}

std::string S(const YAML::Node& node) { return node.as<std::string>(); }

}  // namespace

TEST_CASE("rds-ca k8s --host: a ConfigMap with the region's three roots, then the Deployment patch") {
  const CliRun r = K8s({"--host", kSeedHost});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const std::vector<YAML::Node> docs = YAML::LoadAll(r.out);
  REQUIRE(docs.size() == 2);

  const YAML::Node& cm = docs[0];
  CHECK(S(cm["apiVersion"]) == "v1");
  CHECK(S(cm["kind"]) == "ConfigMap");
  CHECK(S(cm["metadata"]["name"]) == "rds-ca");
  CHECK_FALSE(cm["metadata"]["namespace"]);
  CHECK(S(cm["metadata"]["annotations"]["rds-ca/for"]) == kSeedHost);
  CHECK(S(cm["metadata"]["annotations"]["rds-ca/earliest-expiry"]) == "2061-05-25");
  REQUIRE(cm["data"].size() == 1);
  const std::string pem = S(cm["data"]["bundle.pem"]);
  const auto bundle = testing::RunCli([](const std::vector<std::string>& a, Io io) { return RunBundleWith(a, io, TestContext()); },
                                      {"--host", kSeedHost});
  CHECK(pem == bundle.out);  // byte for byte what rds-ca bundle prints
  const auto certs = ParseCertificates(pem, "bundle.pem");
  REQUIRE(certs.size() == 3);
  CHECK(certs[0].cn == "Amazon RDS us-east-1 Root CA ECC384 G1");
  CHECK(certs[1].cn == "Amazon RDS us-east-1 Root CA RSA2048 G1");
  CHECK(certs[2].cn == "Amazon RDS us-east-1 Root CA RSA4096 G1");

  const YAML::Node spec = docs[1]["spec"]["template"]["spec"];
  REQUIRE(spec["containers"].size() == 1);
  CHECK(S(spec["containers"][0]["name"]) == "rds-ca");
  REQUIRE(spec["containers"][0]["volumeMounts"].size() == 1);
  CHECK(S(spec["containers"][0]["volumeMounts"][0]["name"]) == "rds-ca");
  CHECK(S(spec["containers"][0]["volumeMounts"][0]["mountPath"]) == "/etc/rds-ca");
  CHECK(spec["containers"][0]["volumeMounts"][0]["readOnly"].as<bool>());
  REQUIRE(spec["volumes"].size() == 1);
  CHECK(S(spec["volumes"][0]["name"]) == "rds-ca");
  CHECK(S(spec["volumes"][0]["configMap"]["name"]) == "rds-ca");
}

TEST_CASE("rds-ca k8s: the exact text of the patch, its comment naming the sslrootcert path") {
  const CliRun r = K8s({"--host", kSeedHost, "--name", "rds-combined-ca-bundle", "--namespace", "prod",
                        "--mount-path", "/root/.postgresql/", "--container", "my-container", "--only", "patch"});
  CHECK(r.out ==
        "# Deployment patch (strategic merge): mounts ConfigMap rds-combined-ca-bundle at /root/.postgresql in container "
        "my-container; use sslrootcert=/root/.postgresql/bundle.pem (rds-ca url URL --root "
        "/root/.postgresql/bundle.pem) or PGSSLROOTCERT=/root/.postgresql/bundle.pem\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - name: my-container\n"
        "          volumeMounts:\n"
        "            - name: rds-combined-ca-bundle\n"
        "              mountPath: /root/.postgresql\n"
        "              readOnly: true\n"
        "      volumes:\n"
        "        - name: rds-combined-ca-bundle\n"
        "          configMap:\n"
        "            name: rds-combined-ca-bundle\n");
}

TEST_CASE("rds-ca k8s: names, namespace and --only configmap") {
  const CliRun r = K8s({"--region", "us-west-2", "--name", "app-db-ca", "--namespace", "prod", "--only", "configmap"});
  const std::vector<YAML::Node> docs = YAML::LoadAll(r.out);
  REQUIRE(docs.size() == 1);
  CHECK(S(docs[0]["metadata"]["name"]) == "app-db-ca");
  CHECK(S(docs[0]["metadata"]["namespace"]) == "prod");
  CHECK(S(docs[0]["metadata"]["annotations"]["rds-ca/for"]) == "region us-west-2");
  CHECK(r.out.rfind("# ConfigMap app-db-ca: 3 CA certificates for region us-west-2 (embedded), from rds-ca k8s\n"
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-db-ca\n  namespace: prod\n",
                    0) == 0);
}

TEST_CASE("rds-ca k8s: names YAML would read as booleans or numbers are quoted") {
  const CliRun r = K8s({"--host", kSeedHost, "--name", "on", "--container", "123"});
  CHECK(r.out.find("  name: \"on\"\n") != std::string::npos);
  CHECK(r.out.find("- name: \"123\"\n") != std::string::npos);
  CHECK(r.out.find("rds-ca/earliest-expiry: \"2061-05-25\"\n") != std::string::npos);
  const std::vector<YAML::Node> docs = YAML::LoadAll(r.out);
  CHECK(docs[1]["spec"]["template"]["spec"]["containers"][0]["name"].Tag() == "!");  // a quoted scalar
}

TEST_CASE("rds-ca k8s: usage errors") {
  CHECK(K8sError({"--host", kSeedHost, "--name", "Rds_CA"}) ==
        "--name 'Rds_CA' is not a Kubernetes name: use at most 63 lower-case letters, digits and '-', starting and "
        "ending with a letter or digit");
  CHECK(K8sError({"--host", kSeedHost, "--container", "-x"}).rfind("--container '-x' is not a Kubernetes name", 0) == 0);
  CHECK(K8sError({"--host", kSeedHost, "--container"}) == "--container needs a value: run rds-ca k8s --help");
  CHECK(K8sError({"--host", kSeedHost, "--namespace", std::string(64, 'a')}).rfind("--namespace 'aaaa", 0) == 0);
  CHECK(K8sError({"--host", kSeedHost, "--mount-path", "etc/rds-ca"}) ==
        "--mount-path 'etc/rds-ca' is not a directory a volume can be mounted at: give an absolute path without ':' "
        "or '..', such as /etc/rds-ca");
  CHECK(K8sError({"--host", kSeedHost, "--mount-path", "/a/../b"}).rfind("--mount-path '/a/../b' is not", 0) == 0);
  CHECK(K8sError({"--host", kSeedHost, "--only", "deployment"}) == "--only 'deployment' is not configmap or patch");
  CHECK(K8sError({"--name", "x"}) == "give one of --host, --region, --all: run rds-ca k8s --help");
  CHECK(K8sError({"--host", "db.example.com"}).rfind("db.example.com is not an AWS database endpoint name", 0) == 0);
  CHECK(K8sError({"--hosts", "x"}) == "unknown option '--hosts': run rds-ca k8s --help for the options");
  const CliRun help = K8s({"-h"});
  CHECK(help.code == 0);
  CHECK(help.out.rfind("usage: rds-ca k8s --host HOST", 0) == 0);
}

}  // namespace rdsca
