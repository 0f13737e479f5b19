# Shared by the Cloud Native Buildpacks integration tests. Source it after lib.sh:
# - CNB_BP: this buildpack as a .cnb unpacks (scripts/assemble-buildpack --cnb), from the build tree;
# - CNB_AFTER: fixtures/buildpacks/cnb-after, the stand-in for the language buildpack after it;
# - cnb_each_harness FUNCTION: runs FUNCTION once through each CNB harness, with CNB_H (local,
#   real), CNB_RUNNER (the harness's program) and LABEL ([cnb-local], [cnb-real]) set: first
#   scripts/cnb-local, then tests/platform/cnb-real, the real lifecycle (tests/platform/install.sh
#   builds it); a check whose result through the real one differs from cnb-local's fails;
# - cnb_build ROOT APP_DIR [build options]: detect and build the group (rds-ca, after) through
#   the harness in a clean environment;
# - cnb_launch ROOT [--cf] [--] COMMAND...: one start, with the container's environment LAUNCH_ENV
#   (and nothing of this machine's, as CLEAN_ENV);
# - launcher_said: a filter, what a start printed with the launcher's own words made comparable
#   (the real one colours "ERROR:", cnb-local names itself first).
CNB_LOCAL=$SRC/scripts/cnb-local
CNB_REAL=$SRC/tests/platform/cnb-real
CNB_BP=$TEST_TMP/buildpacks/rds-ca-cnb
CNB_AFTER=$FIXTURE_BPS/cnb-after
CNB_RUNNER=$CNB_LOCAL
"$SRC/scripts/assemble-buildpack" --cnb "$CNB_BP" "$BUILD" >/dev/null || { fail "assemble-buildpack --cnb"; finish; }

cnb_each_harness() { # FUNCTION
  local hs=local label=$LABEL
  if [ -x "$SRC/tests/platform/bin/launcher" ]; then hs="local real"
  else fail "[cnb-real] the real lifecycle is not built: run tests/platform/install.sh (scripts/setup does)"; fi
  BASE_LABEL="[cnb-local]"
  for CNB_H in $hs; do
    if [ "$CNB_H" = local ]; then CNB_RUNNER=$CNB_LOCAL; else CNB_RUNNER=$CNB_REAL; fi
    LABEL="[cnb-$CNB_H]"
    "$1"
  done
  LABEL=$label BASE_LABEL="" CNB_RUNNER=$CNB_LOCAL
}
cnb_build() {
  local root=$1 app=$2; shift 2
  "${CLEAN_ENV[@]}" "$CNB_RUNNER" build "$root" "$app" "$CNB_BP" "$CNB_AFTER" "$@"
}
cnb_launch() {
  local root=$1; shift
  "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_RUNNER" launch "$root" "$@"
}
launcher_said() {
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^cnb-local: //'
}
