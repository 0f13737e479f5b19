#!/usr/bin/env bash
# run.sh CLIENT: runs one PostgreSQL test client with the current environment only, and prints
# what it prints: the `ssl` column of pg_stat_ssl for its own session ("t"/"true"), or an error
# on stderr with a non-zero status. Run install.sh first.
#   psql      psql, DATABASE_URL
#   go        Go lib/pq the Stratos way: VCAP_SERVICES discrete fields + DB_SSL_MODE, no sslrootcert
#   python    psycopg2 (Debian's libpq), DATABASE_URL
#   psycopg3  psycopg 3 (psycopg[binary]: its own libpq), DATABASE_URL
#   asyncpg   asyncpg, DATABASE_URL
#   pgx       Go pgx v5, DATABASE_URL
#   node      node-postgres, DATABASE_URL
#   java      pgjdbc, JDBC_DATABASE_URL (+ _USERNAME, _PASSWORD)
#   java-jvm  pgjdbc with DefaultJavaSSLFactory and no sslrootcert: the JVM trust store only
# MySQL/MariaDB clients (tests/integration/mysql_test.sh), each printing its session's Ssl_cipher:
#   mariadb       the MariaDB CLI with no TLS flag: $MYSQL_HOME/my.cnf
#   go-mysql      go-sql-driver/mysql the Stratos way: discrete fields + tls=$DB_SSL_MODE
#   ruby-mysql2   ActiveRecord + mysql2 (Debian's 0.5.3) from DATABASE_URL, as Rails passes it
#   python-pymysql  PyMySQL through SQLAlchemy, DATABASE_URL + the README's one line
#   python-mysqlclient  mysqlclient (MySQLdb) through SQLAlchemy, DATABASE_URL + the README's one line
#   node-mysql2   node mysql2, DATABASE_URL + the README's one line
#   java-mariadb  MariaDB Connector/J, JDBC_DATABASE_URL (+ _USERNAME, _PASSWORD)
#   java-mariadb-jvm  the same without serverSslCert: the JVM trust store only
#   java-mysql8, java-mysql9  MySQL Connector/J 8.4 / 9, JDBC_DATABASE_URL as exported: the JVM
#                 trust store (JAVA_TOOL_OPTIONS)
#   java-mysql8-url, java-mysql9-url  the same with JAVA_TOOL_OPTIONS unset and the README's one
#                 line: the CA from the URL (trustCertificateKeyStoreUrl)
# `run.sh --list` prints the PostgreSQL client names, `--list-url` those of them that read only
# what the buildpack exports (not VCAP_SERVICES), `--list-mysql` the MySQL ones, and
# `run.sh --name CLIENT` the client's driver by package name and pinned version, for check lines.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
py=$here/bin/venv/bin/python
lib=$here/bin/java/lib
jar() { # ARTIFACT VERSION-PREFIX: the class path of the pinned jar
  local j; for j in "$lib/$1-$2"*.jar; do printf '%s' "$here/bin/java:$j"; return; done
}

# The pinned versions, read where they are pinned.
pip_pin() { sed -n "s/^$1\(\[[a-z]*\]\)\?==\([^ ]*\).*/\2/p" "$here/python/requirements.txt"; }
go_pin() { sed -n "s|^\s*$1 \(v[^ ]*\).*|\1|p" "$here/go/go.mod"; }
npm_pin() { sed -n "/\"node_modules\/$1\": {/,/}/s/.*\"version\": \"\([^\"]*\)\".*/\1/p" "$here/node/package-lock.json"; }
mvn_pin() { grep -A1 "<artifactId>$1</artifactId>" "$here/java/pom.xml" | sed -n "s|.*<version>\($2[^<]*\)</version>.*|\1|p"; }
deb_ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/^[0-9]*://; s/[-+~].*//'; }
name() {
  case "$1" in
    psql) echo "psql $(psql --version | awk '{print $3}')" ;;
    go) echo "lib/pq $(go_pin github.com/lib/pq) (Stratos's way)" ;;
    python) echo "psycopg2 $(pip_pin psycopg2)" ;;
    psycopg3) echo "psycopg $(pip_pin psycopg)" ;;
    asyncpg) echo "asyncpg $(pip_pin asyncpg)" ;;
    pgx) echo "pgx $(go_pin github.com/jackc/pgx/v5)" ;;
    node) echo "node-postgres pg $(npm_pin pg)" ;;
    java) echo "pgjdbc $(mvn_pin postgresql)" ;;
    java-jvm) echo "pgjdbc $(mvn_pin postgresql) (JVM trust store)" ;;
    mariadb) echo "mariadb CLI $(deb_ver mariadb-client) (my.cnf)" ;;
    go-mysql) echo "go-sql-driver/mysql $(go_pin github.com/go-sql-driver/mysql) (Stratos's way)" ;;
    ruby-mysql2) echo "mysql2 $(deb_ver ruby-mysql2) (Debian's ruby-mysql2, ActiveRecord)" ;;
    python-pymysql) echo "PyMySQL $(pip_pin pymysql) (SQLAlchemy $(pip_pin sqlalchemy))" ;;
    python-mysqlclient) echo "mysqlclient $(pip_pin mysqlclient) (SQLAlchemy $(pip_pin sqlalchemy))" ;;
    node-mysql2) echo "mysql2 $(npm_pin mysql2) (node)" ;;
    java-mariadb) echo "mariadb-java-client $(mvn_pin mariadb-java-client)" ;;
    java-mariadb-jvm) echo "mariadb-java-client $(mvn_pin mariadb-java-client) (JVM trust store)" ;;
    java-mysql8) echo "mysql-connector-j $(mvn_pin mysql-connector-j 8) (JVM trust store)" ;;
    java-mysql8-url) echo "mysql-connector-j $(mvn_pin mysql-connector-j 8) (CA from the URL)" ;;
    java-mysql9) echo "mysql-connector-j $(mvn_pin mysql-connector-j 9) (JVM trust store)" ;;
    java-mysql9-url) echo "mysql-connector-j $(mvn_pin mysql-connector-j 9) (CA from the URL)" ;;
    *) echo "$1" ;;
  esac
}

case "${1:-}" in
  --list) echo "psql go python psycopg3 asyncpg pgx node java java-jvm" ;;
  --list-url) echo "psql python psycopg3 asyncpg pgx node java java-jvm" ;;
  --list-mysql) echo "mariadb go-mysql ruby-mysql2 python-pymysql python-mysqlclient node-mysql2 java-mariadb java-mariadb-jvm java-mysql8 java-mysql8-url java-mysql9 java-mysql9-url" ;;
  --name) name "${2:?usage: run.sh --name CLIENT}" ;;
  mariadb) exec "$here/mariadb.sh" ;;
  go-mysql) exec "$here/bin/stratos-mysql" ;;
  ruby-mysql2) exec ruby "$here/ruby/mysql2_client.rb" ;;
  python-pymysql) exec "$py" "$here/python/pymysql_client.py" ;;
  python-mysqlclient) exec "$py" "$here/python/mysqlclient_client.py" ;;
  node-mysql2) exec node "$here/node/mysql2_client.js" ;;
  java-mariadb) exec java -cp "$(jar mariadb-java-client "")" MysqlJdbcClient url ;;
  java-mariadb-jvm) exec java -cp "$(jar mariadb-java-client "")" MysqlJdbcClient jvm ;;
  java-mysql8) exec java -cp "$(jar mysql-connector-j 8.)" MysqlJdbcClient url ;;
  java-mysql8-url) exec env -u JAVA_TOOL_OPTIONS java -cp "$(jar mysql-connector-j 8.)" MysqlJdbcClient keystore ;;
  java-mysql9) exec java -cp "$(jar mysql-connector-j 9.)" MysqlJdbcClient url ;;
  java-mysql9-url) exec env -u JAVA_TOOL_OPTIONS java -cp "$(jar mysql-connector-j 9.)" MysqlJdbcClient keystore ;;
  psql) exec "$here/psql.sh" ;;
  go) exec "$here/bin/stratos" ;;
  python) exec "$py" "$here/python/psycopg2_client.py" ;;
  psycopg3) exec "$py" "$here/python/psycopg3_client.py" ;;
  asyncpg) exec "$py" "$here/python/asyncpg_client.py" ;;
  pgx) exec "$here/bin/pgx" ;;
  node) exec node "$here/node/client.js" ;;
  java) exec java -cp "$(jar postgresql "")" JdbcClient url ;;
  java-jvm) exec java -cp "$(jar postgresql "")" JdbcClient jvm ;;
  *) echo "usage: run.sh CLIENT|--list|--list-url|--list-mysql|--name CLIENT (see the top of run.sh)" >&2; exit 2 ;;
esac
