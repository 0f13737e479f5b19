#!/usr/bin/env bash
# Binding shapes as brokers write them, against a real TLS-only PostgreSQL: a CUPS uri ending
# ?sslmode=disable (seed 000's) on an RDS-shaped host is raised to verify-full, the Cloud Service
# Broker's jdbcUrl factory that ignores sslrootcert is replaced, and a reader endpoint
# (reader_hostname) gets DATABASE_READER_URL and JDBC_DATABASE_READER_URL. The writer's name
# resolves to 127.0.0.1, the reader's to 127.0.0.2 (a private /etc/hosts), one server listening on
# both with a certificate naming both. psql and pgjdbc connect with only what the buildpack
# exported (pgjdbc without the JVM trust store: sslrootcert alone), and refuse an attacker's root
# and a reader whose name the certificate does not have. The app's own DB_SSL_MODE=disable still
# wins: then the TLS-only server refuses the plaintext login. Then every fixture in fixtures/vcap
# stages (exit 0): a shape the buildpack cannot read is a warning, never a failed push.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/clients/check.sh"
cf_harnesses_note

require_root "the binding-shapes test"
"$SRC/tests/clients/install.sh" >/dev/null || { fail "tests/clients/install.sh builds the clients"; finish; }

DB_USER=app DB_NAME=appdb DB_PASSWORD='r0t$ted`{|};+'
READER_HOST=mydb.cluster-ro-c9akciq32.us-west-2.rds.amazonaws.com
PKI=$TEST_TMP/pki
make_pki "$PKI" >/dev/null || { fail "make-pki.sh writes the test PKI"; finish; }
# The server's leaf names the writer and the reader (as an Aurora cluster's certificate does).
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
  "extendedKeyUsage=serverAuth" "subjectAltName=DNS:$PKI_HOST,DNS:$READER_HOST" > "$TEST_TMP/both.ext"
openssl req -new -newkey rsa:2048 -nodes -subj "/O=$PKI_ORG/CN=$PKI_HOST" -keyout "$PKI/server.key" \
  -out "$TEST_TMP/both.csr" 2>/dev/null &&
  openssl x509 -req -in "$TEST_TMP/both.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -CAcreateserial \
    -CAserial "$TEST_TMP/sub.srl" -days 30 -sha256 -extfile "$TEST_TMP/both.ext" -out "$PKI/server.pem" 2>/dev/null &&
  cat "$PKI/server.pem" "$PKI/sub.pem" > "$PKI/server-chain.pem" || { fail "a leaf naming both hosts"; finish; }
PGROOT=$(mktemp -d /tmp/rdsca-pg-XXXXXX) && chmod 0755 "$PGROOT"; at_exit pg_stop; at_exit "rm -rf '$PGROOT'"
pg_start "$PGROOT/tls" "$PKI" on || { fail "PostgreSQL starts with TLS"; finish; }
# The reader's address too: 127.0.0.2, TLS only.
printf '%s\n' "listen_addresses = '127.0.0.1,127.0.0.2'" >> "$PG_DATA/postgresql.conf"
printf '%s\n' "hostssl all all 127.0.0.2/32 scram-sha-256" > "$TEST_TMP/hba" && cat "$PG_DATA/pg_hba.conf" >> "$TEST_TMP/hba" &&
  install -o postgres -m 0600 "$TEST_TMP/hba" "$PG_DATA/pg_hba.conf"
_pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" restart >/dev/null 2>&1 ||
  { fail "PostgreSQL listens on 127.0.0.2 too" "$(tail -5 "$PG_LOG")"; finish; }
pg_add_user "$DB_USER" "$DB_PASSWORD" "$DB_NAME" >/dev/null || { fail "a user and a database are created"; finish; }
HOSTS=$TEST_TMP/hosts
hosts_file "$HOSTS" "$PKI_HOST" "$PKI_OTHER_HOST" && printf '127.0.0.2\t%s\n' "$READER_HOST" >> "$HOSTS"

# A CUPS in the Cloud Service Broker's Aurora shape, its uri carrying seed 000's sslmode=disable.
vcap_for() { # READER_HOSTNAME
  local enc; enc=$(jq -rn --arg p "$DB_PASSWORD" '$p|@uri')
  jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg enc "$enc" --arg h "$PKI_HOST" --arg r "$1" \
    --arg port "$PG_PORT" --arg db "$DB_NAME" \
    '{"user-provided": [{name: "ledger-pg", label: "user-provided", tags: [], instance_name: "ledger-pg",
       credentials: {hostname: $h, reader_hostname: $r, port: $port, name: $db, username: $u, password: $p,
         uri: "postgresql://\($u):\($enc)@\($h):\($port)/\($db)?sslmode=disable",
         jdbcUrl: "jdbc:postgresql://\($h):\($port)/\($db)?ssl=true&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"}}]}'
}
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }
h=$(harnesses | cut -d' ' -f1)

# stage_app LABEL CA_FILE VCAP [NAME=VALUE...]: stages into ROOT; the log in STAGE_LOG.
stage_app() {
  local label=$1 ca=$2 vcap=$3; shift 3
  ROOT=$TEST_TMP/root-$RANDOM
  STAGE_ENV=("RDS_CA_EXTRA_CERTS=$(cat "$ca")" "VCAP_SERVICES=$vcap" "$@")
  STAGE_LOG=$(with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "${STAGE_ENV[@]}" "$(harness_cmd "$h")" stage \
    "$ROOT" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1) || { fail "$label: staging succeeds" "$STAGE_LOG"; return 1; }
}
# run_app CMD...: launches CMD in ROOT with the staged environment (LAUNCH_ENV); stdout in OUT, stderr in ERR, status in RC.
run_app() {
  with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$(harness_cmd "$h")" \
    launch "$ROOT" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"; RC=$?
  OUT=$(app_out <"$TEST_TMP/out"); ERR=$(grep -v '^Picked up JAVA_TOOL_OPTIONS' "$TEST_TMP/err")
}
RUN=$SRC/tests/clients/run.sh
READER_PSQL='psql "$DATABASE_READER_URL" -XAtqc "SELECT ssl::text || chr(32) || host(inet_server_addr()) FROM pg_stat_ssl WHERE pid = pg_backend_pid()"'
READER_JAVA='JDBC_DATABASE_URL=$JDBC_DATABASE_READER_URL exec "$0" java'
expect_connect() { # LABEL EXPECTED
  if [ $RC = 0 ] && [ "$OUT" = "$2" ]; then pass "$1"; else fail "$1" "exit $RC, stdout: $OUT
stderr: $ERR"; fi
}
expect_refuse() { # LABEL
  if [ $RC != 0 ] && [ -z "$OUT" ] && printf '%s' "$ERR" | grep -qiE "$TLS_REFUSAL_REGEX"; then
    pass "$1 ($(printf '%s\n' "$ERR" | grep -iE "$TLS_REFUSAL_REGEX" | tail -1 | cut -c1-100))"
  else fail "$1" "exit $RC, stdout: $OUT
stderr: $ERR"; fi
}

VCAP=$(vcap_for "$READER_HOST")
if stage_app "raised" "$PKI/root.pem" "$VCAP"; then
  check_contains "staging names the raised mode and how to keep it" \
    "service 'ledger-pg': sslmode disable (uri sslmode) is raised to verify-full: $PKI_HOST is an AWS database endpoint, which always offers TLS with a certificate naming it; to keep disable, set the app's DB_SSL_MODE=disable (cf set-env APP DB_SSL_MODE disable)" "$STAGE_LOG"
  check_contains "staging names the reader URLs" \
    "at launch: DATABASE_READER_URL and JDBC_DATABASE_READER_URL from 'ledger-pg', its reader $READER_HOST (reader_hostname)" "$STAGE_LOG"
  check_contains "staging says the jdbcUrl's factory is replaced" \
    "sslfactory org.postgresql.ssl.DefaultJavaSSLFactory (the JVM trust store only, sslrootcert ignored) becomes org.postgresql.ssl.LibPQFactory, which reads sslrootcert" "$STAGE_LOG"
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_JAVA_TOOL_OPTIONS=false)
  run_app bash -c 'printf "%s\n" "$DATABASE_URL" "$DATABASE_READER_URL" "$JDBC_DATABASE_READER_URL"'
  ca=/home/vcap/deps/0/rds-ca/rds-ca.pem
  enc=$(jq -rn --arg p "$DB_PASSWORD" '$p|@uri')
  check_eq "DATABASE_URL, DATABASE_READER_URL and JDBC_DATABASE_READER_URL are exact" \
"postgres://$DB_USER:$enc@$PKI_HOST:$PG_PORT/$DB_NAME?sslmode=verify-full&sslrootcert=$ca
postgres://$DB_USER:$enc@$READER_HOST:$PG_PORT/$DB_NAME?sslmode=verify-full&sslrootcert=$ca
jdbc:postgresql://$READER_HOST:$PG_PORT/$DB_NAME?sslfactory=org.postgresql.ssl.LibPQFactory&sslmode=verify-full&sslrootcert=$ca" \
    "$(printf '%s\n' "$OUT" | sed "s#$ROOT##g")"
  run_app "$RUN" psql; expect_connect "psql: the raised DATABASE_URL verifies the writer" t
  run_app bash -c "$READER_PSQL"; expect_connect "psql: DATABASE_READER_URL verifies the reader at 127.0.0.2" "true 127.0.0.2"
  run_app "$RUN" java; expect_connect "pgjdbc: JDBC_DATABASE_URL verifies through sslrootcert (no JVM store)" true
  run_app bash -c "$READER_JAVA" "$RUN"; expect_connect "pgjdbc: JDBC_DATABASE_READER_URL verifies the reader" true
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP" DB_SSL_MODE=disable)
  run_app "$RUN" psql
  if [ $RC != 0 ] && printf '%s' "$ERR" | grep -q 'no encryption'; then
    pass "the app's own DB_SSL_MODE=disable wins: the TLS-only server refuses the plaintext login"
  else fail "the app's own DB_SSL_MODE=disable wins" "exit $RC, stdout: $OUT
stderr: $ERR"; fi
fi

# An attacker's root trusted instead: writer and reader refused by both clients.
if stage_app "another root" "$PKI/other-root.pem" "$VCAP"; then
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_JAVA_TOOL_OPTIONS=false)
  run_app "$RUN" psql; expect_refuse "another root: psql refuses the writer"
  run_app bash -c "$READER_PSQL"; expect_refuse "another root: psql refuses the reader"
  run_app "$RUN" java; expect_refuse "another root: pgjdbc refuses the writer"
  run_app bash -c "$READER_JAVA" "$RUN"; expect_refuse "another root: pgjdbc refuses the reader"
fi
# A reader whose name the certificate does not have: its own host name is what is checked.
VCAP=$(vcap_for "$PKI_OTHER_HOST")
if stage_app "reader name mismatch" "$PKI/root.pem" "$VCAP"; then
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_JAVA_TOOL_OPTIONS=false)
  run_app bash -c "$READER_PSQL"; expect_refuse "a reader name the certificate lacks: psql refuses"
  run_app bash -c "$READER_JAVA" "$RUN"; expect_refuse "a reader name the certificate lacks: pgjdbc refuses"
fi

# Every fixture's shape stages: one the buildpack cannot read is a warning, never a failed push.
for f in "$SRC"/fixtures/vcap/*.json; do
  log=$("${CLEAN_ENV[@]}" "VCAP_SERVICES=$(cat "$f")" "$CF_LOCAL" stage "$TEST_TMP/fixture-root" "$SAMPLE_APP" \
    "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1)
  rc=$?
  if [ $rc = 0 ]; then pass "vcap/$(basename "$f") stages"; else fail "vcap/$(basename "$f") stages (exit $rc)" "$(printf '%s\n' "$log" | tail -5)"; fi
  rm -rf "$TEST_TMP/fixture-root"
done
finish
