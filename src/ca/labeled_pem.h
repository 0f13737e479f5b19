#pragma once
#include <string>

namespace rdsca {

/// A PEM text with where it came from, for error messages ("service console_db, credential
/// sslrootcert"; "RDS_CA_EXTRA_CERTS"; "embedded global-bundle.pem").
struct LabeledPem {
  std::string source;
  std::string pem;
};

}  // namespace rdsca
