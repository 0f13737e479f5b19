// rds-ca bundle: the validated CA set for an endpoint, a region or a partition, as PEM.
#include <ctime>
#include <ostream>
#include <utility>

#include "cli/commands.h"
#include "base/error.h"
#include "base/fs.h"
#include "ca/manifest.h"

namespace rdsca {

namespace {

std::string BundleHelp() {
  return "usage: rds-ca bundle --host HOST | --region REGION [--partition P] | --all [--partition P]\n"
         "\n"
         "Prints the CA certificates a database endpoint's server certificate chains to, as one PEM\n"
         "file for sslrootcert, PGSSLROOTCERT or NODE_EXTRA_CA_CERTS: the ones compiled into rds-ca\n"
         "(downloaded from AWS only where none is, as for China), each checked (a CA, not expired),\n"
         "and those of RDS_CA_EXTRA_CERTS. Where AWS publishes no RDS CA (the European Sovereign\n"
         "Cloud, the ISO partitions), RDS_CA_BUNDLE_URL or RDS_CA_EXTRA_CERTS must supply it.\n"
         "Each certificate is preceded by one comment line:\n"
         "  # <subject> | not after <YYYY-MM-DD> | sha256 <hex>\n"
         "\n"
         "  --host HOST      an RDS, Aurora or RDS Proxy endpoint name of any AWS partition: its\n"
         "                   region's roots (for a CNAME of one, set RDS_CA_REGION=REGION)\n"
         "  --region REGION  a region code such as us-east-1: that region's roots\n"
         "  --all            every region's roots of the partition\n"
         "  --partition P    with --region or --all (default: the region's partition; aws with --all),\n"
         "                   one of " + PartitionIds() + "\n"
         "\n"
         "Environment: RDS_CA_REGION, RDS_CA_SOURCE (auto, embedded, download), RDS_CA_BUNDLE_URL,\n"
         "RDS_CA_BUNDLE_SHA256 (a mirror and its pin), RDS_CA_EXTRA_CERTS (PEM text or a file), as for\n"
         "the buildpack.\n"
         "\n"
         "Example:\n"
         "  rds-ca bundle --host my-rds-instance.us-east-1.rds.amazonaws.com > /etc/rds-ca/bundle.pem\n";
}

Endpoint HostEndpoint(const std::string& host, const Env& env) {
  Endpoint e = ClassifyEndpoint(host, RegionOverride(env));
  if (e.trust != Trust::kNone) return e;
  if (!e.hint.empty()) throw Failure(e.hint);
  throw Failure(e.host + " is not an AWS database endpoint name: for a CNAME of one, set RDS_CA_REGION to " +
                "its region, or use --region REGION");
}

Partition PartitionOption(std::string_view command, const cli::ParsedArgs& parsed) {
  const auto name = parsed.Get("--partition");
  if (!name) return {};
  if (parsed.Has("--host")) {
    throw UsageError("--partition goes with --region or --all (a host names its own partition): run rds-ca " +
                     std::string(command) + " --help");
  }
  const Partition p = PartitionFromName(*name);
  if (p.none()) throw UsageError("--partition '" + *name + "' is not one of " + PartitionIds());
  return p;
}

Endpoint RegionEndpoint(const std::string& region, Partition partition) {
  Endpoint e;
  try {
    e = EndpointForRegion(region);
  } catch (const Failure& f) {
    throw UsageError("--region " + std::string(f.what()));
  }
  if (!partition.none() && partition != e.partition) {
    throw UsageError("region " + e.region + " is in partition " + std::string(PartitionName(e.partition)) +
                     ", not " + std::string(PartitionName(partition)) + ": drop --partition or fix the region");
  }
  return e;
}

/// Adds RDS_CA_EXTRA_CERTS (validated) to `sel`, as staging adds them to the trust store: they
/// supply the CA of a partition that AWS publishes none for, and then `problem` is only a warning.
void AddExtraCertificates(CaSelection& sel, const CaConfig& config, std::int64_t now) {
  TrustSet extra = ValidateTrustSet(ExtraCertificates(config, {}, "."), now);
  sel.warnings.insert(sel.warnings.end(), extra.warnings.begin(), extra.warnings.end());
  if (extra.certs.empty()) return;
  if (!sel.problem.empty()) sel.warnings.push_back(std::exchange(sel.problem, {}));
  sel.source = sel.certs.empty() ? "extra certificates" : sel.source + ", extra certificates";
  sel.certs.insert(sel.certs.end(), extra.certs.begin(), extra.certs.end());
  sel.certs = ValidateTrustSet(std::move(sel.certs), now).certs;  // already valid: this sorts and dedupes
}

CaContext ContextFor(const CliContext& context) {
  CaContext ca;
  ca.buildpack_dir = context.exe_dir.parent_path();
  ca.manifest = LoadManifest(ca.buildpack_dir);
  ca.fetch = context.fetch;
  ca.now = context.now;
  return ca;
}

}  // namespace

CliContext ProcessContext() {
  return {fs::ExecutableDir(nullptr), static_cast<std::int64_t>(std::time(nullptr)), Download};
}

BundleChoice ChooseBundle(std::string_view command, const cli::ParsedArgs& parsed, Io io, const CliContext& context) {
  cli::RequireOneOf(command, parsed, {"--host", "--region", "--all"});
  const Partition partition = PartitionOption(command, parsed);
  BundleChoice choice;
  if (const auto host = parsed.Get("--host")) {
    choice.endpoint = HostEndpoint(*host, io.env);
    choice.label = choice.endpoint.host;
  } else if (const auto region = parsed.Get("--region")) {
    choice.endpoint = RegionEndpoint(*region, partition);
    choice.label = "region " + choice.endpoint.region;
  } else {
    choice.endpoint = EndpointForRegion("", partition);
    choice.label = "every region of partition " + std::string(PartitionName(choice.endpoint.partition));
  }
  const CaConfig config = ReadCaConfig(io.env);
  choice.selection = SelectCas(choice.endpoint, config, ContextFor(context));
  AddExtraCertificates(choice.selection, config, context.now);
  for (const auto& w : choice.selection.warnings) io.err << "rds-ca " << command << ": WARNING: " << w << '\n';
  if (!choice.selection.problem.empty()) throw Failure(choice.selection.problem);
  if (choice.selection.certs.empty()) throw Failure("no valid CA certificate for " + choice.label);
  return choice;
}

std::string BundleText(const std::vector<Certificate>& certs) {
  std::string out;
  for (const auto& c : certs) {
    out += "# " + c.subject + " | not after " + FormatDate(c.not_after) + " | sha256 " + c.sha256 + "\n";
    out += c.pem;
  }
  return out;
}

int RunBundleWith(const std::vector<std::string>& args, Io io, const CliContext& context) {
  const cli::ParsedArgs parsed = cli::ParseArgs(
      "bundle", args, {{"--host"}, {"--region"}, {"--partition"}, {"--all", false}});
  if (parsed.help) {
    io.out << BundleHelp();
    return 0;
  }
  io.out << BundleText(ChooseBundle("bundle", parsed, io, context).selection.certs);
  return 0;
}

int RunBundle(const std::vector<std::string>& args, Io io) { return RunBundleWith(args, io, ProcessContext()); }

}  // namespace rdsca
