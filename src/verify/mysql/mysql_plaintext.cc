#include "verify/mysql/mysql_plaintext.h"

#include <algorithm>
#include <chrono>

#include "base/error.h"
#include "db/mysql/mysql.h"
#include "verify/mysql/mysql_sql.h"

namespace rdsca {

PlaintextResult MysqlPlaintext(const PlaintextOptions& options) {
  PlaintextResult r;
  r.user = options.user;
  r.user_source = options.user_source;
  const ProbeOptions& o = options.server;
  Connection who;
  try {
    if (!options.url.empty()) who = Mysql().ParseUrl(options.url);
  } catch (const Failure&) {
  }
  if (who.password.empty()) {
    r.message = PlaintextUnknown("MySQL's check logs in over verified TLS to read require_secure_transport (a plaintext "
                        "attempt would send the login in clear), and there is no password: name a binding with "
                        "--service, or set DATABASE_URL");
    return r;
  }
  SqlCheckOptions login;
  login.url = options.url;
  login.host = o.host;
  login.port = o.port;
  login.mode = TlsMode::kVerifyFull;  // the password goes only to a server whose certificate names it
  login.ca_file = o.ca_file;
  login.timeout = std::max(std::chrono::seconds(2), std::chrono::ceil<std::chrono::seconds>(o.timeout));
  MysqlSslStatus status;
  try {
    status = ReadMysqlSslStatus(login);
  } catch (const Failure& e) {
    r.message = PlaintextUnknown("logging in over verified TLS to read require_secure_transport failed: " +
                                 std::string(e.what()));
    return r;
  }
  r.logged_in = true;
  const std::string& value = status.require_secure_transport;
  if (value == "ON") {
    r.verdict = PlaintextVerdict::kRefused;
    r.answer = "require_secure_transport is ON (read over verified TLS)";
  } else if (value == "OFF") {
    r.verdict = PlaintextVerdict::kAccepted;
    r.answer = "require_secure_transport is OFF (read over verified TLS)";
    r.message = "the server accepts connections without TLS: its require_secure_transport is OFF: " +
                RequireTlsFix(EngineId::kMysql);
  } else {
    r.answer = "no require_secure_transport";
    r.message = PlaintextUnknown("the server has no require_secure_transport (MySQL before 5.7.8, MariaDB before 10.5.2): " +
                        RequireTlsFix(EngineId::kMysql) + " after an upgrade, or require SSL per user (ALTER USER ... REQUIRE SSL)");
  }
  return r;
}

}  // namespace rdsca
