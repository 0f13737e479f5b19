#!/usr/bin/env bash
# scripts/cf-local itself (issue 15): every behaviour its header lists (B1-B14 builder, L1-L3
# launcher, D1-D3 the platform's DATABASE_URL), pinned with the recorder buildpack
# (fixtures/buildpacks/recorder: each phase writes its argv, cwd, stdin, cache and exact
# environment) and fixtures/apps/profile-order. Check names start with the item they pin. Paths
# are compared as the platform has them: cf-local's ROOT/stage/ is the platform's /tmp/, and a
# buildpack runs from /tmp/buildpacks/<xxhash64 of its key> (the hashes below are xxhsum's).
# With CF_REAL set (lib.sh), the same checks run through the real builder and launcher too.
. "$(dirname "$0")/lib.sh"
cf_harnesses_note
declare -A HASH=([rec-a]=76e4eb890b7d02d3 [rec-b]=63a91799ed496a98 [rec-c]=ebf40bec62def127
                 [nodetect]=96e720d4ee32f610)
BPS=$TEST_TMP/bps
CWD=$TEST_TMP/cwd; mkdir -p "$CWD"
APP=$SRC/fixtures/apps/profile-order
PG='{"user-provided":[{"name":"db","credentials":{"uri":"postgresql://u:p@db.example.com:5432/d?sslmode=disable"}}]}'

recorder() { # NAME [FILE=TEXT...]: a copy of the recorder at $BPS/NAME, id NAME, with those files
  local name=$1 f; shift
  rm -rf "${BPS:?}/$name"; mkdir -p "$BPS"; cp -a "$FIXTURE_BPS/recorder" "$BPS/$name"; echo "$name" > "$BPS/$name/id"
  for f in "$@"; do mkdir -p "$(dirname "$BPS/$name/${f%%=*}")"; printf '%s\n' "${f#*=}" > "$BPS/$name/${f%%=*}"; done
}
norm() { # stdin with the harness's staging paths as the platform's (cf-local: ROOT/stage/ is /tmp/)
  local sub=(-e "s#/tmp/contents[0-9][0-9]*/#/tmp/contentsN/#g")
  if [ "$H" = local ]; then
    local name; for name in "${!HASH[@]}"; do sub+=(-e "s#$BPS/$name/#/tmp/buildpacks/${HASH[$name]}/#g"); done
    sub=(-e "s#$ROOT/stage/#/tmp/#g" "${sub[@]}")
  fi
  sed "${sub[@]}"
}
# stage_rec CASE [--detect] BP...: stages APP (or STAGE_APP) in ROOT=$TEST_TMP/$H-CASE from $CWD,
# with "typed" on stdin and RECORD_DIR=REC; sets RC, OUT and ERR (normalized).
stage_rec() {
  local case=$1; shift
  local detect=(); if [ "$1" = --detect ]; then detect=(--detect); shift; fi
  ROOT=$TEST_TMP/$H-$case REC=$TEST_TMP/rec-$H-$case; rm -rf "$REC"; mkdir -p "$REC"
  (cd "$CWD" && "${CLEAN_ENV[@]}" RECORD_DIR="$REC" "${STAGE_ENV[@]}" "$(harness_cmd "$H")" stage "${detect[@]}" \
     "$ROOT" "${STAGE_APP:-$APP}" "$@" <<<"typed" >"$TEST_TMP/out" 2>"$TEST_TMP/err")
  RC=$?; OUT=$(norm <"$TEST_TMP/out"); ERR=$(norm <"$TEST_TMP/err")
}
rec() { norm <"$REC/$1" | grep -v -e '^env=PWD=' -e '^env=SHLVL=' -e '^env=_='; }  # a bash runner adds those
calls() { cat "$REC/calls" 2>/dev/null; }
env_of() { rec "$1" | sed -n 's/^env=//p'; }
launch_out() { # [NAME=VALUE...] -- COMMAND...: stdout and stderr of a launch of ROOT, ROOT cut out
  local envs=(); while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  "${CLEAN_ENV[@]}" "${envs[@]}" "$(harness_cmd "$H")" launch "$ROOT" "$@" 2>&1 | sed "s#$ROOT##g"
}
base_env() { # the staging environment given (CLEAN_ENV, RECORD_DIR, STAGE_ENV) plus NAME=VALUE...
  printf '%s\n' "${CLEAN_ENV[@]:2}" "RECORD_DIR=$REC" "${STAGE_ENV[@]}" "$@" | LC_ALL=C sort
}

for H in $(harnesses); do
  # --- a chain of three: two supply buildpacks and a modern final one ---------------------------
  recorder rec-a "config.yml=name: rec-a-name
version: 1.10
config: {}
output_metadata: {a: 1, b: [x, 2.5], c: str}"
  recorder rec-b "launch.yml=processes:
- {type: worker, command: run worker}
- {type: side, command: run side, platforms: {cloudfoundry: {sidecar_for: [web]}}, limits: {memory: 64}}"
  recorder rec-c "config.yml=name: final-name
version: 3" "profile.d/00-first.sh=echo profile.d/00-first.sh" "profile.d/z-last=echo profile.d/z-last"
  STAGE_ENV=("VCAP_SERVICES=$PG" "DATABASE_URL=the-app-s-own")
  stage_rec chain "rec-a=$BPS/rec-a" "rec-b=$BPS/rec-b" "rec-c=$BPS/rec-c"
  check_status "$H: B6 B7 a chain of three stages" 0 "$RC"
  check_eq "$H: B2 B6 B7 B9 the phases, in order" "rec-a supply
rec-b supply
rec-c supply
rec-c finalize
rec-c release" "$(calls)"
  check_eq "$H: B2 B4 B5 B6 a supply's argv, cwd, stdin and cache (no shell, stdin /dev/null)" \
    "argv0=/tmp/buildpacks/${HASH[rec-a]}/bin/supply
arg=/tmp/app
arg=/tmp/cache/${HASH[rec-a]}
arg=/tmp/contentsN/deps
arg=0
cwd=$CWD
stdin=
cache=" "$(rec rec-a.supply | grep -v '^env=')"
  check_eq "$H: B1 B2 its environment: the builder's, DATABASE_URL the platform's (postgresql:// -> postgres://)" \
    "$(base_env "DATABASE_URL=postgres://u:p@db.example.com:5432/d?sslmode=disable" | grep -v '^DATABASE_URL=the-app')" \
    "$(env_of rec-a.supply)"
  check_eq "$H: B4 B6 the second supply gets DEPS_IDX 1 and its own cache" \
    "arg=/tmp/app arg=/tmp/cache/${HASH[rec-b]} arg=/tmp/contentsN/deps arg=1" \
    "$(rec rec-b.supply | grep '^arg=' | tr '\n' ' ' | sed 's/ $//')"
  check_eq "$H: B7 the last buildpack's supply, then finalize with PROFILE_DIR, cache final/" \
    "arg=/tmp/app arg=/tmp/cache/final arg=/tmp/contentsN/deps arg=2 | arg=/tmp/app arg=/tmp/cache/final arg=/tmp/contentsN/deps arg=2 arg=/tmp/contentsN/profile.d" \
    "$(rec rec-c.supply | grep '^arg=' | tr '\n' ' ')| $(rec rec-c.finalize | grep '^arg=' | tr '\n' ' ' | sed 's/ $//')"
  check_eq "$H: B2 release gets BUILD_DIR alone, the same environment" "arg=/tmp/app
$(env_of rec-a.supply)" "$(rec rec-c.release | grep '^arg='; env_of rec-c.release)"
  check_eq "$H: B2 supply and finalize print through, release's stdout is captured" \
    "-----> rec-a supply|-----> rec-b supply|-----> rec-c supply|-----> rec-c finalize" "$(paste -sd'|' <<<"$OUT")"
  check_eq "$H: B2 every phase's stderr passes through" \
    "rec-a supply on stderr|rec-b supply on stderr|rec-c supply on stderr|rec-c finalize on stderr|rec-c release on stderr" \
    "$(paste -sd'|' <<<"$ERR")"
  check_eq "$H: B9 B11 result.json, field for field (launch.yml of a supply, sidecar, config.yml as written)" \
    '{"lifecycle_metadata":{"buildpack_key":"rec-c","detected_buildpack":"final-name","buildpacks":[{"key":"rec-a","name":"rec-a-name","version":"1.10","config":{},"output_metadata":{"a":1,"b":["x",2.5],"c":"str"}},{"key":"rec-b","name":""},{"key":"rec-c","name":"final-name","version":"3"}]},"process_types":{"web":"echo rec-c","worker":"run worker"},"processes":[{"type":"worker","command":"run worker"},{"type":"web","command":"echo rec-c"}],"sidecars":[{"name":"side","process_types":["web"],"command":"run side","memory":64}],"execution_metadata":"","lifecycle_type":"buildpack"}' \
    "$(cat "$ROOT/result.json")"
  check_eq "$H: B12 staging_info.yml" '{"detected_buildpack":"final-name","start_command":"echo rec-c"}' \
    "$(cat "$ROOT/home/vcap/staging_info.yml")"
  check_eq "$H: B13 the droplet: app, deps/IDX for each, logs, profile.d, staging_info.yml, tmp" \
    "app deps deps/0 deps/1 deps/2 logs profile.d profile.d/00-first.sh profile.d/z-last staging_info.yml tmp" \
    "$(cd "$ROOT/home/vcap" && find . -path ./app/\* -prune -o -path ./deps/\*/\* -prune -o -print | sed 's#^\./##' | grep -v '^\.$' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
  staged_deps=$(sed -n 's/^arg=//p' "$REC/rec-a.supply" | sed -n 3p)
  check_eq "$H: B13 the staging deps directory is gone after staging" "gone" "$([ -e "$staged_deps" ] || echo gone)"
  check_eq "$H: B14 the build artifacts cache: each supply's and final/, as a tarball" \
    "./ ./${HASH[rec-b]}/ ./${HASH[rec-b]}/rec-b-supply ./${HASH[rec-a]}/ ./${HASH[rec-a]}/rec-a-supply ./final/ ./final/rec-c-finalize ./final/rec-c-supply" \
    "$(tar -tzf "$ROOT/output-cache.tgz" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"

  # --- L1-L3 on that droplet ---------------------------------------------------------------------
  check_eq "$H: L1 L3 no COMMAND: the staged start command, after every profile script in order" \
    "Invoking pre-start scripts.
profile.d/00-first.sh
profile.d/z-last
.profile.d/a.sh
.profile.d/b.sh
.profile.d/c.txt \$0=/tmp/lifecycle/launcher \$1=/home/vcap/app
.profile
Invoking start command.
rec-c" "$(launch_out -- | grep -v 'my: No such file')"
  check_contains "$H: L3 each entry is sourced unquoted: 'my script.sh' splits and is not found" \
    ".profile.d/my: No such file or directory" "$(launch_out -- true)"
  check_eq "$H: L2 HOME, TMPDIR, DEPS_DIR, the working directory" "/home/vcap/app /home/vcap/tmp /home/vcap/deps /home/vcap/app" \
    "$(launch_out -- bash -c 'echo "$HOME $TMPDIR $DEPS_DIR $PWD"' | tail -1)"
  check_eq "$H: L2 VCAP_APPLICATION rewritten as Go writes JSON; VCAP_PLATFORM_OPTIONS removed" \
    '{"application_name":"x","b":"\u003c\u0026\u003e","f":1.5,"g":1e+21,"h":1e-7,"host":"0.0.0.0","instance_id":"guid-1","instance_index":2,"limits":{"mem":1024},"port":8080,"uris":["a"]} unset' \
    "$(launch_out 'VCAP_APPLICATION={"uris":["a"],"limits":{"mem":1024},"application_name":"x","b":"<&>","f":1.5,"g":1e21,"h":0.0000001,"host":"h"}' \
         PORT=8080 INSTANCE_INDEX=2 INSTANCE_GUID=guid-1 'VCAP_PLATFORM_OPTIONS={}' -- \
         bash -c 'echo "$VCAP_APPLICATION ${VCAP_PLATFORM_OPTIONS-unset}"' | tail -1)"
  out=$("${CLEAN_ENV[@]}" VCAP_PLATFORM_OPTIONS=x "$(harness_cmd "$H")" launch "$ROOT" echo started 2>&1); rc=$?
  check_eq "$H: L2 VCAP_PLATFORM_OPTIONS that is not JSON: exit 3 before anything runs" "3 Invalid platform options: " \
    "$rc $(sed 's/\(options: \).*/\1/' <<<"$out")"
  check_eq "$H: L2 a VCAP_APPLICATION that is not a JSON object is left as it is; PORT not a number is left out" \
    '[1] {"host":"0.0.0.0","instance_id":""}' \
    "$(launch_out 'VCAP_APPLICATION=[1]' -- bash -c 'echo "$VCAP_APPLICATION"' | tail -1) $(
       launch_out 'VCAP_APPLICATION={}' PORT=80x -- bash -c 'echo "$VCAP_APPLICATION"' | tail -1)"

  # --- D1-D3: the launcher's own DATABASE_URL ----------------------------------------------------
  d_case() { # NAME EXPECTED VCAP_SERVICES [NAME=VALUE...]
    local name=$1 want=$2 vcap=$3; shift 3
    check_eq "$H: $name" "$want" \
      "$(launch_out "VCAP_SERVICES=$vcap" "$@" -- bash -c 'printf "%s\n" "${DATABASE_URL-unset}"' | tail -1)"
  }
  cr() { printf '{"credentials":{"uri":"%s"}}' "$1"; }
  d_case "D2 postgresql:// becomes postgres://, the query kept" "postgres://u:p@h/d?sslmode=require" \
    "{\"x\":[$(cr 'postgresql://u:p@h/d?sslmode=require')]}" DATABASE_URL=the-app-s-own
  d_case "D2 mysql:// becomes mysql2://" "mysql2://u:p@h:3306/d" "{\"x\":[$(cr 'mysql://u:p@h:3306/d')]}"
  d_case "D2 the scheme is read without regard to case" "postgres://u:p@h/d" "{\"x\":[$(cr 'POSTGRES://u:p@h/d')]}"
  d_case "D1 keys are matched without regard to case" "postgres://u:p@h/d" '{"x":[{"Credentials":{"URI":"postgres://u:p@h/d"}}]}'
  d_case "D2 the first database uri of a label, others skipped" "postgres://u:p@h/first" \
    "{\"x\":[$(cr 'https://h/'),$(cr 'postgres://u:p@h/first'),$(cr 'postgres://u:p@h/second')]}"
  d_case "D2 a uri net/url refuses is skipped" "mysql2://u:p@h/ok" "{\"x\":[$(cr 'postgres://u:p@h:5x/d'),$(cr 'mysql://u:p@h/ok')]}"
  d_case "D3 a bare postgres:// comes out as postgres:" "postgres:" "{\"x\":[$(cr 'postgres://')]}"
  d_case "D3 userinfo re-escaped as net/url writes it" "postgres://a+b:c%21d@h/d" "{\"x\":[$(cr 'postgres://a%2Bb:c%21d@h/d')]}"
  d_case "D1 credentials.url never counts" "unset" '{"x":[{"credentials":{"url":"postgres://u:p@h/d"}}]}'
  d_case "D1 one value of another type anywhere: no DATABASE_URL at all, the app's own stays" "the-app-s-own" \
    "{\"a\":[$(cr 'postgres://u:p@h/d')],\"b\":[{\"credentials\":[\"postgres://x\"]}]}" DATABASE_URL=the-app-s-own
  d_case "D1 a uri that is not a string, beside a good one: none" "unset" \
    "{\"a\":[$(cr 'postgres://u:p@h/d')],\"b\":[{\"credentials\":{\"uri\":5}}]}"
  d_case "D1 no VCAP_SERVICES: the app's own DATABASE_URL stays" "the-app-s-own" "" DATABASE_URL=the-app-s-own

  # --- the same ROOT again: the cache comes back; an app's DATABASE_URL kept -------------------
  STAGE_ENV=('VCAP_SERVICES={"x":[{"credentials":{"uri":"https://h/"}}]}' "DATABASE_URL=the-app-s-own")
  stage_rec chain "rec-b=$BPS/rec-b" "rec-c=$BPS/rec-c"
  check_status "$H: B14 staging again in the same ROOT" 0 "$RC"
  check_eq "$H: B5 B14 each cache as the last staging left it" "cache=rec-b-supply |cache=rec-c-finalize rec-c-supply " \
    "$(grep '^cache=' "$REC/rec-b.supply")|$(grep '^cache=' "$REC/rec-c.supply")"
  check_eq "$H: B5 a buildpack no longer in the chain: its cache is removed" \
    "./ ./${HASH[rec-b]}/ ./${HASH[rec-b]}/rec-b-supply ./final/ ./final/rec-c-finalize ./final/rec-c-supply" \
    "$(tar -tzf "$ROOT/output-cache.tgz" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
  check_eq "$H: B1 no database uri bound: the app's own DATABASE_URL reaches staging" "DATABASE_URL=the-app-s-own" \
    "$(env_of rec-b.supply | grep '^DATABASE_URL=')"
  cache_before=$(sha256sum <"$ROOT/output-cache.tgz")
  STAGE_ENV=(RECORD_FAIL=rec-c.finalize)
  stage_rec chain "rec-b=$BPS/rec-b" "rec-c=$BPS/rec-c"
  check_eq "$H: B14 a failed staging leaves the last build artifacts cache" "$cache_before" "$(sha256sum <"$ROOT/output-cache.tgz")"

  # --- eleven buildpacks: DEPS_IDX 00..10, launch.yml under the unpadded index -------------------
  chain=()
  for i in 0 1 2 3 4 5 6 7 8 9 10; do recorder "n$i"; chain+=("n$i=$BPS/n$i"); done
  printf 'processes:\n- {type: web, command: from-n0}\n' > "$BPS/n0/launch.yml"
  printf 'processes:\n- {type: web, command: from-n10}\n' > "$BPS/n10/launch.yml"
  STAGE_ENV=()
  stage_rec eleven "${chain[@]}"
  check_status "$H: B4 eleven buildpacks stage" 0 "$RC"
  check_eq "$H: B4 DEPS_IDX 00, 01 ... 10" "00 01 09 10" \
    "$(for i in 0 1 9; do sed -n 's/^arg=//p' "$REC/n$i.supply" | tail -1; done | tr '\n' ' ')$(sed -n 's/^arg=//p' "$REC/n10.finalize" | sed -n 4p)"
  check_eq "$H: B5 B13 the builder made deps/IDX for each (none of these writes there) and an empty profile.d" \
    "00 01 02 03 04 05 06 07 08 09 10 |" \
    "$(ls "$ROOT/home/vcap/deps" | tr '\n' ' ')|$(ls -A "$ROOT/home/vcap/profile.d")"
  check_eq "$H: B9 launch.yml is read under the unpadded index: deps/00's is missed, deps/10's replaces release" \
    '{"web":"from-n10"} no release' \
    "$(jq -c .process_types "$ROOT/result.json") $(grep -q 'n10 release' "$REC/calls" && echo release || echo no release)"

  # --- failures: B6 B7 B8 B10 B11 ----------------------------------------------------------------
  recorder plain-a; recorder plain-c; recorder nosupply; rm "$BPS/nosupply/bin/supply"
  recorder legacy; rm "$BPS/legacy/bin/finalize"; mkdir -p "$BPS/nobin"; echo "no bin/ here" > "$BPS/nobin/README"
  fail_case() { # NAME STATUS LAST_STDERR_LINE BP...  (RECORD_FAIL and the like from STAGE_ENV)
    local name=$1 status=$2 line=$3; shift 3
    stage_rec fail "$@"
    check_eq "$H: $name" "$status $line" "$RC $(tail -1 <<<"$ERR")"
  }
  fail_case "B6 B8 a supply buildpack without bin/supply: 225, before any supply ran" 225 \
    "Error: one of the buildpacks chosen to supply dependencies does not support multi-buildpack apps" \
    "plain-a=$BPS/plain-a" "nosupply=$BPS/nosupply" "plain-c=$BPS/plain-c"
  check_eq "$H: B6 ... nothing ran" "" "$(calls)"
  fail_case "B6 B8 a supply buildpack without bin/: 225" 225 \
    "Failed to run all supply scripts: malformed buildpack does not contain a /bin dir: nobin" \
    "nobin=$BPS/nobin" "plain-c=$BPS/plain-c"
  check_contains "$H: B6 ... said twice" "malformed buildpack does not contain a /bin dir: nobin
Failed to run all supply scripts" "$ERR"
  STAGE_ENV=(RECORD_FAIL=plain-a.supply)
  fail_case "B6 B8 a failing supply: 225" 225 "Failed to run all supply scripts: exit status 3" \
    "plain-a=$BPS/plain-a" "plain-c=$BPS/plain-c"
  check_eq "$H: B6 B11 ... the next ones do not run, no result.json" "plain-a supply no result" \
    "$(calls) $([ -e "$ROOT/result.json" ] && echo result || echo no result)"
  STAGE_ENV=(RECORD_FAIL=plain-c.supply)
  fail_case "B7 B8 the last buildpack's supply fails: 223" 223 \
    "Failed to compile droplet: Failed to run all supply scripts: exit status 3" "plain-a=$BPS/plain-a" "plain-c=$BPS/plain-c"
  check_eq "$H: B11 after a failure of the last buildpack, result.json without process types" \
    '{"lifecycle_metadata":{"buildpack_key":"plain-c","detected_buildpack":"","buildpacks":[{"key":"plain-a","name":""},{"key":"plain-c","name":""}]},"process_types":null,"execution_metadata":"","lifecycle_type":"buildpack"}' \
    "$(cat "$ROOT/result.json")"
  STAGE_ENV=(RECORD_FAIL=plain-c.finalize)
  fail_case "B7 B8 finalize fails: 223 (226 is never used)" 223 \
    "Failed to compile droplet: Failed to run finalize script: exit status 3" "plain-a=$BPS/plain-a" "plain-c=$BPS/plain-c"
  STAGE_ENV=(RECORD_FAIL=legacy.compile)
  fail_case "B7 B8 compile fails: 223" 223 "Failed to compile droplet: Failed to compile droplet: exit status 3" "legacy=$BPS/legacy"
  STAGE_ENV=(RECORD_FAIL=plain-c.release)
  fail_case "B8 B9 release fails: 224" 224 "Failed to build droplet release: exit status 3" "plain-c=$BPS/plain-c"
  STAGE_ENV=()
  recorder badrelease "release.yml=default_process_types: [web]"
  stage_rec fail "badrelease=$BPS/badrelease"
  check_eq "$H: B8 B9 release prints YAML that is not a map of process types: 224, yaml.v2's error" \
    "224 Failed to build droplet release: buildpack's release output invalid: yaml: unmarshal errors:
  line 1: cannot unmarshal !!seq into buildpackapplifecycle.ProcessTypes" "$RC $(tail -2 <<<"$ERR")"
  badapp=$TEST_TMP/badapp; rm -rf "$badapp"; cp -a "$APP" "$badapp"; echo 'web: [a' > "$badapp/Procfile"
  STAGE_APP=$badapp fail_case "B8 B9 a Procfile that is not YAML: 1" 1 "Failed to read command from Procfile: invalid YAML" \
    "plain-c=$BPS/plain-c"
  recorder nested "config.yml=name: nested
output_metadata: {deep: {x: 1}}"
  fail_case "B8 B11 output_metadata with a nested map: encoding/json refuses it, 1" 1 \
    "json: unsupported type: map[interface {}]interface {}" "nested=$BPS/nested"
  check_eq "$H: B11 ... result.json is left empty" "0" "$(stat -c %s "$ROOT/result.json")"

  # --- successes with odd shapes: B7 legacy, B9 Procfile, B10 no web, L1 L3 ---------------------
  stage_rec legacy "plain-a=$BPS/plain-a" "legacy=$BPS/legacy"
  check_eq "$H: B7 a legacy last buildpack: compile BUILD CACHE/final after the supplies" \
    "0 plain-a supply|legacy compile|legacy release arg=/tmp/app arg=/tmp/cache/final" \
    "$RC $(paste -sd'|' <"$REC/calls") $(rec legacy.compile | grep '^arg=' | tr '\n' ' ' | sed 's/ $//')"
  check_contains "$H: B7 ... with the builder's warning" \
    "Warning: the last buildpack is not compatible with multi-buildpack apps and cannot make use of any dependencies supplied by the buildpacks specified before it" "$ERR"
  check_eq "$H: B7 ... and its deps/IDX removed" "0" "$(ls "$ROOT/home/vcap/deps" | tr '\n' ' ' | sed 's/ $//')"
  procapp=$TEST_TMP/procapp; rm -rf "$procapp"; cp -a "$APP" "$procapp"; printf 'web: echo from-procfile\nclock: tick\n' > "$procapp/Procfile"
  STAGE_APP=$procapp stage_rec procfile "plain-c=$BPS/plain-c"
  check_eq "$H: B9 the Procfile's processes replace release's of the same type" '{"clock":"tick","web":"echo from-procfile"}' \
    "$(jq -c .process_types "$ROOT/result.json")"
  recorder noweb "release.yml=default_process_types: {}"
  stage_rec noweb "noweb=$BPS/noweb"
  check_eq "$H: B10 no web process: staging succeeds with two lines on stderr" "0 No start command specified by buildpack or via Procfile.|App will not start unless a command is provided at runtime." \
    "$RC $(tail -2 <<<"$ERR" | paste -sd'|')"
  err=$("${CLEAN_ENV[@]}" "$(harness_cmd "$H")" launch "$ROOT" 2>&1 >/dev/null); rc=$?
  check_eq "$H: L1 no COMMAND and no start command: the launcher refuses" \
    "1 /tmp/lifecycle/launcher: no start command specified or detected in droplet" "$rc $err"
  recorder vars 'release.yml=default_process_types:
  web: echo "ORDER=$ORDER UNEXPORTED=${UNEXPORTED-unset}"'
  stage_rec vars "vars=$BPS/vars"
  check_eq "$H: L3 the start command runs in a new bash -c: only exported variables reach it" "ORDER=abp UNEXPORTED=unset" \
    "$(launch_out -- | tail -1)"
  recorder entry "config.yml=name: entry
config: {entrypoint_prefix: env ENTRY=yes bash -c}"
  stage_rec entry "entry=$BPS/entry"
  check_eq "$H: B12 L3 the last buildpack's entrypoint_prefix runs the command in place of bash -c" \
    '{"detected_buildpack":"entry","start_command":"echo entry","config":{"entrypoint_prefix":"env ENTRY=yes bash -c"}} ENTRY=yes' \
    "$(cat "$ROOT/home/vcap/staging_info.yml") $(launch_out -- bash -c 'echo "ENTRY=$ENTRY"' | tail -1)"

  # --- detect: B3 --------------------------------------------------------------------------------
  recorder rec-x; recorder rec-y; recorder nodetect; rm "$BPS/nodetect/bin/detect"
  recorder noexec; chmod 644 "$BPS/noexec/bin/detect"
  STAGE_ENV=("RECORD_DETECT=rec-y noexec")
  stage_rec detect --detect "nodetect=$BPS/nodetect" "rec-x=$BPS/rec-x" "noexec=$BPS/noexec" "rec-y=$BPS/rec-y"
  check_status "$H: B3 detect: the first buildpack whose bin/detect exits 0 stages the app" 0 "$RC"
  check_eq "$H: B3 ... it runs as the last buildpack with DEPS_IDX 0, cache final/" "rec-x detect|rec-y detect|rec-y supply|rec-y finalize|rec-y release arg=/tmp/app arg=/tmp/cache/final arg=/tmp/contentsN/deps arg=0" \
    "$(paste -sd'|' <"$REC/calls") $(rec rec-y.supply | grep '^arg=' | tr '\n' ' ' | sed 's/ $//')"
  check_contains "$H: B3 ... a missing bin/detect is reported" "stat /tmp/buildpacks/${HASH[nodetect]}/bin/detect: no such file or directory" "$ERR"
  check_contains "$H: B3 ... a bin/detect without execute bits gets a warning" "WARNING: buildpack script '/bin/detect' is not executable" "$OUT"
  check_not_contains "$H: B3 ... detect's stdout is captured" "rec-y-detected" "$OUT"
  check_eq "$H: B3 B11 ... and names the buildpack in result.json" \
    '{"buildpack_key":"rec-y","detected_buildpack":"rec-y-detected","buildpacks":[{"key":"rec-y","name":"rec-y-detected"}]}' \
    "$(jq -c .lifecycle_metadata "$ROOT/result.json")"
  STAGE_ENV=(RECORD_DETECT=)
  stage_rec detect --detect "rec-x=$BPS/rec-x" "rec-y=$BPS/rec-y"
  check_eq "$H: B3 B8 no buildpack detects: 222" "222 None of the buildpacks detected a compatible application" "$RC $(tail -1 <<<"$ERR")"
done
finish
