#!/usr/bin/env bash
# The launch hook stays cheap: rds-ca-launch runs at every container start, and a binary that
# loads libcurl costs ~5 ms more to start (docs/bench.md). Its symbol table (what a static link
# put in), its ELF DT_NEEDED list (readelf -d) and everything the dynamic loader maps for it must
# exclude libcurl, libssl, libcrypto and libpq. rds-ca itself needs them: proof that the checks
# see what is there.
. "$(dirname "$0")/lib.sh"
FORBIDDEN='libcurl|libssl|libcrypto|libpq'

needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'; }

for exe in "$BUILD/rds-ca-launch" "$BUILD/rds-ca"; do
  [ -x "$exe" ] || { echo "FAIL - $exe is missing: build first (cmake --build $BUILD)"; exit 1; }
done
# A static binary has no DT_NEEDED: what it links in is in its symbol table instead. Functions
# each of these libraries defines, which nothing of ours is named like (nm lists a dynamic
# binary's imports too, as U NAME@VERSION: rds-ca proves the check sees them).
LIB_SYMBOLS='^(SSL_CTX_new|SSL_connect|OPENSSL_init_crypto|EVP_DigestInit_ex|X509_verify_cert|curl_easy_init|curl_easy_perform|PQconnectdb|PQconnectdbParams|PQexec)$'
linked() { nm "$1" 2>/dev/null | awk '{print $NF}' | sed 's/@.*//' | grep -E "$LIB_SYMBOLS" | sort -u | tr '\n' ' ' | sed 's/ $//'; }
for exe in rds-ca-launch rds-ca-execd; do
  symbols=$(nm "$BUILD/$exe" 2>&1 | wc -l)
  [ "$symbols" -gt 100 ] || fail "$exe has a symbol table to check (nm: $symbols lines; a stripped build hides what it links)"
  check_eq "$exe links in none of libcurl's, libssl's, libcrypto's or libpq's functions (static or not)" "" \
    "$(linked "$BUILD/$exe")"
done
check_contains "the symbol check sees rds-ca's libssl, libcurl and libpq" "PQconnectdb" "$(linked "$BUILD/rds-ca")"
check_contains "... (SSL_CTX_new)" "SSL_CTX_new" "$(linked "$BUILD/rds-ca")"
check_contains "... (curl_easy_init)" "curl_easy_init" "$(linked "$BUILD/rds-ca")"
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
# The CNB launch hook: the exec.d program runs at every start too, and on run images
# that may carry none of these libraries: it is fully static, loading nothing.
[ -x "$BUILD/rds-ca-execd" ] || { echo "FAIL - $BUILD/rds-ca-execd is missing: build first"; exit 1; }
check_contains "rds-ca-execd loads no shared library at all (static: no dynamic section)" \
  "There is no dynamic section in this file." "$(readelf -d "$BUILD/rds-ca-execd" 2>&1)"
finish
