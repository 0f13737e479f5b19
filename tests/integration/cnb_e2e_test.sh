#!/usr/bin/env bash
# The Cloud Native Buildpacks end-to-end path: an app bound to a real TLS-only PostgreSQL under
# an RDS-shaped test root is built with this buildpack and a stand-in language buildpack, once
# through scripts/cnb-local (the lifecycle's detect, build, export and launch rules) and once
# through the real lifecycle (tests/platform/cnb-real), each check compared between the two; then
# started with each real client of the classic e2e test, once as a direct process and once
# through bash: every client connects with verify-full using ONLY what the buildpack exported
# (env.launch defaults and the exec.d program's TOML), and pg_stat_ssl says the session is TLS.
# Two platforms: Cloud Foundry's CNB lifecycle (VCAP_SERVICES through <platform>/env, its
# launcher presetting DATABASE_URL) and pack/kpack (<platform>/bindings at build,
# SERVICE_BINDING_ROOT at launch). Then: exact values, the preset DATABASE_URL replaced, the
# app's own values kept, exec.d a fixed point, later buildpacks' build environment, detect's
# rule, a credential TOML cannot carry refusing the start, no password in the image, and
# another root (an attacker's) or another host name refused by every client.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/clients/check.sh"
. "$(dirname "$0")/cnb_lib.sh"

require_root "the CNB end-to-end test"
"$SRC/tests/clients/install.sh" >/dev/null || { fail "tests/clients/install.sh builds the clients"; finish; }

DB_USER=app DB_NAME=appdb
DB_PASSWORD='p@ss:w/rd?#%&'"'"'"$(id) x'
start_tls_postgres

vcap_for() { # HOST: seed 004's CUPS shape, a bare-scheme uri completed by discrete fields
  jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg h "$1" --arg port "$PG_PORT" --arg db "$DB_NAME" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: [], instance_name: "console_db",
       credentials: {uri: "postgres://", username: $u, password: $p, hostname: $h, port: $port, dbname: $db}}]}'
}
binding_dir() { # DIR HOST [PASSWORD]: a servicebinding.io binding console-db of type postgresql
  mkdir -p "$1/console-db"
  printf postgresql > "$1/console-db/type"; printf %s "$2" > "$1/console-db/host"
  printf %s "$PG_PORT" > "$1/console-db/port"; printf %s "$DB_USER" > "$1/console-db/username"
  printf %s "${3-$DB_PASSWORD}" > "$1/console-db/password"; printf %s "$DB_NAME" > "$1/console-db/database"
}
VCAP=$(vcap_for "$PKI_HOST")
SBR=$TEST_TMP/bindings; binding_dir "$SBR" "$PKI_HOST"
TRUST=("--env" "RDS_CA_EXTRA_CERTS=$(cat "$PKI/root.pem")")  # the test root stands in for an RDS root

# clients LABEL ROOT connect|refuse direct|shell [--cf]: each client started through the launcher
clients() {
  local label=$1 root=$2 check=$3 how=$4; shift 4
  local c out rc err=$TEST_TMP/err cmd
  for c in $CLIENTS; do
    if [ "$how" = direct ]; then cmd=(-- "$SRC/tests/clients/run.sh" "$c"); else cmd=("$SRC/tests/clients/run.sh $c"); fi
    out=$(with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_RUNNER" launch "$root" "$@" \
      "${cmd[@]}" 2>"$err"); rc=$?
    local e; e=$(grep -v '^Picked up JAVA_TOOL_OPTIONS' "$err")
    if [ "$check" = connect ]; then
      [ $rc = 0 ] && { [ "$out" = t ] || [ "$out" = true ]; }
      check_result "$label ($how): $c connects over verified TLS" $? "exit $rc, stdout: $out" "exit $rc, stdout: $out
stderr: $e"
    else
      local why; why=$(printf '%s\n' "$e" | grep -iE "$TLS_REFUSAL_REGEX" | tail -1 | cut -c1-120)
      [ $rc != 0 ] && [ -z "$out" ] && [ -n "$why" ]
      check_result "$label ($how): $c refuses${why:+ ($why)}" $? "refused: ${why:-no}, stdout: $out" "exit $rc, stdout: $out
stderr: $e"
    fi
  done
}
build_ok() { # LABEL ROOT [cnb-local build options]
  local label=$1 root=$2 log; shift 2
  log=$(cnb_build "$root" "$SAMPLE_APP" "$@" 2>&1)
  local rc=$?
  check_result "$label: detect and build pass" $rc "exit $rc" "$log"
  return $rc
}

e2e_suite() {
# --- Cloud Foundry's CNB lifecycle: VCAP_SERVICES through <platform>/env, DATABASE_URL preset ---
CF=$TEST_TMP/cf
build_ok "cf" "$CF" --env VCAP_APPLICATION='{"application_name":"app"}' --env "VCAP_SERVICES=$VCAP" "${TRUST[@]}"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
for how in direct shell; do clients "cf" "$CF" connect "$how" --cf; done

store=$CF/layers/rds-ca/rds-ca/rds-ca  # <layers>/<buildpack id>/<layer>/<the store>
enc='p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x'
q="sslmode=verify-full&sslrootcert=$store/rds-ca.pem"
show='printf "%s\n" "$DATABASE_URL" "$JDBC_DATABASE_URL" "$JDBC_DATABASE_USERNAME" "$JDBC_DATABASE_PASSWORD" "$DB_SSL_MODE" "$SSL_CERT_FILE" "$SSL_CERT_DIR" "$PGSSLROOTCERT" "$NODE_EXTRA_CA_CERTS" "$REQUESTS_CA_BUNDLE" "$JAVA_TOOL_OPTIONS"'
expected="postgres://app:$enc@$PKI_HOST:$PG_PORT/appdb?$q
jdbc:postgresql://$PKI_HOST:$PG_PORT/appdb?$q
app
$DB_PASSWORD
verify-full
$store/ca-certificates.crt
$store/certs:/etc/ssl/certs
$store/ca-certificates.crt
$store/rds-ca.pem
$store/ca-certificates.crt
-Djavax.net.ssl.trustStore=$store/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
check_eq "cf (direct): every exported value is exact" "$expected" "$(cnb_launch "$CF" --cf -- bash -c "$show" 2>&1)"
check_eq "cf (shell): every exported value is exact" "$expected" "$(cnb_launch "$CF" --cf "$show" 2>&1)"
check_eq "cf: with RDS_CA_DATABASE_URL=false the launcher's own DATABASE_URL stays (so above, exec.d replaced it)" "postgres://" \
  "$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_DATABASE_URL=false); cnb_launch "$CF" --cf -- bash -c 'printf %s "$DATABASE_URL"' 2>&1)"
check_eq "a preset DATABASE_URL is replaced" "postgres://app:$enc@$PKI_HOST:$PG_PORT/appdb?$q" \
  "$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP" "DATABASE_URL=postgres://preset:x@elsewhere/db"); cnb_launch "$CF" -- bash -c 'printf %s "$DATABASE_URL"' 2>&1)"
check_eq "rds-ca is on PATH from the layer and verifies the server with the layer's store" "0" \
  "$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP"); with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_RUNNER" launch "$CF" -- \
     bash -c 'rds-ca verify --quiet --timeout 10; echo $?' 2>&1)"
check_eq "the app's own values are left alone, ours added beside them" "require
postgres://app:$enc@$PKI_HOST:$PG_PORT/appdb?sslmode=require&sslrootcert=$store/rds-ca.pem
/own/bundle.pem
$store/certs:/own/certs
-Xmx64m -Djavax.net.ssl.trustStore=$store/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12" \
  "$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP" DB_SSL_MODE=require SSL_CERT_FILE=/own/bundle.pem SSL_CERT_DIR=/own/certs JAVA_TOOL_OPTIONS=-Xmx64m)
     cnb_launch "$CF" -- bash -c 'printf "%s\n" "$DB_SSL_MODE" "$DATABASE_URL" "$SSL_CERT_FILE" "$SSL_CERT_DIR" "$JAVA_TOOL_OPTIONS"' 2>&1)"
once=$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP" DB_SSL_MODE=require); cnb_launch "$CF" -- env 2>&1 | grep -v -e '^PATH=' -e '^_=' | sort)
twice=$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP" DB_SSL_MODE=require); cnb_launch "$CF" -- "$CNB_RUNNER" launch "$CF" -- env 2>&1 |
  grep -v -e '^PATH=' -e '^_=' | sort)
check_eq "exec.d is a fixed point: a launch inside the launched environment gives the same environment" "$once" "$twice"
check_contains "... in which DB_SSL_MODE is still the app's" "DB_SSL_MODE=require" "$twice"
check_eq "a later buildpack's build sees the staging variables and rds-ca on PATH (env.build, bin/)" \
  "DB_SSL_MODE=verify-full
SSL_CERT_FILE=$store/ca-certificates.crt
SSL_CERT_DIR=$store/certs:/etc/ssl/certs
PGSSLROOTCERT=$store/ca-certificates.crt
NODE_EXTRA_CA_CERTS=$store/rds-ca.pem
REQUESTS_CA_BUNDLE=$store/ca-certificates.crt
JAVA_TOOL_OPTIONS=(unset)
rds-ca on PATH=$CF/layers/rds-ca/rds-ca/bin/rds-ca" "$(cat "$CF/layers/test_after/seen/build-env.txt")"
check_eq "the password is in no file of the image (layers, app)" "" \
  "$(grep -rlF -- "$DB_PASSWORD" "$CF/layers" "$CF/workspace"; grep -rlF -- "$enc" "$CF/layers" "$CF/workspace")"

# --- pack and kpack: <platform>/bindings at build, SERVICE_BINDING_ROOT at launch ----------------
PACK=$TEST_TMP/pack
build_ok "pack" "$PACK" --bindings "$SBR" "${TRUST[@]}"
LAUNCH_ENV=("SERVICE_BINDING_ROOT=$SBR")
for how in direct shell; do CLIENTS="psql python node java java-jvm" clients "pack" "$PACK" connect "$how"; done
check_contains "pack: the build read <platform>/bindings" \
  "bindings from SERVICE_BINDING_ROOT=$TEST_TMP/pack-again/platform/bindings: 1 service" \
  "$(cnb_build "$TEST_TMP/pack-again" "$SAMPLE_APP" --bindings "$SBR" "${TRUST[@]}" 2>&1)"

# --- a credential TOML cannot carry: the start is refused, one line, nothing run ----------------
BAD=$TEST_TMP/bad-bindings; binding_dir "$BAD" "$PKI_HOST" $'s3cr\xff'
out=$(LAUNCH_ENV=("SERVICE_BINDING_ROOT=$BAD"); cnb_launch "$PACK" -- echo started 2>&1); rc=$?
check_status "a password that is not UTF-8 refuses the start" 82 "$rc"
check_eq "... with the exec.d program's one line and the launcher's" \
  "rds-ca-execd: JDBC_DATABASE_PASSWORD would hold bytes that are not UTF-8 (byte 5), which a TOML string cannot carry: fix the service's credentials or the app's value (nothing was exported)
ERROR: failed to launch: exec.d: failed to execute exec.d file at path '$PACK/layers/rds-ca/rds-ca/exec.d/rds-ca-execd': exit status 1" \
  "$(launcher_said <<<"$out")"

# --- detect ---------------------------------------------------------------------------------------
out=$(cnb_build "$TEST_TMP/none" "$SAMPLE_APP" 2>&1); rc=$?
check_status "nothing bound, no setting: detect fails the group" 20 "$rc"
check_contains "... saying how to opt in" "rds-ca: no database binding (VCAP_SERVICES, VCAP_SERVICES_FILE_PATH, SERVICE_BINDING_ROOT or <platform>/bindings) and no RDS_CA_* setting: bind the database, or opt in with a setting (pack build --env RDS_CA_DETECT=true)" "$out"
out=$(cnb_build "$TEST_TMP/cf-unbound" "$SAMPLE_APP" --env VCAP_APPLICATION='{}' 2>&1); rc=$?
check_status "Cloud Foundry's CNB lifecycle with nothing bound: detect and build pass" 0 "$rc"
check_contains "... installing every commercial region's CAs" "no database binding at staging: installing the RDS CAs of every commercial region" "$out"

# --- another root trusted (an attacker's), another host name: every client refuses --------------
EVIL=$TEST_TMP/evil
build_ok "another root" "$EVIL" --env VCAP_APPLICATION='{}' --env "VCAP_SERVICES=$VCAP" --env "RDS_CA_EXTRA_CERTS=$(cat "$PKI/other-root.pem")"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
clients "another root trusted" "$EVIL" refuse direct --cf
# RDS_CA_VERIFY=strict at start (the exec.d program runs the layer's rds-ca verify first)
start_strict() { # ROOT: stdout of a start under strict, then "exit N"
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_VERIFY=strict RDS_CA_VERIFY_TIMEOUT=10)
  with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_RUNNER" launch "$1" -- echo started 2>/dev/null | launcher_said
  echo "exit ${PIPESTATUS[0]}"
}
check_eq "RDS_CA_VERIFY=strict: the probe at start verifies the server and the process runs" "started
exit 0" "$(start_strict "$CF")"
check_eq "RDS_CA_VERIFY=strict with another root trusted: the start is refused, the launcher saying why" \
  "ERROR: failed to launch: exec.d: failed to execute exec.d file at path '$EVIL/layers/rds-ca/rds-ca/exec.d/rds-ca-execd': exit status 1
exit 82" "$(start_strict "$EVIL")"
LAUNCH_ENV=("VCAP_SERVICES=$(vcap_for "$PKI_OTHER_HOST")")
clients "host-name mismatch" "$CF" refuse shell --cf
}
cnb_each_harness e2e_suite
finish
