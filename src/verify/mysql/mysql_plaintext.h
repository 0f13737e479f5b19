#pragma once
// MySQL's plaintext check (verify/plaintext.h). A MySQL client sends its user name and its
// authentication response in the packet that answers the greeting, before the server says
// whether it takes a client without TLS, so a plaintext attempt would put a login on the wire
// in clear. This check never does: it logs in over TLS verified against the CA file (chain and
// host name, whatever the mode) with the binding's credentials, and reads the server's
// require_secure_transport, the setting that refuses every TCP client without TLS (RDS's
// parameter of that name; MySQL then answers error 3159, MariaDB 1045).
#include "verify/plaintext.h"

namespace rdsca {

/// The check for a MySQL-family server. Without a password in `options.url` it cannot log in
/// and says so (kUnknown); a login or TLS failure is kUnknown too, with the reason.
PlaintextResult MysqlPlaintext(const PlaintextOptions& options);

}  // namespace rdsca
