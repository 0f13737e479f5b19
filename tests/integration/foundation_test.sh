#!/usr/bin/env bash
# The foundation: the v3 entry points, staging through scripts/cf-local (and the real builder and
# launcher when CF_REAL names them) with both fixture final buildpacks, the buildpack alone,
# DEPS_IDX padding, the v2 compile path, argument errors and a staging failure.
. "$(dirname "$0")/lib.sh"
cf_harnesses_note
VERSION=$(cat "$SRC/VERSION")

app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }

for h in $(harnesses); do
  for final in final-modern final-legacy; do
    root=$TEST_TMP/$h-$final
    log=$(stage "$h" "$root" "$SAMPLE_APP" "rds-ca=$BP" "$FIXTURE_BPS/$final" 2>&1); rc=$?
    check_status "$h/$final: staging succeeds" 0 "$rc"
    check_eq "$h/$final: first staging line is the buildpack header" \
      "-----> Rds-Ca Buildpack version $VERSION" "$(printf '%s\n' "$log" | head -1)"
    check_eq "$h/$final: config.yml reaches the staging result" "rds-ca $VERSION" \
      "$(jq -r '.lifecycle_metadata.buildpacks[0] | "\(.name) \(.version)"' "$root/result.json")"
    out=$(launch "$h" "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"; command -v rds-ca' 2>&1 | app_out)
    check_eq "$h/$final: the launch hook ran exactly once, rds-ca is on PATH" \
      "runs=1
/home/vcap/deps/0/bin/rds-ca" "$(printf '%s\n' "$out" | sed "s#$root##")"
  done

  # The buildpack alone, as the final one: an app with a Procfile (a prebuilt binary).
  root=$TEST_TMP/$h-alone
  log=$(stage "$h" "$root" "$SAMPLE_APP" "rds-ca=$BP" 2>&1); rc=$?
  check_status "$h/alone: staging succeeds" 0 "$rc"
  check_eq "$h/alone: finalize put every deps/*/bin on PATH" 'export PATH=$DEPS_DIR/0/bin:$PATH' \
    "$(cat "$root/home/vcap/profile.d/000_multi-supply.sh")"
  out=$(launch "$h" "$root" 2>&1 | app_out)
  check_contains "$h/alone: the Procfile's start command runs" "DB_SSL_MODE=" "$out"
  out=$(launch "$h" "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"' 2>&1 | app_out)
  check_eq "$h/alone: the launch hook ran exactly once" "runs=1" "$out"

  # Eleven buildpacks: DEPS_IDX is "00", an opaque string.
  root=$TEST_TMP/$h-eleven
  chain=("rds-ca=$BP")
  for i in 1 2 3 4 5 6 7 8 9; do chain+=("noop$i=$FIXTURE_BPS/noop-supply"); done
  chain+=("$FIXTURE_BPS/final-modern")
  stage "$h" "$root" "$SAMPLE_APP" "${chain[@]}" >/dev/null 2>&1; rc=$?
  check_status "$h/eleven buildpacks: staging succeeds" 0 "$rc"
  check_eq "$h/eleven buildpacks: deps/00 holds the binaries" "rds-ca rds-ca-launch" \
    "$(ls "$root/home/vcap/deps/00/bin" | tr '\n' ' ' | sed 's/ $//')"
  out=$(launch "$h" "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"; command -v rds-ca' 2>&1 | app_out)
  check_eq "$h/eleven buildpacks: the hook ran once from deps/00" "runs=1
/home/vcap/deps/00/bin/rds-ca" "$(printf '%s\n' "$out" | sed "s#$root##")"

  # A staging failure: supply cannot write the launch hook (.profile.d is a file in the app).
  badapp=$TEST_TMP/badapp; rm -rf "$badapp"; cp -a "$SAMPLE_APP" "$badapp"; echo x > "$badapp/.profile.d"
  log=$(stage "$h" "$TEST_TMP/$h-bad" "$badapp" "rds-ca=$BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h: a failing supply (not last) fails staging" 225 "$rc"
  check_contains "$h: the failure is one **ERROR** line saying what is wrong" \
    "       **ERROR** cannot create directory /tmp/app/.profile.d: a file is in the way" \
    "$(printf '%s\n' "$log" | sed -E 's#[^ ]*/stage/app/#/tmp/app/#')"
  log=$(stage "$h" "$TEST_TMP/$h-bad2" "$badapp" "rds-ca=$BP" 2>&1); rc=$?
  check_status "$h: a failing supply of the last buildpack fails staging" 223 "$rc"
done

# The v2 path: bin/compile supplies and finalizes into BUILD_DIR/.cloudfoundry.
root=$TEST_TMP/v2; mkdir -p "$root/home/vcap/tmp" "$root/home/vcap/deps" "$root/home/vcap/profile.d" "$root/cache"
cp -a "$SAMPLE_APP" "$root/home/vcap/app"
"${CLEAN_ENV[@]}" "$BP/bin/compile" "$root/home/vcap/app" "$root/cache" >/dev/null; rc=$?
check_status "v2: compile succeeds" 0 "$rc"
check_eq "v2: DEPS_DIR is set from a profile.d script" 'export DEPS_DIR="$HOME/.cloudfoundry"' \
  "$(cat "$root/home/vcap/app/.profile.d/0000_set-deps-dir.sh")"
out=$("${CLEAN_ENV[@]}" "$CF_LOCAL" launch "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"; command -v rds-ca' 2>&1 | app_out)
check_eq "v2: the hook runs once from the app's .cloudfoundry" "runs=1
/home/vcap/app/.cloudfoundry/0/bin/rds-ca" "$(printf '%s\n' "$out" | sed "s#$root##")"

# Entry points: exact usage lines and exit codes.
for case in "detect:usage: detect BUILD_DIR" \
            "supply:usage: supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX" \
            "finalize:usage: finalize BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX PROFILE_DIR" \
            "release:usage: release BUILD_DIR" \
            "compile:usage: compile BUILD_DIR CACHE_DIR"; do
  phase=${case%%:*}
  err=$("${CLEAN_ENV[@]}" "$BP/bin/$phase" 2>&1 >/dev/null); rc=$?
  check_status "bin/$phase without arguments" 2 "$rc"
  check_eq "bin/$phase prints its usage line" "${case#*:}" "$err"
done
out=$("${CLEAN_ENV[@]}" "$BP/bin/detect" "$SAMPLE_APP"); rc=$?
check_status "detect never claims an app by itself" 1 "$rc"
check_eq "detect says how to use the buildpack" \
  "rds-ca: a supply buildpack that never claims an app by itself; use it first in a chain: cf push -b rds-ca_buildpack -b <language buildpack> (or set RDS_CA_DETECT=true)" "$out"
out=$("${CLEAN_ENV[@]}" "$BP/bin/release" "$SAMPLE_APP"); rc=$?
check_status "release succeeds" 0 "$rc"
check_eq "release prints valid YAML without a start command" "{}" \
  "$(printf '%s\n' "$out" | python3 -c 'import sys,yaml,json; print(json.dumps(yaml.safe_load(sys.stdin)["default_process_types"]))')"
err=$("${CLEAN_ENV[@]}" "$BP/bin/rds-ca" frobnicate 2>&1); rc=$?
check_status "rds-ca with an unknown command" 2 "$rc"
check_eq "rds-ca names the unknown command" "rds-ca: unknown command 'frobnicate': run rds-ca --help for the list" "$err"

finish
