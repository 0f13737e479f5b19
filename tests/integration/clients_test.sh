#!/usr/bin/env bash
# Real clients against a real TLS-only PostgreSQL (BRIEF section 3): tests/clients/run.sh --list
# (psql, Go lib/pq the Stratos way, psycopg2, psycopg 3, asyncpg, pgx v5, node-postgres, pgjdbc
# from sslrootcert and pgjdbc trusting only the JVM trust store).
# The server presents leaf + subordinate CA for an RDS-style name (resolved through a private
# /etc/hosts) under a test root shaped like an RDS root. The environment is set here by hand, the
# way the buildpack is specified to export it, over a trust store written by the real writer
# (build/write_trust_store). Negative cases: another root trusted, and a host-name mismatch.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/clients/check.sh"

require_root "clients test"
"$SRC/tests/clients/install.sh" || { fail "tests/clients/install.sh builds the clients"; finish; }

DB_USER=app DB_NAME=appdb
DB_PASSWORD='p@ss:w/rd?#%&'"'"'"$(id) x'
urlenc() { /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# buildpack_env DEP HOST: CLIENT_ENV = what the buildpack exports at launch for a binding to
# HOST:$PG_PORT, with DEP the deps/IDX directory holding rds-ca/.
buildpack_env() {
  local dep=$1 host=$2 store=$1/rds-ca
  local vcap
  vcap=$(jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg h "$host" --arg port "$PG_PORT" \
    --arg db "$DB_NAME" --arg uri "postgres://$DB_USER:$(urlenc "$DB_PASSWORD")@$host:$PG_PORT/$DB_NAME" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: ["postgresql"],
       credentials: {uri: $uri, username: $u, password: $p, hostname: $h, port: $port, dbname: $db}}]}')
  CLIENT_ENV=(
    "VCAP_SERVICES=$vcap"
    "DATABASE_URL=postgres://$DB_USER:$(urlenc "$DB_PASSWORD")@$host:$PG_PORT/$DB_NAME?sslmode=verify-full&sslrootcert=$store/rds-ca.pem"
    "DB_SSL_MODE=verify-full"
    "JDBC_DATABASE_URL=jdbc:postgresql://$host:$PG_PORT/$DB_NAME?sslmode=verify-full&sslrootcert=$store/rds-ca.pem"
    "JDBC_DATABASE_USERNAME=$DB_USER" "JDBC_DATABASE_PASSWORD=$DB_PASSWORD"
    "SSL_CERT_FILE=$store/ca-certificates.crt" "SSL_CERT_DIR=$store/certs:/etc/ssl/certs"
    "PGSSLROOTCERT=$store/ca-certificates.crt" "NODE_EXTRA_CA_CERTS=$store/rds-ca.pem"
    "REQUESTS_CA_BUNDLE=$store/ca-certificates.crt"
    "JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=$store/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
  )
}

t0=$SECONDS
start_tls_postgres
echo "# setup: PKI, server and user in $((SECONDS - t0)) s"

# The trust stores, written by the real writer: the test root as the RDS set, or another root.
GOOD=$TEST_TMP/good/deps/0 BAD=$TEST_TMP/bad/deps/0
counts=$("$BUILD/write_trust_store" "$GOOD" "$PKI/root.pem") || fail "write_trust_store writes a store"
"$BUILD/write_trust_store" "$BAD" "$PKI/other-root.pem" >/dev/null || fail "write_trust_store writes a store"
combined=${counts##*combined=}
listed=$(keytool -list -storetype PKCS12 -keystore "$GOOD/rds-ca/truststore.p12" -storepass "" 2>&1 |
  grep -c ', trustedCertEntry,')
check_eq "keytool lists every certificate of truststore.p12 as trustedCertEntry, no password" "$combined" "$listed"

# The server is TLS-only (rds.force_ssl): a plain connection is rejected by pg_hba.conf.
out=$(with_hosts "$HOSTS" env -i PATH="$PATH" psql \
  "postgres://$DB_USER:$(urlenc "$DB_PASSWORD")@$PKI_HOST:$PG_PORT/$DB_NAME?sslmode=disable" -XAtc 'SELECT 1' 2>&1)
check_contains "the server rejects a connection without TLS" 'rejects connection for host "127.0.0.1"' "$out"
check_contains "... because it is not encrypted" "no encryption" "$out"

t1=$SECONDS
buildpack_env "$GOOD" "$PKI_HOST"
check_clients_connect "trusted test root" "$HOSTS" "${CLIENT_ENV[@]}"
echo "# $(wc -w <<<"$CLIENTS") clients connected in $((SECONDS - t1)) s"

# Without PGSSLROOTCERT (RDS_CA_PGSSLROOTCERT=false), Stratos's lib/pq falls back on Go's system
# pool: SSL_CERT_FILE (the combined bundle), or SSL_CERT_DIR alone (the hashed directory).
without() { local e; for e in "${CLIENT_ENV[@]}"; do [[ " $* " == *" ${e%%=*} "* ]] || printf '%s\0' "$e"; done; }
mapfile -d '' env_file < <(without PGSSLROOTCERT SSL_CERT_DIR)
mapfile -d '' env_dir < <(without PGSSLROOTCERT SSL_CERT_FILE)
CLIENTS=go check_clients_connect "no PGSSLROOTCERT, SSL_CERT_FILE only" "$HOSTS" "${env_file[@]}"
CLIENTS=go check_clients_connect "no PGSSLROOTCERT, SSL_CERT_DIR only" "$HOSTS" "${env_dir[@]}"

# OpenSSL itself finds the root by its hashed name (HASH.N as `openssl rehash` names it), given
# the directory explicitly or through SSL_CERT_DIR alone.
s_client() { # [NAME=VALUE...] -- [OPENSSL_ARGS...]: prints s_client's "Verify return code: ..." line
  local envs=(); while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  with_hosts "$HOSTS" timeout 20 env -i PATH="$PATH" "${envs[@]}" openssl s_client -connect "$PKI_HOST:$PG_PORT" \
    -starttls postgres -verify_return_error -verify_hostname "$PKI_HOST" "$@" </dev/null 2>&1 |
    grep -m1 '^Verify return code'
}
check_eq "openssl s_client -CApath rds-ca/certs verifies the server" "Verify return code: 0 (ok)" \
  "$(s_client -- -CApath "$GOOD/rds-ca/certs" -no-CAfile -no-CAstore)"
check_eq "openssl with SSL_CERT_DIR=rds-ca/certs alone verifies the server" "Verify return code: 0 (ok)" \
  "$(s_client SSL_CERT_DIR="$GOOD/rds-ca/certs" SSL_CERT_FILE=/nonexistent --)"
check_eq "openssl with another root's hashed directory refuses" \
  "Verify return code: 20 (unable to get local issuer certificate)" \
  "$(s_client SSL_CERT_DIR="$BAD/rds-ca/certs" SSL_CERT_FILE=/nonexistent --)"

buildpack_env "$BAD" "$PKI_HOST"
check_clients_refuse "another root trusted" "$HOSTS" "$TLS_REFUSAL_REGEX" "${CLIENT_ENV[@]}"

buildpack_env "$GOOD" "$PKI_OTHER_HOST"
check_clients_refuse "host-name mismatch under verify-full" "$HOSTS" \
  "$PKI_OTHER_HOST|$PKI_HOST|altnames|host ?name" "${CLIENT_ENV[@]}"

# The rig's ssl=off mode (for the verify tests): the server answers SSLRequest with 'N'.
pg_stop
pg_start "$PGROOT/plain" "$PKI" off || fail "PostgreSQL starts without TLS"
out=$(with_hosts "$HOSTS" env -i PATH="$PATH" psql \
  "postgres://x:y@$PKI_HOST:$PG_PORT/postgres?sslmode=require&connect_timeout=10" -XAtc 'SELECT 1' 2>&1)
check_contains "ssl=off: a client that requires TLS is refused" "server does not support SSL" "$out"
echo "# total $((SECONDS - t0)) s"
finish
