#!/usr/bin/env bash
# Faults (issue 10): each ends in a clear one-line **ERROR** or a correct result, and never in a
# partial file. Supply runs directly (bin/supply of the assembled buildpack, platform-clean env)
# where the fault needs a mount of its own; staging goes through the harnesses otherwise.
# - bindings: VCAP_SERVICES_FILE_PATH missing, a directory, unreadable (as nobody); a
#   SERVICE_BINDING_ROOT with a symlink loop, a 100 MB file, binary junk, a `type` with odd case
#   and spaces; a 10 MB VCAP_SERVICES file; credentials that are an array (through the harnesses)
# - CACHE_DIR read-only (a read-only bind mount as root; chmod as nobody) with a download
# - DEPS_DIR full (a small tmpfs, unshare --mount): every file left is whole
# - permissions under umask 000 and 077
# Atomicity under SIGKILL, repeatability and the launch-time faults: faults_launch_test.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
cf_harnesses_note

# --- bindings ---------------------------------------------------------------------------------
d=$TEST_TMP/vsfp; new_dirs "$d"
out=$(supply "$d" VCAP_SERVICES_FILE_PATH=/nonexistent/vcap_services 2>&1); rc=$?
check_failed_once "VCAP_SERVICES_FILE_PATH missing" "$rc" \
  "cannot read the VCAP_SERVICES_FILE_PATH file at /nonexistent/vcap_services: No such file or directory" "$out"
mkdir -p "$TEST_TMP/vsfp-dir"
out=$(supply "$d" VCAP_SERVICES_FILE_PATH="$TEST_TMP/vsfp-dir" 2>&1); rc=$?
check_failed_once "VCAP_SERVICES_FILE_PATH is a directory" "$rc" "$TEST_TMP/vsfp-dir: not a regular file" "$out"
if [ "$(id -u)" = 0 ]; then
  nd=$NOBODY_TMP/vsfp; new_dirs "$nd"; chown -R nobody "$nd"
  vcap_for "$RDS_HOST" > "$NOBODY_TMP/vcap_services"; chmod 000 "$NOBODY_TMP/vcap_services"
  out=$(nobody_supply "$nd" VCAP_SERVICES_FILE_PATH="$NOBODY_TMP/vcap_services" 2>&1); rc=$?
  check_failed_once "VCAP_SERVICES_FILE_PATH unreadable (chmod 000, as nobody)" "$rc" \
    "cannot read the VCAP_SERVICES_FILE_PATH file at $NOBODY_TMP/vcap_services: Permission denied" "$out"
fi
big=$TEST_TMP/vcap-10mb.json
python3 - "$big" "$RDS_HOST" <<'PY'
import json, sys
svc = [{"name": "db", "label": "user-provided", "tags": ["postgresql"],
        "credentials": {"uri": "postgres://user:pw@%s:5432/orders" % sys.argv[2]}}]
svc += [{"name": "pad%05d" % i, "label": "user-provided", "credentials": {"blob": "x" * 980}} for i in range(10600)]
open(sys.argv[1], "w").write(json.dumps({"user-provided": svc}))
PY
out=$(supply "$d" VCAP_SERVICES_FILE_PATH="$big" 2>&1); rc=$?
check_failed_once "a 10 MB VCAP_SERVICES (only possible as a file)" "$rc" \
  "the VCAP_SERVICES_FILE_PATH file at $big is $(stat -c %s "$big") bytes, more than the 8388608 this reads" "$out"
python3 - "$big" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1])); doc["user-provided"] = doc["user-provided"][:900]
open(sys.argv[1], "w").write(json.dumps(doc))
PY
t0=$(date +%s%N)
out=$(supply "$d" VCAP_SERVICES_FILE_PATH="$big" 2>&1); rc=$?
check_status "a 900 KB VCAP_SERVICES file (Cloud Controller's limit is 1,000,000 bytes) stages" 0 "$rc"
check_contains "... and selects the one PostgreSQL binding of 901" "selected 'db': the only PostgreSQL binding" "$out"
echo "#    supply with 901 bindings took $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# SERVICE_BINDING_ROOT: a servicebinding.io binding 'db', then each fault added to it
sbr() { # DIR: a fresh binding root with the PostgreSQL binding 'db'
  rm -rf "$1"; mkdir -p "$1/db"
  printf postgresql > "$1/db/type"; printf %s "$RDS_HOST" > "$1/db/host"; printf 5432 > "$1/db/port"
  printf user > "$1/db/username"; printf pw > "$1/db/password"; printf orders > "$1/db/database"
}
root=$TEST_TMP/sbr
sbr "$root"; ln -s loop "$root/db/loop"; ln -s loopdir "$root/loopdir"; ln -s ../db "$root/db/up"
out=$(supply "$d" SERVICE_BINDING_ROOT="$root" 2>&1); rc=$?
check_status "SERVICE_BINDING_ROOT with symlink loops stages" 0 "$rc"
check_contains "... the loops are skipped, the binding read" \
  "service 'db': PostgreSQL (label postgresql): postgres://user:***@$RDS_HOST:5432/orders" "$out"
sbr "$root"; truncate -s 100M "$root/db/blob"
out=$(supply "$d" SERVICE_BINDING_ROOT="$root" 2>&1); rc=$?
check_failed_once "SERVICE_BINDING_ROOT with a 100 MB file" "$rc" \
  "binding file at $root/db/blob is 104857600 bytes, more than the 8388608 this reads" "$out"
sbr "$root"; python3 -c 'import random,sys; random.seed(10); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(4096)))' > "$root/db/junk"
out=$(supply "$d" SERVICE_BINDING_ROOT="$root" 2>&1); rc=$?
check_status "binary junk in a credential nobody reads stages" 0 "$rc"
check_contains "... and the binding is used" "selected 'db'" "$out"
cp "$root/db/junk" "$root/db/password"
out=$(supply "$d" SERVICE_BINDING_ROOT="$root" 2>&1); rc=$?
check_failed_once "binary junk (with NUL bytes) as the password" "$rc" \
  "service 'db': password holds a NUL byte, which no environment variable can carry" "$out"
sbr "$root"; printf ' PostgreSQL \r\n' > "$root/db/type"
out=$(supply "$d" SERVICE_BINDING_ROOT="$root" 2>&1); rc=$?
check_status "a type file ' PostgreSQL \\r\\n' stages" 0 "$rc"
check_contains "... it is trimmed and read without regard to case" "service 'db': PostgreSQL (label PostgreSQL)" "$out"

# credentials that are an array, through each harness
for h in $(harnesses); do
  out=$(STAGE_ENV=(VCAP_SERVICES='{"user-provided":[{"name":"db","credentials":["postgres://u:p@h/d"]}]}')
        stage "$h" "$TEST_TMP/$h-array" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h: credentials that are an array fail staging" 225 "$rc"
  check_eq "$h: ... with one **ERROR** line" 1 "$(grep -c '\*\*ERROR\*\*' <<<"$out")"
  check_contains "$h: ... saying what to do" "**ERROR** service 'db': credentials is an array, not a JSON object: give the service its credentials as an object" "$out"
done

# --- CACHE_DIR read-only, with a download -------------------------------------------------------
start_mirror
denv=(VCAP_SERVICES="$(vcap_for "$RDS_HOST")" RDS_CA_SOURCE=download CF_SYSTEM_CERT_PATH="$CERT_DIR"
      RDS_CA_BUNDLE_URL="$MIRROR_URL/{region}-bundle.pem")
d=$TEST_TMP/cache-rw; new_dirs "$d"
out=$(supply "$d" "${denv[@]}" 2>&1); rc=$?
check_status "download into a writable cache" 0 "$rc"
check_contains "... from the mirror" "CA source: download $MIRROR_URL/us-west-2-bundle.pem" "$out"
check_eq "... cached" 1 "$(find "$d/cache/rds-ca" -name '*-us-west-2-bundle.pem' | wc -l)"
if [ "$(id -u)" = 0 ]; then
  d=$TEST_TMP/cache-ro; new_dirs "$d"
  out=$(unshare --mount --propagation private bash -c 'mount --bind "$1/cache" "$1/cache" &&
          mount -o remount,bind,ro "$1/cache" && shift && exec "$@"' _ "$d" \
          "${CLEAN_ENV[@]}" "${denv[@]}" "$BP/bin/supply" "$d/app" "$d/cache" "$d/deps" 0 2>&1); rc=$?
  check_status "a read-only CACHE_DIR (bind mount): staging succeeds" 0 "$rc"
  check_contains "... with a warning that nothing was cached" \
    "**WARNING** not cached: cannot create directory $d/cache/rds-ca: Read-only file system" "$out"
  check_eq "... the trust store holds the region's three roots" 3 "$(grep -c 'BEGIN CERT' "$d/deps/0/rds-ca/rds-ca.pem")"
  check_eq "... and the cache is untouched" "" "$(ls -A "$d/cache")"
  d=$TEST_TMP/cache-rw; : > "$SERVER_LOG"; rm -rf "$d/deps" "$d/app"; mkdir -p "$d/deps/0"; cp -a "$SAMPLE_APP" "$d/app"
  out=$(unshare --mount --propagation private bash -c 'mount --bind "$1/cache" "$1/cache" &&
          mount -o remount,bind,ro "$1/cache" && shift && exec "$@"' _ "$d" \
          "${CLEAN_ENV[@]}" "${denv[@]}" "$BP/bin/supply" "$d/app" "$d/cache" "$d/deps" 0 2>&1); rc=$?
  check_status "a read-only CACHE_DIR holding the bundle: staging succeeds" 0 "$rc"
  check_contains "... from the cache" "CA source: cache $MIRROR_URL/us-west-2-bundle.pem" "$out"
  check_eq "... without a request" "" "$(cat "$SERVER_LOG")"
  nd=$NOBODY_TMP/cache; new_dirs "$nd"; chown -R nobody "$nd"; chmod 555 "$nd/cache"
  out=$(nobody_supply "$nd" "${denv[@]}" 2>&1); rc=$?
  check_status "CACHE_DIR chmod 555 (as nobody): staging succeeds" 0 "$rc"
  check_contains "... with a warning that nothing was cached" \
    "**WARNING** not cached: cannot create directory $nd/cache/rds-ca: Permission denied" "$out"
else
  d=$TEST_TMP/cache-555; new_dirs "$d"; chmod 555 "$d/cache"
  out=$(supply "$d" "${denv[@]}" 2>&1); rc=$?
  check_status "CACHE_DIR chmod 555: staging succeeds" 0 "$rc"
  check_contains "... with a warning" "**WARNING** not cached: cannot create directory $d/cache/rds-ca: Permission denied" "$out"
fi

# --- DEPS_DIR full ------------------------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then
  # The reference: a run with room at the same path (env/ files name the deps directory).
  d=$TEST_TMP/full; ref=$TEST_TMP/full-ref; new_dirs "$d"
  supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1 || fail "reference supply"
  cp -a "$d/deps" "$ref"
  for size in 4k 16k 64k 256k 1m 4m 64m; do
    new_dirs "$d"; rm -rf "$d/deps" "$d/after"; mkdir -p "$d/deps" "$d/after"
    out=$(unshare --mount --propagation private bash -c 'mount -t tmpfs -o size=$2 tmpfs "$1/deps" && mkdir "$1/deps/0" &&
            "${@:3}" "$1/app" "$1/cache" "$1/deps" 0; rc=$?; cp -a "$1/deps/." "$1/after/"; exit $rc' \
            _ "$d" "$size" "${CLEAN_ENV[@]}" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" "$BP/bin/supply" 2>&1); rc=$?
    if [ "$rc" = 0 ]; then
      check_same_tree "DEPS_DIR of $size: supply completes, every file as in a run with room" "$ref" "$d/after"
    else
      check_failed_once "DEPS_DIR of $size (tmpfs)" "$rc" "No space left on device" "$out"
      check_eq "DEPS_DIR of $size: each file left is whole (as in a run with room), no temporary" "" \
        "$(partial_files "$ref" "$d/after")"
      echo "#    DEPS_DIR of $size: stopped at: $(grep -o '\*\*ERROR\*\* cannot [a-z]* [^ ]*' <<<"$out" | sed "s#$d/##")"
    fi
  done
fi

# --- permissions ------------------------------------------------------------------------------
for mask in 000 077; do
  d=$TEST_TMP/umask-$mask; new_dirs "$d"
  (umask "$mask"; supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1) || fail "supply under umask $mask"
  check_eq "umask $mask: nothing writable by group or others under deps/0 or .profile.d" "" \
    "$(find "$d/deps/0" "$d/app/.profile.d" -perm /022 | sed "s#$d/##")"
  check_eq "umask $mask: files 0644, binaries and directories 0755" "" \
    "$(find "$d/deps/0" "$d/app/.profile.d/rds-ca-buildpack.sh" \( -type f ! -path '*/bin/*' ! -perm 644 \) -o \
        \( -path '*/bin/*' ! -perm 755 \) -o \( -type d ! -perm 755 \) -o \( ! -type f ! -type d \) | sed "s#$d/##")"
done
finish
