#include "cli/endpoint_cmd.h"

#include <ostream>

#include "ca/endpoint.h"
#include "base/error.h"

namespace rdsca {

namespace {

std::string Help() {
  return "usage: rds-ca endpoint [--region REGION] HOST\n"
         "\n"
         "Prints what kind of AWS database endpoint HOST is, in one line:\n"
         "  kind=K partition=P region=R trust=T\n"
         "K: instance, cluster, cluster-ro, cluster-custom, shard-group, proxy, proxy-endpoint, dsql, global,\n"
         "   or other (not an AWS database endpoint)\n"
         "P: the AWS partition (" + PartitionIds() + ") or none\n"
         "R: the region or none\n"
         "T: the CAs its certificate chains to: rds, amazon-trust-services or none\n"
         "\n"
         "  --region REGION  the region of a CNAME or alias (default: $RDS_CA_REGION)\n"
         "\n"
         "example:\n"
         "  $ rds-ca endpoint mydb.c9akciq32.us-west-2.rds.amazonaws.com\n"
         "  kind=instance partition=aws region=us-west-2 trust=rds\n";
}

constexpr const char* kSeeHelp = " (see rds-ca endpoint --help)";

}  // namespace

int RunEndpoint(const std::vector<std::string>& args, Io io) {
  std::string host, region = RegionOverride(io.env);
  bool have_host = false, region_flag = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      io.out << Help();
      return 0;
    }
    if (a == "--region") {
      if (i + 1 == args.size()) throw UsageError(std::string("--region needs a value, like us-west-2") + kSeeHelp);
      region = args[++i];
      region_flag = true;
    } else if (a.rfind("--region=", 0) == 0) {
      region = a.substr(9);
      region_flag = true;
    } else if (!a.empty() && a[0] == '-') {
      throw UsageError("unknown option " + a + kSeeHelp);
    } else if (have_host) {
      throw UsageError("give one HOST, not " + host + " and " + a + kSeeHelp);
    } else {
      host = a;
      have_host = true;
    }
  }
  if (!have_host) throw UsageError(std::string("give the HOST to classify") + kSeeHelp);
  if (region_flag && !IsRegionCode(region)) {
    throw UsageError("--region " + region + " is not an AWS region code, like us-west-2" + kSeeHelp);
  }
  const Endpoint e = ClassifyEndpoint(host, region);
  io.out << Describe(e) << '\n';
  if (!e.hint.empty()) io.err << "rds-ca endpoint: " << e.hint << '\n';
  return 0;
}

}  // namespace rdsca
