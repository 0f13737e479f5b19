#!/usr/bin/env bash
# rds-ca verify --require-tls (issue 19, "Requiring SSL": seed 000 ends by telling the reader to
# turn on rds.force_ssl) against the real PostgreSQL configured both ways (tests/pg/pg-tls.sh):
# TLS-only ("on": hostssl, and hostnossl ... reject, as rds.force_ssl=1) passes; one that also
# has a `host` line ("both", as rds.force_ssl=0) fails under --require-tls and under
# RDS_CA_VERIFY=strict with RDS_CA_VERIFY_REQUIRE_TLS=true, and is a warning under warn. The app is
# staged and launched through the harness (scripts/cf-local; the real lifecycle too when CF_REAL
# names it). A capture (tcpdump on loopback, read by tests/pg/pg_capture.py) proves that no
# password left in plaintext: the marker password is nowhere in the capture and the plaintext
# connection carried no PasswordMessage ('p'), against a server whose `host` line asks for the
# password in clear; the same analysis of a deliberate plaintext psql login finds both, so it
# would have caught a leak.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/pg/capture.sh"
cf_harnesses_note

require_root "require-tls test"
command -v tcpdump >/dev/null || { fail "tcpdump is installed (scripts/setup)"; finish; }
at_exit capture_kill

DB_USER=app DB_NAME=appdb DB_PASSWORD=Mk7Sx9PlainPw42  # unreserved characters: the same bytes in a URL and on the wire
FIX='set rds.force_ssl=1 in the DB parameter group (a server of your own: "hostnossl all all all reject" in pg_hba.conf)'
VERIFIED='verdict    verified: chain to "Amazon RDS us-west-2 Root CA RSA2048 G1" and host name'

# binding PORT: VCAP_SERVICES with the user-provided PostgreSQL binding console_db on PKI_HOST.
binding() {
  jq -cn --arg uri "postgres://$DB_USER:$DB_PASSWORD@$PKI_HOST:$1/$DB_NAME" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: ["postgresql"], credentials: {uri: $uri}}]}'
}

# run_app HARNESS [NAME=VALUE...] -- COMMAND...: COMMAND as the launcher starts the app in that
# harness's droplet, bound to the running server; sets OUT (without the launcher's lines), ERR, RC.
run_app() {
  local h=$1 envs=(); shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "VCAP_SERVICES=$(binding "$PG_PORT")" "${envs[@]}" \
    "$(harness_cmd "$h")" launch "$TEST_TMP/$h" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  RC=$?
  OUT=$(grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$' "$TEST_TMP/out")
  ERR=$(cat "$TEST_TMP/err")
}

# analyse NAME: pg_capture.py's JSON for the capture NAME.pcap (server port, marker password).
analyse() { python3 "$SRC/tests/pg/pg_capture.py" "$TEST_TMP/$1.pcap" "$PG_PORT" "$DB_PASSWORD"; }

start_tls_postgres
for h in $(harnesses); do
  with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "VCAP_SERVICES=$(binding "$PG_PORT")" "RDS_CA_EXTRA_CERTS=$(cat "$PKI/root.pem")" \
    "$(harness_cmd "$h")" stage "$TEST_TMP/$h" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" \
    >"$TEST_TMP/stage.log" 2>&1
  check_status "$h: staging with the test root as an extra CA" 0 $?
done

# --- TLS-only (rds.force_ssl=1): the plaintext startup is refused before authentication -------
WHERE="console_db ($PKI_HOST:$PG_PORT)"
for h in $(harnesses); do
  run_app "$h" -- rds-ca verify --require-tls
  check_status "$h/tls-only: --require-tls" 0 "$RC"
  check_contains "$h/tls-only: ... the report says the server refused plaintext, and why" \
    "plaintext  refused for user \"$DB_USER\" (the binding's user): SQLSTATE 28000: pg_hba.conf rejects connection for host \"127.0.0.1\", user \"$DB_USER\", database \"$DB_NAME\", no encryption
$VERIFIED" "$OUT"
  check_eq "$h/tls-only: ... nothing on stderr" "" "$ERR"
  run_app "$h" RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=true -- echo started
  check_eq "$h/tls-only: RDS_CA_VERIFY=strict, RDS_CA_VERIFY_REQUIRE_TLS=true: starts quietly" "0 started " "$RC $OUT $ERR"
done
check_contains "tls-only: the refusal is the server's own (its log)" \
  "FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", user \"$DB_USER\", database \"$DB_NAME\", no encryption" \
  "$(cat "$PG_LOG")"

# --- TLS and plaintext (rds.force_ssl=0), the plaintext line asking for the password in clear -
pg_stop
PG_PLAIN_AUTH=password pg_start "$PGROOT/both" "$PKI" both || { fail "PostgreSQL starts with TLS and plaintext"; finish; }
pg_add_user "$DB_USER" "$DB_PASSWORD" "$DB_NAME" >/dev/null || { fail "a user and a database are created"; finish; }
WHERE="console_db ($PKI_HOST:$PG_PORT)"
ACCEPTED="the server accepts connections without TLS: a plaintext startup for user \"$DB_USER\" got a cleartext password request (the check stopped there; no password was sent): $FIX"
H=$(harnesses | cut -d' ' -f1)

capture_start "$TEST_TMP/probe.pcap" "$PG_PORT" || fail "tcpdump captures loopback"
run_app "$H" -- rds-ca verify --require-tls
capture_stop || fail "the capture holds every packet of the check (its sentinel arrived)"
check_status "both: --require-tls" 1 "$RC"
check_eq "both: ... one line with the fix" "rds-ca verify: $WHERE: $ACCEPTED" "$ERR"
check_contains "both: ... the TLS verdict still stands, the plaintext line says what the server asked" \
  "plaintext  ACCEPTED for user \"$DB_USER\" (the binding's user): a cleartext password request, no password sent
$VERIFIED" "$OUT"

CAP=$(analyse probe)
check_eq "capture of the check: the marker password is nowhere in it" false "$(jq -r .marker_in_capture <<<"$CAP")"
check_eq "capture of the check: two connections, the TLS probe's and the plaintext one" "tls plaintext" \
  "$(jq -r '[.connections[].kind] | join(" ")' <<<"$CAP")"
check_eq "capture of the check: the plaintext startup names the binding's user and database" "$DB_USER $DB_NAME" \
  "$(jq -r '.connections[] | select(.kind == "plaintext") | "\(.startup.user) \(.startup.database)"' <<<"$CAP")"
check_eq "capture of the check: the server asked for a cleartext password (R 3), and nothing followed the startup" \
  "R3 0 []" \
  "$(jq -c -r '.connections[] | select(.kind == "plaintext") | "\(.server_first) \(.password_messages) \(.client_messages)"' <<<"$CAP")"

for h in $(harnesses); do
  run_app "$h" RDS_CA_VERIFY=strict RDS_CA_VERIFY_REQUIRE_TLS=true -- echo started
  check_eq "$h/both: RDS_CA_VERIFY=strict, RDS_CA_VERIFY_REQUIRE_TLS=true: the start fails" yes \
    "$([ "$RC" != 0 ] && [[ "$OUT" != *started* ]] && echo yes || echo "no: exit $RC, stdout $OUT")"
  check_eq "$h/both: ... with that one line" "rds-ca verify: $WHERE: $ACCEPTED" "$ERR"
  run_app "$h" RDS_CA_VERIFY=warn RDS_CA_VERIFY_REQUIRE_TLS=yes -- echo started
  check_eq "$h/both: RDS_CA_VERIFY=warn, RDS_CA_VERIFY_REQUIRE_TLS=yes: the app starts" "0 started" "$RC $OUT"
  check_eq "$h/both: ... with a WARNING line" "rds-ca verify: WARNING: $WHERE: $ACCEPTED" "$ERR"
  run_app "$h" RDS_CA_VERIFY=strict -- echo started
  check_eq "$h/both: RDS_CA_VERIFY=strict alone checks TLS only: starts quietly" "0 started " "$RC $OUT $ERR"
done
run_app "$H" -- rds-ca verify --require-tls --json
check_eq "both: --json carries the check" "1 accepted fail app a cleartext password request" \
  "$RC $(jq -r '.plaintext | "\(.result) \(.policy) \(.user) \(.answer)"' <<<"$OUT")"
check_eq "both: the checks left nothing in the server's log (closed, never answered)" "" \
  "$(grep -E 'FATAL|ERROR|protocol violation|unexpected' "$PG_LOG")"

# --- the capture would catch a password: a deliberate plaintext login ------------------------
capture_start "$TEST_TMP/psql.pcap" "$PG_PORT" || fail "tcpdump captures loopback"
SSL=$(PGPASSWORD=$DB_PASSWORD "$PG_BIN/psql" -X -At -c 'select ssl from pg_stat_ssl where pid = pg_backend_pid()' \
  "host=127.0.0.1 port=$PG_PORT user=$DB_USER dbname=$DB_NAME sslmode=disable gssencmode=disable" 2>&1)
capture_stop || fail "the capture holds every packet of the psql login (its sentinel arrived)"
check_eq "control: psql with sslmode=disable logs in without TLS" f "$SSL"
CAP=$(analyse psql)
check_eq "control: the analysis finds the marker password in that capture" true "$(jq -r .marker_in_capture <<<"$CAP")"
check_eq "control: ... and the PasswordMessage after the startup" "plaintext R3 1" \
  "$(jq -r '.connections[0] | "\(.kind) \(.server_first) \(.password_messages)"' <<<"$CAP")"

# --- the same server asking for SCRAM (RDS's default): the check stops at the SASL request ----
sed -i 's/^host all all 127.0.0.1\/32 password$/host all all 127.0.0.1\/32 scram-sha-256/' "$PG_DATA/pg_hba.conf"
_pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
answer=
for _ in $(seq 300); do  # the postmaster reloads asynchronously: wait (30 s at most) for the new rule
  answer=$("$BUILD/rds-ca" verify --host 127.0.0.1 --port "$PG_PORT" --mode require --ca "$PKI/root.pem" \
    --require-tls --json 2>/dev/null | jq -r '.plaintext.answer')
  [ "$answer" = "a cleartext password request" ] || break
  sleep 0.1
done
check_eq "scram: the server now asks for SCRAM" "a SASL request (SCRAM-SHA-256)" "$answer"
capture_start "$TEST_TMP/scram.pcap" "$PG_PORT" || fail "tcpdump captures loopback"
run_app "$H" -- rds-ca verify --require-tls --quiet
capture_stop || fail "the capture holds every packet of the check (its sentinel arrived)"
check_eq "scram: --require-tls fails with the fix" \
  "1 rds-ca verify: $WHERE: the server accepts connections without TLS: a plaintext startup for user \"$DB_USER\" got a SASL request (SCRAM-SHA-256) (the check stopped there; no password was sent): $FIX" \
  "$RC $ERR"
CAP=$(analyse scram)
check_eq "scram: the capture has no marker, and no SASL response after the startup" "false R10 0 []" \
  "$(jq -c -r '"\(.marker_in_capture) " + (.connections[] | select(.kind == "plaintext") | "\(.server_first) \(.password_messages) \(.client_messages)")' <<<"$CAP")"

# --- the CNB launcher: exec.d's start check reads RDS_CA_VERIFY_REQUIRE_TLS as the CF hook does ----
# (an attack: an app whose server accepts plaintext must not start under strict + require-tls)
. "$(dirname "$0")/cnb_lib.sh"
cnb=$TEST_TMP/cnb
cnb_build "$cnb" "$SAMPLE_APP" --env "VCAP_SERVICES=$(binding "$PG_PORT")" --env "RDS_CA_EXTRA_CERTS=$(cat "$PKI/root.pem")" \
  >"$TEST_TMP/cnb-build.log" 2>&1
check_status "cnb: the build with the test root as an extra CA" 0 $?
with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "VCAP_SERVICES=$(binding "$PG_PORT")" RDS_CA_VERIFY=strict \
  RDS_CA_VERIFY_REQUIRE_TLS=true "$CNB_LOCAL" launch "$cnb" -- echo started >"$TEST_TMP/out" 2>"$TEST_TMP/err"
RC=$?
check_eq "cnb/both: RDS_CA_VERIFY=strict, RDS_CA_VERIFY_REQUIRE_TLS=true through exec.d: the start fails" yes \
  "$([ "$RC" != 0 ] && ! grep -q started "$TEST_TMP/out" && echo yes || echo "no: exit $RC, stdout $(cat "$TEST_TMP/out")")"
check_contains "cnb/both: ... with the plaintext line (the server asks for SCRAM now)" \
  "${ACCEPTED/a cleartext password request/a SASL request (SCRAM-SHA-256)}" "$(cat "$TEST_TMP/err")"

finish
