#!/usr/bin/env bash
# scripts/cnb-local reproduces the CNB launcher's rules (issue 18): fixtures/buildpacks/cnb-rules
# writes two launch layers with env files of every kind, two exec.d programs and a profile.d
# script; the values the process sees are the ones lifecycle's env/env.go, launch/launcher.go,
# launch/exec_d.go and launch/bash.go give, direct and through bash, and a failing exec.d
# program or TOML that is not strings fails the start with 82. With CNB_REAL_LAUNCHER set to a
# launcher built from buildpacks/lifecycle (its launch/, env/ and api/ packages; nothing of it
# is in this repository), every start is repeated through it and must print the same, for this
# buildpack's layer too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cnb_lib.sh"
ROOT=$TEST_TMP/rules
log=$("${CLEAN_ENV[@]}" "$CNB_LOCAL" build "$ROOT" "$SAMPLE_APP" "$FIXTURE_BPS/cnb-rules" 2>&1)
check_status "the rules buildpack builds" 0 "$?"
[ -d "$ROOT/layers/test_rules/a" ] || { fail "the rules buildpack built its layers" "$log"; finish; }
APP_ENV=(R_DEFAULT_SET=app R_DEFAULT_EMPTY= R_APPEND=app R_APPEND_DELIM=app R_PREPEND=app)
SHOW='for v in R_PLAIN R_OVERRIDE R_DEFAULT R_DEFAULT_SET R_DEFAULT_EMPTY R_APPEND R_APPEND_DELIM R_APPEND_UNSET R_PREPEND R_UNKNOWN R_WEB R_EXECD R_SEEN R_CHAIN R_CWD R_PROFILE; do printf "%s=%q\n" $v "${!v-(unset)}"; done; r-tool'
rules() { # PROFILE: what SHOW prints for the rules layers
  printf '%s\n' "R_PLAIN=from-env" "R_OVERRIDE=exec.d" "R_DEFAULT=default" "R_DEFAULT_SET=app" "R_DEFAULT_EMPTY=default" \
    "R_APPEND=apptail" 'R_APPEND_DELIM=app\,tail' "R_APPEND_UNSET=tail" "R_PREPEND=head:app" 'R_UNKNOWN=\(unset\)' \
    'R_WEB=\(unset\)' "R_EXECD=\$'q\"uoted \\\\ \\303\\251\\t\\001'" "R_SEEN=default" "R_CHAIN=exec.d" "R_CWD=$ROOT/workspace" \
    "R_PROFILE=$1" "tool"
}
start() { # HOW ARGS...: one start through cnb-local (HOW=local) or the real launcher (HOW=real)
  local how=$1; shift
  if [ "$how" = local ]; then "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_LOCAL" launch "$ROOT" "$@"
  else "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" CNB_LAYERS_DIR="$ROOT/layers" CNB_APP_DIR="$ROOT/workspace" "$CNB_REAL_LAUNCHER" "$@"; fi
}
HOWS=local
if [ -n "${CNB_REAL_LAUNCHER:-}" ]; then
  if [ -x "$CNB_REAL_LAUNCHER" ]; then HOWS="local real"; else fail "CNB_REAL_LAUNCHER=$CNB_REAL_LAUNCHER is not executable"; fi
fi
for how in $HOWS; do
  LAUNCH_ENV=("${APP_ENV[@]}")
  check_eq "$how, direct: env files, exec.d, bin/ on PATH, no profile.d" "$(rules '\(unset\)')" "$(start "$how" -- bash -c "$SHOW" 2>&1)"
  check_eq "$how, through bash: the same, and profile.d sourced" "$(rules sourced)" "$(start "$how" "$SHOW" 2>&1)"
  check_eq "$how, through bash with arguments: each token evaluated by eval echo (spaces collapse)" 'default
sourced
a b' "$(start "$how" printf '%s\n' '$R_DEFAULT' '$R_PROFILE' 'a  b' 2>&1)"
  LAUNCH_ENV=(R_EXECD_FAIL=exit)
  out=$(start "$how" -- echo started 2>&1); rc=$?
  check_status "$how: an exec.d program that fails fails the start" 82 "$rc"
  check_not_contains "$how: ... and the process never runs" "started" "$out"
  LAUNCH_ENV=(R_EXECD_FAIL=toml)
  out=$(start "$how" -- echo started 2>&1); rc=$?
  check_status "$how: TOML that is not strings fails the start" 82 "$rc"
done
if [ "$HOWS" = "local real" ]; then
  # this buildpack's own layer: the whole environment, direct and through bash, both launchers
  CNB=$TEST_TMP/cnb; cnb_build "$CNB" "$SAMPLE_APP" --env "VCAP_SERVICES=$(cat "$SRC/fixtures/vcap/seed-004.json")" >/dev/null 2>&1
  ROOT=$CNB
  LAUNCH_ENV=("VCAP_SERVICES=$(cat "$SRC/fixtures/vcap/seed-004.json")" DB_SSL_MODE=require SSL_CERT_DIR=/own JAVA_TOOL_OPTIONS=-Xmx64m)
  check_eq "rds-ca's layer, direct: the real launcher gives the same environment" \
    "$(start local -- env 2>&1 | sort)" "$(start real -- env 2>&1 | sort)"
  check_eq "rds-ca's layer, through bash: the same" "$(start local env 2>&1 | sort)" "$(start real env 2>&1 | sort)"
fi
finish
