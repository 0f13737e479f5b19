#include "ca/embedded_ca.h"

#include "base/error.h"

namespace rdsca {

namespace {

struct FileRole {
  std::string_view file;
  std::string_view partition;  ///< a partition id of data/aws-partitions.json; empty: every partition
  Trust trust;
};

// What each data/*.pem serves (data/PROVENANCE.md). data/rds-partitions.json says "rds_ca":
// "embedded" for exactly the partitions named here (embedded_ca_test checks).
constexpr FileRole kRoles[] = {
    {"global-bundle.pem", "aws", Trust::kRds},
    {"us-gov-roots.pem", "aws-us-gov", Trust::kRds},
    {"rds-proxy-amazon-trust-roots.pem", "", Trust::kAmazonTrustServices},
};

bool IsPem(std::string_view name) { return name.size() > 4 && name.substr(name.size() - 4) == ".pem"; }

/// The partition and trust of data file `name`. Throws for a file no kRoles entry names.
const FileRole& RoleOf(std::string_view name) {
  for (const auto& r : kRoles) {
    if (r.file == name) return r;
  }
  throw Failure("embedded " + std::string(name) +
                " has no partition and trust in src/ca/embedded_ca.cc: add it to kRoles and rebuild");
}

std::string SourceOf(std::string_view file) { return "embedded " + std::string(file); }

std::vector<EmbeddedStub> ReadStubs() {
  std::vector<EmbeddedStub> out;
  for (std::string_view name : EmbeddedFileNames()) {
    if (!IsPem(name)) continue;
    const FileRole& role = RoleOf(name);
    const Partition partition = PartitionFromName(role.partition);
    if (partition.none() && !role.partition.empty()) {
      throw Failure("kRoles in src/ca/embedded_ca.cc names partition " + std::string(role.partition) +
                    ", which data/aws-partitions.json does not have: fix it and rebuild");
    }
    for (auto& stub : ReadCertificateStubs(*EmbeddedFile(name), SourceOf(name))) {
      out.push_back({role.file, std::move(stub), partition, role.trust});
    }
  }
  return out;
}

}  // namespace

std::optional<std::string_view> EmbeddedFile(std::string_view name) {
  for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
    const auto& f = embedded::kFiles[i];
    if (name == f.name) return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
  }
  return std::nullopt;
}

std::vector<std::string_view> EmbeddedFileNames() {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < embedded::kFileCount; ++i) names.emplace_back(embedded::kFiles[i].name);
  return names;
}

const std::vector<EmbeddedStub>& EmbeddedStubs() {
  static const std::vector<EmbeddedStub> stubs = ReadStubs();
  return stubs;
}

Certificate ParseEmbedded(const EmbeddedStub& stub) {
  return ParseDerCertificate(stub.stub.der, SourceOf(stub.file), stub.stub.index);
}

}  // namespace rdsca
