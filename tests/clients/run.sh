#!/usr/bin/env bash
# run.sh CLIENT: runs one PostgreSQL test client with the current environment only, and prints
# what it prints: the `ssl` column of pg_stat_ssl for its own session ("t"/"true"), or an error
# on stderr with a non-zero status. Run install.sh first.
#   psql      psql, DATABASE_URL
#   go        Go lib/pq the Stratos way: VCAP_SERVICES discrete fields + DB_SSL_MODE, no sslrootcert
#   python    psycopg2, DATABASE_URL
#   node      node-postgres, DATABASE_URL
#   java      pgjdbc, JDBC_DATABASE_URL (+ _USERNAME, _PASSWORD)
#   java-jvm  pgjdbc with DefaultJavaSSLFactory and no sslrootcert: the JVM trust store only
# MySQL/MariaDB clients (tests/integration/mysql_test.sh), each printing its session's Ssl_cipher:
#   mariadb       the MariaDB CLI with no TLS flag: $MYSQL_HOME/my.cnf
#   go-mysql      go-sql-driver/mysql the Stratos way: discrete fields + tls=$DB_SSL_MODE
#   ruby-mysql2   ActiveRecord + mysql2 (Debian's 0.5.3) from DATABASE_URL, as Rails passes it
#   python-pymysql  PyMySQL through SQLAlchemy, DATABASE_URL + the README's one line
#   node-mysql2   node mysql2, DATABASE_URL + the README's one line
#   java-mariadb  MariaDB Connector/J, JDBC_DATABASE_URL (+ _USERNAME, _PASSWORD)
#   java-mariadb-jvm  the same without serverSslCert: the JVM trust store only
# `run.sh --list` prints the PostgreSQL client names, `run.sh --list-mysql` the MySQL ones.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
case "${1:-}" in
  --list) echo "psql go python node java java-jvm" ;;
  --list-mysql) echo "mariadb go-mysql ruby-mysql2 python-pymysql node-mysql2 java-mariadb java-mariadb-jvm" ;;
  mariadb) exec "$here/mariadb.sh" ;;
  go-mysql) exec "$here/bin/stratos-mysql" ;;
  ruby-mysql2) exec ruby "$here/ruby/mysql2_client.rb" ;;
  python-pymysql) exec /usr/bin/python3 "$here/python/pymysql_client.py" ;;
  node-mysql2) exec node "$here/node/mysql2_client.js" ;;
  java-mariadb) exec java -cp "$here/bin/java:/usr/share/java/mariadb-java-client.jar" MariadbClient url ;;
  java-mariadb-jvm) exec java -cp "$here/bin/java:/usr/share/java/mariadb-java-client.jar" MariadbClient jvm ;;
  psql) exec "$here/psql.sh" ;;
  go) exec "$here/bin/stratos" ;;
  python) exec /usr/bin/python3 "$here/python/psycopg2_client.py" ;;
  node) exec node "$here/node/client.js" ;;
  java) exec java -cp "$here/bin/java:/usr/share/java/postgresql.jar" JdbcClient url ;;
  java-jvm) exec java -cp "$here/bin/java:/usr/share/java/postgresql.jar" JdbcClient jvm ;;
  *) echo "usage: run.sh CLIENT|--list|--list-mysql (see the top of run.sh)" >&2; exit 2 ;;
esac
