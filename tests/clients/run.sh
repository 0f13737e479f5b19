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
# `run.sh --list` prints the client names.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
case "${1:-}" in
  --list) echo "psql go python node java java-jvm" ;;
  psql) exec "$here/psql.sh" ;;
  go) exec "$here/bin/stratos" ;;
  python) exec /usr/bin/python3 "$here/python/psycopg2_client.py" ;;
  node) exec node "$here/node/client.js" ;;
  java) exec java -cp "$here/bin/java:/usr/share/java/postgresql.jar" JdbcClient url ;;
  java-jvm) exec java -cp "$here/bin/java:/usr/share/java/postgresql.jar" JdbcClient jvm ;;
  *) echo "usage: run.sh psql|go|python|node|java|java-jvm|--list" >&2; exit 2 ;;
esac
