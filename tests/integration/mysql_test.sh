#!/usr/bin/env bash
# MySQL, MariaDB and Aurora MySQL end to end (issue 17): an app bound to a real TLS-only MariaDB
# (require_secure_transport=ON, the RDS for MySQL rds.force_ssl) whose certificate chains to an
# RDS-shaped test root is staged through scripts/cf-local, and at launch each real client of
# tests/clients/run.sh --list-mysql connects using ONLY what the buildpack exported (plus the one
# line of app code the README gives for PyMySQL, mysqlclient, node mysql2 and MySQL Connector/J
# without the JVM trust store), each printing its session's Ssl_cipher:
#   the MariaDB CLI with no TLS flag ($MYSQL_HOME/my.cnf), go-sql-driver/mysql the Stratos way
#   (discrete fields, tls=$DB_SSL_MODE, Go's roots from SSL_CERT_FILE), Ruby mysql2 through
#   ActiveRecord from DATABASE_URL, PyMySQL and mysqlclient through SQLAlchemy, node mysql2,
#   MariaDB Connector/J from JDBC_DATABASE_URL and through the JVM trust store, MySQL Connector/J
#   8.4 and 9 through the JVM trust store (JAVA_TOOL_OPTIONS) and from the URL.
# The password is p@ss:w/rd?#%&'"$(id) x, so each client decoded it exactly. Negative: another
# root trusted (every client refuses), a host-name mismatch (every client refuses but Debian's
# ruby-mysql2 0.5.3, which cannot check the host name: asserted, as the README says). Then
# the Cloud Native Buildpack (MYSQL_HOME from the exec.d program, the option file in the layer,
# the MariaDB CLI verifying); rds-ca verify and --sql against the server; --require-tls with
# require_secure_transport ON and then OFF, each verdict matched by a real plaintext login; and
# verify against a MariaDB without TLS.
# Launches run in a private mount namespace where /home/vcap is the staged droplet, as on a Diego
# cell: the option file names the CA by that path.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/hosts.sh"
. "$SRC/tests/mysql/mysql-tls.sh"
. "$SRC/tests/clients/check.sh"
cf_harnesses_note

require_root "the MySQL test"
"$SRC/tests/clients/install.sh" >/dev/null || { fail "tests/clients/install.sh builds the clients"; finish; }

DB_USER=app DB_NAME=appdb
DB_PASSWORD='p@ss:w/rd?#%&'"'"'"$(id) x'
PKI=$TEST_TMP/pki
make_pki "$PKI" >/dev/null || { fail "make-pki.sh writes the test PKI"; finish; }
MYROOT=$(mktemp -d /tmp/rdsca-my-XXXXXX) && chmod 0755 "$MYROOT"; at_exit my_stop; at_exit "rm -rf '$MYROOT'"
my_start "$MYROOT/tls" "$PKI" on || { fail "MariaDB starts TLS-only"; finish; }
my_add_user "$DB_USER" "$DB_PASSWORD" "$DB_NAME" || { fail "a user and a database are created"; finish; }
TLS_PORT=$MY_PORT
HOSTS=$TEST_TMP/hosts
hosts_file "$HOSTS" "$PKI_HOST" "$PKI_OTHER_HOST"
MYSQL_CLIENTS=$("$SRC/tests/clients/run.sh" --list-mysql)
# Every client's words for "the certificate is not trusted" or "the name does not match".
REFUSAL='certificate|x509|PKIX|issuer|trust anchor|altnames|host ?name'

# Seed 004's CUPS shape for MySQL: a bare mysql:// uri completed by discrete fields, `name` as
# Stratos reads it, a string port.
vcap_for() { # HOST
  jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg h "$1" --arg port "$TLS_PORT" --arg db "$DB_NAME" \
    '{"user-provided": [{name: "console_db", label: "user-provided", tags: [], instance_name: "console_db",
       credentials: {uri: "mysql://", username: $u, password: $p, hostname: $h, port: $port, name: $db}}]}'
}
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }

# with_droplet ROOT CMD...: CMD with /etc/hosts = HOSTS and /home/vcap = ROOT/home/vcap.
with_droplet() {
  local root=$1; shift
  unshare --mount --propagation private -- /bin/bash -c \
    'mount --bind "$1" /etc/hosts && mount -t tmpfs tmpfs /home && mkdir /home/vcap &&
     mount --bind "$2/home/vcap" /home/vcap || exit 125; shift 2; exec "$@"' with_droplet "$HOSTS" "$root" "$@"
}

# stage_app ROOT EXTRA_CA_FILE NAME=VALUE...: stages the sample app through cf-local.
stage_app() {
  local root=$1 ca=$2; shift 2
  with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "RDS_CA_EXTRA_CERTS=$(cat "$ca")" "$@" "$CF_LOCAL" stage \
    "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1
}

# launch_in ROOT CMD... (LAUNCH_ENV): the launcher's start of CMD; sets OUT, ERR, RC.
launch_in() {
  local root=$1; shift
  local errf=$TEST_TMP/err outf=$TEST_TMP/out
  # RC is the launch's own status: after OUT=$(a | b), $? and PIPESTATUS are b's (app_out's grep).
  with_droplet "$root" timeout -k 5 120 "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CF_LOCAL" launch "$root" "$@" \
    >"$outf" 2>"$errf"; RC=$?
  OUT=$(app_out <"$outf")
  ERR=$(grep -v -e '^Picked up JAVA_TOOL_OPTIONS' -e 'does not support setting ssl_mode' "$errf")
}

# clients LABEL ROOT connect|refuse [CLIENT...]
clients() {
  local label=$1 root=$2 check=$3 c; shift 3
  for c in "$@"; do
    launch_in "$root" "$SRC/tests/clients/run.sh" "$c"
    if [ "$check" = connect ]; then
      if [ "$RC" = 0 ] && [[ "$OUT" =~ ^[A-Z0-9_-]+$ ]]; then pass "$label: $(client_name "$c") connects over verified TLS ($OUT)"
      else fail "$label: $(client_name "$c") connects over verified TLS" "exit $RC, stdout: $OUT
stderr: $ERR"; fi
    elif [ "$RC" != 0 ] && [ -z "$OUT" ] && printf '%s' "$ERR" | grep -qiE "$REFUSAL"; then
      pass "$label: $(client_name "$c") refuses ($(printf '%s\n' "$ERR" | grep -iE "$REFUSAL" | tail -1 | cut -c1-130))"
    else
      fail "$label: $(client_name "$c") refuses" "exit $RC, stdout: $OUT
stderr: $ERR"
    fi
  done
}

# --- Verified: every client, from what the buildpack exported, on each stack (the buildpack as
# that stack's zip unpacks). The checks after this use cflinuxfs4's droplet.
VCAP=$(vcap_for "$PKI_HOST")
read -r -a each <<<"$MYSQL_CLIENTS"
for stack in $TEST_STACKS; do
  use_stack "$stack"
  GOOD=$TEST_TMP/good-$stack
  log=$(stage_app "$GOOD" "$PKI/root.pem" "VCAP_SERVICES=$VCAP") || { fail "$stack: staging succeeds" "$log"; finish; }
  check_contains "$stack: staging: the binding is MySQL, redacted" \
    "service 'console_db': MySQL (uri scheme mysql): mysql2://app:***@$PKI_HOST:$TLS_PORT/appdb, ssl_mode verify_identity (default)" "$log"
  check_contains "$stack: staging: the option file" \
    "rds-ca/client/my.cnf: ssl-ca and ssl-verify-server-cert for MySQL clients (MYSQL_HOME at launch)" "$log"
  check_contains "$stack: staging: DB_SSL_MODE for Stratos's MySQL" "DB_SSL_MODE=true for later buildpacks" "$log"
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
  clients "$stack: verified" "$GOOD" connect "${each[@]}"
done
use_stack cflinuxfs4
GOOD=$TEST_TMP/good-cflinuxfs4

# MySQL Connector/J has no key for a PEM CA and ignores serverSslCert: without the JVM trust store
# in JAVA_TOOL_OPTIONS (RDS_CA_JAVA_TOOL_OPTIONS=false) the exported URL alone cannot verify, so
# the README gives the one line (trustCertificateKeyStoreUrl, run.sh's java-mysql*-url), while
# MariaDB Connector/J still verifies from serverSslCert.
LAUNCH_ENV=("VCAP_SERVICES=$VCAP" RDS_CA_JAVA_TOOL_OPTIONS=false)
launch_in "$GOOD" "$SRC/tests/clients/run.sh" java-mysql9
check_eq "no JVM trust store: $(client_name java-mysql9 | sed 's/ (.*//') from the exported URL alone refuses (the JDK's roots only)" \
  "1 jdbc: Path does not chain with any of the trust anchors" "$RC ${ERR%%: java.security*}"
clients "no JVM trust store" "$GOOD" connect java-mariadb java-mysql8-url java-mysql9-url

# What exactly was exported: values, not just success.
enc='p%40ss%3Aw%2Frd%3F%23%25%26%27%22%24%28id%29%20x'
bundle=$GOOD/home/vcap/deps/0/rds-ca/rds-ca.pem
launch_in "$GOOD" bash -c 'printf "%s\n" "$DATABASE_URL" "$JDBC_DATABASE_URL" "$JDBC_DATABASE_USERNAME" "$JDBC_DATABASE_PASSWORD" "$DB_SSL_MODE" "$MYSQL_HOME"'
check_eq "DATABASE_URL, JDBC_*, DB_SSL_MODE and MYSQL_HOME are exact" \
"mysql2://app:$enc@$PKI_HOST:$TLS_PORT/appdb?sslca=$bundle&ssl_mode=verify_identity
jdbc:mysql://$PKI_HOST:$TLS_PORT/appdb?useSSL=true&sslMode=VERIFY_IDENTITY&serverSslCert=$bundle&permitMysqlScheme=true
app
$DB_PASSWORD
true
$GOOD/home/vcap/deps/0/rds-ca/client" "$OUT"
check_eq "my.cnf names the bundle by the droplet's runtime path" \
"# Written by rds-ca-buildpack: the mysql and mariadb command-line clients (and libraries
# asked to read option files) verify the server against the RDS CAs.
[client]
ssl-ca=/home/vcap/deps/0/rds-ca/rds-ca.pem
[client-mariadb]
ssl-verify-server-cert" "$(cat "$GOOD/home/vcap/deps/0/rds-ca/client/my.cnf")"
check_eq "the password is in no file of the droplet" "" \
  "$(grep -rlF -- "$DB_PASSWORD" "$GOOD/home/vcap" 2>/dev/null; grep -rlF 'p%40ss' "$GOOD/home/vcap" 2>/dev/null)"
# Without /home/vcap being the droplet (scripts/cf-local's own layout), the option file names a
# CA that is not there: MYSQL_HOME is left out, never pointed at it.
out=$(with_hosts "$HOSTS" "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CF_LOCAL" launch "$GOOD" bash -c 'echo "[${MYSQL_HOME-unset}]"' | app_out)
check_eq "a droplet not at /home/vcap gets no MYSQL_HOME" "[unset]" "$out"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP" "MYSQL_HOME=/app/own")
launch_in "$GOOD" bash -c 'echo "$MYSQL_HOME"'
check_eq "the app's own MYSQL_HOME is left alone" "/app/own" "$OUT"

# --- Negative: another root trusted; a host-name mismatch.
BADROOT=$TEST_TMP/badroot
log=$(stage_app "$BADROOT" "$PKI/other-root.pem" "VCAP_SERVICES=$VCAP") || { fail "staging (another root) succeeds" "$log"; finish; }
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
clients "another root" "$BADROOT" refuse "${each[@]}"
WRONG=$TEST_TMP/wronghost
VCAP_WRONG=$(vcap_for "$PKI_OTHER_HOST")
log=$(stage_app "$WRONG" "$PKI/root.pem" "VCAP_SERVICES=$VCAP_WRONG") || { fail "staging (wrong host) succeeds" "$log"; finish; }
LAUNCH_ENV=("VCAP_SERVICES=$VCAP_WRONG")
read -r -a but_ruby <<<"${MYSQL_CLIENTS/ruby-mysql2/}"
clients "host-name mismatch" "$WRONG" refuse "${but_ruby[@]}"
launch_in "$WRONG" "$SRC/tests/clients/run.sh" ruby-mysql2
check_eq "host-name mismatch: Debian's ruby-mysql2 0.5.3 cannot check the host name and connects (README: gem mysql2 >= 0.5.4)" \
  "0 TLS" "$RC ${OUT:0:3}"

# --- A weaker mode from the credentials on an RDS-shaped host is raised to full verification: a
# uri ending ?ssl_mode=DISABLED and the AWS Service Broker's jdbcUrl ending useSSL=false. The
# server is TLS-only, so a client that kept DISABLED could not log in at all.
RAISED=$TEST_TMP/raised
RAISED_VCAP=$(jq -cn --arg u "$DB_USER" --arg p "$DB_PASSWORD" --arg h "$PKI_HOST" --arg port "$TLS_PORT" --arg db "$DB_NAME" \
  '{"user-provided": [{name: "catalog-db", label: "user-provided", tags: [], instance_name: "catalog-db",
     credentials: {username: $u, password: $p, hostname: $h, port: $port, name: $db,
       uri: "mysql://\($h):\($port)/\($db)?ssl_mode=DISABLED",
       jdbcUrl: "jdbc:mysql://\($h):\($port)/\($db)?useSSL=false"}}]}')
if log=$(stage_app "$RAISED" "$PKI/root.pem" "VCAP_SERVICES=$RAISED_VCAP"); then
  check_contains "staging: ssl_mode DISABLED raised, and how to keep it" \
    "service 'catalog-db': ssl_mode disabled (uri ssl_mode) is raised to verify_identity: $PKI_HOST is an AWS database endpoint, which always offers TLS with a certificate naming it; to keep disabled, set the app's DB_SSL_MODE=disabled (cf set-env APP DB_SSL_MODE disabled)" "$log"
  LAUNCH_ENV=("VCAP_SERVICES=$RAISED_VCAP")
  clients "raised" "$RAISED" connect ruby-mysql2 python-pymysql node-mysql2 java-mariadb
  BADRAISED=$TEST_TMP/badraised
  if log=$(stage_app "$BADRAISED" "$PKI/other-root.pem" "VCAP_SERVICES=$RAISED_VCAP"); then
    clients "raised, another root" "$BADRAISED" refuse ruby-mysql2 python-pymysql node-mysql2 java-mariadb
  else fail "staging (raised, another root) succeeds" "$log"; fi
else fail "staging (raised) succeeds" "$log"; fi

# --- rds-ca verify and --sql speak MySQL.
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
launch_in "$GOOD" bash -c 'rds-ca verify --sql'
check_status "verify --sql against the TLS-only MariaDB" 0 "$RC"
check_contains "verify: the mode in MySQL's words" "ssl_mode   verify_identity" "$OUT"
check_contains "verify: chain and host name" "verified: chain to \"Amazon RDS us-west-2 Root CA RSA2048 G1\" and host name" "$OUT"
check_contains "verify --sql: this session's cipher" "this session (SHOW SESSION STATUS LIKE 'Ssl_%'):" "$OUT"
check_contains "verify --sql: the server refuses plaintext" "the server's require_secure_transport: ON" "$OUT"
check_not_contains "verify --sql: no password in the report" "p@ss" "$OUT$ERR"
# --sql with a password the server refuses: its error, never the password.
VCAP_BADPW=$(vcap_for "$PKI_HOST" | jq -c '.["user-provided"][0].credentials.password = "Wr0ngSecretPw"')
LAUNCH_ENV=("VCAP_SERVICES=$VCAP_BADPW")
launch_in "$GOOD" bash -c 'rds-ca verify --sql --quiet'
check_eq "verify --sql: a refused login is one line, without the password" \
  "1 rds-ca verify: console_db ($PKI_HOST:$TLS_PORT): --sql cannot log in (ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1' (using password: YES)): check the binding's user, password and database name" \
  "$RC $ERR"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP_WRONG")
launch_in "$WRONG" bash -c 'rds-ca verify --quiet'
check_status "verify: a host-name mismatch" 1 "$RC"
check_contains "verify: says which names the certificate has" \
  "the certificate names other hosts than $PKI_OTHER_HOST: $PKI_HOST: use one of those names" "$ERR"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP" "RDS_CA_VERIFY=strict")
launch_in "$GOOD" "$SRC/tests/clients/run.sh" mariadb
check_status "RDS_CA_VERIFY=strict at start, then the MariaDB CLI" 0 "$RC"

# --- The Cloud Native Buildpack (Cloud Foundry's CNB lifecycle, through scripts/cnb-local and the
# real lifecycle): the option file lives in the launch layer and names the bundle there (the same
# path at build and launch), so the exec.d program exports MYSQL_HOME with no /home/vcap involved.
. "$(dirname "$0")/cnb_lib.sh"
cnb_mysql() { with_hosts "$HOSTS" timeout -k 5 120 "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_RUNNER" launch "$CNB" --cf -- "$@"; }
mysql_cnb_suite() {
  CNB=$TEST_TMP/cnb
  local log rc out layer_store=$TEST_TMP/cnb/layers/rds-ca/rds-ca/rds-ca
  log=$(cnb_build "$CNB" "$SAMPLE_APP" --env VCAP_APPLICATION='{"application_name":"app"}' --env "VCAP_SERVICES=$VCAP" \
    --env "RDS_CA_EXTRA_CERTS=$(cat "$PKI/root.pem")" 2>&1); rc=$?
  check_result "CNB: detect and build pass" $rc "exit $rc" "$log"
  check_eq "CNB: my.cnf names the layer's bundle" "ssl-ca=$layer_store/rds-ca.pem" \
    "$(grep '^ssl-ca=' "$layer_store/client/my.cnf" 2>&1)"
  LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
  check_eq "CNB: exec.d exports MYSQL_HOME, DB_SSL_MODE and the mysql2 DATABASE_URL" \
"$layer_store/client
true
mysql2://app:$enc@$PKI_HOST:$TLS_PORT/appdb?sslca=$layer_store/rds-ca.pem&ssl_mode=verify_identity" \
    "$(cnb_mysql bash -c 'printf "%s\n" "$MYSQL_HOME" "$DB_SSL_MODE" "$DATABASE_URL"' 2>&1)"
  out=$(cnb_mysql "$SRC/tests/clients/run.sh" mariadb 2>&1); rc=$?
  check_eq "CNB: the MariaDB CLI with no TLS flag connects over verified TLS" "0 yes" \
    "$rc $([[ $out =~ ^[A-Z0-9_-]+$ ]] && echo yes || echo "no: $out")"
}
cnb_each_harness mysql_cnb_suite

# --- rds-ca verify --require-tls: read over verified TLS, never a plaintext login; each verdict
# matched against what a plaintext client really gets from the server at that moment.
plaintext_login() {
  /usr/bin/mariadb --no-defaults --skip-ssl -h 127.0.0.1 -P "$TLS_PORT" -u "$DB_USER" -p"$DB_PASSWORD" \
    --batch --skip-column-names -e 'SELECT 1' 2>&1
}
LAUNCH_ENV=("VCAP_SERVICES=$VCAP")
launch_in "$GOOD" bash -c 'rds-ca verify --require-tls'
check_status "verify --require-tls: require_secure_transport=ON passes" 0 "$RC"
check_contains "verify --require-tls: the verdict and how it was read" \
  "plaintext  refused for user \"app\" (the binding's user): require_secure_transport is ON (read over verified TLS)" "$OUT"
check_contains "a plaintext client is refused indeed (MariaDB: 1045)" "ERROR 1045" "$(plaintext_login)"
my_sql_super <<<"SET GLOBAL require_secure_transport=OFF"
launch_in "$GOOD" bash -c 'rds-ca verify --require-tls --quiet'
check_eq "verify --require-tls: require_secure_transport=OFF fails, in one line with the fix" \
  "1 rds-ca verify: console_db ($PKI_HOST:$TLS_PORT): the server accepts connections without TLS: its require_secure_transport is OFF: set require_secure_transport=ON in the DB parameter group (a server of your own: require_secure_transport=ON under [mysqld])" \
  "$RC $ERR"
launch_in "$GOOD" bash -c 'rds-ca verify --warn-plaintext --json'
check_eq "verify --warn-plaintext --json: accepted, a warning, exit 0" \
  "0 accepted true require_secure_transport is OFF (read over verified TLS)" \
  "$RC $(jq -r '[.plaintext.result, (.warnings | length > 0), .plaintext.answer] | join(" ")' <<<"$OUT" 2>&1)"
check_eq "a plaintext client gets in indeed" "1" "$(plaintext_login)"
LAUNCH_ENV=("VCAP_SERVICES=$VCAP_BADPW")
launch_in "$GOOD" bash -c 'rds-ca verify --require-tls --quiet'
check_eq "verify --require-tls: a refused login cannot tell, one warning with the server's error, no password" \
  "0 rds-ca verify: WARNING: console_db ($PKI_HOST:$TLS_PORT): could not tell whether the server requires TLS: logging in over verified TLS to read require_secure_transport failed: cannot log in (ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1' (using password: YES)): check the binding's user, password and database name" \
  "$RC $ERR"
my_sql_super <<<"SET GLOBAL require_secure_transport=ON"
check_not_contains "verify --require-tls: no password in any report" "p@ss" "$OUT$ERR"

# A MariaDB without TLS: one line saying so.
MY_KEEP_DIR=$MY_DIR
my_start "$MYROOT/plain" "$PKI" off || { fail "MariaDB starts without TLS"; finish; }
PLAIN_DIR=$MY_DIR PLAIN_PORT=$MY_PORT
plain_verify() {
  with_hosts "$HOSTS" "$BUILD/rds-ca" verify --host "$PKI_HOST" --port "$PLAIN_PORT" --ca "$PKI/root.pem" \
    --engine mysql --mode verify_identity --quiet 2>&1
}
# No account may connect from 127.0.0.1 yet: the server's error packet instead of a greeting.
check_eq "verify: a server that refuses this client, in one line" \
  "rds-ca verify: $PKI_HOST:$PLAIN_PORT: $PKI_HOST:$PLAIN_PORT refused the connection (ERROR 1130: Host '127.0.0.1' is not allowed to connect to this MariaDB server): check that the database accepts connections from here" \
  "$(plain_verify)"
my_add_user "$DB_USER" "$DB_PASSWORD" "$DB_NAME"
out=$(plain_verify); rc=$?
MY_DIR=$PLAIN_DIR; my_stop; MY_DIR=$MY_KEEP_DIR
check_status "verify: a server without TLS" 1 "$rc"
check_eq "verify: the server offers no TLS, in one line" \
  "rds-ca verify: $PKI_HOST:$PLAIN_PORT: the server does not offer TLS (its greeting lacks CLIENT_SSL): give it ssl_cert and ssl_key, or check that $PKI_HOST:$PLAIN_PORT is the database you meant" "$out"
finish
