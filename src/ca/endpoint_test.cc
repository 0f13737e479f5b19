#include "ca/endpoint.h"

#include <doctest/doctest.h>

#include "base/error.h"

namespace rdsca {
namespace {

struct Row {
  const char* host;
  const char* expected;  // Describe()
};

// Real-shaped endpoints (names and IDs made up, shapes as AWS documents them; docs/rds-cas.md).
constexpr Row kTable[] = {
    // instances, commercial regions
    {"mydb.c9akciq32.us-west-2.rds.amazonaws.com", "kind=instance partition=aws region=us-west-2 trust=rds"},
    // seed 000 writes its endpoint without the instance ID
    {"my-rds-instance.us-east-1.rds.amazonaws.com", "kind=instance partition=aws region=us-east-1 trust=rds"},
    {"console-db.cxmzh3fzbd9r.us-east-1.rds.amazonaws.com", "kind=instance partition=aws region=us-east-1 trust=rds"},
    {"orders.abcdefghijkl.eu-central-1.rds.amazonaws.com", "kind=instance partition=aws region=eu-central-1 trust=rds"},
    {"pg.h4x0r2n8kq1p.ap-southeast-7.rds.amazonaws.com", "kind=instance partition=aws region=ap-southeast-7 trust=rds"},
    {"pg.h4x0r2n8kq1p.il-central-1.rds.amazonaws.com", "kind=instance partition=aws region=il-central-1 trust=rds"},
    {"pg.h4x0r2n8kq1p.mx-central-1.rds.amazonaws.com", "kind=instance partition=aws region=mx-central-1 trust=rds"},
    {"pg.h4x0r2n8kq1p.ca-west-1.rds.amazonaws.com", "kind=instance partition=aws region=ca-west-1 trust=rds"},
    {"pg.h4x0r2n8kq1p.ap-east-2.rds.amazonaws.com", "kind=instance partition=aws region=ap-east-2 trust=rds"},
    // case, trailing dot
    {"MyDB.C9AKCIQ32.US-WEST-2.RDS.AMAZONAWS.COM", "kind=instance partition=aws region=us-west-2 trust=rds"},
    {"mydb.c9akciq32.us-west-2.rds.amazonaws.com.", "kind=instance partition=aws region=us-west-2 trust=rds"},
    // Aurora
    {"app.cluster-c9akciq32.us-west-2.rds.amazonaws.com", "kind=cluster partition=aws region=us-west-2 trust=rds"},
    {"app.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com", "kind=cluster-ro partition=aws region=eu-west-1 trust=rds"},
    {"reports.cluster-custom-c9akciq32.ap-northeast-1.rds.amazonaws.com",
     "kind=cluster-custom partition=aws region=ap-northeast-1 trust=rds"},
    {"lim.shardgrp-c9akciq32.us-east-2.rds.amazonaws.com", "kind=shard-group partition=aws region=us-east-2 trust=rds"},
    {"app.global-a1b2c3d4e5.global.rds.amazonaws.com", "kind=global partition=aws region=none trust=rds"},
    // RDS Proxy and Aurora DSQL: Amazon Trust Services
    {"myproxy.proxy-c9akciq32.us-west-2.rds.amazonaws.com",
     "kind=proxy partition=aws region=us-west-2 trust=amazon-trust-services"},
    {"reader.endpoint.proxy-c9akciq32.us-west-2.rds.amazonaws.com",
     "kind=proxy-endpoint partition=aws region=us-west-2 trust=amazon-trust-services"},
    {"abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws", "kind=dsql partition=aws region=us-east-1 trust=amazon-trust-services"},
    {"myproxy.proxy-c9akciq32.us-gov-west-1.rds.amazonaws.com",
     "kind=proxy partition=aws-us-gov region=us-gov-west-1 trust=amazon-trust-services"},
    // GovCloud
    {"mydb.c9akciq32.us-gov-west-1.rds.amazonaws.com", "kind=instance partition=aws-us-gov region=us-gov-west-1 trust=rds"},
    {"app.cluster-ro-c9akciq32.us-gov-east-1.rds.amazonaws.com",
     "kind=cluster-ro partition=aws-us-gov region=us-gov-east-1 trust=rds"},
    // China: rds before the region
    {"mydb.c9akciq32.rds.cn-north-1.amazonaws.com.cn", "kind=instance partition=aws-cn region=cn-north-1 trust=rds"},
    {"app.cluster-c9akciq32.rds.cn-northwest-1.amazonaws.com.cn",
     "kind=cluster partition=aws-cn region=cn-northwest-1 trust=rds"},
    {"myproxy.proxy-c9akciq32.rds.cn-north-1.amazonaws.com.cn",
     "kind=proxy partition=aws-cn region=cn-north-1 trust=amazon-trust-services"},
    // preview
    {"mydb.c9akciq32.us-east-2.rds-preview.amazonaws.com", "kind=instance partition=aws region=us-east-2 trust=rds"},
    // a commercial region botocore does not list yet: its pattern says aws (the CA then comes by download)
    {"mydb.c9akciq32.us-north-9.rds.amazonaws.com", "kind=instance partition=aws region=us-north-9 trust=rds"},
    // GovCloud: every Aurora and Proxy shape
    {"app.cluster-c9akciq32.us-gov-west-1.rds.amazonaws.com", "kind=cluster partition=aws-us-gov region=us-gov-west-1 trust=rds"},
    {"reports.cluster-custom-c9akciq32.us-gov-east-1.rds.amazonaws.com",
     "kind=cluster-custom partition=aws-us-gov region=us-gov-east-1 trust=rds"},
    {"lim.shardgrp-c9akciq32.us-gov-west-1.rds.amazonaws.com",
     "kind=shard-group partition=aws-us-gov region=us-gov-west-1 trust=rds"},
    {"reader.endpoint.proxy-c9akciq32.us-gov-east-1.rds.amazonaws.com",
     "kind=proxy-endpoint partition=aws-us-gov region=us-gov-east-1 trust=amazon-trust-services"},
    // China: every shape, and the older form with the region before rds
    {"app.cluster-ro-c9akciq32.rds.cn-north-1.amazonaws.com.cn",
     "kind=cluster-ro partition=aws-cn region=cn-north-1 trust=rds"},
    {"reports.cluster-custom-c9akciq32.rds.cn-northwest-1.amazonaws.com.cn",
     "kind=cluster-custom partition=aws-cn region=cn-northwest-1 trust=rds"},
    {"lim.shardgrp-c9akciq32.rds.cn-north-1.amazonaws.com.cn",
     "kind=shard-group partition=aws-cn region=cn-north-1 trust=rds"},
    {"reader.endpoint.proxy-c9akciq32.rds.cn-northwest-1.amazonaws.com.cn",
     "kind=proxy-endpoint partition=aws-cn region=cn-northwest-1 trust=amazon-trust-services"},
    {"mydb.c9akciq32.cn-north-1.rds.amazonaws.com.cn", "kind=instance partition=aws-cn region=cn-north-1 trust=rds"},
    {"app.cluster-c9akciq32.cn-northwest-1.rds.amazonaws.com.cn",
     "kind=cluster partition=aws-cn region=cn-northwest-1 trust=rds"},
    {"myproxy.proxy-c9akciq32.cn-north-1.rds.amazonaws.com.cn",
     "kind=proxy partition=aws-cn region=cn-north-1 trust=amazon-trust-services"},
    // AWS European Sovereign Cloud
    {"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu", "kind=instance partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"app.cluster-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=cluster partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"app.cluster-ro-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=cluster-ro partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"reports.cluster-custom-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=cluster-custom partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"lim.shardgrp-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=shard-group partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"myproxy.proxy-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=proxy partition=aws-eusc region=eusc-de-east-1 trust=amazon-trust-services"},
    {"reader.endpoint.proxy-c9akciq32.eusc-de-east-1.rds.amazonaws.eu",
     "kind=proxy-endpoint partition=aws-eusc region=eusc-de-east-1 trust=amazon-trust-services"},
    {"MyDB.C9AKCIQ32.EUSC-DE-EAST-1.RDS.AMAZONAWS.EU.", "kind=instance partition=aws-eusc region=eusc-de-east-1 trust=rds"},
    {"mydb.c9akciq32.eusc-de-west-2.rds.amazonaws.eu", "kind=instance partition=aws-eusc region=eusc-de-west-2 trust=rds"},
    // ISO partitions (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f)
    {"mydb.c9akciq32.us-iso-east-1.rds.c2s.ic.gov", "kind=instance partition=aws-iso region=us-iso-east-1 trust=rds"},
    {"app.cluster-c9akciq32.us-iso-west-1.rds.c2s.ic.gov", "kind=cluster partition=aws-iso region=us-iso-west-1 trust=rds"},
    {"app.cluster-ro-c9akciq32.us-isob-east-1.rds.sc2s.sgov.gov",
     "kind=cluster-ro partition=aws-iso-b region=us-isob-east-1 trust=rds"},
    {"lim.shardgrp-c9akciq32.us-isob-west-1.rds.sc2s.sgov.gov",
     "kind=shard-group partition=aws-iso-b region=us-isob-west-1 trust=rds"},
    {"mydb.c9akciq32.eu-isoe-west-1.rds.cloud.adc-e.uk", "kind=instance partition=aws-iso-e region=eu-isoe-west-1 trust=rds"},
    {"reports.cluster-custom-c9akciq32.us-isof-south-1.rds.csp.hci.ic.gov",
     "kind=cluster-custom partition=aws-iso-f region=us-isof-south-1 trust=rds"},
    {"myproxy.proxy-c9akciq32.us-isof-east-1.rds.csp.hci.ic.gov",
     "kind=proxy partition=aws-iso-f region=us-isof-east-1 trust=amazon-trust-services"},
    // GovCloud and ISO with rds before the region, as AWS's driver wrappers (RdsUtils) match them
    {"ledger.c9akciq32xyz.rds.us-isob-east-1.sc2s.sgov.gov",
     "kind=instance partition=aws-iso-b region=us-isob-east-1 trust=rds"},
    {"app.cluster-ro-c9akciq32.rds.us-iso-east-1.c2s.ic.gov",
     "kind=cluster-ro partition=aws-iso region=us-iso-east-1 trust=rds"},
    {"app.cluster-c9akciq32.rds.us-gov-west-1.amazonaws.com",
     "kind=cluster partition=aws-us-gov region=us-gov-west-1 trust=rds"},
    {"myproxy.proxy-c9akciq32.rds.us-gov-east-1.amazonaws.com",
     "kind=proxy partition=aws-us-gov region=us-gov-east-1 trust=amazon-trust-services"},
    // ... but not in the partitions where no source shows that order, nor under another's suffix
    {"mydb.c9akciq32.rds.us-west-2.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.rds.eu-isoe-west-1.cloud.adc-e.uk", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.rds.us-isof-east-1.csp.hci.ic.gov", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.rds.us-isob-east-1.c2s.ic.gov", "kind=other partition=none region=none trust=none"},
    {"mydb.rds.us-gov-west-1.amazonaws.com", "kind=other partition=none region=none trust=none"},
    // not AWS database endpoints
    {"db.x.us-east-1.rds.amazonaws.com.evil.example", "kind=other partition=none region=none trust=none"},
    {"something.xyx.us-west-2.rds.amazon.com", "kind=other partition=none region=none trust=none"},
    {"db.example.com", "kind=other partition=none region=none trust=none"},
    {"localhost", "kind=other partition=none region=none trust=none"},
    {"10.0.3.17", "kind=other partition=none region=none trust=none"},
    {"rds.us-west-2.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"us-west-2.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.us-west-2.rds.amazonaws.com", "kind=instance partition=aws region=us-west-2 trust=rds"},
    {"mydb.c9akciq32.cn-north-1.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.rds.cn-north-1.amazonaws.com.cn", "kind=other partition=none region=none trust=none"},
    // a suffix anchored at the end, and a region only under its own partition's suffix
    {"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu.evil.example", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-iso-east-1.rds.c2s.ic.gov.evil.example", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.cn-north-1.rds.amazonaws.com.cn.evil.example", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-iso-east-1.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-west-2.rds.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-gov-west-1.rds.c2s.ic.gov", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-isob-east-1.rds.c2s.ic.gov", "kind=other partition=none region=none trust=none"},
    // a region no partition's pattern has, rds on the wrong side, preview and global outside aws
    {"mydb.c9akciq32.eusc-fr-east-1.rds.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.zz-west-1.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.rds.eusc-de-east-1.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.us-gov-west-1.rds-preview.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.eusc-de-east-1.rds-preview.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"app.global-a1b2c3d4e5.global.rds.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"eusc-de-east-1.rds.amazonaws.eu", "kind=other partition=none region=none trust=none"},
    {"rds.us-iso-east-1.c2s.ic.gov", "kind=other partition=none region=none trust=none"},
    {"mydb.c9akciq32.global.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"evilrds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"my_db..us-west-2.rds.amazonaws.com", "kind=other partition=none region=none trust=none"},
    {"", "kind=other partition=none region=none trust=none"},
    {"postgres.internal.", "kind=other partition=none region=none trust=none"},
};

TEST_CASE("ClassifyEndpoint: the table of real-shaped hosts") {
  static_assert(std::size(kTable) >= 80);
  for (const Row& row : kTable) {
    CAPTURE(row.host);
    CHECK(Describe(ClassifyEndpoint(row.host)) == row.expected);
  }
}

TEST_CASE("ClassifyEndpoint normalises the host and flags preview endpoints") {
  const Endpoint e = ClassifyEndpoint("MyDB.C9AKCIQ32.US-EAST-2.RDS-PREVIEW.AMAZONAWS.COM.");
  CHECK(e.host == "mydb.c9akciq32.us-east-2.rds-preview.amazonaws.com");
  CHECK(e.preview);
  CHECK_FALSE(ClassifyEndpoint("mydb.c9akciq32.us-east-2.rds.amazonaws.com").preview);
}

TEST_CASE("ClassifyEndpoint hints at the suffix a mistyped RDS name meant") {
  const struct {
    const char* host;
    const char* meant;
    const char* ending;
  } kMistyped[] = {
      {"something.xyx.us-west-2.rds.amazon.com", "something.xyx.us-west-2.rds.amazonaws.com", ".rds.amazonaws.com"},
      {"db.abc.us-east-1.rds.amazonaws.co", "db.abc.us-east-1.rds.amazonaws.com", ".rds.amazonaws.com"},
      {"db.abc.rds.us-east-1.amazonaws.com", "db.abc.us-east-1.rds.amazonaws.com", ".rds.amazonaws.com"},
      {"db.abc.rds.cn-north-1.amazonaws.com", "db.abc.rds.cn-north-1.amazonaws.com.cn",
       ".amazonaws.com.cn (rds before the region)"},
      {"db.abc.cn-north-1.rds.amazonaws.com", "db.abc.rds.cn-north-1.amazonaws.com.cn",
       ".amazonaws.com.cn (rds before the region)"},
      {"db.abc.eusc-de-east-1.rds.amazonaws.com", "db.abc.eusc-de-east-1.rds.amazonaws.eu", ".rds.amazonaws.eu"},
      {"db.abc.rds.eusc-de-east-1.amazonaws.eu", "db.abc.eusc-de-east-1.rds.amazonaws.eu", ".rds.amazonaws.eu"},
      {"db.abc.us-iso-east-1.rds.c2s.ic.gv", "db.abc.us-iso-east-1.rds.c2s.ic.gov", ".rds.c2s.ic.gov"},
  };
  for (const auto& m : kMistyped) {
    CAPTURE(m.host);
    CHECK(ClassifyEndpoint(m.host).hint == std::string(m.host) + " is not an Amazon RDS endpoint: did you mean " +
                                               m.meant + "? (RDS endpoints end in " + m.ending + ")");
  }
  // No hint for what is plainly something else, nor for a real endpoint.
  CHECK(ClassifyEndpoint("db.x.us-east-1.rds.amazonaws.com.evil.example").hint.empty());
  CHECK(ClassifyEndpoint("db.example.com").hint.empty());
  CHECK(ClassifyEndpoint("mydb.c9akciq32.us-west-2.rds.amazonaws.com").hint.empty());
  // China's older form (region before rds) is an endpoint now, not a typo; so is ISOB's rds first.
  CHECK(ClassifyEndpoint("db.abc.cn-north-1.rds.amazonaws.com.cn").hint.empty());
  CHECK(ClassifyEndpoint("ledger.c9akciq32xyz.rds.us-isob-east-1.sc2s.sgov.gov").hint.empty());
}

TEST_CASE("A hint never proposes a name the classifier would call other") {
  // A mistyped suffix on a host in an order its partition has: the partition's usual form.
  CHECK(ClassifyEndpoint("ledger.c9akciq32xyz.rds.us-isob-east-1.sc2s.sgov.gv").hint ==
        "ledger.c9akciq32xyz.rds.us-isob-east-1.sc2s.sgov.gv is not an Amazon RDS endpoint: did you mean "
        "ledger.c9akciq32xyz.us-isob-east-1.rds.sc2s.sgov.gov? (RDS endpoints end in .rds.sc2s.sgov.gov)");
  // No hint for a name in an order its partition has, under the right suffix: rds.REGION needs an ID.
  CHECK(ClassifyEndpoint("mydb.rds.us-gov-west-1.amazonaws.com").hint.empty());
  // Every hint the table's hosts get classifies as an endpoint.
  for (const Row& row : kTable) {
    const std::string hint = ClassifyEndpoint(row.host).hint;
    if (hint.empty()) continue;
    CAPTURE(hint);
    const auto from = hint.find("did you mean ") + 13;
    const std::string meant = hint.substr(from, hint.find("? (", from) - from);
    CHECK(IsAwsDatabaseEndpoint(ClassifyEndpoint(meant)));
  }
}

TEST_CASE("RDS_CA_REGION overrides the region of CNAMEs, aliases and the global writer") {
  Endpoint e = ClassifyEndpoint("db.example.com", "eu-west-1");
  CHECK(Describe(e) == "kind=other partition=aws region=eu-west-1 trust=rds");
  CHECK(e.region_overridden);
  CHECK(Describe(ClassifyEndpoint("db.corp.example.cn", "CN-NORTH-1")) ==
        "kind=other partition=aws-cn region=cn-north-1 trust=rds");
  CHECK(Describe(ClassifyEndpoint("app.global-a1b2c3d4e5.global.rds.amazonaws.com", "us-east-1")) ==
        "kind=global partition=aws region=us-east-1 trust=rds");
  CHECK(Describe(ClassifyEndpoint("p.proxy-c9akciq32.us-west-2.rds.amazonaws.com", "us-gov-west-1")) ==
        "kind=proxy partition=aws-us-gov region=us-gov-west-1 trust=amazon-trust-services");
  CHECK(Describe(ClassifyEndpoint("db.corp.example.eu", "EUSC-DE-EAST-1")) ==
        "kind=other partition=aws-eusc region=eusc-de-east-1 trust=rds");
  CHECK(Describe(ClassifyEndpoint("db.corp.example", "us-isob-east-1")) ==
        "kind=other partition=aws-iso-b region=us-isob-east-1 trust=rds");
  try {
    ClassifyEndpoint("db.example.com", "oregon");
    FAIL("no error");
  } catch (const Failure& f) {
    CHECK(std::string(f.what()) ==
          "RDS_CA_REGION=oregon is not an AWS region code: set it to the database's region, like us-west-2");
  }
}

TEST_CASE("IsRegionCode and PartitionOfRegion") {
  for (const char* r : {"us-west-2", "us-gov-east-1", "cn-northwest-1", "ap-southeast-7", "il-central-1",
                        "eusc-de-east-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1"}) {
    CAPTURE(r);
    CHECK(IsRegionCode(r));
  }
  for (const char* r : {"", "global", "us-west", "us-west-", "us--west-1", "uswest-2", "us-west-2a", "c9akciq32",
                        "cluster-ro-abc", "US-WEST-2", "zz-west-1", "eusc-fr-east-1", "aws-global"}) {
    CAPTURE(r);
    CHECK_FALSE(IsRegionCode(r));
  }
  CHECK(PartitionOfRegion("cn-north-1") == PartitionFromName("aws-cn"));
  CHECK(PartitionOfRegion("us-gov-west-1") == PartitionFromName("aws-us-gov"));
  CHECK(PartitionOfRegion("eu-west-3") == PartitionFromName("aws"));
  CHECK(PartitionName(PartitionFromName("aws-us-gov")) == "aws-us-gov");
  CHECK(PartitionFromName("gov").none());
  CHECK(PartitionOfRegion("us-iso-east-1") == PartitionFromName("aws-iso"));  // never aws
}

TEST_CASE("IsAwsDatabaseEndpoint: by the name alone") {
  for (const char* host : {"mydb.c9akciq32.us-west-2.rds.amazonaws.com", "p.proxy-c9akciq32.us-west-2.rds.amazonaws.com",
                           "abc.dsql.us-east-1.on.aws", "app.global-a1b2c3d4e5.global.rds.amazonaws.com",
                           "mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu", "mydb.c9akciq32.us-iso-east-1.rds.c2s.ic.gov",
                           "mydb.c9akciq32.cn-north-1.rds.amazonaws.com.cn"}) {
    CAPTURE(host);
    CHECK(IsAwsDatabaseEndpoint(ClassifyEndpoint(host)));
  }
  CHECK_FALSE(IsAwsDatabaseEndpoint(ClassifyEndpoint("x.rds.amazonaws.com.evil.example")));
  CHECK_FALSE(IsAwsDatabaseEndpoint(ClassifyEndpoint("db.example.com")));
  CHECK_FALSE(IsAwsDatabaseEndpoint(ClassifyEndpoint("db.example.com", "us-west-2")));  // trusts RDS, named by no AWS
}

}  // namespace
}  // namespace rdsca

TEST_CASE("IsAwsDatabaseEndpoint: the one answer to 'is this host RDS'") {
  auto aws = [](std::string_view host) { return rdsca::IsAwsDatabaseEndpoint(rdsca::ClassifyEndpoint(host)); };
  CHECK(aws("db.abc.us-west-2.rds.amazonaws.com"));
  CHECK(aws("DB.ABC.US-WEST-2.RDS.AMAZONAWS.COM."));
  CHECK(aws("db.abc.us-east-2.rds-preview.amazonaws.com"));
  CHECK(aws("db.abc.rds.cn-north-1.amazonaws.com.cn"));
  CHECK(aws("mydb.c9akciq32.us-west-2.rds.amazonaws.com"));
  CHECK(aws("MyDB.cluster-ro-c9akciq32.eu-west-1.RDS.amazonaws.com."));
  CHECK(aws("db.c9.rds.cn-north-1.amazonaws.com.cn"));
  CHECK(aws("db.c9.us-east-2.rds-preview.amazonaws.com"));
  CHECK(aws("proxy1.proxy-c9akciq32.us-east-1.rds.amazonaws.com"));
  // Aurora DSQL: an AWS database whose certificate chains to Amazon Trust Services (installed).
  CHECK(aws("abc123.dsql.us-east-1.on.aws"));
  CHECK_FALSE(aws("something.xyx.us-west-2.rds.amazon.com"));
  CHECK_FALSE(aws("db.x.us-east-1.rds.amazonaws.com.evil.example"));
  CHECK_FALSE(aws("rds.amazonaws.com.evil.example"));
  CHECK_FALSE(aws("db.c9.ec2.cn-north-1.amazonaws.com.cn"));
  CHECK_FALSE(aws("db.example.com"));
  CHECK_FALSE(aws("postgres.internal"));
  CHECK_FALSE(aws(""));
  // Under AWS's suffix but with no region: not an endpoint any RDS CA serves.
  CHECK_FALSE(aws("foo.rds.amazonaws.com"));
}
