#!/usr/bin/env bash
# Atomic writes, repeatability and launch-time faults (issue 10):
# - a supply SIGKILLed at random moments (20 runs) over an earlier one leaves, for the trust store
#   (deps/0/rds-ca) and every other file, either the old version or the new one, never a mix or
#   half a file; the next supply leaves exactly what an uninterrupted one does;
# - supply twice gives byte-identical output with no duplicate certificate;
# - the launch writes nothing: the droplet mounted read-only (all but TMPDIR, which the platform
#   keeps writable), the hook still exports everything;
# - the hook never points through a symbolic link out of DEPS_DIR/IDX.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
cf_harnesses_note
EAST_HOST=mydb.c9akciq32.us-east-1.rds.amazonaws.com
KILL_RUNS=${RDSCA_KILL_RUNS:-20}

# --- SIGKILL at random moments ------------------------------------------------------------------
# old: a supply for a us-west-2 binding; new: the same dirs supplied for a us-east-1 binding.
d=$TEST_TMP/kill; old=$TEST_TMP/kill-old; new=$TEST_TMP/kill-new
new_dirs "$d"; supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1 || fail "the old supply"
cp -a "$d" "$old"
t0=$(date +%s%N)
supply "$d" VCAP_SERVICES="$(vcap_for "$EAST_HOST")" >/dev/null 2>&1 || fail "the new supply"
took=$(( ($(date +%s%N) - t0) / 1000 ))  # microseconds
cp -a "$d" "$new"
if diff -rq "$old/deps/0/rds-ca" "$new/deps/0/rds-ca" >/dev/null; then fail "old and new trust stores differ"; fi
echo "#    an uninterrupted supply over the old one took $((took / 1000)) ms"

# version_of PATH: "old", "new" or "neither" for one file (relative to the run's dir)
version_of() {
  if cmp -s "$d/$1" "$old/$1"; then echo old; elif cmp -s "$d/$1" "$new/$1"; then echo new; else echo neither; fi
}
mixed=0 half=0 leftovers=0 outcomes=""
for i in $(seq 1 "$KILL_RUNS"); do
  rm -rf "$d"; cp -a "$old" "$d"
  delay=$(( RANDOM * 32768 + RANDOM )); delay=$(( delay % (took + took / 5) ))
  "${CLEAN_ENV[@]}" VCAP_SERVICES="$(vcap_for "$EAST_HOST")" "$BP/bin/supply" "$d/app" "$d/cache" "$d/deps" 0 \
    >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if diff -rq "$d/deps/0/rds-ca" "$old/deps/0/rds-ca" >/dev/null 2>&1; then store=old
  elif diff -rq "$d/deps/0/rds-ca" "$new/deps/0/rds-ca" >/dev/null 2>&1; then store=new
  else store=mixed; mixed=$((mixed + 1)); fi
  while IFS= read -r -d '' f; do
    f=${f#"$d/"}
    case "$f" in deps/0/rds-ca/*) continue ;; esac
    if [[ "$f" == *.tmp-* || "$f" == */rds-ca.new-* || "$f" == */rds-ca.old-* ]]; then leftovers=$((leftovers + 1)); continue; fi
    [ "$(version_of "$f")" = neither ] && { half=$((half + 1)); echo "#    run $i: $f is neither version"; }
  done < <(find "$d/deps" "$d/app/.profile.d" -type f -print0)
  outcomes+="$store@${delay}us "
  # the next supply cleans up after the killed one
  supply "$d" VCAP_SERVICES="$(vcap_for "$EAST_HOST")" >/dev/null 2>&1 || fail "run $i: the supply after the kill"
  diff=$(diff <(tree_digest "$d/deps") <(tree_digest "$new/deps"))
  [ -z "$diff" ] || { fail "run $i: after the kill, the next supply left what an uninterrupted one does" "$diff"; }
done
echo "#    kills: $outcomes"
check_eq "$KILL_RUNS supplies killed at random moments: the trust store is always the old or the new one" 0 "$mixed"
check_eq "... and every other file the old or the new version, never half of one" 0 "$half"
echo "#    temporary entries left by the killed supplies (removed by the next one): $leftovers"
check_contains "... the kills hit both before and after the store was swapped" "old@" "$outcomes"
check_contains "... (after)" "new@" "$outcomes"

# --- supply twice -------------------------------------------------------------------------------
d=$TEST_TMP/twice; new_dirs "$d"
supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1 || fail "first supply"
first=$(tree_digest "$d/deps"; tree_digest "$d/app")
supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1 || fail "second supply"
check_eq "supply twice in the same directories: byte-identical output" "$first" "$(tree_digest "$d/deps"; tree_digest "$d/app")"
bundle=$d/deps/0/rds-ca/ca-certificates.crt
check_eq "... no certificate twice in ca-certificates.crt" "$(grep -c 'BEGIN CERT' "$bundle")" \
  "$(awk '/BEGIN CERT/{c=""} {c=c $0} /END CERT/{print c}' "$bundle" | sort -u | wc -l)"
check_eq "... env files written, not appended to" "verify-full" "$(cat "$d/deps/0/env/DB_SSL_MODE")"

# --- launch: the droplet read-only; symbolic links out of DEPS_DIR ------------------------------
hook_env='printf "%s|" "$RDS_CA_HOOK_RUNS" "$DATABASE_URL" "${SSL_CERT_FILE:-}" "${PGSSLROOTCERT:-}" "${SSL_CERT_DIR:-}" "${NODE_EXTRA_CA_CERTS:-}" "${JAVA_TOOL_OPTIONS:-}"; echo'
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }
for h in $(harnesses); do
  root=$TEST_TMP/$h-launch
  STAGE_ENV=(VCAP_SERVICES="$(vcap_for "$RDS_HOST")")
  stage "$h" "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" >/dev/null 2>&1 || fail "$h: staging"
  LAUNCH_ENV=(VCAP_SERVICES="$(vcap_for "$RDS_HOST")")
  dep=/home/vcap/deps/0/rds-ca
  want="1|postgres://user:pw@$RDS_HOST:5432/orders?sslmode=verify-full&sslrootcert=$dep/rds-ca.pem|$dep/ca-certificates.crt|$dep/ca-certificates.crt|$dep/certs:/etc/ssl/certs|$dep/rds-ca.pem|-Djavax.net.ssl.trustStore=$dep/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12|"
  before=$(tree_digest "$root/home/vcap")
  vcap=$root/home/vcap
  if [ "$(id -u)" = 0 ]; then
    # read-only: the droplet, its tmp/ (TMPDIR) a writable mount of its own as the platform has it;
    # the harness launches from it (cf-local in place; a real launcher's runner binds it on /home/vcap).
    out=$(unshare --mount --propagation private bash -c 'mount --bind "$1" "$1" && mount --bind "$1/tmp" "$1/tmp" &&
            mount -o remount,bind,ro "$1" && shift && exec "$@"' _ "$vcap" \
            "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$(harness_cmd "$h")" launch "$root" bash -c "$hook_env" 2>&1 | app_out)
    label="the droplet mounted read-only"
  else
    out=$(launch "$h" "$root" bash -c "$hook_env" 2>&1 | app_out); label="a launch"
  fi
  check_eq "$h: $label: the hook ran once and exported everything, with no error" \
    "$want" "$(sed "s#$root##g" <<<"$out")"
  check_eq "$h: ... and nothing in the droplet changed" "$before" "$(tree_digest "$root/home/vcap")"

  # deps/0/rds-ca moved out of DEPS_DIR, a link left in its place
  mkdir -p "$vcap/elsewhere"; mv "$vcap/deps/0/rds-ca" "$vcap/elsewhere/rds-ca"
  ln -s ../../elsewhere/rds-ca "$vcap/deps/0/rds-ca"
  out=$(launch "$h" "$root" bash -c "$hook_env" 2>&1 | app_out)
  check_eq "$h: rds-ca is a link out of DEPS_DIR: no path through it is exported" \
    "1|postgres://user:pw@$RDS_HOST:5432/orders?sslmode=verify-full||||||" "$(sed "s#$root##g" <<<"$out")"
  # the store back, its files links out
  rm "$vcap/deps/0/rds-ca"; mv "$vcap/elsewhere/rds-ca" "$vcap/deps/0/rds-ca"
  for f in rds-ca.pem ca-certificates.crt truststore.p12; do
    mv "$vcap/deps/0/rds-ca/$f" "$vcap/elsewhere/$f"; ln -s "../../../elsewhere/$f" "$vcap/deps/0/rds-ca/$f"
  done
  out=$(launch "$h" "$root" bash -c "$hook_env" 2>&1 | app_out)
  check_eq "$h: the store's files are links out: only the real hashed directory is exported" \
    "1|postgres://user:pw@$RDS_HOST:5432/orders?sslmode=verify-full|||$dep/certs:/etc/ssl/certs|||" \
    "$(sed "s#$root##g" <<<"$out")"
done
finish
