# Shared by the integration tests (bash). Source it first:  . "$(dirname "$0")/lib.sh"
# - check_* functions print one line per check; `finish` prints "N passed, N failed" and sets the status.
# - Staging and launching go through scripts/cf-local (the classic harness every test and CI run
#   stands on), always under a clean environment like the platform's. A developer who has built the
#   real builder and launcher elsewhere names a runner for them in CF_REAL (see harnesses below).
#   The CNB tests run through cnb-local and the real lifecycle (cnb_lib.sh).
set -uo pipefail

SRC=${RDSCA_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)}
BUILD=${RDSCA_BUILD_DIR:-$SRC/build}
CF_REAL=${CF_REAL:-}
CF_LOCAL=$SRC/scripts/cf-local
PASSED=0
FAILED=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rdsca-it-XXXXXX")
CLEANUPS=()

on_exit() {
  local fn
  for fn in "${CLEANUPS[@]}"; do eval "$fn" || true; done
  rm -rf "$TEST_TMP"
}
trap on_exit EXIT
at_exit() { CLEANUPS+=("$1"); }

# LABEL names the harness a check ran through ("[cnb-local]", "[cf-local]"), at the head of its
# line. When a test runs its checks through several harnesses (cnb_lib.sh), the first harness's
# result of each check is kept (BASE_LABEL) and a later harness whose result differs fails that
# check, with both results in its line.
LABEL=""
BASE_LABEL=""
declare -A BASE_RESULTS=() CHECK_COUNT=()
pass() { PASSED=$((PASSED + 1)); echo "ok   - ${LABEL:+$LABEL }$1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - ${LABEL:+$LABEL }$1"; [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/       /' | head -40; }

same_as_base() { # NAME RESULT: false (after one FAIL line with both results) when RESULT differs
  [ -n "$BASE_LABEL" ] || return 0
  local n=${CHECK_COUNT["$LABEL|$1"]:-0}
  CHECK_COUNT["$LABEL|$1"]=$((n + 1))
  local key="$1#$n"
  if [ "$LABEL" = "$BASE_LABEL" ]; then BASE_RESULTS[$key]=$2; return 0; fi
  [ -z "${BASE_RESULTS[$key]+set}" ] || [ "${BASE_RESULTS[$key]}" == "$2" ] && return 0
  fail "$1: differs from $BASE_LABEL" "$BASE_LABEL: $(printf %q "${BASE_RESULTS[$key]}")
$LABEL: $(printf %q "$2")"
  return 1
}
check_result() { # NAME OK RESULT [DETAIL]: OK=0 passes; RESULT is what is compared between harnesses
  same_as_base "$1" "$3" || return 0
  if [ "$2" = 0 ]; then pass "$1"; else fail "$1" "${4-$3}"; fi
}
check_eq() { # NAME EXPECTED ACTUAL
  same_as_base "$1" "$3" || return 0
  if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "expected: $(printf %q "$2")
actual:   $(printf %q "$3")"; fi
}
check_contains() { # NAME NEEDLE HAYSTACK
  if [[ "$3" == *"$2"* ]]; then same_as_base "$1" contains && pass "$1"
  else same_as_base "$1" "missing: $2 in: $3" && fail "$1" "missing: $2
in: $3"; fi
}
check_not_contains() { # NAME NEEDLE HAYSTACK
  if [[ "$3" != *"$2"* ]]; then same_as_base "$1" "does not contain" && pass "$1"
  else same_as_base "$1" "contains: $2" && fail "$1" "unexpected: $2"; fi
}
check_status() { # NAME EXPECTED ACTUAL
  check_eq "$1 (exit status)" "$2" "$3"
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}

# The environment a platform gives: nothing of this machine's (its SSL_CERT_FILE and friends
# would hide what the buildpack exports). Extra NAME=VALUE words are added.
CLEAN_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=en_US.UTF-8
           CF_STACK=${RDSCA_TEST_STACK:-cflinuxfs4} MEMORY_LIMIT=1024m)
# The stacks the e2e tests stage on: each one's zip (scripts/package --stack) is built and tested.
TEST_STACKS="cflinuxfs4 cflinuxfs5"

# Harnesses: "local" (scripts/cf-local) always, first; "real" too when CF_REAL names a runner of
# the platform's own builder and launcher (a developer's local build, never committed) with
# cf-local's interface (`stage [--detect] ROOT APP BP...`, `launch ROOT [CMD...]`, the same ROOT
# layout), staging at the platform's paths (/tmp/app, /tmp/cache, /tmp/buildpacks/<xxhash64 of
# the key>) and launching in /home/vcap. Checks that run through one harness only use the first.
harnesses() {
  if [ -n "$CF_REAL" ]; then echo local real; else echo local; fi
}

harness_cmd() { case "$1" in real) echo "$CF_REAL" ;; local) echo "$CF_LOCAL" ;; esac; }
# cf_harnesses_note: a classic test says once, at its head, which harnesses its checks run
# through. Without CF_REAL every check line is labelled [cf-local]; with it, the check names say
# local or real. The real builder and launcher cannot be built here: the module proxy does not
# serve code.cloudfoundry.org/buildpackapplifecycle (docs/platform-harnesses.md).
cf_harnesses_note() {
  if [ -n "$CF_REAL" ]; then echo "note - [cf-real] runs through CF_REAL=$CF_REAL beside [cf-local]"; return; fi
  LABEL="[cf-local]"
  echo "note - [cf-real] not available: the module proxy refuses code.cloudfoundry.org/buildpackapplifecycle (\"This module version is not available\"), so checks run through [cf-local] alone"
}
[ -z "$CF_REAL" ] || [ -x "$CF_REAL" ] || fail "CF_REAL=$CF_REAL is not an executable runner"

# stage HARNESS ROOT APP_DIR BP... ; extra environment from the STAGE_ENV array
STAGE_ENV=()
stage() {
  local h=$1; shift
  "${CLEAN_ENV[@]}" "${STAGE_ENV[@]}" "$(harness_cmd "$h")" stage "$@"
}
# launch HARNESS ROOT [COMMAND...] ; extra environment from the LAUNCH_ENV array
LAUNCH_ENV=()
launch() {
  local h=$1; shift
  "${CLEAN_ENV[@]}" "${LAUNCH_ENV[@]}" "$(harness_cmd "$h")" launch "$@"
}

# The buildpack under test, assembled once per test script from the build tree.
BP=$TEST_TMP/buildpacks/rds-ca
"$SRC/scripts/assemble-buildpack" "$BP" "$BUILD" >/dev/null || { echo "FAIL - cannot assemble the buildpack"; exit 1; }
FIXTURE_BPS=$SRC/fixtures/buildpacks
# use_stack NAME: from now on the platform stages on NAME (CLEAN_ENV's CF_STACK), and BP is the
# buildpack as NAME's zip unpacks (its manifest.yml says `stack: NAME`), assembled once.
use_stack() {
  CLEAN_ENV=("${CLEAN_ENV[@]/#CF_STACK=*/CF_STACK=$1}")
  BP=$TEST_TMP/buildpacks/$1/rds-ca
  [ -d "$BP" ] || "$SRC/scripts/assemble-buildpack" --stack "$1" "$BP" "$BUILD" >/dev/null ||
    { echo "FAIL - cannot assemble the buildpack for $1"; exit 1; }
}
SAMPLE_APP=$SRC/fixtures/apps/sample

# require_root WHAT: skips the test unless it runs as root (exit 77, which ctest reports as
# skipped, never as passed); in CI a failure instead.
require_root() {
  [ "$(id -u)" = 0 ] && return 0
  if [ "${CI:-}" = true ]; then fail "$1 needs root (unshare, runuser)"; finish; fi
  echo "skip - $1 needs root (unshare --mount, runuser)"; exit 77
}

# start_tls_postgres: the PostgreSQL tests' common start (tests/pg; source make-pki.sh, pg-tls.sh
# and hosts.sh first). The test PKI in PKI, a TLS-only PostgreSQL under PGROOT/tls (stopped and
# removed at exit) with the login DB_USER/DB_PASSWORD owning DB_NAME, and HOSTS, an /etc/hosts
# naming PKI_HOST and PKI_OTHER_HOST. Any failure is one FAIL line, then finish.
start_tls_postgres() {
  PKI=$TEST_TMP/pki
  make_pki "$PKI" >/dev/null || { fail "make-pki.sh writes the test PKI"; finish; }
  PGROOT=$(mktemp -d /tmp/rdsca-pg-XXXXXX) && chmod 0755 "$PGROOT"; at_exit pg_stop; at_exit "rm -rf '$PGROOT'"
  pg_start "$PGROOT/tls" "$PKI" on || { fail "PostgreSQL starts with TLS"; finish; }
  pg_add_user "$DB_USER" "$DB_PASSWORD" "$DB_NAME" >/dev/null || { fail "a user and a database are created"; finish; }
  HOSTS=$TEST_TMP/hosts
  hosts_file "$HOSTS" "$PKI_HOST" "$PKI_OTHER_HOST"
}
