// Fuzz target: PEM and PEM-armored PKCS#7 reading (x509.cc, trust_store.cc). Properties: no
// crash or sanitizer report; every error and warning one line; each certificate read back from
// its own PEM is the same certificate; the trust set is sorted and without duplicates; the
// trust-store reader and hashed names agree with the parser; the Java store can be written; and
// the platform-store reader never rejects a file, whatever it holds.
#include <filesystem>
#include <set>

#include "base/error.h"
#include "fuzz_util.h"
#include "truststore/java_trust_store.h"
#include "truststore/trust_store.h"
#include "ca/x509.h"

namespace {

using rdsca::fuzz::Check;
using rdsca::fuzz::CheckOneLine;

constexpr std::int64_t kNow = 1790000000;  // 2026-09-21

/// A scratch file for the platform-store reader, made once per process.
std::filesystem::path ScratchFile() {
  static const rdsca::fuzz::ScratchDir dir("rdsca-pem-fuzz");
  return dir.path() / "ca-certificates.crt";
}

void CheckCertificate(const rdsca::Certificate& c) {
  Check(c.sha256 == rdsca::Sha256Hex(c.der), "sha256 is the DER's", c.subject);
  CheckOneLine(c.subject.empty() ? "(empty)" : c.subject);
  CheckOneLine(c.issuer.empty() ? "(empty)" : c.issuer);
  const auto again = rdsca::ParseCertificates(c.pem, "its own PEM");
  Check(again.size() == 1 && again[0].der == c.der && again[0].subject == c.subject,
        "a certificate read back from its PEM is the same", c.pem);
}

void CheckTrustSet(const std::vector<rdsca::Certificate>& certs) {
  const rdsca::TrustSet set = rdsca::ValidateTrustSet(certs, kNow);
  for (const auto& w : set.warnings) CheckOneLine(w);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < set.certs.size(); ++i) {
    Check(seen.insert(set.certs[i].sha256).second, "the trust set has no duplicate");
    Check(set.certs[i].is_ca && set.certs[i].not_before <= kNow && kNow <= set.certs[i].not_after,
          "the trust set holds only CAs valid now");
    if (i > 0) {
      const auto& a = set.certs[i - 1];
      const auto& b = set.certs[i];
      Check(a.subject < b.subject || (a.subject == b.subject && a.sha256 < b.sha256), "the trust set is sorted");
    }
  }
  Check(set.certs.size() + set.warnings.size() >= seen.size(), "every certificate is kept or warned about");
}

void CheckStore(std::string_view text, const std::vector<rdsca::Certificate>& certs) {
  const auto store = rdsca::ParsePemCertificates(text, "fuzz");
  Check(store.size() == certs.size(), "the trust store reads what the parser reads");
  const auto unique = rdsca::UniqueCertificates(store);
  const auto names = rdsca::HashedNames(unique);
  Check(std::set<std::string>(names.begin(), names.end()).size() == names.size(), "hashed names are unique");
  if (unique.size() <= 4) Check(!rdsca::JavaTrustStore(unique).empty(), "the Java trust store is written");
}

void CheckSystemReader(std::string_view text) {
  rdsca::fuzz::WriteScratch(ScratchFile(), text);
  rdsca::SystemCertificates system;
  try {
    system = rdsca::ReadSystemCertificates(ScratchFile(), "");
  } catch (const rdsca::Failure& e) {
    rdsca::fuzz::Violated("the platform-store reader never rejects a file", e.what());
  }
  for (const auto& note : system.notes) CheckOneLine(note);
}

}  // namespace

RDSCA_FUZZ_TARGET(pem) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSystemReader(text);
  std::vector<rdsca::Certificate> certs;
  try {
    certs = rdsca::ParseCertificates(text, "fuzz");
  } catch (const rdsca::Failure& e) {
    CheckOneLine(e.what());
    return 0;
  }
  for (const auto& c : certs) CheckCertificate(c);
  CheckTrustSet(certs);
  CheckStore(text, certs);
  return 0;
}
