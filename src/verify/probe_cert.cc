#include "verify/probe_cert.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "ca/ossl.h"
#include "ca/ossl_text.h"

namespace rdsca {

namespace {

using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, ossl::Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

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
    if (g->type == GEN_DNS) out.push_back(ossl::Utf8(g->d.dNSName));
    if (g->type == GEN_IPADD) out.push_back(IpText(g->d.iPAddress));
  }
  return out;
}

std::string Sha256(X509* x) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(x, EVP_sha256(), md, &len) != 1) return "";
  return ossl::HexLower(md, len);
}

}  // namespace

CertSummary Summarize(X509* x) {
  CertSummary c;
  c.subject = ossl::NameOneLine(X509_get_subject_name(x));
  c.issuer = ossl::NameOneLine(X509_get_issuer_name(x));
  c.cn = ossl::NameCommonName(X509_get_subject_name(x));
  c.names = AltNames(x);
  c.not_before = ossl::EpochOf(X509_get0_notBefore(x)).value_or(0);
  c.not_after = ossl::EpochOf(X509_get0_notAfter(x)).value_or(0);
  c.sha256 = Sha256(x);
  return c;
}

std::string IssuerName(X509* x) {
  const std::string cn = ossl::NameCommonName(X509_get_issuer_name(x));
  return cn.empty() ? ossl::NameOneLine(X509_get_issuer_name(x)) : cn;
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
