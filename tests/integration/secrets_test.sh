#!/usr/bin/env bash
# Secrets (issue 10): a marker password goes through every path a credential takes, the failing
# ones included, staged and launched through the harnesses (scripts/cf-local, and the real lifecycle
# when CF_REAL names it). The marker must appear in no file of the droplet, the build artifacts cache
# (output-cache.tgz, unpacked) or anything else under the harness root (grep -r over all of it), in
# no staging or launch output, in config.yml, and in no error line. The app's own command never
# prints it (it prints a hash of DATABASE_URL). Logged URLs read postgres://user:***@host:port/db.
# ERROR_PATHS below lists every `Failure(` of the sources that handle credentials, each with the
# case that drives it or why it cannot carry credential-derived text; the test fails when the
# sources gain an error path the list does not name.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
cf_harnesses_note
M=Mk7Sx9SecretPw42  # unreserved characters only: percent-encoding leaves it as it is
HOST=db.example.com

# --- every error path of the credential-handling sources ------------------------------------------
ERROR_PATHS=(
  # file|a unique piece of the throw|the case below, or why no credential text can reach it
  "bindings/bindings.cc|holds a NUL byte (byte|vcap-nul (position only)"
  "bindings/bindings.cc|is not valid JSON (|json-at-password (position only)"
  "bindings/bindings.cc|too large for a double|json-number-overflow (fixed text)"
  "bindings/bindings.cc|an entry under '|entry-not-object (label only)"
  "bindings/bindings.cc|credentials is \" + TypeName|credentials-array, credentials-string"
  "bindings/bindings.cc|entries, more than the|binding-root size cap: counts and paths only"
  "bindings/bindings.cc|not a JSON object of service labels|vcap-not-object (type only)"
  "bindings/bindings.cc|the value of '|label-not-array (label only)"
  "db/resolve.cc|' is not an \" + word + \": use one of|sslmode-bad (the sslmode value, not a credential)"
  "db/resolve.cc|DB_SSL_MODE=\" + Shown(app_mode)|an app setting, not a credential"
  "db/resolve.cc|: the host is empty|uri-no-host"
  "db/resolve.cc|' is not a host name or IP address|host-bad (the host, not a secret)"
  "db/resolve.cc|source->error + \": \" + source->fix|every uri-* failure (url and pg_url reasons below)"
  "db/selection.cc|names no bound service|service names only"
  "bindings/credentials.cc|\" is \" + TypeName(*it)|password-array, password-object"
  "bindings/credentials.cc|holds a NUL byte, which no environment|password-nul"
  "bindings/credentials.cc|port \" + text + \" is out of range|port-negative (the port)"
  "bindings/credentials.cc|' is not a number\" + kPortFix|port-text (the port)"
  "bindings/credentials.cc|port \" + Shown(text) + \" is out of range|port-range (the port)"
  "db/url.cc|bad percent-encoding in the|uri-bad-escape (names the component only)"
  "db/url.cc|the port is not a number|uri-port-text (never the text: it may be a password)"
  "db/url.cc|(text.size() > 5) throw|uri-port-range (fixed text)"
  "db/url.cc|(port < 1 || port > 65535)|uri-port-range (fixed text)"
  "db/url.cc|has no closing ']'|uri-ipv6-open (fixed text)"
  "db/url.cc|unexpected text after the IPv6 host|uri-ipv6-trailing (fixed text)"
  "db/url.cc|names several hosts|uri-several-hosts (fixed text)"
  "db/url.cc|must be written in brackets|uri-ipv6-bare (fixed text)"
  "db/url.cc|follows the first '/'|uri-raw-slash (fixed text)"
  "db/postgres/pg_url.cc|does not start with postgres:// or|uri-no-scheme (fixed text)"
  "db/postgres/pg_url.cc|its scheme '\" + scheme|uri-other-engine (scheme characters only)"
  "db/postgres/pg_url.cc|does not start with jdbc:postgresql://|jdbc-bad (fixed text)"
  "db/mysql/mysql_url.cc|does not start with mysql:// or mysql2://|mysql-no-scheme (fixed text)"
  "db/mysql/mysql_url.cc|its scheme '\" + scheme|scheme characters only (the engine owns the scheme before it parses)"
  "db/mysql/mysql_url.cc|does not start with jdbc:mysql:// or|mysql-jdbc-no-scheme (fixed text)"
  "verify/mysql_sql.cc|\"cannot log in (|the server's error text and fixed text, never the URL (mysql_test.sh: a wrong password)"
  "verify/mysql_sql.cc|\"could not run|the query and the server's error text"
  "verify/mysql_sql.cc|\"--sql \") + e.what()|one of the two above, prefixed for --sql"
  "launch/cf_launch.cc|DEPS_DIR is not set|no credential"
  "launch/cf_launch.cc|is not a buildpack index|DEPS_IDX only"
  "launch/render_shell.cc|is not a shell variable name|variable names only"
  "launch/render_shell.cc|would hold a NUL byte|password-nul (caught earlier: names the variable only)"
  "ca/ca_select.cc|does not have the sha256 manifest.yml pins|buildpack file path only"
  "ca/ca_select.cc|RDS_CA_SOURCE=|a setting, not a credential"
  "ca/ca_select.cc|RDS_CA_BUNDLE_URL=\" + RedactUrl|bundle-http (userinfo redacted)"
  "ca/ca_select.cc|RDS_CA_BUNDLE_SHA256 is not a sha256|fixed text"
  "ca/ca_select.cc|is not an AWS region code|a setting, not a credential"
  "ca/ca_select.cc|set RDS_CA_EXTRA_CERTS to PEM text|a file path, not a credential"
  "ca/download.cc|cannot download \" + RedactUrl|download-closed, download-404, download-redirect-http (userinfo redacted)"
)
ERROR_FILES=(bindings/bindings.cc db/resolve.cc db/selection.cc bindings/credentials.cc db/url.cc db/postgres/pg_url.cc
             db/mysql/mysql_url.cc verify/mysql_sql.cc
             launch/cf_launch.cc launch/render_shell.cc ca/ca_select.cc ca/download.cc)
# issue 18: the CNB launch program's (the cases are in the CNB block at the end)
ERROR_PATHS+=(
  "launch/render_toml.cc|would hold a NUL byte|cnb NUL password (names the variable only)"
  "launch/render_toml.cc|would hold bytes that are not UTF-8|cnb password not UTF-8 (the variable and a byte position only)"
  "launch/render_toml.cc|is not an environment variable name|our own variable names only"
  "launch/cnb_launch.cc|not from a launch layer's exec.d|the program's directory only"
)
ERROR_FILES+=(launch/render_toml.cc launch/cnb_launch.cc)
for f in "${ERROR_FILES[@]}"; do
  listed=0
  for e in "${ERROR_PATHS[@]}"; do
    [ "${e%%|*}" = "$f" ] || continue
    listed=$((listed + 1)); piece=${e#*|}; piece=${piece%%|*}
    grep -qF -- "$piece" "$SRC/src/$f" || fail "ERROR_PATHS: '$piece' is no longer in src/$f: update the list"
  done
  check_eq "src/$f: every Failure( is listed in ERROR_PATHS" "$(grep -c 'Failure(' "$SRC/src/$f")" "$listed"
done

# --- the cases ------------------------------------------------------------------------------
vcap() { # CREDENTIALS_JSON [LABEL]: one user-provided service 'db' tagged postgresql
  printf '{"%s":[{"name":"db","label":"user-provided","tags":["postgresql"],"credentials":%s}]}' "${2:-user-provided}" "$1"
}
uri() { vcap "{\"uri\":\"$1\"}"; }
vcap_mysql() { # CREDENTIALS_JSON: one service 'db' labelled mysql
  printf '{"mysql":[{"name":"db","label":"mysql","tags":[],"credentials":%s}]}' "$1"
}

no_marker() { # NAME TEXT
  if [[ "$2" == *"$M"* ]]; then fail "$1 holds the password" "$(grep -F "$M" <<<"$2" | head -5)"; else pass "$1: no password"; fi
}
no_marker_in_tree() { # NAME ROOT: every file under ROOT, compressed build caches unpacked
  local root=$1 tgz hits
  for tgz in "$root"/*.tgz; do
    [ -f "$tgz" ] || continue
    mkdir -p "$root/.unpacked/${tgz##*/}"; tar -xzf "$tgz" -C "$root/.unpacked/${tgz##*/}" 2>/dev/null
  done
  hits=$(grep -r -a -l -F -- "$M" "$root" 2>/dev/null | sed "s#$root/##")
  if [ -z "$hits" ]; then pass "$2: the password is in no file under the harness root"; else fail "$2: files hold the password" "$hits"; fi
}

# one HARNESS NAME STATUS NEEDLE VCAP [NAME=VALUE...]: stages (and launches when it succeeded)
one() {
  local h=$1 name=$2 want=$3 needle=$4 vcap=$5; shift 5
  local root=$TEST_TMP/$h-$name out rc url
  out=$(STAGE_ENV=(VCAP_SERVICES="$vcap" "$@"); stage "$h" "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h/$name: staging" "$want" "$rc"
  check_contains "$h/$name: the path taken" "$needle" "$out"
  no_marker "$h/$name: staging output" "$out"
  if [ "$rc" = 0 ]; then
    no_marker "$h/$name: config.yml" "$(cat "$root/home/vcap/deps/0/config.yml")"
    out=$(LAUNCH_ENV=(VCAP_SERVICES="$vcap" "$@"); launch "$h" "$root" bash -c 'printf %s "$DATABASE_URL" | sha256sum' 2>&1)
    no_marker "$h/$name: launch output" "$out"
    LAST_LAUNCH=$out
  fi
  no_marker_in_tree "$root" "$h/$name"
}

start_mirror  # faults_lib.sh: the HTTPS test server, trusted through CF_SYSTEM_CERT_PATH=$CERT_DIR
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mirror_auth=https://mirror:$M@${MIRROR_URL#https://}
FIRST=$(harnesses | cut -d' ' -f1)
for h in $(harnesses); do
  one "$h" success 0 "postgres://user:***@$HOST:5432/orders" "$(uri "postgres://user:$M@$HOST:5432/orders")"
  want_url="postgres://user:$M@$HOST:5432/orders?sslmode=verify-full&sslrootcert=/home/vcap/deps/0/rds-ca/rds-ca.pem"
  [ "$h" = local ] && want_url=${want_url/\/home\/vcap/$TEST_TMP/$h-success\/home\/vcap}
  check_contains "$h/success: the app gets the password in DATABASE_URL (its hash)" \
    "$(printf %s "$want_url" | sha256sum | cut -c1-64)" "$LAST_LAUNCH"
  one "$h" mysql-success 0 "mysql2://user:***@$HOST:3306/orders" "$(uri "mysql://user:$M@$HOST:3306/orders")"
  one "$h" discrete 0 "postgres://user:***@$HOST:5432/orders" \
    "$(vcap "{\"hostname\":\"$HOST\",\"username\":\"user\",\"password\":\"$M\",\"dbname\":\"orders\"}")"
  one "$h" conflict 0 "password and the uri's password differ" \
    "$(vcap "{\"uri\":\"postgres://user:other@$HOST/orders\",\"password\":\"$M\"}")"
  # the failing stagings run the same code whatever the harness: through the first one only
  if [ "$h" = "$FIRST" ]; then
  one "$h" uri-bad-escape 225 "bad percent-encoding in the password" "$(uri "postgres://user:$M%zz@$HOST/orders")"
  one "$h" uri-raw-slash 225 "write '/' as %2F" "$(uri "postgres://user:12/$M@$HOST:5432/orders")"
  one "$h" uri-other-engine 225 "uri has scheme 'mongodb', which is not PostgreSQL" "$(uri "mongodb://user:$M@$HOST:27017/orders")"
  # MySQL (the helper's tag says postgresql: a mysql uri or label wins, with a warning)
  one "$h" mysql-bad-escape 225 "bad percent-encoding in the password" "$(uri "mysql2://user:$M%zz@$HOST/orders")"
  one "$h" mysql-port-range 225 "the port is out of range 1-65535" "$(uri "mysql://user:$M@$HOST:99999/orders")"
  one "$h" mysql-sslmode-bad 225 "ssl_mode 'strict' is not an ssl_mode" "$(uri "mysql://user:$M@$HOST/orders?ssl_mode=strict")"
  one "$h" mysql-no-scheme 225 "it does not start with mysql:// or mysql2://" \
    "$(vcap_mysql "{\"uri\":\"user:$M@$HOST/orders\",\"jdbcUrl\":\"x\"}")"
  one "$h" mysql-jdbc-no-scheme 225 "jdbcUrl is not a valid MySQL URL (it does not start with jdbc:mysql:// or jdbc:mariadb://)" \
    "$(vcap_mysql "{\"jdbcUrl\":\"h/orders?password=$M\"}")"
  one "$h" uri-port-range 225 "the port is out of range 1-65535" "$(uri "postgres://user:$M@$HOST:99999/orders")"
  one "$h" uri-port-text 225 "the port is not a number" "$(uri "postgres://user:$M@$HOST:5x/orders")"
  one "$h" uri-several-hosts 225 "names several hosts" "$(uri "postgres://user:$M@h1.example.com,h2.example.com/orders")"
  one "$h" uri-ipv6-open 225 "an IPv6 host has no closing ']'" "$(uri "postgres://user:$M@[2001:db8::1/orders")"
  one "$h" uri-ipv6-trailing 225 "unexpected text after the IPv6 host" "$(uri "postgres://user:$M@[2001:db8::1]x/orders")"
  one "$h" uri-ipv6-bare 225 "must be written in brackets" "$(uri "postgres://user:$M@2001:db8::1/orders")"
  one "$h" uri-no-host 225 "the host is empty" "$(uri "postgres://user:$M@/orders")"
  one "$h" uri-no-scheme 225 "it does not start with postgres://" "$(vcap "{\"uri\":\"user:$M@$HOST/orders\",\"jdbcUrl\":\"x\"}" postgres)"
  one "$h" jdbc-bad 225 "jdbcUrl is not a valid PostgreSQL URL" \
    "$(vcap "{\"jdbcUrl\":\"jdbc:postgresql://$HOST:0/orders?user=u&password=$M\"}")"
  one "$h" port-text 225 "port '54x' is not a number" \
    "$(vcap "{\"hostname\":\"$HOST\",\"port\":\"54x\",\"password\":\"$M\",\"dbname\":\"d\"}")"
  one "$h" port-negative 225 "port -1 is out of range" \
    "$(vcap "{\"hostname\":\"$HOST\",\"port\":-1,\"password\":\"$M\",\"dbname\":\"d\"}")"
  one "$h" port-range 225 "port 70000 is out of range" \
    "$(vcap "{\"hostname\":\"$HOST\",\"port\":70000,\"password\":\"$M\",\"dbname\":\"d\"}")"
  one "$h" host-bad 225 "is not a host name or IP address" \
    "$(vcap "{\"hostname\":\"db example\",\"password\":\"$M\",\"dbname\":\"d\"}")"
  one "$h" sslmode-bad 225 "'weird' is not an sslmode" "$(vcap "{\"uri\":\"postgres://user:$M@$HOST/orders\",\"sslmode\":\"weird\"}")"
  one "$h" password-array 225 "password is an array" "$(vcap "{\"hostname\":\"$HOST\",\"dbname\":\"d\",\"password\":[\"$M\"]}")"
  one "$h" password-object 225 "password is an object" "$(vcap "{\"hostname\":\"$HOST\",\"dbname\":\"d\",\"password\":{\"p\":\"$M\"}}")"
  one "$h" password-nul 225 "password holds a NUL byte" "$(vcap "{\"hostname\":\"$HOST\",\"dbname\":\"d\",\"password\":\"$M\\u0000\"}")"
  one "$h" credentials-array 225 "credentials is an array" "$(vcap "[\"postgres://user:$M@$HOST/orders\"]")"
  one "$h" credentials-string 225 "credentials is a string" "$(vcap "\"postgres://user:$M@$HOST/orders\"")"
  one "$h" json-at-password 225 "VCAP_SERVICES is not valid JSON (line 1, column" "{\"x\":[{\"credentials\":{\"password\":\"$M}}]}"
  one "$h" json-number-overflow 225 "a number in it is too large for a double" \
    "{\"x\":[{\"credentials\":{\"password\":\"$M\",\"port\":1E99999}}]}"
  one "$h" entry-not-object 225 "an entry under 'x' is a string" "{\"x\":[\"postgres://user:$M@$HOST/orders\"]}"
  one "$h" label-not-array 225 "the value of 'x' is a string" "{\"x\":\"postgres://user:$M@$HOST/orders\"}"
  one "$h" vcap-not-object 225 "is an array, not a JSON object of service labels" "[\"$M\"]"
  fi
  # downloads: the bundle URL carries the marker as its userinfo; the embedded CAs stand in
  dl=("RDS_CA_SOURCE=download" "CF_SYSTEM_CERT_PATH=$CERT_DIR")
  good=$(uri "postgres://user:$M@mydb.c9akciq32.us-west-2.rds.amazonaws.com:5432/orders")
  one "$h" download-closed 0 "cannot download https://***@127.0.0.1:$closed_port/us-west-2-bundle.pem" "$good" \
    "${dl[@]}" "RDS_CA_BUNDLE_URL=https://mirror:$M@127.0.0.1:$closed_port/{region}-bundle.pem"
  one "$h" download-404 0 "HTTP status 404" "$good" "${dl[@]}" "RDS_CA_BUNDLE_URL=$mirror_auth/missing-{region}.pem"
  one "$h" download-redirect-http 0 "redirected to a URL that is not https://, refused" "$good" "${dl[@]}" \
    "RDS_CA_BUNDLE_URL=${mirror_auth%/files}/redirect-http/{region}-bundle.pem"
  one "$h" bundle-http 225 "RDS_CA_BUNDLE_URL=http://***@" "$good" "${dl[@]}" "RDS_CA_BUNDLE_URL=http://mirror:$M@127.0.0.1/x.pem"
  # verifying from staging and at launch (the database is not reachable: a note, one line)
  one "$h" verify 0 "Verifying the database's TLS from staging" \
    "$(uri "postgres://user:$M@127.0.0.1:$closed_port/orders")" RDS_CA_VERIFY_STAGING=1 RDS_CA_VERIFY=warn
  # launch-time failures: staged with a good binding, started with a broken one
  root=$TEST_TMP/$h-success
  for bad in "$(uri "postgres://user:$M@$HOST:99999/orders")" "$(uri "postgres://user:$M%zz@$HOST/orders")" \
             "{\"x\":[{\"credentials\":{\"password\":\"$M}}]}" "$(vcap "[\"$M\"]")"; do
    out=$(LAUNCH_ENV=(VCAP_SERVICES="$bad"); launch "$h" "$root" true 2>&1)
    check_contains "$h: a broken binding at launch: the hook says so in one line" "rds-ca-launch: " "$out"
    no_marker "$h: ... the launch output" "$out"
  done
  no_marker_in_tree "$root" "$h: after the launches"
done

# --- the Cloud Native Buildpacks path (issue 18): the marker through detect, build and exec.d ----
. "$(dirname "$0")/cnb_lib.sh"
cnb=$TEST_TMP/cnb
out=$(cnb_build "$cnb" "$SAMPLE_APP" --env "VCAP_SERVICES=$(uri "postgres://user:$M@$HOST:5432/orders")" 2>&1)
check_contains "cnb: the build logs the URL redacted" "postgres://user:***@$HOST:5432/orders" "$out"
no_marker "cnb: the build output" "$out"
out=$(LAUNCH_ENV=("VCAP_SERVICES=$(uri "postgres://user:$M@$HOST:5432/orders")")
      cnb_launch "$cnb" -- bash -c 'printf %s "$DATABASE_URL" | sha256sum' 2>&1)
check_eq "cnb: the app gets the password in DATABASE_URL (its hash)" \
  "$(printf %s "postgres://user:$M@$HOST:5432/orders?sslmode=verify-full&sslrootcert=$cnb/layers/rds-ca/rds-ca/rds-ca/rds-ca.pem" | sha256sum)" "$out"
for bad in '%s\377' '%s\0x'; do  # not UTF-8; a NUL byte
  mkdir -p "$TEST_TMP/cnb-bad/db"; printf postgresql > "$TEST_TMP/cnb-bad/db/type"
  printf %s "$HOST" > "$TEST_TMP/cnb-bad/db/host"; printf "$bad" "$M" > "$TEST_TMP/cnb-bad/db/password"
  out=$(LAUNCH_ENV=("SERVICE_BINDING_ROOT=$TEST_TMP/cnb-bad"); cnb_launch "$cnb" -- true 2>&1)
  check_contains "cnb: a password exec.d cannot export refuses the start in one line" "rds-ca-execd: " "$out"
  no_marker "cnb: ... the launch output" "$out"
done
hits=$(grep -r -a -l -F -- "$M" "$cnb/layers" "$cnb/workspace" 2>/dev/null)
check_eq "cnb: the password is in no file of the image (layers, app)" "" "$hits"
finish
