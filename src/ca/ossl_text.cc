#include "ca/ossl_text.h"

#include <ctime>

#include "ca/ossl.h"

namespace rdsca::ossl {

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string NameOneLine(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  const unsigned long flags = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_QUOTE |
                              ASN1_STRFLGS_UTF8_CONVERT | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN |
                              XN_FLAG_DUMP_UNKNOWN_FIELDS;
  X509_NAME_print_ex(bio.get(), name, 0, flags);
  return BioText(bio.get());
}

std::string Utf8(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, s);
  OsslBytesPtr owned(utf8);
  return n > 0 ? std::string(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n)) : "";
}

std::string NameCommonName(const X509_NAME* name) {
  int last = -1;
  for (int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, NID_commonName, i)) {
    last = i;
  }
  return last < 0 ? "" : Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last)));
}

std::optional<std::int64_t> EpochOf(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string HexLower(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kHex[bytes[i] >> 4];
    hex += kHex[bytes[i] & 15];
  }
  return hex;
}

}  // namespace rdsca::ossl
