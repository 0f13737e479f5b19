#pragma once
// Endpoint classification: a database host name -> what kind of AWS endpoint it is, its
// partition and region, and which CA family its server certificate chains to (docs/rds-cas.md).
// Which partitions exist and how their RDS names are laid out is data (ca/partitions.h).
// Pure: no I/O, no environment (RDS_CA_REGION is passed in by the caller).
#include <string>
#include <string_view>

#include "base/env.h"
#include "ca/partitions.h"

namespace rdsca {

/// The endpoint kinds, as `rds-ca endpoint` prints them.
enum class EndpointKind {
  kInstance,       ///< NAME.ID.REGION.rds.SUFFIX (China, GovCloud, ISO: NAME.ID.rds.REGION.SUFFIX too)
  kCluster,        ///< NAME.cluster-ID.REGION...  (Aurora writer)
  kClusterRo,      ///< NAME.cluster-ro-ID.REGION...  (Aurora readers)
  kClusterCustom,  ///< NAME.cluster-custom-ID.REGION...
  kShardGroup,     ///< NAME.shardgrp-ID.REGION...  (Aurora Limitless)
  kProxy,          ///< NAME.proxy-ID.REGION...  (RDS Proxy, Amazon Trust Services certificates)
  kProxyEndpoint,  ///< NAME.endpoint.proxy-ID.REGION...
  kDsql,           ///< ID.dsql.REGION.on.aws  (Aurora DSQL, Amazon Trust Services certificates)
  kGlobal,         ///< NAME.global-ID.global.rds.amazonaws.com  (Aurora global writer, no region)
  kOther,          ///< any host that is not an AWS database endpoint
};

/// The CA family a server certificate chains to.
enum class Trust { kRds, kAmazonTrustServices, kNone };

/// What a host name says about its endpoint.
struct Endpoint {
  std::string host;           ///< lower-cased, trailing dot removed
  EndpointKind kind = EndpointKind::kOther;
  Partition partition;        ///< none unless the name (or RDS_CA_REGION) gives one
  std::string region;         ///< e.g. "us-west-2"; empty when none
  Trust trust = Trust::kNone;
  bool preview = false;       ///< a *.rds-preview.amazonaws.com endpoint (the "Preview"/"Beta" roots)
  bool region_overridden = false;  ///< the region came from RDS_CA_REGION, not from the name
  /// For a host that is not RDS but looks like a mistyped RDS name: one line saying which
  /// suffix was probably meant. Empty otherwise.
  std::string hint;
};

/// Classifies `host` (case-insensitive, a trailing dot ignored, suffixes anchored at the end).
/// A non-empty `region_override` (RDS_CA_REGION) replaces the region, sets the partition from it,
/// and makes an unrecognised host (a CNAME or alias of an RDS endpoint) trust the RDS CAs.
/// Throws Failure when `region_override` is not a region code.
Endpoint ClassifyEndpoint(std::string_view host, std::string_view region_override = "");

/// RDS_CA_REGION, as staging and every command read it: trimmed, "" when unset or blank.
std::string RegionOverride(const Env& env);

/// "kind=instance partition=aws region=us-west-2 trust=rds" (`none` for an empty field).
std::string Describe(const Endpoint& endpoint);

/// "instance", "cluster", "cluster-ro", ... "other".
std::string_view KindName(EndpointKind kind);
/// "rds", "amazon-trust-services" or "none".
std::string_view TrustName(Trust trust);

/// True when the host name is one AWS gives a database endpoint (RDS, Aurora, RDS Proxy, Aurora
/// DSQL: kind is not other; its trust is then not none): the one answer to "is this host RDS",
/// for every warning that depends on it. A CNAME that RDS_CA_REGION makes trust the RDS CAs is
/// not one.
bool IsAwsDatabaseEndpoint(const Endpoint& endpoint);

}  // namespace rdsca
