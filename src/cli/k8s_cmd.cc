// rds-ca k8s: seed 000's Kubernetes steps as YAML: a ConfigMap holding an endpoint's CA bundle
// and a strategic-merge patch that mounts it into a Deployment's container.
#include <algorithm>
#include <cctype>
#include <ostream>

#include <yaml-cpp/yaml.h>

#include "cli/commands.h"
#include "base/error.h"

namespace rdsca {

namespace {

constexpr const char* kK8sHelp =
    "usage: rds-ca k8s --host HOST [--name NAME] [--namespace NS] [--mount-path DIR]\n"
    "                  [--container C] [--only configmap|patch]\n"
    "\n"
    "Prints two YAML documents for Kubernetes: a ConfigMap NAME whose key bundle.pem holds the CA\n"
    "certificates of HOST (as rds-ca bundle prints them), then, after ---, a strategic-merge patch\n"
    "for a Deployment that adds the volume NAME and mounts it read-only at DIR in container C.\n"
    "A comment line in the patch names the sslrootcert path to use: DIR/bundle.pem.\n"
    "\n"
    "  --host HOST        the database endpoint (or --region R / --all, --partition P: see\n"
    "                     rds-ca bundle --help)\n"
    "  --name NAME        the ConfigMap and volume name (default rds-ca)\n"
    "  --namespace NS     the ConfigMap's namespace: the Deployment's (default: kubectl's current)\n"
    "  --mount-path DIR   where the container sees the bundle (default /etc/rds-ca; a volume hides\n"
    "                     what the image has in DIR)\n"
    "  --container C      the Deployment's container that mounts it (default NAME): a strategic\n"
    "                     merge matches containers by name, so give your container's\n"
    "  --only WHAT        print only the configmap or only the patch\n"
    "\n"
    "Example:\n"
    "  rds-ca k8s --host my-rds-instance.us-east-1.rds.amazonaws.com --container my-container --only configmap \\\n"
    "    | kubectl apply -f -\n"
    "  kubectl patch deployment my-deployment --patch \"$(rds-ca k8s --host my-rds-instance.us-east-1.rds.amazonaws.com \\\n"
    "    --container my-container --only patch)\"\n";

constexpr const char* kBundleKey = "bundle.pem";

/// Kubernetes' DNS-1123 label: names of ConfigMap volumes, containers and namespaces.
void CheckLabel(const std::string& option, const std::string& value) {
  const bool ok = value.size() <= 63 && std::isalnum(static_cast<unsigned char>(value.front())) &&
                  std::isalnum(static_cast<unsigned char>(value.back())) &&
                  std::all_of(value.begin(), value.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (!ok) {
    throw UsageError(option + " '" + value + "' is not a Kubernetes name: use at most 63 lower-case letters, " +
                     "digits and '-', starting and ending with a letter or digit");
  }
}

std::string MountPath(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const bool dotdot = ("/" + dir + "/").find("/../") != std::string::npos;
  if (dir.empty() || dir.front() != '/' || dir == "/" || dotdot || dir.find(':') != std::string::npos) {
    throw UsageError("--mount-path '" + dir + "' is not a directory a volume can be mounted at: give an absolute " +
                     "path without ':' or '..', such as /etc/rds-ca");
  }
  return dir;
}

/// A string scalar, quoted where a plain one would read as something else in YAML 1.1 or 1.2
/// (yaml-cpp 0.7 writes "on", "123" or "2061-05-22" plain).
void Str(YAML::Emitter& out, const std::string& s) {
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kWords[] = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"};
  const bool word = std::find(std::begin(kWords), std::end(kWords), lower) != std::end(kWords);
  const bool numeric = !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) ||
                                      std::string_view("-+.~").find(s[0]) != std::string_view::npos);
  if (s.empty() || word || numeric) out << YAML::DoubleQuoted;
  out << s;
}

void KeyStr(YAML::Emitter& out, const char* key, const std::string& value) {
  out << YAML::Key << key << YAML::Value;
  Str(out, value);
}

struct K8sSpec {
  std::string name, ns, container, dir;
};

std::string ConfigMapYaml(const K8sSpec& k, const BundleChoice& b) {
  YAML::Emitter out;
  out << YAML::Comment("ConfigMap " + k.name + ": " + std::to_string(b.selection.certs.size()) +
                       " CA certificates for " + b.label + " (" + b.selection.source + "), from rds-ca k8s");
  out << YAML::BeginMap;
  KeyStr(out, "apiVersion", "v1");
  KeyStr(out, "kind", "ConfigMap");
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  KeyStr(out, "name", k.name);
  if (!k.ns.empty()) KeyStr(out, "namespace", k.ns);
  out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
  KeyStr(out, "rds-ca/for", b.label);
  KeyStr(out, "rds-ca/earliest-expiry", FormatDate(EarliestExpiry(b.selection.certs)));
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "data" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << kBundleKey << YAML::Value << YAML::Literal << BundleText(b.selection.certs);
  out << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string PatchYaml(const K8sSpec& k) {
  const std::string root = k.dir + "/" + kBundleKey;
  YAML::Emitter out;
  out << YAML::Comment("Deployment patch (strategic merge): mounts ConfigMap " + k.name + " at " + k.dir +
                       " in container " + k.container + "; use sslrootcert=" + root +
                       " (rds-ca url URL --root " + root + ") or PGSSLROOTCERT=" + root);
  out << YAML::BeginMap << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  KeyStr(out, "name", k.container);
  out << YAML::Key << "volumeMounts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  KeyStr(out, "name", k.name);
  KeyStr(out, "mountPath", k.dir);
  out << YAML::Key << "readOnly" << YAML::Value << true;
  out << YAML::EndMap << YAML::EndSeq << YAML::EndMap << YAML::EndSeq;
  out << YAML::Key << "volumes" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  KeyStr(out, "name", k.name);
  out << YAML::Key << "configMap" << YAML::Value << YAML::BeginMap;
  KeyStr(out, "name", k.name);
  out << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
  out << YAML::EndMap << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

K8sSpec SpecFrom(const cli::ParsedArgs& parsed) {
  K8sSpec k{parsed.GetOr("--name", "rds-ca"), parsed.GetOr("--namespace", ""), "", ""};
  k.container = parsed.GetOr("--container", k.name);
  CheckLabel("--name", k.name);
  if (!k.ns.empty()) CheckLabel("--namespace", k.ns);
  CheckLabel("--container", k.container);
  k.dir = MountPath(parsed.GetOr("--mount-path", "/etc/rds-ca"));
  return k;
}

}  // namespace

int RunK8sWith(const std::vector<std::string>& args, Io io, const CliContext& context) {
  const cli::ParsedArgs parsed = cli::ParseArgs(
      "k8s", args,
      {{"--host"}, {"--region"}, {"--partition"}, {"--all", false}, {"--name"}, {"--namespace"},
       {"--mount-path"}, {"--container"}, {"--only"}});
  if (parsed.help) {
    io.out << kK8sHelp;
    return 0;
  }
  const std::string only = parsed.GetOr("--only", "");
  if (!only.empty() && only != "configmap" && only != "patch") {
    throw UsageError("--only '" + only + "' is not configmap or patch");
  }
  const K8sSpec spec = SpecFrom(parsed);
  std::string text;
  if (only != "patch") text += ConfigMapYaml(spec, ChooseBundle("k8s", parsed, io, context));
  if (only.empty()) text += "---\n";
  if (only != "configmap") text += PatchYaml(spec);
  io.out << text;
  return 0;
}

int RunK8s(const std::vector<std::string>& args, Io io) { return RunK8sWith(args, io, ProcessContext()); }

}  // namespace rdsca
