#!/usr/bin/env bash
# The rds-ca command outside Cloud Foundry (issue 11), run as a user would: seed 000's URL, the
# k8s YAML read back by python3-yaml (and by kubectl patch --local when kubectl is there), the
# bundle checked against openssl, env eval'd by bash and equal to the launch hook's output,
# usage errors (one line, exit 2), and `cmake --install` with a DESTDIR.
. "$(dirname "$0")/lib.sh"
RDSCA=$BUILD/rds-ca
SEED_HOST=my-rds-instance.us-east-1.rds.amazonaws.com
SEED_URL="postgres://user:password@$SEED_HOST/db_name?sslmode=disable"
cd "$TEST_TMP" || exit 1

# --- rds-ca --help lists every command -----------------------------------------------------
help=$("$RDSCA" --help)
for c in endpoint verify bundle url k8s env; do check_contains "rds-ca --help lists $c" "  $c " "$help"; done
for c in verify bundle url k8s env; do
  out=$("$RDSCA" "$c" --help); st=$?
  check_status "rds-ca $c --help" 0 "$st"
  check_contains "rds-ca $c --help has its usage" "usage: rds-ca $c" "$out"
  check_contains "rds-ca $c --help has an example" "xample" "$out"
done

# --- url: seed 000 ---------------------------------------------------------------------------
check_eq "url: seed 000's URL" \
  "postgres://user:password@$SEED_HOST/db_name?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem" \
  "$("$RDSCA" url "$SEED_URL")"
check_eq "url: JDBC in, JDBC out" \
  "jdbc:postgresql://$SEED_HOST:5432/db?user=u&sslmode=verify-ca&sslrootcert=/x/ca.pem" \
  "$("$RDSCA" url "jdbc:postgresql://$SEED_HOST:5432/db?user=u&sslmode=disable" --mode verify-ca --root /x/ca.pem)"
check_eq "url -: seed 000's URL from standard input, no password in any process's arguments" \
  "postgres://user:password@$SEED_HOST/db_name?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem" \
  "$(printf '%s\n' "$SEED_URL" | "$RDSCA" url -)"
check_eq "url -: a CRLF line and options after the -" \
  "jdbc:postgresql://$SEED_HOST:5432/db?user=u&sslmode=verify-ca&sslrootcert=/x/ca.pem" \
  "$(printf '%s\r\n' "jdbc:postgresql://$SEED_HOST:5432/db?user=u&sslmode=disable" | "$RDSCA" url - --mode verify-ca --root /x/ca.pem)"

# --- bundle: comment lines agree with openssl ------------------------------------------------
"$RDSCA" bundle --host "$SEED_HOST" > bundle.pem
check_eq "bundle: us-east-1 has 3 certificates" 3 "$(grep -c 'BEGIN CERTIFICATE' bundle.pem)"
awk '/^# /{n++} {print > ("cert-" n ".pem")}' bundle.pem  # cert-N.pem: a comment line, then its PEM
for i in 1 2 3; do
  comment=$(head -1 "cert-$i.pem")
  fp=$(openssl x509 -in "cert-$i.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
  end=$(date -u -d "$(openssl x509 -in "cert-$i.pem" -noout -enddate | sed 's/notAfter=//')" +%F)
  cn=$(openssl x509 -in "cert-$i.pem" -noout -subject -nameopt multiline | sed -n 's/^ *commonName *= //p')
  check_contains "bundle: certificate $i's sha256 in its comment" "| not after $end | sha256 $fp" "$comment"
  check_contains "bundle: certificate $i's CN in its comment" "CN=$cn," "$comment"
  check_contains "bundle: certificate $i is a us-east-1 root ($cn)" "Amazon RDS us-east-1 Root CA" "$cn"
done
check_eq "bundle: openssl verifies each root against the bundle" 3 \
  "$(for i in 1 2 3; do openssl verify -CAfile bundle.pem "cert-$i.pem"; done | grep -c ': OK$')"

# --- k8s: parsed back by python3-yaml --------------------------------------------------------
"$RDSCA" k8s --host "$SEED_HOST" --name on --container my-container > k8s.yaml
yaml_check=$(python3 - k8s.yaml bundle.pem <<'EOF'
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
cm, patch = docs
bundle = open(sys.argv[2]).read()
spec = patch["spec"]["template"]["spec"]
c = spec["containers"][0]
print(len(docs), cm["apiVersion"], cm["kind"], repr(cm["metadata"]["name"]), list(cm["data"]),
      cm["data"]["bundle.pem"] == bundle, c["name"], c["volumeMounts"][0]["name"] == "on",
      c["volumeMounts"][0]["mountPath"], c["volumeMounts"][0]["readOnly"],
      spec["volumes"][0]["name"] == "on", spec["volumes"][0]["configMap"]["name"] == "on")
EOF
)
check_eq "k8s: both documents read back by python3-yaml (name 'on' stays a string)" \
  "2 v1 ConfigMap 'on' ['bundle.pem'] True my-container True /etc/rds-ca True True True" "$yaml_check"
check_contains "k8s: the patch names the sslrootcert path" "sslrootcert=/etc/rds-ca/bundle.pem" "$(grep '^#' k8s.yaml)"

if command -v kubectl >/dev/null; then
  cat > deployment.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-deployment
spec:
  selector: {matchLabels: {app: my}}
  template:
    metadata: {labels: {app: my}}
    spec:
      containers:
      - name: my-container
        image: my-image
        args: ["-db=$SEED_URL"]
EOF
  "$RDSCA" k8s --host "$SEED_HOST" --container my-container --only patch > patch.yaml
  patched=$(timeout 60 kubectl patch --local -f deployment.yaml --patch-file patch.yaml -o json 2>&1 | python3 -c '
import json, sys
d = json.load(sys.stdin)["spec"]["template"]["spec"]
c = d["containers"]
print(len(c), c[0]["image"], c[0]["volumeMounts"], d["volumes"])')
  check_eq "k8s: kubectl patch --local merges the patch into seed 000's Deployment" \
    "1 my-image [{'mountPath': '/etc/rds-ca', 'name': 'rds-ca', 'readOnly': True}] [{'configMap': {'name': 'rds-ca'}, 'name': 'rds-ca'}]" \
    "$patched"
  "$RDSCA" k8s --host "$SEED_HOST" --name 123 --only configmap > cm.yaml
  cm=$(timeout 60 kubectl patch --local -f cm.yaml --type merge -p '{}' -o json 2>&1 | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["kind"], d["metadata"]["name"], d["data"]["bundle.pem"] == open("bundle.pem").read())')
  check_eq "k8s: kubectl decodes the ConfigMap (name 123 a string)" "ConfigMap 123 True" "$cm"
else
  echo "skip - k8s: kubectl patch --local not run (no kubectl: Debian 12 does not package it)"
fi

# --- env: eval'd by bash, the same as the launch hook -----------------------------------------
DEPS=$TEST_TMP/deps; mkdir -p "$DEPS/0/rds-ca"
"$RDSCA" bundle --host "$SEED_HOST" > "$DEPS/0/rds-ca/rds-ca.pem"
cp "$DEPS/0/rds-ca/rds-ca.pem" "$DEPS/0/rds-ca/ca-certificates.crt"
VCAP='{"user-provided":[{"name":"app-db","label":"user-provided","tags":[],"credentials":{"uri":"postgres://u:p%22%5C%0Ax%27y@'$SEED_HOST'/db_name?sslmode=disable"}}]}'
printf %s "$VCAP" > vcap.json
hook=$("${CLEAN_ENV[@]}" VCAP_SERVICES="$VCAP" DEPS_DIR="$DEPS" "$BUILD/rds-ca-launch" 0)
envout=$("${CLEAN_ENV[@]}" VCAP_SERVICES="$VCAP" DEPS_DIR="$DEPS" "$RDSCA" env)
check_eq "env: the same text as the launch hook (rds-ca-launch)" "$hook" "$envout"
check_eq "env --vcap FILE --deps-dir DIR --idx 0: the same" "$hook" \
  "$("${CLEAN_ENV[@]}" "$RDSCA" env --vcap vcap.json --deps-dir "$DEPS" --idx 0)"
evald=$(bash -c 'eval "$1" && printf "%s|%s|%s" "$DATABASE_URL" "$JDBC_DATABASE_PASSWORD" "$PGSSLROOTCERT"' _ "$envout")
# Seed 000's sslmode=disable on an RDS host: raised to verify-full.
check_eq "env: eval'd by bash" \
  "postgres://u:p%22%5C%0Ax%27y@$SEED_HOST:5432/db_name?sslmode=verify-full&sslrootcert=$DEPS/0/rds-ca/rds-ca.pem|p\"\\
x'y|$DEPS/0/rds-ca/ca-certificates.crt" "$evald"
json=$("${CLEAN_ENV[@]}" "$RDSCA" env --vcap vcap.json --deps-dir "$DEPS" --idx 0 --format json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["JDBC_DATABASE_PASSWORD"] == "p\"\\\nx'"'"'y", d["DB_SSL_MODE"])')
check_eq "env --format json" "True verify-full" "$json"
if python3 -c 'import dotenv' 2>/dev/null; then
  dot=$("${CLEAN_ENV[@]}" "$RDSCA" env --vcap vcap.json --deps-dir "$DEPS" --idx 0 --format dotenv > app.env &&
    python3 -c 'import dotenv; d = dotenv.dotenv_values("app.env"); print(d["JDBC_DATABASE_PASSWORD"] == "p\"\\\nx'"'"'y", d["SSL_CERT_FILE"])')
  check_eq "env --format dotenv read by python-dotenv" "True $DEPS/0/rds-ca/ca-certificates.crt" "$dot"
fi

# --- usage errors: one line on stderr, exit 2 ------------------------------------------------
usage() { # NAME EXPECTED_LINE ARGS...
  local name=$1 want=$2; shift 2
  local err st
  err=$("$RDSCA" "$@" 2>&1 >/dev/null); st=$?
  check_status "$name" 2 "$st"
  check_eq "$name: one line" "$want" "$err"
}
usage "bundle unknown option" "rds-ca bundle: unknown option '--hots': run rds-ca bundle --help for the options" bundle --hots x
usage "bundle missing value" "rds-ca bundle: --host needs a value: run rds-ca bundle --help" bundle --host
usage "url no URL" "rds-ca url: give the URL to rewrite: run rds-ca url --help" url
usage "url bad mode" "rds-ca url: --mode 'full' is not an sslmode: use one of disable, allow, prefer, require, verify-ca, verify-full" url "$SEED_URL" --mode full
usage_stdin() { # NAME EXPECTED_LINE INPUT ARGS...
  local name=$1 want=$2 input=$3; shift 3
  local err st
  err=$(printf '%s' "$input" | "$RDSCA" "$@" 2>&1 >/dev/null); st=$?
  check_status "$name" 2 "$st"
  check_eq "$name: one line" "$want" "$err"
}
usage_stdin "url - with nothing on standard input" "rds-ca url: no URL on standard input: give it on one line, or as the argument instead of -" "" url -
usage_stdin "url - with two lines (neither shown)" "rds-ca url: standard input holds more than one line: give only the URL, on one line" \
  "$SEED_URL"$'\n'"$SEED_URL"$'\n' url -
usage_stdin "url - over 128 KiB" "rds-ca url: the URL on standard input is longer than 131072 bytes: give one URL on one line" \
  "postgres://u:hunter2@h/db?a=$(head -c 140000 /dev/zero | tr '\0' a)" url -
usage "url not PostgreSQL (password not shown)" "rds-ca url: the URL is not a PostgreSQL or MySQL URL: give one that starts postgres://, postgresql://, jdbc:postgresql://, mysql://, mysql2://, jdbc:mysql:// or jdbc:mariadb://" url "redis://u:hunter2@h/db"
usage "k8s missing value" "rds-ca k8s: --name needs a value: run rds-ca k8s --help" k8s --host "$SEED_HOST" --name
usage "k8s bad name" "rds-ca k8s: --name 'My_App' is not a Kubernetes name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit" k8s --host "$SEED_HOST" --name My_App
usage "verify unknown option" "rds-ca verify: unknown option '--hots': run rds-ca verify --help for the options" verify --hots x
usage "verify missing value" "rds-ca verify: --host needs a value: run rds-ca verify --help" verify --host
usage "verify bad port" "rds-ca verify: --port wants a TCP port (1-65535), not '99999'" verify --host h --port 99999
usage "verify bad timeout" "rds-ca verify: --timeout wants seconds above 0 and up to 600 (such as 5 or 0.5), not 'soon'" verify --host h --timeout soon
usage "verify exclusive options" "rds-ca verify: --quiet and --json exclude each other: give one" verify --quiet --json
usage "verify an argument (password not shown)" "rds-ca verify: this command takes no arguments besides options: run rds-ca verify --help" verify "postgres://u:hunter2@h/db"
usage "env unknown option" "rds-ca env: unknown option '--fromat': run rds-ca env --help for the options" env --fromat json
usage "env bad format" "rds-ca env: --format 'yaml' is not shell, dotenv or json" env --format yaml
err=$("$RDSCA" bundle --host db.example.com 2>&1 >/dev/null); st=$?
check_status "bundle: a host that is not AWS fails" 1 "$st"
check_eq "bundle: ... with one line" "rds-ca bundle: db.example.com is not an AWS database endpoint name: for a CNAME of one, set RDS_CA_REGION to its region, or use --region REGION" "$err"

# --- partitions: the European Sovereign Cloud and an ISO host, end to end (issue 19) -----------
EUSC_HOST=mydb.c9akciq32.eusc-de-east-1.rds.amazonaws.eu
ISO_HOST=app.cluster-c9akciq32.us-iso-east-1.rds.c2s.ic.gov
TEST_CA=$SRC/fixtures/certs/test-ca.pem
SETTINGS="; set RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 to a reachable copy of the RDS CA bundle and its sha256, or RDS_CA_EXTRA_CERTS to its PEM"
EUSC_LINE="no CA certificate for region eusc-de-east-1 (partition aws-eusc): AWS publishes no RDS CA bundle for the European Sovereign Cloud partition$SETTINGS"
ISO_LINE="no CA certificate for region us-iso-east-1 (partition aws-iso): AWS publishes no RDS CA bundle for the ISO (US) partition$SETTINGS"
check_eq "endpoint: the European Sovereign Cloud" "kind=instance partition=aws-eusc region=eusc-de-east-1 trust=rds" \
  "$("$RDSCA" endpoint "$EUSC_HOST")"
check_eq "endpoint: an ISO Aurora cluster" "kind=cluster partition=aws-iso region=us-iso-east-1 trust=rds" \
  "$("$RDSCA" endpoint "$ISO_HOST")"
check_eq "endpoint: China's older form (region before rds)" "kind=instance partition=aws-cn region=cn-north-1 trust=rds" \
  "$("$RDSCA" endpoint mydb.c9akciq32.cn-north-1.rds.amazonaws.com.cn 2>&1)"
failure() { # NAME EXPECTED_LINE ARGS...: exit 1, one line on stderr, nothing on stdout
  local name=$1 want=$2; shift 2
  local out err st
  out=$("${CLEAN_ENV[@]}" "$RDSCA" "$@" 2>"$TEST_TMP/err"); st=$?; err=$(cat "$TEST_TMP/err")
  check_status "$name" 1 "$st"
  check_eq "$name: one line" "$want" "$err"
  check_eq "$name: no PEM" "" "$out"
}
failure "bundle --host (European Sovereign Cloud): what is missing and the settings" "rds-ca bundle: $EUSC_LINE" bundle --host "$EUSC_HOST"
failure "bundle --region eusc-de-east-1 is a region now" "rds-ca bundle: $EUSC_LINE" bundle --region eusc-de-east-1
failure "bundle --region us-iso-east-1 (aws-iso, no download tried)" "rds-ca bundle: $ISO_LINE" bundle --region us-iso-east-1
failure "bundle --all --partition aws-iso-f" \
  "rds-ca bundle: no CA certificate for every region (partition aws-iso-f): AWS publishes no RDS CA bundle for the ISOF (US) partition$SETTINGS" \
  bundle --all --partition aws-iso-f
cp "$TEST_CA" extra-ca.pem
out=$("${CLEAN_ENV[@]}" RDS_CA_EXTRA_CERTS=extra-ca.pem "$RDSCA" bundle --host "$EUSC_HOST" 2>"$TEST_TMP/err"); st=$?
check_status "bundle --host (European Sovereign Cloud) with RDS_CA_EXTRA_CERTS" 0 "$st"
check_eq "... prints the extra CA" "$(openssl x509 -in "$TEST_CA" -noout -fingerprint -sha256)" \
  "$(printf '%s\n' "$out" | openssl x509 -noout -fingerprint -sha256)"
check_eq "... and warns with the line once" "rds-ca bundle: WARNING: $EUSC_LINE" "$(cat "$TEST_TMP/err")"

# Staging (bin/supply) for a binding to each: fails with the line, stages with the setting.
supply() { # HOST APP_NAME ENV...: runs bin/supply in fresh directories, log in $TEST_TMP/supply-APP.log
  local host=$1 name=$2; shift 2
  local root=$TEST_TMP/supply-$name; rm -rf "$root"; mkdir -p "$root/app" "$root/cache" "$root/deps/0"
  local vcap='{"user-provided":[{"name":"db","label":"user-provided","tags":[],"credentials":{"uri":"postgres://u:p@'$host':5432/db?sslmode=verify-full"}}]}'
  (cd "$root" && "${CLEAN_ENV[@]}" VCAP_SERVICES="$vcap" VCAP_APPLICATION='{"application_name":"'$name'"}' "$@" \
    "$BP/bin/supply" "$root/app" "$root/cache" "$root/deps" 0) >"$TEST_TMP/supply-$name.log" 2>&1
}
supply "$EUSC_HOST" eusc-bare; st=$?
check_status "supply: a European Sovereign Cloud binding (verify-full) without its CA fails" 1 "$st"
check_contains "supply: ... with the line naming the settings" "**ERROR** service db: $EUSC_LINE" "$(cat "$TEST_TMP/supply-eusc-bare.log")"
supply "$EUSC_HOST" eusc-extra RDS_CA_EXTRA_CERTS="$(cat "$TEST_CA")"; st=$?
log=$(cat "$TEST_TMP/supply-eusc-extra.log")
check_status "supply: the same binding with RDS_CA_EXTRA_CERTS stages" 0 "$st"
check_contains "supply: ... classified" "db: $EUSC_HOST kind=instance partition=aws-eusc region=eusc-de-east-1 trust=rds" "$log"
check_contains "supply: ... from the extra certificates" "CA source: extra certificates" "$log"
check_eq "supply: ... the droplet's RDS bundle is the extra CA" "$(openssl x509 -in "$TEST_CA" -noout -fingerprint -sha256)" \
  "$(openssl x509 -in "$TEST_TMP/supply-eusc-extra/deps/0/rds-ca/rds-ca.pem" -noout -fingerprint -sha256)"

# The other setting: an ISO binding staged from a mirror (RDS_CA_BUNDLE_URL + RDS_CA_BUNDLE_SHA256),
# trusted through the platform's CAs; the mirror's log shows the only request made.
mkdir -p mirror platform-certs; cp "$TEST_CA" mirror/us-iso-east-1-bundle.pem; cp "$TEST_CA" platform-certs/ca-1.crt
coproc MIRROR { exec python3 "$SRC/tests/https_server.py" --root "$TEST_TMP/mirror" --log "$TEST_TMP/mirror.log" \
  --cert "$SRC/fixtures/certs/server.pem" --key "$SRC/fixtures/certs/server.key"; }
at_exit "kill $MIRROR_PID"
read -r -t 10 _ port <&"${MIRROR[0]}" || { echo "FAIL - the HTTPS test server did not start"; exit 1; }
supply "$ISO_HOST" iso-bare; st=$?
check_status "supply: an ISO binding (verify-full) without its CA fails" 1 "$st"
check_contains "supply: ... with the line naming the settings" "**ERROR** service db: $ISO_LINE" "$(cat "$TEST_TMP/supply-iso-bare.log")"
supply "$ISO_HOST" iso-mirror RDS_CA_BUNDLE_URL="https://127.0.0.1:$port/files/{region}-bundle.pem" \
  RDS_CA_BUNDLE_SHA256="$(sha256sum "$TEST_CA" | cut -d' ' -f1)" CF_SYSTEM_CERT_PATH="$TEST_TMP/platform-certs"; st=$?
check_status "supply: the same binding with RDS_CA_BUNDLE_URL and RDS_CA_BUNDLE_SHA256 stages" 0 "$st"
check_contains "supply: ... from the mirror" "CA source: download https://127.0.0.1:$port/files/us-iso-east-1-bundle.pem" \
  "$(cat "$TEST_TMP/supply-iso-mirror.log")"
check_eq "supply: ... one request, to the mirror's region file" "GET /files/us-iso-east-1-bundle.pem" "$(cat "$TEST_TMP/mirror.log")"

# --- cmake --install with a DESTDIR: the installed binary carries its certificates -----------
DESTDIR=$TEST_TMP/root cmake --install "$BUILD" --prefix /usr/local >/dev/null
installed=$TEST_TMP/root/usr/local/bin/rds-ca
check_eq "cmake --install puts rds-ca in PREFIX/bin" yes "$([ -x "$installed" ] && echo yes)"
check_eq "the installed rds-ca prints the same bundle, from anywhere" "$(cat bundle.pem)" \
  "$(cd / && "${CLEAN_ENV[@]}" "$installed" bundle --region us-east-1)"
finish
