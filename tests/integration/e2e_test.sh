#!/usr/bin/env bash
# The end-to-end path (issues 4 and 6): an app bound to a real TLS-only PostgreSQL (rds.force_ssl
# style) under an RDS-shaped test root is staged and launched through scripts/cf-local (and the
# real builder and launcher when CF_REAL names them) with this buildpack first and each final
# buildpack second; at launch each real client of tests/clients/run.sh --list connects with
# verify-full using ONLY what the buildpack exported, and `SELECT ssl FROM pg_stat_ssl WHERE
# pid = pg_backend_pid()` is true: psql, psycopg2, psycopg 3, asyncpg, pgx v5 and node-postgres
# (DATABASE_URL), Go lib/pq the Stratos way (discrete fields + DB_SSL_MODE, no sslrootcert),
# pgjdbc (JDBC_DATABASE_URL) and pgjdbc on the JVM trust store (JAVA_TOOL_OPTIONS only). The password is p@ss:w/rd?#%&'"$(id) x, so every
# client has decoded it exactly. The same through SERVICE_BINDING_ROOT and VCAP_SERVICES_FILE_PATH.
# Negative: another root trusted, and a host-name mismatch under verify-full: every client refuses.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/clients/check.sh"
cf_harnesses_note

require_root "the end-to-end test"
"$SRC/tests/clients/install.sh" >/dev/null || { fail "tests/clients/install.sh builds the clients"; finish; }

DB_USER=app DB_NAME=appdb
DB_PASSWORD='p@ss:w/rd?#%&'"'"'"$(id) x'
start_tls_postgres

# A CUPS binding the way seed 004 writes it: a bare-scheme uri completed by discrete fields.
vcap_for() { # HOST
  jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg h "$1" --arg port "$PG_PORT" --arg db "$DB_NAME" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: [], instance_name: "console_db",
       credentials: {uri: "postgres://", username: $u, password: $p, hostname: $h, port: $port, dbname: $db}}]}'
}
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }

# stage_and_connect LABEL HARNESS FINAL EXTRA_CA_FILE CHECK(connect|refuse) [NAME=VALUE...]
# Stages with the environment given, then launches each client through the harness.
stage_and_connect() {
  local label=$1 h=$2 final=$3 ca=$4 check=$5; shift 5
  local root=$TEST_TMP/root-$h-$final-$RANDOM
  STAGE_ENV=("RDS_CA_EXTRA_CERTS=$(cat "$ca")" "$@")
  LAUNCH_ENV=("$@")
  local log; log=$(with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "${STAGE_ENV[@]}" "$(harness_cmd "$h")" stage \
    "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/$final" 2>&1)
  local rc=$?
  if [ $rc != 0 ]; then fail "$label: staging succeeds" "$log"; return; fi
  LAST_ROOT=$root
  local c out err
  for c in $CLIENTS; do
    err=$TEST_TMP/err
    # The status is the launch's own: after out=$(a | b), $? and PIPESTATUS are b's (app_out's grep).
    with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$(harness_cmd "$h")" \
      launch "$root" "$SRC/tests/clients/run.sh" "$c" >"$TEST_TMP/out" 2>"$err"; rc=$?
    out=$(app_out <"$TEST_TMP/out")
    err=$(grep -v '^Picked up JAVA_TOOL_OPTIONS' "$err")
    if [ "$check" = connect ]; then
      if [ $rc = 0 ] && { [ "$out" = t ] || [ "$out" = true ]; }; then pass "$label: $(client_name "$c") connects over verified TLS"
      else fail "$label: $(client_name "$c") connects over verified TLS" "exit $rc, stdout: $out
stderr: $err"; fi
    else
      if [ $rc != 0 ] && [ -z "$out" ] && printf '%s' "$err" | grep -qiE "$TLS_REFUSAL_REGEX"; then
        pass "$label: $(client_name "$c") refuses ($(printf '%s\n' "$err" | grep -iE "$TLS_REFUSAL_REGEX" | tail -1 | cut -c1-120))"
      else fail "$label: $(client_name "$c") refuses" "exit $rc, stdout: $out
stderr: $err"; fi
    fi
  done
}
VCAP=$(vcap_for "$PKI_HOST")
# Each stack with the buildpack as its zip unpacks (CF_STACK and the manifest's stack: agree);
# cflinuxfs4 under both final buildpacks, cflinuxfs5 under the modern one (the finals are
# stack-independent shell scripts: one is enough to prove the second stack).
for stack in $TEST_STACKS; do
  use_stack "$stack"
  for h in $(harnesses); do
    for final in final-modern final-legacy; do
      [ "$stack" = cflinuxfs4 ] || [ "$final" = final-modern ] || continue
      stage_and_connect "$stack/$h/$final" "$h" "$final" "$PKI/root.pem" connect "VCAP_SERVICES=$VCAP"
    done
  done
done
use_stack cflinuxfs4

# What exactly was exported (the last staging above): values, not just success.
expected_url="postgres://app:p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x@$PKI_HOST:$PG_PORT/appdb?sslmode=verify-full&sslrootcert=/home/vcap/deps/0/rds-ca/rds-ca.pem"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
out=$(launch local "$LAST_ROOT" bash -c 'printf "%s\n" "$DATABASE_URL" "$DB_SSL_MODE" "$JDBC_DATABASE_USERNAME" "$JDBC_DATABASE_PASSWORD"' | app_out | sed "s#$LAST_ROOT##g")
check_eq "DATABASE_URL, DB_SSL_MODE and the JDBC credentials are exact" "$expected_url
verify-full
app
$DB_PASSWORD" "$out"
check_eq "the password is in no file of the droplet" "" \
  "$(grep -rlF -- "$DB_PASSWORD" "$LAST_ROOT/home/vcap" 2>/dev/null; grep -rlF 'p%40ss' "$LAST_ROOT/home/vcap" 2>/dev/null)"

# File-based bindings: the platform then sets no DATABASE_URL at all; the buildpack's is the only one.
# (The Go client reads VCAP_SERVICES the way Stratos does, so it is left out here.)
SBR=$TEST_TMP/bindings; mkdir -p "$SBR/console-db"
printf postgresql > "$SBR/console-db/type"; printf %s "$PKI_HOST" > "$SBR/console-db/host"
printf %s "$PG_PORT" > "$SBR/console-db/port"; printf %s "$DB_USER" > "$SBR/console-db/username"
printf %s "$DB_PASSWORD" > "$SBR/console-db/password"; printf %s "$DB_NAME" > "$SBR/console-db/database"
printf %s "$VCAP" > "$TEST_TMP/vcap_services"
h=$(harnesses | cut -d' ' -f1)
CLIENTS=$("$SRC/tests/clients/run.sh" --list-url) stage_and_connect "$h/SERVICE_BINDING_ROOT" "$h" final-modern \
  "$PKI/root.pem" connect "SERVICE_BINDING_ROOT=$SBR"
CLIENTS=$("$SRC/tests/clients/run.sh" --list-url) stage_and_connect "$h/VCAP_SERVICES_FILE_PATH" "$h" final-legacy \
  "$PKI/root.pem" connect "VCAP_SERVICES_FILE_PATH=$TEST_TMP/vcap_services"

# Negative: another root trusted; a host-name mismatch under verify-full.
stage_and_connect "$h/another root" "$h" final-modern "$PKI/other-root.pem" refuse "VCAP_SERVICES=$VCAP"
stage_and_connect "$h/host-name mismatch" "$h" final-modern "$PKI/root.pem" refuse \
  "VCAP_SERVICES=$(vcap_for "$PKI_OTHER_HOST")"
finish
