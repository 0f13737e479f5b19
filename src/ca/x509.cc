#include "ca/x509.h"

#include <openssl/pem.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "base/error.h"
#include "ca/ossl.h"
#include "ca/ossl_text.h"
#include "base/utc_time.h"

namespace rdsca {

namespace {

/// The source's error for certificate #index, one line.
[[noreturn]] void Broken(std::string_view source, int index, const std::string& reason) {
  throw Failure(std::string(source) + ": certificate #" + std::to_string(index) +
                " is not a valid X.509 certificate (" + reason +
                "): replace it with the PEM text of the CA certificate");
}

[[noreturn]] void NoCertificate(std::string_view source) {
  throw Failure(std::string(source) +
                " holds no PEM certificate: give CA certificates as -----BEGIN CERTIFICATE----- blocks");
}

using NamePtr = std::unique_ptr<X509_NAME, ossl::Deleter<X509_NAME, X509_NAME_free>>;

Certificate FromX509(X509* x, std::string_view source, int index) {
  Certificate c;
  c.source = std::string(source);
  c.index = index;
  unsigned char* der = nullptr;
  const int len = i2d_X509(x, &der);
  ossl::OsslBytesPtr owned(der);
  if (len <= 0) Broken(source, index, "cannot encode it: " + ossl::DrainErrors());
  c.der.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  ossl::BioPtr pem(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(pem.get(), x);
  c.pem = ossl::BioText(pem.get());
  c.subject = ossl::NameOneLine(X509_get_subject_name(x));
  c.issuer = ossl::NameOneLine(X509_get_issuer_name(x));
  c.cn = ossl::NameCommonName(X509_get_subject_name(x));
  c.subject_hash = X509_NAME_hash_ex(X509_get_subject_name(x), nullptr, nullptr, nullptr);
  const auto not_before = ossl::EpochOf(X509_get0_notBefore(x));
  const auto not_after = ossl::EpochOf(X509_get0_notAfter(x));
  if (!not_before || !not_after) Broken(source, index, "unreadable validity dates");
  c.not_before = *not_before;
  c.not_after = *not_after;
  c.sha256 = Sha256Hex(c.der);
  const uint32_t flags = X509_get_extension_flags(x);
  if (flags & EXFLAG_INVALID) Broken(source, index, "invalid extensions");
  c.is_ca = (flags & EXFLAG_CA) != 0;
  return c;
}

Certificate ParseDer(const unsigned char* data, long len, std::string_view source, int index) {
  const unsigned char* p = data;
  ossl::X509Ptr x(d2i_X509(nullptr, &p, len));
  if (!x) Broken(source, index, ossl::DrainErrors());
  if (p != data + len) Broken(source, index, "trailing bytes after the certificate");
  return FromX509(x.get(), source, index);
}

void ParsePkcs7Block(const unsigned char* data, long len, std::string_view source,
                     std::vector<Certificate>& out) {
  const int index = static_cast<int>(out.size()) + 1;
  const unsigned char* p = data;
  ossl::Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, len));
  if (!p7) Broken(source, index, "bad PKCS#7: " + ossl::DrainErrors());
  if (OBJ_obj2nid(p7->type) != NID_pkcs7_signed || p7->d.sign == nullptr) {
    Broken(source, index, "PKCS#7 of a type that carries no certificates");
  }
  STACK_OF(X509)* certs = p7->d.sign->cert;
  for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) {
    out.push_back(FromX509(sk_X509_value(certs, i), source, static_cast<int>(out.size()) + 1));
  }
}

std::size_t CountBeginLines(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = text.find("-----BEGIN "); pos != std::string_view::npos;
       pos = text.find("-----BEGIN ", pos + 1)) {
    ++n;
  }
  return n;
}

bool IsCertificateBlock(const std::string& kind) { return kind == "CERTIFICATE" || kind == "X509 CERTIFICATE"; }

/// Calls `block(kind, data, len, number)` for each PEM block of `text`, in order (number from
/// 1). A broken block throws Broken with `next_index()`, the number its certificate would have.
template <typename Block, typename NextIndex>
void ForEachPemBlock(std::string_view text, std::string_view source, Block block, NextIndex next_index) {
  ERR_clear_error();
  const std::string copy(text);
  ossl::BioPtr bio = ossl::MemoryBio(copy);
  std::size_t blocks = 0;
  for (;;) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    const int ok = PEM_read_bio(bio.get(), &name, &header, &data, &len);
    ossl::OsslStringPtr name_owned(name), header_owned(header);
    ossl::OsslBytesPtr data_owned(data);
    if (ok != 1) {
      const unsigned long err = ERR_peek_last_error();
      const bool at_end = ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
      const std::string reason = ossl::DrainErrors();
      if (!at_end) Broken(source, next_index(), "bad PEM: " + reason);
      break;
    }
    block(std::string(name), data, len, ++blocks);
  }
  if (blocks < CountBeginLines(text)) Broken(source, next_index(), "bad PEM: a BEGIN line without a readable block");
}

/// Reads one DER element off the front of `in` (definite length, one-byte tag): its tag, the
/// whole element and its content. False when the header is malformed or runs past the end.
bool NextElement(std::string_view& in, unsigned char& tag, std::string_view& whole, std::string_view& content) {
  if (in.size() < 2 || (static_cast<unsigned char>(in[0]) & 0x1f) == 0x1f) return false;
  tag = static_cast<unsigned char>(in[0]);
  std::size_t len = static_cast<unsigned char>(in[1]);
  std::size_t head = 2;
  if (len & 0x80) {
    const std::size_t n = len & 0x7f;
    if (n == 0 || n > 4 || in.size() < head + n) return false;
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(in[head + i]);
    head += n;
  }
  if (in.size() - head < len) return false;
  whole = in.substr(0, head + len);
  content = in.substr(head, len);
  in.remove_prefix(head + len);
  return true;
}

/// The subject Name element of a certificate's DER (RFC 5280: Certificate, TBSCertificate,
/// [0] version, serialNumber, signature, issuer, validity, subject); nothing when malformed.
std::optional<std::string_view> SubjectElement(std::string_view der) {
  unsigned char tag = 0;
  std::string_view whole, content;
  if (!NextElement(der, tag, whole, content) || tag != 0x30) return std::nullopt;
  std::string_view cert = content;
  if (!NextElement(cert, tag, whole, content) || tag != 0x30) return std::nullopt;
  std::string_view tbs = content;
  if (!NextElement(tbs, tag, whole, content)) return std::nullopt;
  if (tag == 0xa0 && !NextElement(tbs, tag, whole, content)) return std::nullopt;
  if (tag != 0x02) return std::nullopt;
  for (int field = 0; field < 4; ++field) {  // signature, issuer, validity, subject
    if (!NextElement(tbs, tag, whole, content) || tag != 0x30) return std::nullopt;
  }
  return whole;
}

}  // namespace

Certificate ParseDerCertificate(std::string_view der, std::string_view source, int index) {
  ERR_clear_error();
  return ParseDer(reinterpret_cast<const unsigned char*>(der.data()), static_cast<long>(der.size()), source, index);
}

std::vector<CertificateStub> ReadCertificateStubs(std::string_view text, std::string_view source) {
  std::vector<CertificateStub> out;
  const auto next_index = [&] { return static_cast<int>(out.size()) + 1; };
  ForEachPemBlock(
      text, source,
      [&](const std::string& kind, const unsigned char* data, long len, std::size_t number) {
        if (!IsCertificateBlock(kind)) {
          throw Failure(std::string(source) + ": PEM block #" + std::to_string(number) + " is a " + kind +
                        ", not a CERTIFICATE block: give each certificate as a -----BEGIN CERTIFICATE----- block");
        }
        CertificateStub stub{std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len)), "",
                             next_index()};
        const auto subject = SubjectElement(stub.der);
        const auto* p = subject ? reinterpret_cast<const unsigned char*>(subject->data()) : nullptr;
        NamePtr name(p ? d2i_X509_NAME(nullptr, &p, static_cast<long>(subject->size())) : nullptr);
        if (!name) Broken(source, stub.index, "unreadable subject");
        stub.cn = ossl::NameCommonName(name.get());
        out.push_back(std::move(stub));
      },
      next_index);
  if (out.empty()) NoCertificate(source);
  return out;
}

std::vector<Certificate> ParseCertificates(std::string_view text, std::string_view source) {
  std::vector<Certificate> out;
  const auto next_index = [&] { return static_cast<int>(out.size()) + 1; };
  ForEachPemBlock(
      text, source,
      [&](const std::string& kind, const unsigned char* data, long len, std::size_t number) {
        if (IsCertificateBlock(kind)) {
          out.push_back(ParseDer(data, len, source, next_index()));
        } else if (kind == "PKCS7" || kind == "PKCS #7 SIGNED DATA") {
          ParsePkcs7Block(data, len, source, out);
        } else {
          throw Failure(std::string(source) + ": PEM block #" + std::to_string(number) + " is a " + kind +
                        ", not a certificate: give only CA certificates (BEGIN CERTIFICATE or BEGIN PKCS7)");
        }
      },
      next_index);
  if (out.empty()) NoCertificate(source);
  return out;
}

std::string FormatTime(std::int64_t epoch_seconds) { return FormatUtc(epoch_seconds, "%Y-%m-%d %H:%M:%S UTC"); }

std::string FormatDate(std::int64_t epoch_seconds) { return FormatTime(epoch_seconds).substr(0, 10); }

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr);
  return ossl::HexLower(md, n);
}

void SortAndDedupe(std::vector<Certificate>& certs) {
  std::stable_sort(certs.begin(), certs.end(), [](const Certificate& a, const Certificate& b) {
    return a.subject != b.subject ? a.subject < b.subject : a.sha256 < b.sha256;
  });
  certs.erase(std::unique(certs.begin(), certs.end(),
                          [](const Certificate& a, const Certificate& b) { return a.sha256 == b.sha256; }),
              certs.end());
}

TrustSet ValidateTrustSet(std::vector<Certificate> certs, std::int64_t now) {
  TrustSet set;
  for (auto& c : certs) {
    const std::string who = "\"" + c.Name() + "\"";
    const std::string from = " from " + c.source + " #" + std::to_string(c.index);
    if (now > c.not_after) {
      set.warnings.push_back("skipped expired certificate " + who + " (not after " + FormatTime(c.not_after) +
                             ")" + from);
    } else if (now < c.not_before) {
      set.warnings.push_back("skipped certificate " + who + " that is not valid yet (not before " +
                             FormatTime(c.not_before) + ")" + from);
    } else if (!c.is_ca) {
      set.warnings.push_back("skipped certificate " + who + from +
                             ": it is not a CA (no basicConstraints CA:TRUE), so it cannot be a trust anchor");
    } else {
      set.certs.push_back(std::move(c));
    }
  }
  SortAndDedupe(set.certs);
  return set;
}

std::int64_t EarliestExpiry(const std::vector<Certificate>& certs) {
  std::int64_t earliest = 0;
  for (const auto& c : certs) {
    if (earliest == 0 || c.not_after < earliest) earliest = c.not_after;
  }
  return earliest;
}

}  // namespace rdsca
