#!/usr/bin/env bash
# The launch hook stays cheap (issue 9): rds-ca-launch runs at every container start, and a
# binary that loads libcurl costs ~5 ms more to start (BRIEF section 5). Its ELF DT_NEEDED list
# (readelf -d) and everything the dynamic loader maps for it must exclude libcurl, libssl,
# libcrypto and libpq. rds-ca itself needs libcurl: proof that the check sees what is there.
. "$(dirname "$0")/lib.sh"
FORBIDDEN='libcurl|libssl|libcrypto|libpq'

needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'; }

for exe in "$BUILD/rds-ca-launch" "$BUILD/rds-ca"; do
  [ -x "$exe" ] || { echo "FAIL - $exe is missing: build first (cmake --build $BUILD)"; exit 1; }
done
hook=$(needed "$BUILD/rds-ca-launch")
if printf '%s\n' "$hook" | grep -Eq "$FORBIDDEN"; then
  fail "rds-ca-launch's DT_NEEDED excludes libcurl, libssl, libcrypto and libpq" "needed: $hook"
else
  pass "rds-ca-launch's DT_NEEDED excludes libcurl, libssl, libcrypto and libpq (${hook:-static: none})"
fi
loaded=""  # a static hook maps nothing (and LD_TRACE_LOADED_OBJECTS would just run it)
[ -z "$hook" ] || loaded=$(LD_TRACE_LOADED_OBJECTS=1 "$BUILD/rds-ca-launch" 2>&1 | awk '{print $1}' | tr '\n' ' ')
if printf '%s\n' "$loaded" | grep -Eq "$FORBIDDEN"; then
  fail "nothing the loader maps for rds-ca-launch is libcurl, libssl, libcrypto or libpq" "loaded: $loaded"
else
  pass "nothing the loader maps for rds-ca-launch is libcurl, libssl, libcrypto or libpq"
fi
check_contains "rds-ca (staging) does need libcurl: the check sees it" "libcurl" "$(needed "$BUILD/rds-ca")"
# The CNB launch hook (issue 18): the exec.d program runs at every start too, and on run images
# that may carry none of these libraries: it is fully static, loading nothing.
[ -x "$BUILD/rds-ca-execd" ] || { echo "FAIL - $BUILD/rds-ca-execd is missing: build first"; exit 1; }
check_contains "rds-ca-execd loads no shared library at all (static: no dynamic section)" \
  "There is no dynamic section in this file." "$(readelf -d "$BUILD/rds-ca-execd" 2>&1)"
finish
