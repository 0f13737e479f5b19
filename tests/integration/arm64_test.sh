#!/usr/bin/env bash
# The Cloud Native Buildpack for arm64: scripts/package --cnb --arch arm64 cross-compiles its two
# binaries with Debian's aarch64 toolchain; check-abi proves them as AArch64 against cflinuxfs4's
# bounds; and they run here under Debian's qemu-user, always as `qemu-aarch64 -L / PROGRAM`
# (never through a binfmt registration, which a machine may or may not have):
# - rds-ca-execd writes byte-identical TOML (and stderr, and exit status) to the amd64 one for a
#   table of bindings and app settings, and run again in the environment its TOML made (the
#   fixed point) both write the same TOML again, which changes nothing in that environment;
# - rds-ca verify, against the real TLS-only PostgreSQL (tests/pg), verifies the server with the
#   right root (TLS, host name, then a libpq login with --sql) and refuses an attacker's root,
#   each with the amd64 binary's exact output.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/pg/make-pki.sh"
. "$SRC/tests/pg/pg-tls.sh"
. "$SRC/tests/pg/hosts.sh"

require_root "arm64 test"
VERSION=$(cat "$SRC/VERSION")
PKG_BUILD=${RDSCA_PACKAGE_BUILD_DIR:-$SRC/build-package-release}
# The sysroot is the multiarch root: libc6:arm64's loader (/lib/ld-linux-aarch64.so.1) with its
# own libc in /usr/lib/aarch64-linux-gnu. Not /usr/aarch64-linux-gnu: the cross toolchain's
# loader (libc6-arm64-cross) is another glibc build than libc6:arm64's libc, and a loader with
# a foreign libc hangs in pthread_create.
SYSROOT=/
QEMU=$(command -v qemu-aarch64) || { fail "qemu-aarch64 is installed (scripts/setup: qemu-user)"; finish; }
[ -x /lib/ld-linux-aarch64.so.1 ] || { fail "/lib/ld-linux-aarch64.so.1 is installed (scripts/setup: libc6:arm64)"; finish; }
for exe in rds-ca rds-ca-execd; do
  [ -x "$BUILD/$exe" ] || { fail "$BUILD/$exe is missing: build first"; finish; }
done
arm64() { "$QEMU" -L "$SYSROOT" "$@"; }

# --- packaging ----------------------------------------------------------------------------------
CNB_NAME=rds-ca_buildpack-cnb-arm64-v$VERSION.cnb
DIST=$TEST_TMP/dist
t0=$SECONDS
"$SRC/scripts/package" --cnb --arch arm64 --out-dir "$DIST" --build-dir "$PKG_BUILD" >"$TEST_TMP/pkg.out" 2>"$TEST_TMP/pkg.err"
rc=$?
echo "#    scripts/package --cnb --arch arm64 took $((SECONDS - t0))s"
check_status "package --cnb --arch arm64" 0 "$rc"
[ "$rc" = 0 ] || { tail -20 "$TEST_TMP/pkg.err"; finish; }
check_eq "it prints the .cnb's path last" "$DIST/$CNB_NAME" "$(tail -1 "$TEST_TMP/pkg.out")"
CNB=$TEST_TMP/cnb; mkdir -p "$CNB" && tar -xf "$DIST/$CNB_NAME" -C "$CNB"
check_eq "its buildpack.toml names linux/arm64 only" "[{'os': 'linux', 'arch': 'arm64'}]" \
  "$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["targets"])' "$CNB/buildpack.toml")"
out=$("$SRC/scripts/check-abi" --arch arm64 --stack cflinuxfs4 "$DIST/$CNB_NAME" 2>&1); rc=$?
check_status "check-abi --arch arm64 passes on the .cnb" 0 "$rc"
check_eq "check-abi checked both arm64 binaries" "ok   $DIST/$CNB_NAME!libexec/rds-ca: arm64 cflinuxfs4
ok   $DIST/$CNB_NAME!libexec/rds-ca-execd: arm64 cflinuxfs4" "$out"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs4 "$CNB/libexec/rds-ca-execd" 2>&1); rc=$?
check_status "check-abi (amd64) refuses the arm64 binary" 1 "$rc"
check_eq "... naming its machine" \
  "$CNB/libexec/rds-ca-execd: machine AArch64: not amd64 (Advanced Micro Devices X86-64)" "$out"
check_eq "rds-ca needs the aarch64 loader and the stack's libraries only" \
  "ld-linux-aarch64.so.1 libc.so.6 libcrypto.so.3 libcurl.so.4 libpq.so.5 libssl.so.3" \
  "$(readelf -W -d "$CNB/libexec/rds-ca" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "rds-ca under qemu reports the packaged version" "rds-ca $VERSION" "$(arm64 "$CNB/libexec/rds-ca" --version 2>&1)"

# --- rds-ca-execd: the same TOML on both architectures ------------------------------------------
# Both programs in one launch layer (exec.d/ for amd64, bin/ for arm64: the program finds its
# layer from its own directory), so the paths they export are the same.
LAYER=$TEST_TMP/layers/rds-ca/rds-ca
mkdir -p "$LAYER/exec.d" "$LAYER/bin" "$LAYER/rds-ca/certs"
for f in rds-ca.pem ca-certificates.crt truststore.p12; do : > "$LAYER/rds-ca/$f"; done
install -m 0755 "$BUILD/rds-ca-execd" "$LAYER/exec.d/rds-ca-execd"
install -m 0755 "$CNB/libexec/rds-ca-execd" "$LAYER/bin/rds-ca-execd"
BASE_ENV=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/home/cnb CNB_LAYERS_DIR="$TEST_TMP/layers")

# run_both NAME=VALUE...: each architecture's exec.d run once in that environment; its fd 3 in
# $TEST_TMP/amd64.toml / arm64.toml, "status + stderr" in amd64.err / arm64.err.
run_both() {
  (cd "$TEST_TMP" && "${BASE_ENV[@]}" "$@" "$LAYER/exec.d/rds-ca-execd" 3>amd64.toml 2>amd64.err; echo "status $?" >>amd64.err)
  (cd "$TEST_TMP" && "${BASE_ENV[@]}" "$@" "$QEMU" -L "$SYSROOT" "$LAYER/bin/rds-ca-execd" 3>arm64.toml 2>arm64.err
   echo "status $?" >>arm64.err)
}
# toml_env FILE: the TOML's keys as NAME=VALUE words, NUL-separated (what the launcher sets).
toml_env() { python3 -c 'import sys, tomllib
for k, v in tomllib.load(open(sys.argv[1], "rb")).items(): sys.stdout.write("%s=%s\0" % (k, v))' "$1"; }
# changes FIRST SECOND NAME=VALUE...: the keys of SECOND whose value is not already the one of
# the environment FIRST made from NAME=VALUE... (empty: applying SECOND changes nothing).
changes() { python3 -c 'import sys, tomllib
first, second = (tomllib.load(open(f, "rb")) for f in sys.argv[1:3])
env = dict(a.split("=", 1) for a in sys.argv[3:])
env.update(first)
print(" ".join(k for k, v in second.items() if env.get(k) != v))' "$@"; }

CASES=()
for f in "$SRC"/fixtures/vcap/*.json; do CASES+=("VCAP_SERVICES=$(cat "$f")|vcap/$(basename "$f")"); done
CASES+=("VCAP_SERVICES_FILE_PATH=$SRC/fixtures/vcap/several.json|VCAP_SERVICES_FILE_PATH several.json")
for d in "$SRC"/fixtures/service-bindings/*/; do
  CASES+=("SERVICE_BINDING_ROOT=$d|service-bindings/$(basename "$d")")
done
CASES+=('VCAP_SERVICES={"user-provided":[{"name":"a","credentials":{"uri":"postgres://u:p@h.example.com/d?sslmode=prefer"}}]}|sslmode=prefer')
CASES+=('VCAP_SERVICES={"user-provided":[{"name":"a","credentials":{"uri":"postgres://u:p%22%5C%0A@h.example.com/d"}}]}|a password with " \ and a newline')
CASES+=("VCAP_SERVICES=not json|VCAP_SERVICES that is not JSON")
SETTINGS=("" "DB_SSL_MODE=verify-ca" "JAVA_TOOL_OPTIONS=-Xmx64m")

ran=0 same=0 exported=0 fixed=0 differs=()
for c in "${CASES[@]}"; do
  for s in "${SETTINGS[@]}"; do
    extra=(); [ -z "$s" ] || extra=("$s")
    run_both "${c%|*}" "${extra[@]}"
    ran=$((ran + 1))
    if cmp -s "$TEST_TMP/amd64.toml" "$TEST_TMP/arm64.toml" && cmp -s "$TEST_TMP/amd64.err" "$TEST_TMP/arm64.err"; then
      same=$((same + 1))
    else
      differs+=("${c##*|} ${s:-(no setting)}: $(diff "$TEST_TMP/amd64.toml" "$TEST_TMP/arm64.toml" | head -3 | tr '\n' ' ') $(tail -1 "$TEST_TMP/arm64.err")")
    fi
    [ "$(tail -1 "$TEST_TMP/amd64.err")" = "status 0" ] || continue
    exported=$((exported + 1))
    # The fixed point: again in the environment the first TOML made, both architectures write
    # the same TOML, and it changes nothing there (what is already in place is not repeated).
    cp "$TEST_TMP/amd64.toml" "$TEST_TMP/first.toml"
    mapfile -d '' made < <(toml_env "$TEST_TMP/first.toml")
    run_both "${c%|*}" "${extra[@]}" "${made[@]}"
    changed=$(changes "$TEST_TMP/first.toml" "$TEST_TMP/arm64.toml" "${c%|*}" "${extra[@]}")
    if cmp -s "$TEST_TMP/amd64.toml" "$TEST_TMP/arm64.toml" && [ -z "$changed" ] && [ "$(tail -1 "$TEST_TMP/arm64.err")" = "status 0" ]; then
      fixed=$((fixed + 1))
    else
      differs+=("fixed point, ${c##*|} ${s:-(no setting)}: changes [$changed] $(diff "$TEST_TMP/amd64.toml" "$TEST_TMP/arm64.toml" | head -3 | tr '\n' ' ')")
    fi
  done
done
check_eq "the table ran every case under every setting" "$(( ${#CASES[@]} * ${#SETTINGS[@]} ))" "$ran"
check_eq "arm64 and amd64 exec.d: byte-identical TOML, stderr and status in all $ran runs" "$ran" "$same"
check_eq "run again in the environment its TOML made, both write the same TOML, which changes nothing ($exported runs)" "$exported" "$fixed"
[ ${#differs[@]} -eq 0 ] || printf '       %s\n' "${differs[@]}" | head -20
# The table is not vacuous: most runs export, the bad input fails on both with its one line.
check_eq "exports were written for all but the failing inputs" "true" "$([ "$exported" -ge $((ran / 2)) ] && echo true)"
run_both "VCAP_SERVICES=not json"
check_eq "bad VCAP_SERVICES: nothing on fd 3 under qemu" "" "$(cat "$TEST_TMP/arm64.toml")"
check_contains "bad VCAP_SERVICES: one rds-ca-execd line and status 1 under qemu" "status 1" "$(cat "$TEST_TMP/arm64.err")"
run_both "VCAP_SERVICES=$(cat "$SRC/fixtures/vcap/aws-rds.json")"
check_contains "the arm64 TOML names the layer's store" "SSL_CERT_FILE = \"$LAYER/rds-ca/ca-certificates.crt\"" \
  "$(cat "$TEST_TMP/arm64.toml")"

# --- rds-ca verify under qemu against the real TLS PostgreSQL -----------------------------------
DB_USER=app DB_NAME=appdb DB_PASSWORD='arm:pw@64'
start_tls_postgres
VCAP=$(jq -cn --arg uri "postgres://$DB_USER:arm%3Apw%4064@$PKI_HOST:$PG_PORT/$DB_NAME" \
  '{"user-provided": [{name: "console_db", label: "user-provided", tags: ["postgresql"], credentials: {uri: $uri}}]}')
# verify_both CA ARGS...: rds-ca verify on each architecture with the binding and root CA; sets
# AMD64_OUT/ARM64_OUT (stdout and stderr) and AMD64_RC/ARM64_RC.
verify_both() {
  local ca=$1; shift
  AMD64_OUT=$(with_hosts "$HOSTS" "${BASE_ENV[@]}" VCAP_SERVICES="$VCAP" timeout 60 "$BUILD/rds-ca" verify --ca "$ca" "$@" 2>&1)
  AMD64_RC=$?
  ARM64_OUT=$(with_hosts "$HOSTS" "${BASE_ENV[@]}" VCAP_SERVICES="$VCAP" timeout 120 "$QEMU" -L "$SYSROOT" \
    "$CNB/libexec/rds-ca" verify --ca "$ca" "$@" 2>&1)
  ARM64_RC=$?
}
verify_both "$PKI/root.pem"
check_status "arm64 rds-ca verify with the server's root succeeds" 0 "$ARM64_RC"
check_eq "... with the amd64 binary's exact output" "$AMD64_OUT" "$ARM64_OUT"
check_contains "... which names the verified server" "$PKI_HOST:$PG_PORT" "$ARM64_OUT"
verify_both "$PKI/root.pem" --sql
check_status "arm64 rds-ca verify --sql (libpq5:arm64 logs in over the verified TLS) succeeds" 0 "$ARM64_RC"
check_eq "... with the amd64 binary's output (the session's backend pid aside)" \
  "$(printf '%s\n' "$AMD64_OUT" | sed -E 's/^ *[0-9]+ \|/ PID |/')" "$(printf '%s\n' "$ARM64_OUT" | sed -E 's/^ *[0-9]+ \|/ PID |/')"
check_contains "... which shows its own session over TLS" "| t   | TLSv1.3" "$ARM64_OUT"
verify_both "$PKI/other-root.pem"
check_status "arm64 rds-ca verify refuses the server under an attacker's root" 1 "$ARM64_RC"
check_status "... as the amd64 one does" 1 "$AMD64_RC"
check_eq "... with the same line" "$AMD64_OUT" "$ARM64_OUT"
check_contains "... which says the chain is not trusted" "console_db ($PKI_HOST:$PG_PORT)" "$ARM64_OUT"

finish
