#include "cli/endpoint_cmd.h"

#include <doctest/doctest.h>

#include <sstream>

#include "base/error.h"

namespace rdsca {
namespace {

struct Run {
  explicit Run(std::vector<std::string> args, Env e = {}) : env(std::move(e)) {
    status = RunEndpoint(args, Io{out, err, env});
  }
  Env env;
  std::ostringstream out, err;
  int status = -1;
};

std::string UsageOf(std::vector<std::string> args) {
  try {
    Run run(std::move(args));
  } catch (const UsageError& e) {
    CHECK(e.code() == ExitCode::kUsage);
    return e.what();
  }
  return "(no usage error)";
}

TEST_CASE("rds-ca endpoint prints one line per the issue's vocabulary") {
  Run run({"mydb.c9akciq32.us-west-2.rds.amazonaws.com"});
  CHECK(run.status == 0);
  CHECK(run.out.str() == "kind=instance partition=aws region=us-west-2 trust=rds\n");
  CHECK(run.err.str().empty());
  CHECK(Run({"p.proxy-c9akciq32.eu-west-1.rds.amazonaws.com"}).out.str() ==
        "kind=proxy partition=aws region=eu-west-1 trust=amazon-trust-services\n");
  CHECK(Run({"db.example.com"}).out.str() == "kind=other partition=none region=none trust=none\n");
}

TEST_CASE("rds-ca endpoint: the typo hint goes to stderr") {
  Run run({"something.xyx.us-west-2.rds.amazon.com"});
  CHECK(run.status == 0);
  CHECK(run.out.str() == "kind=other partition=none region=none trust=none\n");
  CHECK(run.err.str() ==
        "rds-ca endpoint: something.xyx.us-west-2.rds.amazon.com is not an Amazon RDS endpoint: did you mean "
        "something.xyx.us-west-2.rds.amazonaws.com? (RDS endpoints end in .rds.amazonaws.com)\n");
}

TEST_CASE("rds-ca endpoint: every partition's names, and its regions for aliases") {
  CHECK(Run({"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu"}).out.str() ==
        "kind=instance partition=aws-eusc region=eusc-de-east-1 trust=rds\n");
  CHECK(Run({"app.cluster-ro-c9akciq32.us-isob-east-1.rds.sc2s.sgov.gov"}).out.str() ==
        "kind=cluster-ro partition=aws-iso-b region=us-isob-east-1 trust=rds\n");
  CHECK(Run({"mydb.c9akciq32.cn-north-1.rds.amazonaws.com.cn"}).out.str() ==
        "kind=instance partition=aws-cn region=cn-north-1 trust=rds\n");
  CHECK(Run({"--region", "eusc-de-east-1", "db.example.eu"}).out.str() ==
        "kind=other partition=aws-eusc region=eusc-de-east-1 trust=rds\n");
  Run typo({"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.com"});
  CHECK(typo.out.str() == "kind=other partition=none region=none trust=none\n");
  CHECK(typo.err.str() ==
        "rds-ca endpoint: mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.com is not an Amazon RDS endpoint: did you mean "
        "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu? (RDS endpoints end in .rds.amazonaws.eu)\n");
}

TEST_CASE("rds-ca endpoint: --region and RDS_CA_REGION for aliases") {
  CHECK(Run({"--region", "eu-west-1", "db.example.com"}).out.str() ==
        "kind=other partition=aws region=eu-west-1 trust=rds\n");
  CHECK(Run({"db.example.com", "--region=us-gov-west-1"}).out.str() ==
        "kind=other partition=aws-us-gov region=us-gov-west-1 trust=rds\n");
  CHECK(Run({"db.example.com"}, {{"RDS_CA_REGION", "cn-north-1"}}).out.str() ==
        "kind=other partition=aws-cn region=cn-north-1 trust=rds\n");
}

TEST_CASE("rds-ca endpoint --help has an example; usage errors are one line with exit 2") {
  Run help({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.str().rfind("usage: rds-ca endpoint [--region REGION] HOST\n", 0) == 0);
  CHECK(help.out.str().find("\nP: the AWS partition (aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, "
                            "aws-us-gov) or none\n") != std::string::npos);
  CHECK(help.out.str().find("  $ rds-ca endpoint mydb.c9akciq32.us-west-2.rds.amazonaws.com\n"
                            "  kind=instance partition=aws region=us-west-2 trust=rds\n") != std::string::npos);
  CHECK(UsageOf({}) == "give the HOST to classify (see rds-ca endpoint --help)");
  CHECK(UsageOf({"a.example.com", "b.example.com"}) ==
        "give one HOST, not a.example.com and b.example.com (see rds-ca endpoint --help)");
  CHECK(UsageOf({"--json", "a.example.com"}) == "unknown option --json (see rds-ca endpoint --help)");
  CHECK(UsageOf({"a.example.com", "--region"}) == "--region needs a value, like us-west-2 (see rds-ca endpoint --help)");
  CHECK(UsageOf({"--region", "oregon", "a.example.com"}) ==
        "--region oregon is not an AWS region code, like us-west-2 (see rds-ca endpoint --help)");
}

}  // namespace
}  // namespace rdsca
