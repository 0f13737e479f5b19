#include "probe_cert.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <ctime>

#include "ossl.h"

namespace rdsca {

namespace {

using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, ossl::Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

std::string OneLine(const X509_NAME* name) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  const unsigned long flags = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_QUOTE |
                              ASN1_STRFLGS_UTF8_CONVERT | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN |
                              XN_FLAG_DUMP_UNKNOWN_FIELDS;
  X509_NAME_print_ex(bio.get(), name, 0, flags);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string Utf8(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, s);
  ossl::OsslBytesPtr owned(utf8);
  return n > 0 ? std::string(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n)) : "";
}

std::string CommonName(const X509_NAME* name) {
  int last = -1;
  for (int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, NID_commonName, i)) {
    last = i;
  }
  return last < 0 ? "" : Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last)));
}

std::int64_t Epoch(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string IpText(const ASN1_OCTET_STRING* ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  const int len = ASN1_STRING_length(ip);
  const unsigned char* data = ASN1_STRING_get0_data(ip);
  if (len == 4) inet_ntop(AF_INET, data, buf, sizeof buf);
  if (len == 16) inet_ntop(AF_INET6, data, buf, sizeof buf);
  return buf;
}

std::vector<std::string> AltNames(X509* x) {
  std::vector<std::string> out;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* g = sk_GENERAL_NAME_value(names.get(), i);
    if (g->type == GEN_DNS) out.push_back(Utf8(g->d.dNSName));
    if (g->type == GEN_IPADD) out.push_back(IpText(g->d.iPAddress));
  }
  return out;
}

std::string Sha256(X509* x) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(x, EVP_sha256(), md, &len) != 1) return "";
  std::string hex;
  char two[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(two, sizeof two, "%02x", md[i]);
    hex += two;
  }
  return hex;
}

}  // namespace

CertSummary Summarize(X509* x) {
  CertSummary c;
  c.subject = OneLine(X509_get_subject_name(x));
  c.issuer = OneLine(X509_get_issuer_name(x));
  c.cn = CommonName(X509_get_subject_name(x));
  c.names = AltNames(x);
  c.not_before = Epoch(X509_get0_notBefore(x));
  c.not_after = Epoch(X509_get0_notAfter(x));
  c.sha256 = Sha256(x);
  return c;
}

std::string IssuerName(X509* x) {
  const std::string cn = CommonName(X509_get_issuer_name(x));
  return cn.empty() ? OneLine(X509_get_issuer_name(x)) : cn;
}

bool IsIpLiteral(const std::string& host) {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

bool NamesHost(X509* x, const std::string& host) {
  if (IsIpLiteral(host)) return X509_check_ip_asc(x, host.c_str(), 0) == 1;
  return X509_check_host(x, host.c_str(), host.size(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr) == 1;
}

}  // namespace rdsca
