# Shared by the Cloud Native Buildpacks integration tests (issue 18). Source it after lib.sh:
# - CNB_BP: this buildpack as a .cnb unpacks (scripts/assemble-buildpack --cnb), from the build tree;
# - CNB_AFTER: fixtures/buildpacks/cnb-after, the stand-in for the language buildpack after it;
# - cnb_build ROOT APP_DIR [cnb-local build options]: detect and build the group (rds-ca, after)
#   through scripts/cnb-local in a clean environment;
# - cnb_launch ROOT [--cf] [--] COMMAND...: one start, with the container's environment LAUNCH_ENV
#   (and nothing of this machine's, as CLEAN_ENV).
CNB_LOCAL=$SRC/scripts/cnb-local
CNB_BP=$TEST_TMP/buildpacks/rds-ca-cnb
CNB_AFTER=$FIXTURE_BPS/cnb-after
"$SRC/scripts/assemble-buildpack" --cnb "$CNB_BP" "$BUILD" >/dev/null || { fail "assemble-buildpack --cnb"; finish; }

cnb_build() {
  local root=$1 app=$2; shift 2
  "${CLEAN_ENV[@]}" "$CNB_LOCAL" build "$root" "$app" "$CNB_BP" "$CNB_AFTER" "$@"
}
cnb_launch() {
  local root=$1; shift
  "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$CNB_LOCAL" launch "$root" "$@"
}
