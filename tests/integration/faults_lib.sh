# Shared by faults_test.sh and faults_launch_test.sh (source after lib.sh).
RDS_HOST=mydb.c9akciq32.us-west-2.rds.amazonaws.com

# vcap_for HOST [PASSWORD]: VCAP_SERVICES with one PostgreSQL binding 'db' on HOST
vcap_for() {
  printf '{"user-provided":[{"name":"db","label":"user-provided","tags":["postgresql"],"credentials":{"uri":"postgres://user:%s@%s:5432/orders"}}]}' \
    "${2:-pw}" "$1"
}

# new_dirs DIR: a staging layout for a direct supply run: DIR/{app,cache,deps/0}
new_dirs() { rm -rf "$1"; mkdir -p "$1/cache" "$1/deps/0"; cp -a "$SAMPLE_APP" "$1/app"; }

# supply DIR [NAME=VALUE...]: the assembled buildpack's bin/supply on DIR, in a platform-clean env
supply() { supply_with "$BP" "$@"; }
supply_with() { # BP DIR [NAME=VALUE...]
  local bp=$1 d=$2; shift 2
  "${CLEAN_ENV[@]}" "$@" "$bp/bin/supply" "$d/app" "$d/cache" "$d/deps" 0
}

# Running as nobody (root can read and write anything: permission faults need another user).
if [ "$(id -u)" = 0 ]; then
  NOBODY_TMP=$(mktemp -d /tmp/rdsca-nobody-XXXXXX); chmod 755 "$NOBODY_TMP"
  at_exit "rm -rf '$NOBODY_TMP'"
  cp -a "$BP" "$NOBODY_TMP/bp"; NOBODY_BP=$NOBODY_TMP/bp
fi
# nobody_supply DIR [NAME=VALUE...]: supply (the buildpack copy nobody can run) as nobody
nobody_supply() {
  local d=$1; shift
  setpriv --reuid=65534 --regid=65534 --clear-groups \
    "${CLEAN_ENV[@]}" "$@" "$NOBODY_BP/bin/supply" "$d/app" "$d/cache" "$d/deps" 0
}

# check_failed_once NAME STATUS NEEDLE OUTPUT: failed, with exactly one **ERROR** line, holding NEEDLE
check_failed_once() {
  local errors; errors=$(grep -F '**ERROR**' <<<"$4")
  if [ "$2" = 0 ]; then fail "$1: it did not fail" "$4"
  elif [ "$(grep -c . <<<"$errors")" != 1 ]; then fail "$1: not exactly one **ERROR** line" "$4"
  elif [[ "$errors" != *"$3"* ]]; then fail "$1: the error line lacks: $3" "$errors"
  else pass "$1: one **ERROR** line: ${errors#*\*\*ERROR\*\* }"; fi
}

# check_warned_once NAME STATUS NEEDLE OUTPUT: staged (exit 0) with exactly one **WARNING** line
# holding NEEDLE and no **ERROR** line: bindings that cannot be read never fail a push.
check_warned_once() {
  local warnings; warnings=$(grep -F '**WARNING**' <<<"$4" | grep -F -- "$3")
  if [ "$2" != 0 ]; then fail "$1: it failed (exit $2)" "$4"
  elif grep -qF '**ERROR**' <<<"$4"; then fail "$1: an **ERROR** line" "$4"
  elif [ "$(grep -c . <<<"$warnings")" != 1 ]; then fail "$1: not exactly one **WARNING** line with: $3" "$4"
  else pass "$1: staged, one **WARNING** line: ${warnings#*\*\*WARNING\*\* }"; fi
}

# tree_digest DIR: every entry's type, mode and path, then every file's sha256 (comparable)
tree_digest() {
  (cd "$1" && find . -mindepth 1 -printf '%y %m %p\n' | LC_ALL=C sort &&
     find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# check_same_tree NAME DIR_A DIR_B: the same entries, modes and bytes (tree_digest), else the diff
check_same_tree() {
  local diff; diff=$(diff <(tree_digest "$2") <(tree_digest "$3"))
  if [ -z "$diff" ]; then pass "$1"; else fail "$1" "$(head -20 <<<"$diff")"; fi
}

# partial_files REF DIR: each entry of DIR that is not in REF, or differs from it ("" when none)
partial_files() {
  local ref=$1 dir=$2 p
  (cd "$dir" && find . -mindepth 1 -print0 | LC_ALL=C sort -z) | while IFS= read -r -d '' p; do
    if [ ! -e "$ref/$p" ] && [ ! -L "$ref/$p" ]; then echo "not in a whole run: $p"
    elif [ -f "$dir/$p" ] && ! cmp -s "$ref/$p" "$dir/$p"; then echo "differs: $p"
    fi
  done
}

# start_mirror: the local HTTPS server with a us-west-2 bundle (three roots), trusted through
# CF_SYSTEM_CERT_PATH=$CERT_DIR; sets MIRROR_URL and SERVER_LOG (one line per request).
start_mirror() {
  local mirror=$TEST_TMP/mirror
  mkdir -p "$mirror"; cp "$SRC/fixtures/trust/rds-us-west-2-roots.pem" "$mirror/us-west-2-bundle.pem"
  CERT_DIR=${NOBODY_TMP:-$TEST_TMP}/platform-certs; mkdir -p "$CERT_DIR"
  cp "$SRC/fixtures/certs/test-ca.pem" "$CERT_DIR/container-trusted-ca-1.crt"; chmod -R a+rX "$CERT_DIR"
  SERVER_LOG=$TEST_TMP/server.log; : > "$SERVER_LOG"
  coproc MIRROR_SERVER { exec python3 "$SRC/tests/https_server.py" --root "$mirror" --log "$SERVER_LOG" \
    --cert "$SRC/fixtures/certs/server.pem" --key "$SRC/fixtures/certs/server.key"; }
  at_exit "kill $MIRROR_SERVER_PID"
  local port
  read -r -t 10 _ port <&"${MIRROR_SERVER[0]}" || { echo "FAIL - the HTTPS test server did not start"; exit 1; }
  MIRROR_URL=https://127.0.0.1:$port/files
}
