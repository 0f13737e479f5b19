#pragma once
// MySQL, MariaDB and Aurora MySQL, the second engine (docs/engines.md): the mysql:// and
// jdbc:mysql:// codecs (mysql_url.h); ssl_mode names, read in every spelling clients use
// (MySQL's verify_identity, Stratos's true/skip-verify, libpq's verify-full); DATABASE_URL in
// the form of the platform and Rails (mysql2://, sslca, ssl_mode); a JDBC URL that MySQL
// Connector/J and MariaDB Connector/J both verify with; DB_SSL_MODE as Stratos accepts it for
// MySQL; and the [client] option file that the mysql/mariadb command line reads.
#include <string_view>

#include "db/engine.h"

namespace rdsca {

/// The MySQL engine (MySQL, MariaDB, Aurora MySQL).
const Engine& Mysql();

/// "disabled, preferred, required, verify_ca, verify_identity", the names DATABASE_URL uses.
inline constexpr const char* kMysqlSslModeList =
    "disabled, preferred, required, verify_ca, verify_identity (or Stratos's false, skip-verify, true, or "
    "libpq's disable, prefer, require, verify-ca, verify-full)";

/// The TLS mode of a Connector/J or MariaDB Connector/J parameter set (sslMode, useSSL/useSsl,
/// requireSSL, verifyServerCertificate, trustServerCertificate): "" when they name none.
/// `useSSL=true` alone names none (TLS on, nothing said about verification).
std::string JdbcTlsMode(const UrlParams& params);

}  // namespace rdsca
