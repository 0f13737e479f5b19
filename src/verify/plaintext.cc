#include "verify/plaintext.h"

#include "verify/mysql/mysql_plaintext.h"
#include "verify/postgres/pg_plaintext.h"

namespace rdsca {

std::string PlaintextUnknown(const std::string& why) {
  return "could not tell whether the server requires TLS: " + why;
}

PlaintextResult CheckPlaintext(const PlaintextOptions& options) {
  switch (options.server.engine->Id()) {
    case EngineId::kPostgres: return PostgresPlaintext(options);
    case EngineId::kMysql: return MysqlPlaintext(options);
  }
  PlaintextResult r;
  r.user = options.user;
  r.user_source = options.user_source;
  r.message = PlaintextUnknown("no plaintext check for " + std::string(options.server.engine->Name()) + " yet");
  return r;
}

std::string RequireTlsFix(EngineId engine) {
  switch (engine) {
    case EngineId::kPostgres:
      return "set rds.force_ssl=1 in the DB parameter group (a server of your own: \"hostnossl all all all "
             "reject\" in pg_hba.conf)";
    case EngineId::kMysql:
      return "set require_secure_transport=ON in the DB parameter group (a server of your own: "
             "require_secure_transport=ON under [mysqld])";
  }
  return "make the server require TLS";
}

std::string_view DefaultCheckUser(EngineId engine) {
  switch (engine) {
    case EngineId::kPostgres: return "postgres";
    case EngineId::kMysql: return "admin";
  }
  return "";
}

std::string_view PlaintextVerdictName(PlaintextVerdict verdict) {
  switch (verdict) {
    case PlaintextVerdict::kRefused: return "refused";
    case PlaintextVerdict::kAccepted: return "accepted";
    case PlaintextVerdict::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string PlaintextText(const PlaintextResult& r) {
  const std::string who = "for user \"" + r.user + "\" (" + r.user_source + ")";
  switch (r.verdict) {
    case PlaintextVerdict::kRefused: return "refused " + who + ": " + r.answer;
    case PlaintextVerdict::kAccepted: return "ACCEPTED " + who + ": " + r.answer + (r.logged_in ? "" : ", no password sent");
    case PlaintextVerdict::kUnknown: break;
  }
  return "unknown " + who + ": " + r.message;
}

}  // namespace rdsca
