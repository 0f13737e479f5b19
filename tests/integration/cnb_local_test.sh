#!/usr/bin/env bash
# The CNB launcher's rules, through scripts/cnb-local and through the real lifecycle
# (tests/platform/cnb-real): fixtures/buildpacks/cnb-rules writes two launch layers with env files
# of every kind, two exec.d programs and a profile.d script; the values the process sees are the
# ones lifecycle's env/env.go, launch/launcher.go, launch/exec_d.go and launch/bash.go give,
# direct and through bash, and a failing exec.d program or TOML that is not strings fails the
# start with 82. Then this buildpack's own layer: the whole launch environment, direct and
# through bash, must be the same through both harnesses.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cnb_lib.sh"
rules() { # PROFILE: what SHOW prints for the rules layers
  printf '%s\n' "R_PLAIN=from-env" "R_OVERRIDE=exec.d" "R_DEFAULT=default" "R_DEFAULT_SET=app" "R_DEFAULT_EMPTY=default" \
    "R_APPEND=apptail" 'R_APPEND_DELIM=app\,tail' "R_APPEND_UNSET=tail" "R_PREPEND=head:app" 'R_UNKNOWN=\(unset\)' \
    'R_WEB=\(unset\)' "R_EXECD=\$'q\"uoted \\\\ \\303\\251\\t\\001'" "R_SEEN=default" "R_CHAIN=exec.d" "R_CWD=$ROOT/workspace" \
    "R_PROFILE=$1" "tool"
}
APP_ENV=(R_DEFAULT_SET=app R_DEFAULT_EMPTY= R_APPEND=app R_APPEND_DELIM=app R_PREPEND=app)
SHOW='for v in R_PLAIN R_OVERRIDE R_DEFAULT R_DEFAULT_SET R_DEFAULT_EMPTY R_APPEND R_APPEND_DELIM R_APPEND_UNSET R_PREPEND R_UNKNOWN R_WEB R_EXECD R_SEEN R_CHAIN R_CWD R_PROFILE; do printf "%s=%q\n" $v "${!v-(unset)}"; done; r-tool'

rules_suite() {
  ROOT=$TEST_TMP/rules
  local log out rc
  log=$("${CLEAN_ENV[@]}" "$CNB_RUNNER" build "$ROOT" "$SAMPLE_APP" "$FIXTURE_BPS/cnb-rules" 2>&1)
  check_status "the rules buildpack builds" 0 "$?"
  [ -d "$ROOT/layers/test_rules/a" ] || { fail "the rules buildpack built its layers" "$log"; return; }
  LAUNCH_ENV=("${APP_ENV[@]}")
  check_eq "direct: env files, exec.d, bin/ on PATH, no profile.d" "$(rules '\(unset\)')" "$(cnb_launch "$ROOT" -- bash -c "$SHOW" 2>&1)"
  check_eq "through bash: the same, and profile.d sourced" "$(rules sourced)" "$(cnb_launch "$ROOT" "$SHOW" 2>&1)"
  check_eq "through bash with arguments: each token evaluated by eval echo (spaces collapse)" 'default
sourced
a b' "$(cnb_launch "$ROOT" printf '%s\n' '$R_DEFAULT' '$R_PROFILE' 'a  b' 2>&1)"
  LAUNCH_ENV=(R_EXECD_FAIL=exit)
  out=$(cnb_launch "$ROOT" -- echo started 2>&1); rc=$?
  check_status "an exec.d program that fails fails the start" 82 "$rc"
  check_not_contains "... and the process never runs" "started" "$out"
  LAUNCH_ENV=(R_EXECD_FAIL=toml)
  out=$(cnb_launch "$ROOT" -- echo started 2>&1); rc=$?
  check_status "TOML that is not strings fails the start" 82 "$rc"
  check_not_contains "... and the process never runs" "started" "$out"

  # this buildpack's own layer: the whole environment, direct and through bash
  ROOT=$TEST_TMP/cnb
  log=$(cnb_build "$ROOT" "$SAMPLE_APP" --env "VCAP_SERVICES=$(cat "$SRC/fixtures/vcap/seed-004.json")" 2>&1)
  check_status "rds-ca and the language buildpack build" 0 "$?"
  LAUNCH_ENV=("VCAP_SERVICES=$(cat "$SRC/fixtures/vcap/seed-004.json")" DB_SSL_MODE=require SSL_CERT_DIR=/own JAVA_TOOL_OPTIONS=-Xmx64m)
  local store=$ROOT/layers/rds-ca/rds-ca/rds-ca
  out=$(cnb_launch "$ROOT" -- env 2>&1 | sort); [[ "$out" == *"SSL_CERT_FILE=$store/ca-certificates.crt"* ]]
  check_result "rds-ca's layer, direct: the whole launch environment" $? "$out"
  out=$(cnb_launch "$ROOT" env 2>&1 | sort); [[ "$out" == *"SSL_CERT_DIR=$store/certs:/own"* ]]
  check_result "rds-ca's layer, through bash: the whole launch environment" $? "$out"
}
cnb_each_harness rules_suite
finish
