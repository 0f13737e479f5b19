#pragma once
// The certificate authorities compiled into rds-ca (data/*.pem, see data/PROVENANCE.md) and the
// buildpack's manifest.yml, embedded at build time by cmake/embed.cmake. rdsca_core only.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ca/endpoint.h"
#include "ca/x509.h"

namespace rdsca {

namespace embedded {
/// One compiled-in file, as cmake/embed.cmake writes it (data carries a NUL not counted in size).
struct RawFile {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};
/// The table the generated source defines.
extern const RawFile kFiles[];
/// How many entries kFiles has.
extern const std::size_t kFileCount;
}  // namespace embedded

/// A compiled-in file by name ("global-bundle.pem", "manifest.yml"); nothing when absent.
std::optional<std::string_view> EmbeddedFile(std::string_view name);

/// The names of every compiled-in file, in build order (data/*.pem sorted, then manifest.yml).
std::vector<std::string_view> EmbeddedFileNames();

/// An embedded certificate before parsing: enough to choose it (its CN was read without
/// decoding the certificate) and then parse it with ParseEmbedded. Expired ones are included:
/// callers validate at their own time.
struct EmbeddedStub {
  std::string_view file;  ///< the data file, e.g. "global-bundle.pem"
  CertificateStub stub;   ///< DER, subject CN, position in the file
  Partition partition;    ///< none for the Amazon Trust Services roots (every partition)
  Trust trust;
};

/// Every certificate of the embedded PEM files as stubs, in file order, read once. Throws
/// Failure naming a PEM file that no table entry maps to a partition and trust (a build with a
/// new data file and no code for it).
const std::vector<EmbeddedStub>& EmbeddedStubs();

/// The certificate of `stub`, parsed: the same as ParseCertificates gives for its file's entry.
Certificate ParseEmbedded(const EmbeddedStub& stub);

}  // namespace rdsca
