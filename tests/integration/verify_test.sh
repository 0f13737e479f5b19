#!/usr/bin/env bash
# rds-ca verify (seed 004's "Trust but verify", done by the buildpack) against a real TLS-only
# PostgreSQL (tests/pg: RDS-shaped test PKI, rds.force_ssl-style pg_hba.conf, private /etc/hosts),
# with the app staged and launched through the harness (scripts/cf-local, and the real builder and
# launcher when CF_REAL names them) under both fixture final buildpacks. The test root reaches the
# droplet the way a user gives a private CA: RDS_CA_EXTRA_CERTS at staging.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
cf_harnesses_note

require_root "verify test"

DB_USER=app DB_NAME=appdb DB_PASSWORD='v3rify:pw@x'
PW_ENC='v3rify%3Apw%40x'
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }

# vcap HOST PORT [QUERY]: VCAP_SERVICES with one user-provided PostgreSQL binding, console_db.
vcap() {
  jq -cn --arg uri "postgres://$DB_USER:$PW_ENC@$1:$2/$DB_NAME${3:+?$3}" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: ["postgresql"], credentials: {uri: $uri}}]}'
}

# stage_droplet HARNESS ROOT FINAL CA_PEM [NAME=VALUE...]: stages the sample app bound to the
# server (or STAGE_VCAP), with CA_PEM as the extra CA; sets STAGE_LOG and STAGE_RC.
stage_droplet() {
  local h=$1 root=$2 final=$3 pem=$4; shift 4
  STAGE_LOG=$(with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "VCAP_SERVICES=${STAGE_VCAP:-$(vcap "$PKI_HOST" "$PG_PORT")}" \
    "RDS_CA_EXTRA_CERTS=$(cat "$pem")" "$@" \
    "$(harness_cmd "$h")" stage "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/$final" 2>&1)
  STAGE_RC=$?
}

# at_launch HARNESS ROOT VCAP [NAME=VALUE...] -- COMMAND...: runs COMMAND the way the launcher
# starts the app, with the binding VCAP; sets OUT (stdout without the launcher's lines), ERR and
# RC. A launch that hangs is killed after 120 s (status 124).
at_launch() {
  local h=$1 root=$2 services=$3 envs=(); shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "VCAP_SERVICES=$services" "${envs[@]}" \
    "$(harness_cmd "$h")" launch "$root" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  RC=$?
  OUT=$(app_out < "$TEST_TMP/out"); ERR=$(cat "$TEST_TMP/err")
}

start_tls_postgres
GOOD_VCAP=$(vcap "$PKI_HOST" "$PG_PORT")
WHERE="console_db ($PKI_HOST:$PG_PORT)"
NEEDED_ROOT='the server chains to "Amazon RDS us-west-2 Root CA RSA2048 G1", which is not installed: set RDS_CA_REGION=us-west-2 or bind the right host'

# served_sha256: the SHA-256 of the certificate the server presents to a new connection now (the
# probe itself: it leaves nothing in the server's log).
served_sha256() {
  "$BUILD/rds-ca" verify --host 127.0.0.1 --port "$PG_PORT" --mode require --ca "$PKI/root.pem" --json 2>/dev/null |
    jq -r '.server.sha256 // empty'
}

# pg_use_cert NAME: the server presents PKI/NAME-chain.pem from now on (reload, no restart). The
# postmaster reloads asynchronously: this waits until a new connection gets that certificate
# (polling, 30 s at most; then a FAIL line).
pg_use_cert() {
  install -o postgres -m 0600 "$PKI/$1.key" "$PG_DATA/server.key"
  install -o postgres -m 0644 "$PKI/$1-chain.pem" "$PG_DATA/server.crt"
  local want; want=$(openssl x509 -in "$PKI/$1-chain.pem" -outform DER | sha256sum | cut -d' ' -f1)
  _pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
  for _ in $(seq 300); do
    [ "$(served_sha256)" = "$want" ] && return 0
    sleep 0.1
  done
  fail "the server presents $1's certificate after a reload (still the old one after 30 s)"
}

H=$(harnesses | cut -d' ' -f1)
for h in $(harnesses); do
  for final in final-modern final-legacy; do
    [ "$h" = "$H" ] || [ "$final" = final-modern ] || continue  # the full set once per final buildpack
    good=$TEST_TMP/$h-$final-good bad=$TEST_TMP/$h-$final-bad
    stage_droplet "$h" "$good" "$final" "$PKI/root.pem"
    check_status "$h/$final: staging with the test root as an extra CA" 0 "$STAGE_RC"

    at_launch "$h" "$good" "$GOOD_VCAP" -- rds-ca verify
    check_status "$h/$final: verified" 0 "$RC"
    check_contains "$h/$final: the verdict names the anchoring root" \
      'verdict    verified: chain to "Amazon RDS us-west-2 Root CA RSA2048 G1" and host name' "$OUT"
    check_contains "$h/$final: the trust is the installed bundle" "trust      /home/vcap/deps/0/rds-ca/rds-ca.pem" \
      "$(printf '%s\n' "$OUT" | sed "s#$good##")"
    check_contains "$h/$final: the endpoint is classified" \
      "endpoint   $PKI_HOST:$PG_PORT  kind=instance partition=aws region=us-west-2 trust=rds" "$OUT"
    check_eq "$h/$final: nothing on stderr" "" "$ERR"
    [ "$h" = "$H" ] || continue

    stage_droplet "$h" "$bad" "$final" "$PKI/other-root.pem"
    check_status "$h/$final: staging with another root as the extra CA" 0 "$STAGE_RC"
    [ "$STAGE_RC" = 0 ] || printf '%s\n' "$STAGE_LOG" | tail -20 | sed 's/^/       /'
    at_launch "$h" "$bad" "$GOOD_VCAP" -- rds-ca verify
    check_status "$h/$final: the wrong root installed" 1 "$RC"
    check_eq "$h/$final: ... one line naming the root the server needs" "rds-ca verify: $WHERE: $NEEDED_ROOT" "$ERR"

    at_launch "$h" "$good" "$(vcap "$PKI_OTHER_HOST" "$PG_PORT")" -- rds-ca verify
    check_status "$h/$final: host-name mismatch under verify-full" 1 "$RC"
    check_eq "$h/$final: ... one line listing the certificate's names" \
      "rds-ca verify: console_db ($PKI_OTHER_HOST:$PG_PORT): the certificate names other hosts than $PKI_OTHER_HOST: $PKI_HOST: use one of those names as the host in the binding" \
      "$ERR"
    # A binding's verify-ca on an RDS host is raised to verify-full; the app's own DB_SSL_MODE keeps it.
    at_launch "$h" "$good" "$(vcap "$PKI_OTHER_HOST" "$PG_PORT" sslmode=verify-ca)" -- rds-ca verify
    check_status "$h/$final: host-name mismatch under the uri's verify-ca, raised to verify-full" 1 "$RC"
    at_launch "$h" "$good" "$(vcap "$PKI_OTHER_HOST" "$PG_PORT")" DB_SSL_MODE=verify-ca -- rds-ca verify
    check_status "$h/$final: host-name mismatch under the app's DB_SSL_MODE=verify-ca" 0 "$RC"
    check_contains "$h/$final: ... passes with a note" \
      "note       the certificate names other hosts than $PKI_OTHER_HOST: $PKI_HOST: use one of those names as the host in the binding (not checked under sslmode=verify-ca)" \
      "$OUT"

    at_launch "$h" "$good" "$GOOD_VCAP" -- rds-ca verify --sql
    check_status "$h/$final: --sql" 0 "$RC"
    check_contains "$h/$final: --sql shows ssl true for its own backend" "| t   | TLSv1." \
      "$(printf '%s\n' "$OUT" | grep -- '<- this session')"
    check_not_contains "$h/$final: --sql prints no password" "v3rify" "$OUT$ERR"

    free=$(pg_free_port)
    at_launch "$h" "$good" "$(vcap "$PKI_HOST" "$free")" -- rds-ca verify --timeout 2
    check_status "$h/$final: a closed port" 3 "$RC"
    check_contains "$h/$final: ... says it cannot connect" "rds-ca verify: console_db ($PKI_HOST:$free): cannot connect to $PKI_HOST:$free (127.0.0.1: connection refused)" "$ERR"

    # The opt-in launch check: RDS_CA_VERIFY=warn|strict in the launch hook.
    check_contains "$h/$final: the launch hook carries the RDS_CA_VERIFY check" 'case "${RDS_CA_VERIFY:-}" in' \
      "$(cat "$good/home/vcap/app/.profile.d/rds-ca-buildpack.sh")"
    at_launch "$h" "$bad" "$GOOD_VCAP" -- echo started
    check_eq "$h/$final: RDS_CA_VERIFY unset: the wrong root does not stop the start, nothing is said" "0 started " \
      "$RC $OUT $ERR"
    at_launch "$h" "$bad" "$GOOD_VCAP" RDS_CA_VERIFY=strict -- echo started
    check_eq "$h/$final: RDS_CA_VERIFY=strict with the wrong root: the start fails" yes \
      "$([ "$RC" != 0 ] && [[ "$OUT" != *started* ]] && echo yes || echo "no: exit $RC, stdout $OUT")"
    check_eq "$h/$final: ... with that one line" "rds-ca verify: $WHERE: $NEEDED_ROOT" "$ERR"
    at_launch "$h" "$bad" "$GOOD_VCAP" RDS_CA_VERIFY=warn -- echo started
    check_eq "$h/$final: RDS_CA_VERIFY=warn: the app starts" "0 started" "$RC $OUT"
    check_eq "$h/$final: ... with the line on stderr" "rds-ca verify: $WHERE: $NEEDED_ROOT" "$ERR"
    at_launch "$h" "$good" "$GOOD_VCAP" RDS_CA_VERIFY=strict -- echo started
    check_eq "$h/$final: RDS_CA_VERIFY=strict with the right root: starts quietly" "0 started " "$RC $OUT $ERR"

    # The opt-in staging check: RDS_CA_VERIFY_STAGING=1.
    stage_droplet "$h" "$TEST_TMP/$h-$final-vs" "$final" "$PKI/other-root.pem" RDS_CA_VERIFY_STAGING=1
    check_eq "$h/$final: RDS_CA_VERIFY_STAGING=1 with the wrong root fails staging" yes \
      "$([ "$STAGE_RC" != 0 ] && echo yes || echo "no: exit $STAGE_RC")"
    check_contains "$h/$final: ... with the fix" "**ERROR** $WHERE: $NEEDED_ROOT" "$STAGE_LOG"
    stage_droplet "$h" "$TEST_TMP/$h-$final-vs" "$final" "$PKI/root.pem" RDS_CA_VERIFY_STAGING=1
    check_status "$h/$final: RDS_CA_VERIFY_STAGING=1 with the right root" 0 "$STAGE_RC"
    check_contains "$h/$final: ... logs the verdict" \
      "$WHERE: verified: chain to \"Amazon RDS us-west-2 Root CA RSA2048 G1\" and host name" "$STAGE_LOG"
    free=$(pg_free_port)
    STAGE_VCAP=$(vcap "$PKI_HOST" "$free") stage_droplet "$h" "$TEST_TMP/$h-$final-vs" "$final" "$PKI/root.pem" \
      RDS_CA_VERIFY_STAGING=1
    check_status "$h/$final: RDS_CA_VERIFY_STAGING=1 with the database unreachable from staging" 0 "$STAGE_RC"
    check_contains "$h/$final: ... is a note" \
      "could not reach console_db ($PKI_HOST:$free) from staging, which is not a failure" "$STAGE_LOG"
  done
done

# An expired server certificate (the server reloads it; same droplet, same binding).
good=$TEST_TMP/$H-final-modern-good
pg_use_cert expired
at_launch "$H" "$good" "$GOOD_VCAP" -- rds-ca verify
check_status "expired server certificate" 1 "$RC"
check_eq "... one line with its date" \
  "rds-ca verify: $WHERE: the server certificate expired on 2020-12-31: renew the server's certificate (RDS: rotate the instance to a current CA such as rds-ca-rsa2048-g1)" \
  "$ERR"
pg_use_cert server

# No probe without --sql logged in: the server log has no failed (or any other) authentication
# but the --sql sessions', and no TLS or startup-packet complaint.
check_eq "the server log has no authentication failure" "" \
  "$(grep -E 'FATAL|authentication failed|incomplete startup packet|could not accept SSL|unexpected EOF' "$PG_LOG")"
check_eq "only --sql logged in" "$(grep -c 'application_name=rds-ca verify' "$PG_LOG")" \
  "$(grep -c 'connection authorized' "$PG_LOG" | awk '{print $1 - 1}')"  # minus pg_add_user's psql

# A server with ssl = off answers the SSLRequest with N.
pg_stop
pg_start "$PGROOT/plain" "$PKI" off || fail "PostgreSQL starts without TLS"
at_launch "$H" "$good" "$(vcap "$PKI_HOST" "$PG_PORT")" -- rds-ca verify
check_status "ssl = off" 1 "$RC"
check_eq "... does not offer TLS" \
  "rds-ca verify: console_db ($PKI_HOST:$PG_PORT): the server does not offer TLS (it answered N to SSLRequest): turn on ssl in the server's settings, or check that $PKI_HOST:$PG_PORT is the database you meant" \
  "$ERR"

finish
