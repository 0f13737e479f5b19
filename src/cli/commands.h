#pragma once
// The rds-ca subcommands for Kubernetes, plain hosts and local development: bundle, url, k8s
// and env (the `verify` one is cli/verify_cmd.h). Each RunX has the command table's signature:
// it writes its result to io.out, warnings to io.err, returns the exit status, and throws
// UsageError (exit 2) or Failure (exit 1) with one line that main prefixes with "rds-ca <cmd>: ".
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ca/ca_select.h"
#include "cli/args.h"
#include "ca/download.h"
#include "ca/endpoint.h"
#include "staging/entry.h"
#include "ca/x509.h"

namespace rdsca {

/// What the commands take from the process, injected by tests.
struct CliContext {
  std::filesystem::path exe_dir;  ///< the directory of the running rds-ca (manifest.yml, deps/IDX/bin)
  std::int64_t now = 0;           ///< seconds since the epoch: certificates are checked at this time
  Fetcher fetch = Download;       ///< how bundles are downloaded (only when none is embedded)
};

/// The running process's context: its own directory, the clock, real downloads.
CliContext ProcessContext();

/// `rds-ca bundle --host H | --region R [--partition P] | --all [--partition P]`.
int RunBundle(const std::vector<std::string>& args, Io io);
/// RunBundle with an injected context.
int RunBundleWith(const std::vector<std::string>& args, Io io, const CliContext& context);

/// `rds-ca url URL|- [--root PATH] [--mode MODE]`: no context; with `-` the URL comes from io.in.
int RunUrl(const std::vector<std::string>& args, Io io);

/// The URL `rds-ca url -` reads from `in`: one line, its newline (or CRLF) stripped. Throws
/// UsageError, never repeating the input, when `in` is null or gives no URL, more than one line,
/// or a line over 128 KiB (read no further than that).
std::string ReadUrlLine(std::istream* in);

/// `rds-ca k8s --host H [--name NAME] [--namespace NS] [--mount-path DIR] [--container C] [--only WHAT]`.
int RunK8s(const std::vector<std::string>& args, Io io);
/// RunK8s with an injected context.
int RunK8sWith(const std::vector<std::string>& args, Io io, const CliContext& context);

/// `rds-ca env [--format shell|dotenv|json] [--vcap FILE] [--deps-dir DIR] [--idx IDX]`.
int RunEnv(const std::vector<std::string>& args, Io io);
/// RunEnv with an injected context (exe_dir finds the buildpack index inside a container).
int RunEnvWith(const std::vector<std::string>& args, Io io, const CliContext& context);

// --- shared by bundle and k8s (cli/bundle_cmd.cc)

/// The CA set for one selector, with a label for comments ("host H", "region R", "partition P").
struct BundleChoice {
  Endpoint endpoint;
  std::string label;
  CaSelection selection;
};

/// Picks the endpoint from --host/--region/--partition/--all (exactly one of --host, --region,
/// --all) and selects its validated CAs through SelectCas (RDS_CA_* settings from io.env).
/// Throws UsageError for a wrong combination or value, Failure when the host is not an AWS
/// database endpoint or no valid CA can be had. Warnings go to io.err as
/// "rds-ca <command>: WARNING: ...".
BundleChoice ChooseBundle(std::string_view command, const cli::ParsedArgs& parsed, Io io,
                          const CliContext& context);

/// The PEM text: per certificate one line `# <subject> | not after <YYYY-MM-DD> | sha256 <hex>`
/// and then its PEM block.
std::string BundleText(const std::vector<Certificate>& certs);

/// `rds-ca url`'s rewrite of `url` (postgres://, postgresql:// or jdbc:postgresql://): sslmode
/// set to `mode` and sslrootcert to `root` (each in place when present, appended when not, later
/// duplicates removed), every other byte as it was. Throws UsageError for a URL that is not
/// PostgreSQL or does not parse (never repeating the URL), a bad mode, or an empty root.
std::string RewriteUrl(std::string_view url, std::string_view mode, std::string_view root);

}  // namespace rdsca
