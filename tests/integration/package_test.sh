#!/usr/bin/env bash
# The shipped zips: scripts/package builds the cached and the uncached buildpack for each stack
# (cflinuxfs4, the default, and cflinuxfs5); each holds exactly manifest.yml's include_files plus
# the binaries (modes kept), nothing of the source tree, and a manifest naming its stack;
# packaging twice gives the same bytes, and both stacks' zips carry the same binaries; every ELF
# file passes scripts/check-abi against its stack's bounds (which fail on binaries needing glibc
# 2.36 on cflinuxfs4, a libcurl function newer than the stack's or a foreign library); and each
# zip, unpacked outside the checkout, stages the sample app through the harness on its stack: the
# cached one with no network at all, the uncached one downloading from the local HTTPS server;
# on the other stack staging stops with one line naming the zip to install.
. "$(dirname "$0")/lib.sh"
cf_harnesses_note
VERSION=$(cat "$SRC/VERSION")
PKG_BUILD=${RDSCA_PACKAGE_BUILD_DIR:-$SRC/build-package-release}
DIST=$TEST_TMP/dist
VCAP=$(cat "$SRC/fixtures/demo/vcap_services.json")
GLOBAL_URI=https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem
GLOBAL_REL=dependencies/$(printf %s "$GLOBAL_URI" | md5sum | cut -d' ' -f1)/global-bundle.pem
GLOBAL_SHA=$(sha256sum "$SRC/data/global-bundle.pem" | cut -d' ' -f1)

# --- the local HTTPS server (the mirror), with the test CA ----------------------------------
MIRROR=$TEST_TMP/mirror; mkdir -p "$MIRROR"
cp "$SRC/data/global-bundle.pem" "$MIRROR/"
SERVER_LOG=$TEST_TMP/server.log; : > "$SERVER_LOG"
coproc SERVER { exec python3 "$SRC/tests/https_server.py" --root "$MIRROR" --log "$SERVER_LOG" \
  --cert "$SRC/fixtures/certs/server.pem" --key "$SRC/fixtures/certs/server.key"; }
SERVER_PID_SAVED=$SERVER_PID
at_exit "kill $SERVER_PID_SAVED"
read -r -t 10 _ PORT <&"${SERVER[0]}" || { echo "FAIL - the HTTPS test server did not start"; exit 1; }
MIRROR_URL=https://127.0.0.1:$PORT/files
TEST_CA=$SRC/fixtures/certs/test-ca.pem

# --- packaging --------------------------------------------------------------------------------
package() { # OUT_NAME ARGS...: runs scripts/package, its output in $TEST_TMP/OUT_NAME.out and
  # a fingerprint of the sources it built from in $TEST_TMP/OUT_NAME.sources
  local name=$1; shift
  local t0=$SECONDS
  "$SRC/scripts/package" --out-dir "$DIST" --build-dir "$PKG_BUILD" "$@" >"$TEST_TMP/$name.out" 2>"$TEST_TMP/$name.err"
  local rc=$?
  (cd "$PKG_BUILD/source" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum) \
    >"$TEST_TMP/$name.sources"
  echo "#    scripts/package $* took $((SECONDS - t0))s"
  return $rc
}
same_zip() { # NAME FIRST SECOND RUN1 RUN2: same bytes, unless the checkout changed in between
  if ! cmp -s "$TEST_TMP/$4.sources" "$TEST_TMP/$5.sources" && [ "${CI:-}" != true ]; then
    echo "#    skipped: $1 (the checkout changed between the two packaging runs)"; return
  fi
  check_eq "$1" "$(sha256sum <"$2")" "$(sha256sum <"$3")"
}
UNCACHED_NAME=rds-ca_buildpack-cflinuxfs4-v$VERSION.zip
CACHED_NAME=rds-ca_buildpack-cached-cflinuxfs4-v$VERSION.zip
UNCACHED5_NAME=rds-ca_buildpack-cflinuxfs5-v$VERSION.zip
CACHED5_NAME=rds-ca_buildpack-cached-cflinuxfs5-v$VERSION.zip

package uncached1 --uncached; rc=$?
check_status "package --uncached" 0 "$rc"
[ "$rc" = 0 ] || { cat "$TEST_TMP/uncached1.err"; finish; }
cp "$DIST/$UNCACHED_NAME" "$TEST_TMP/uncached-first.zip"
check_eq "package --uncached prints the zip's path last" "$DIST/$UNCACHED_NAME" "$(tail -1 "$TEST_TMP/uncached1.out")"
check_eq "package --uncached prints the zip's size" \
  "$UNCACHED_NAME: $(stat -c %s "$DIST/$UNCACHED_NAME") bytes" \
  "$(head -1 "$TEST_TMP/uncached1.out" | sed 's/ (.*//')"
package uncached2 --uncached; rc=$?
check_status "package --uncached again" 0 "$rc"
same_zip "packaging twice gives the same uncached zip bytes" \
  "$TEST_TMP/uncached-first.zip" "$DIST/$UNCACHED_NAME" uncached1 uncached2

package cached1 --cached --dependency-dir "$SRC/data"; rc=$?
check_status "package --cached from data/" 0 "$rc"
[ "$rc" = 0 ] || { cat "$TEST_TMP/cached1.err"; finish; }
cp "$DIST/$CACHED_NAME" "$TEST_TMP/cached-first.zip"
check_contains "package --cached checks each dependency's sha256" \
  "cached rds-ca-global-bundle" "$(cat "$TEST_TMP/cached1.err")"
package cached2 --cached --dependency-mirror "$MIRROR_URL" --cacert "$TEST_CA"; rc=$?
check_status "package --cached from the HTTPS mirror" 0 "$rc"
check_contains "the mirror served the dependency" "GET /files/global-bundle.pem" "$(cat "$SERVER_LOG")"
same_zip "packaging twice (data/, then the mirror) gives the same cached zip bytes" \
  "$TEST_TMP/cached-first.zip" "$DIST/$CACHED_NAME" cached1 cached2

# A dependency whose bytes do not match manifest.yml's sha256 stops packaging.
bad=$TEST_TMP/bad-deps; mkdir -p "$bad"; printf 'not the bundle\n' > "$bad/global-bundle.pem"
"$SRC/scripts/package" --cached --dependency-dir "$bad" --out-dir "$TEST_TMP/bad-dist" \
  --build-dir "$PKG_BUILD" >/dev/null 2>"$TEST_TMP/bad.err"; rc=$?
check_status "package --cached with a wrong dependency" 1 "$rc"
check_eq "the sha256 mismatch is one line saying what to fix" \
  "package: dependency rds-ca-global-bundle $(python3 -c 'import yaml,sys; print([d for d in yaml.safe_load(open(sys.argv[1]))["dependencies"] if d["name"]=="rds-ca-global-bundle"][0]["version"])' "$SRC/manifest.yml") from $bad/global-bundle.pem has sha256 $(sha256sum <"$bad/global-bundle.pem" | cut -d' ' -f1), manifest.yml says $GLOBAL_SHA: fix manifest.yml or the source" \
  "$(tail -1 "$TEST_TMP/bad.err")"
check_eq "no zip is left behind by a failed packaging" "" "$(ls "$TEST_TMP/bad-dist" 2>/dev/null)"

# cflinuxfs5: the same binaries (one build serves both stacks), another manifest.
package uncached5 --uncached --stack cflinuxfs5; rc=$?
check_status "package --uncached --stack cflinuxfs5" 0 "$rc"
[ "$rc" = 0 ] || { cat "$TEST_TMP/uncached5.err"; finish; }
check_eq "package --stack cflinuxfs5 prints its zip's path last" "$DIST/$UNCACHED5_NAME" "$(tail -1 "$TEST_TMP/uncached5.out")"
package cached5 --cached --stack cflinuxfs5 --dependency-dir "$SRC/data"; rc=$?
check_status "package --cached --stack cflinuxfs5" 0 "$rc"
[ "$rc" = 0 ] || { cat "$TEST_TMP/cached5.err"; finish; }
cp "$DIST/$CACHED5_NAME" "$TEST_TMP/cached5-first.zip"
package cached5b --cached --stack cflinuxfs5 --dependency-dir "$SRC/data"
same_zip "packaging cflinuxfs5 twice gives the same cached zip bytes" \
  "$TEST_TMP/cached5-first.zip" "$DIST/$CACHED5_NAME" cached5 cached5b
"$SRC/scripts/package" --uncached --stack cflinuxfs9 --out-dir "$TEST_TMP/bad-dist" --build-dir "$PKG_BUILD" \
  >/dev/null 2>"$TEST_TMP/bad-stack.err"; rc=$?
check_status "package --stack with a stack data/stacks.json does not know" 2 "$rc"
check_eq "... names the stacks it knows" \
  "package: error: argument --stack: invalid choice: 'cflinuxfs9' (choose from 'cflinuxfs4', 'cflinuxfs5')" \
  "$(tail -1 "$TEST_TMP/bad-stack.err")"
nostack=$TEST_TMP/manifest-fs4-only.yml
sed '/^      - cflinuxfs5$/d' "$SRC/manifest.yml" > "$nostack"
"$SRC/scripts/package" --uncached --stack cflinuxfs5 --manifest "$nostack" --out-dir "$TEST_TMP/bad-dist" \
  --build-dir "$PKG_BUILD" >/dev/null 2>"$TEST_TMP/bad-stack.err"; rc=$?
check_status "package --stack cflinuxfs5 when no dependency lists it" 1 "$rc"
check_eq "... one line saying what to add" \
  "package: $nostack: no dependency rds-ca-global-bundle $(sed -n 's/^    version: //p' "$SRC/manifest.yml" | head -1) lists cflinuxfs5 in cf_stacks: add cflinuxfs5 to its cf_stacks" \
  "$(tail -1 "$TEST_TMP/bad-stack.err")"
check_eq "... and leaves no zip behind" "" "$(ls "$TEST_TMP/bad-dist" 2>/dev/null)"

# --- contents ---------------------------------------------------------------------------------
unpack() { # ZIP DIR: unzips into a new empty directory outside the checkout
  mkdir "$2" && (cd "$2" && unzip -q "$1")
}
listing() { # DIR: "MODE PATH" of every file, sorted
  (cd "$1" && find . -type f -printf '%m %P\n' | LC_ALL=C sort -k2)
}
expected_listing() { # cached|uncached: from manifest.yml's include_files
  python3 - "$SRC/manifest.yml" "$1" "$GLOBAL_REL" <<'PY'
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
files = set(m["include_files"]) | {"libexec/rds-ca", "libexec/rds-ca-launch"}
if sys.argv[2] == "cached":
    files.add(sys.argv[3])
for f in sorted(files, key=lambda f: f.encode()):
    mode = "755" if f.startswith(("bin/", "libexec/")) else "644"
    print(mode, f)
PY
}
CACHED_BP=$TEST_TMP/unpacked/cached/rds-ca
UNCACHED_BP=$TEST_TMP/unpacked/uncached/rds-ca
CACHED5_BP=$TEST_TMP/unpacked/cached-cflinuxfs5/rds-ca
mkdir -p "$TEST_TMP/unpacked/cached" "$TEST_TMP/unpacked/uncached" "$TEST_TMP/unpacked/cached-cflinuxfs5" \
  "$TEST_TMP/unpacked/uncached-cflinuxfs5"
unpack "$DIST/$CACHED_NAME" "$CACHED_BP"
unpack "$DIST/$UNCACHED_NAME" "$UNCACHED_BP"
unpack "$DIST/$CACHED5_NAME" "$CACHED5_BP"
unpack "$DIST/$UNCACHED5_NAME" "$TEST_TMP/unpacked/uncached-cflinuxfs5/rds-ca"
for kind in cached uncached cached-cflinuxfs5 uncached-cflinuxfs5; do
  dir=$TEST_TMP/unpacked/$kind/rds-ca
  stack=cflinuxfs4; case $kind in *-cflinuxfs5) stack=cflinuxfs5 ;; esac
  check_eq "$kind zip: exactly include_files plus the binaries, bin/* and libexec/* executable" \
    "$(expected_listing "${kind%-cflinuxfs5}")" "$(listing "$dir")"
  check_eq "$kind zip: no source, build tree, test or fixture inside" "" \
    "$(cd "$dir" && find . \( -path './src*' -o -path './tests*' -o -path './fixtures*' -o -path './build*' \
      -o -path './scripts*' -o -name CMakeLists.txt -o -name '*.cc' -o -name '*.h' -o -name '*.o' \) -print)"
  check_eq "$kind zip: VERSION" "$VERSION" "$(cat "$dir/VERSION")"
  check_eq "$kind zip: manifest.yml names the stack, keeps its dependency and no cf_stacks" "$stack ['rds-ca-global-bundle'] []" \
    "$(python3 -c 'import yaml,sys; m=yaml.safe_load(open(sys.argv[1])); print(m["stack"], [d["name"] for d in m["dependencies"]], [d for d in m["dependencies"] if "cf_stacks" in d])' "$dir/manifest.yml")"
  for exe in rds-ca rds-ca-launch; do
    check_eq "$kind zip: libexec/$exe is the same binary as cflinuxfs4's cached zip's" \
      "$(sha256sum <"$CACHED_BP/libexec/$exe")" "$(sha256sum <"$dir/libexec/$exe")"
  done
done
check_eq "the two stacks' cached zips differ in manifest.yml only" "manifest.yml" \
  "$(diff -rq "$CACHED_BP" "$CACHED5_BP" | sed -n 's#^Files .*/rds-ca/\(.*\) and .* differ$#\1#p')"
check_eq "cached zip: the dependency's file: entry, and its bytes match the sha256" \
  "$GLOBAL_REL $GLOBAL_SHA" \
  "$(python3 -c 'import yaml,sys; d=[d for d in yaml.safe_load(open(sys.argv[1]))["dependencies"] if d["name"]=="rds-ca-global-bundle"][0]; print(d["file"], d["sha256"])' "$CACHED_BP/manifest.yml")"
check_eq "cached zip: the dependency file's bytes match that sha256" "$GLOBAL_SHA" \
  "$(sha256sum <"$CACHED_BP/$GLOBAL_REL" | cut -d' ' -f1)"
check_eq "uncached zip: no dependency carries file:" "[]" \
  "$(python3 -c 'import yaml,sys; print([d for d in yaml.safe_load(open(sys.argv[1]))["dependencies"] if "file" in d])' "$UNCACHED_BP/manifest.yml")"
check_eq "the binaries report the packaged version" "rds-ca $VERSION" "$("$CACHED_BP/bin/rds-ca" --version)"

# --- each stack's ABI (data/stacks.json) ----------------------------------------------------------
for zip in "$DIST/$CACHED_NAME" "$DIST/$UNCACHED_NAME" "$DIST/$CACHED5_NAME" "$DIST/$UNCACHED5_NAME"; do
  stack=cflinuxfs4; case $zip in *cflinuxfs5*) stack=cflinuxfs5 ;; esac
  out=$("$SRC/scripts/check-abi" --stack "$stack" "$zip" 2>&1); rc=$?
  check_status "check-abi --stack $stack passes on every ELF file in $(basename "$zip")" 0 "$rc"
  check_eq "check-abi checked both binaries of $(basename "$zip")" "ok   $zip!libexec/rds-ca: amd64 $stack
ok   $zip!libexec/rds-ca-launch: amd64 $stack" "$out"
done
neg=$TEST_TMP/abi; mkdir -p "$neg"
printf '#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1u); }\n' > "$neg/glibc236.c"
printf '#include <curl/curl.h>\nint main(void) { struct curl_header *h; return (int)curl_easy_header(0, "a", 0, CURLH_HEADER, -1, &h); }\n' > "$neg/curl783.c"
printf 'int main(void) { return 0; }\n' > "$neg/foreign.c"
gcc -o "$neg/glibc236" "$neg/glibc236.c" && gcc -o "$neg/curl783" "$neg/curl783.c" -lcurl &&
  gcc -o "$neg/foreign" "$neg/foreign.c" -Wl,--no-as-needed -lyaml-cpp || echo "FAIL - cannot build the negative cases"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs4 "$neg/glibc236" 2>&1); rc=$?
check_status "check-abi fails on a binary that needs GLIBC_2.36" 1 "$rc"
check_eq "check-abi names file, symbol and version" \
  "$neg/glibc236: arc4random@GLIBC_2.36: newer than cflinuxfs4's GLIBC_2.35" "$out"
out=$("$SRC/scripts/check-abi" "$neg/glibc236" 2>&1); rc=$?
check_status "check-abi (every stack) fails on it too" 1 "$rc"
check_eq "... for cflinuxfs4 only: cflinuxfs5 has glibc 2.39" \
  "$neg/glibc236: arc4random@GLIBC_2.36: newer than cflinuxfs4's GLIBC_2.35" "$out"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs5 "$neg/glibc236" 2>&1); rc=$?
check_status "check-abi --stack cflinuxfs5 passes it" 0 "$rc"
check_eq "... saying so" "ok   $neg/glibc236: amd64 cflinuxfs5" "$out"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs4 "$neg/curl783" 2>&1); rc=$?
check_status "check-abi fails on a libcurl 7.83 function" 1 "$rc"
check_eq "check-abi names the libcurl function" \
  "$neg/curl783: curl_easy_header@CURL_OPENSSL_4: added in libcurl 7.83.0, newer than cflinuxfs4's 7.81.0" "$out"
# A libcurl 8.8 function, newer than cflinuxfs5's 8.5.0: linked against a stub libcurl.so.4 that
# defines it with libcurl's symbol version (Debian 12's libcurl is 7.88).
mkdir -p "$neg/stub"
printf 'int curl_multi_waitfds(void) { return 0; }\n' > "$neg/stub/curl.c"
printf 'CURL_OPENSSL_4 { global: *; };\n' > "$neg/stub/curl.map"
printf 'int curl_multi_waitfds(void);\nint main(void) { return curl_multi_waitfds(); }\n' > "$neg/curl88.c"
gcc -shared -fPIC -o "$neg/stub/libcurl.so.4" -Wl,-soname,libcurl.so.4 -Wl,--version-script="$neg/stub/curl.map" \
  "$neg/stub/curl.c" && gcc -o "$neg/curl88" "$neg/curl88.c" "$neg/stub/libcurl.so.4" ||
  echo "FAIL - cannot build the libcurl 8.8 case"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs5 "$neg/curl88" 2>&1); rc=$?
check_status "check-abi --stack cflinuxfs5 fails on a libcurl 8.8 function" 1 "$rc"
check_eq "... naming it and cflinuxfs5's libcurl" \
  "$neg/curl88: curl_multi_waitfds@CURL_OPENSSL_4: added in libcurl 8.8.0, newer than cflinuxfs5's 8.5.0" "$out"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs4 "$neg/foreign" 2>&1); rc=$?
check_status "check-abi fails on a library cflinuxfs4 lacks" 1 "$rc"
check_contains "check-abi names the library" \
  "$neg/foreign: needs libyaml-cpp.so.0.7: not a library cflinuxfs4 ships" "$out"
out=$("$SRC/scripts/check-abi" --stack cflinuxfs6 "$neg/foreign" 2>&1); rc=$?
check_status "check-abi --stack with an unknown stack is a usage error" 2 "$rc"
check_eq "... naming the stacks it knows" \
  "check-abi: no stack cflinuxfs6 in $SRC/data/stacks.json: one of cflinuxfs4, cflinuxfs5" "$out"

# --- staging with the unpacked zips -----------------------------------------------------------
no_network() { # COMMAND...: runs it in a new network namespace (no interface up, not even lo)
  if [ "$(id -u)" = 0 ]; then unshare --net -- "$@"; else unshare --map-root-user --net -- "$@"; fi
}
app_out() { grep -v -e '^Invoking pre-start scripts.$' -e '^Invoking start command.$'; }
info_line() { # PREFIX LOG: the staging log's detail line starting with PREFIX, unindented
  printf '%s\n' "$2" | sed -n "s/^       \($1.*\)/\1/p" | head -1
}
cert_names() { # PEM: the subjects' CNs, one a line
  python3 - "$1" <<'PY'
import re, subprocess, sys
pems = re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", open(sys.argv[1]).read(), re.S)
for pem in pems:
    out = subprocess.run(["openssl", "x509", "-noout", "-subject", "-nameopt", "multiline"], input=pem,
                         capture_output=True, text=True).stdout
    print(re.search(r"commonName\s*=\s*(.*)", out).group(1).strip())
PY
}
US_WEST_2="Amazon RDS us-west-2 Root CA ECC384 G1
Amazon RDS us-west-2 Root CA RSA2048 G1
Amazon RDS us-west-2 Root CA RSA4096 G1"
# An Aurora global database writer: no region in the name, so staging wants the global bundle.
GLOBAL_VCAP=$(sed 's/something.xyx.us-west-2.rds.amazonaws.com/console.global-abc123def456.global.rds.amazonaws.com/' \
  "$SRC/fixtures/demo/vcap_services.json")
# The mirror serves a region's bundle (here the global one under that name, pinned by sha256);
# its TLS certificate is signed by the test CA, which the platform trusts the way an operator's
# containers.trusted_ca_certificates are: a file in CF_SYSTEM_CERT_PATH.
cp "$SRC/data/global-bundle.pem" "$MIRROR/us-west-2-bundle.pem"
SYSTEM_CERTS=$TEST_TMP/cf-system-certificates; mkdir -p "$SYSTEM_CERTS"
cp "$TEST_CA" "$SYSTEM_CERTS/container-trusted-ca-1.crt"

for h in $(harnesses); do
  cmd=$(harness_cmd "$h")
  # Cached, the sample app as it is: the embedded CAs, no network needed or touched.
  root=$TEST_TMP/$h-cached
  t0=$SECONDS
  log=$(no_network "${CLEAN_ENV[@]}" VCAP_SERVICES="$VCAP" \
        "$cmd" stage "$root" "$SAMPLE_APP" "rds-ca=$CACHED_BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  echo "#    $h: staging with the cached zip, no network, took $((SECONDS - t0))s"
  check_status "$h/cached zip: staging with no network succeeds" 0 "$rc"
  [ "$rc" = 0 ] || printf '%s\n' "$log" | tail -20
  check_eq "$h/cached zip: first staging line is the buildpack header" \
    "-----> Rds-Ca Buildpack version $VERSION" "$(printf '%s\n' "$log" | head -1)"
  check_eq "$h/cached zip: no warning" "" "$(printf '%s\n' "$log" | grep -F '**WARNING**')"
  check_eq "$h/cached zip: the us-west-2 roots are installed" "$US_WEST_2" \
    "$(cert_names "$root/home/vcap/deps/0/rds-ca/rds-ca.pem" | LC_ALL=C sort)"
  out=$(launch "$h" "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"; [ -s "$PGSSLROOTCERT" ] && echo "${PGSSLROOTCERT%/*}"' 2>&1 | app_out)
  check_eq "$h/cached zip: the launch hook runs once, PGSSLROOTCERT is a file it installed" "runs=1
/home/vcap/deps/0/rds-ca" "$(printf '%s\n' "$out" | sed "s#$root##")"

  # Cached, RDS_CA_SOURCE=download for an endpoint without a region: the global bundle comes
  # from the zip's dependencies/ (its file: entry), still with no network.
  root=$TEST_TMP/$h-cached-global
  log=$(no_network "${CLEAN_ENV[@]}" VCAP_SERVICES="$GLOBAL_VCAP" RDS_CA_SOURCE=download \
        "$cmd" stage "$root" "$SAMPLE_APP" "rds-ca=$CACHED_BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h/cached zip: downloading the global bundle with no network succeeds" 0 "$rc"
  [ "$rc" = 0 ] || printf '%s\n' "$log" | tail -20
  check_eq "$h/cached zip: the bundle came from the zip's file: entry" \
    "CA source: buildpack file $GLOBAL_REL" "$(info_line "CA source:" "$log")"
  check_eq "$h/cached zip: no warning for the global bundle" "" "$(printf '%s\n' "$log" | grep -F '**WARNING**')"
  check_eq "$h/cached zip: every certificate of the global bundle is installed" \
    "$(grep -c 'BEGIN CERTIFICATE' "$SRC/data/global-bundle.pem")" \
    "$(grep -c 'BEGIN CERTIFICATE' "$root/home/vcap/deps/0/rds-ca/rds-ca.pem")"

  # Uncached: staging downloads from the local HTTPS server acting as the mirror.
  root=$TEST_TMP/$h-uncached
  : > "$SERVER_LOG"
  t0=$SECONDS
  log=$("${CLEAN_ENV[@]}" VCAP_SERVICES="$VCAP" RDS_CA_SOURCE=download \
        RDS_CA_BUNDLE_URL="$MIRROR_URL/{region}-bundle.pem" RDS_CA_BUNDLE_SHA256="$GLOBAL_SHA" \
        CF_SYSTEM_CERT_PATH="$SYSTEM_CERTS" \
        "$cmd" stage "$root" "$SAMPLE_APP" "rds-ca=$UNCACHED_BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  echo "#    $h: staging with the uncached zip from the mirror took $((SECONDS - t0))s"
  check_status "$h/uncached zip: staging from the mirror succeeds" 0 "$rc"
  [ "$rc" = 0 ] || printf '%s\n' "$log" | tail -20
  check_eq "$h/uncached zip: staging fetched the region's bundle from the mirror once" \
    "GET /files/us-west-2-bundle.pem" "$(cat "$SERVER_LOG")"
  check_eq "$h/uncached zip: the log names the download" \
    "CA source: download $MIRROR_URL/us-west-2-bundle.pem" "$(info_line "CA source:" "$log")"
  check_eq "$h/uncached zip: the downloaded bundle's us-west-2 roots are installed" "$US_WEST_2" \
    "$(cert_names "$root/home/vcap/deps/0/rds-ca/rds-ca.pem" | LC_ALL=C sort)"

  # cflinuxfs5: its cached zip stages there with no network; cflinuxfs4's zip stops at once.
  root=$TEST_TMP/$h-cached-cflinuxfs5
  log=$(no_network "${CLEAN_ENV[@]}" CF_STACK=cflinuxfs5 VCAP_SERVICES="$VCAP" \
        "$cmd" stage "$root" "$SAMPLE_APP" "rds-ca=$CACHED5_BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h/cflinuxfs5 cached zip: staging on cflinuxfs5 with no network succeeds" 0 "$rc"
  [ "$rc" = 0 ] || printf '%s\n' "$log" | tail -20
  check_eq "$h/cflinuxfs5 cached zip: no warning" "" "$(printf '%s\n' "$log" | grep -F '**WARNING**')"
  check_eq "$h/cflinuxfs5 cached zip: the us-west-2 roots are installed" "$US_WEST_2" \
    "$(cert_names "$root/home/vcap/deps/0/rds-ca/rds-ca.pem" | LC_ALL=C sort)"
  out=$(LAUNCH_ENV=(CF_STACK=cflinuxfs5); launch "$h" "$root" bash -c 'echo "runs=$RDS_CA_HOOK_RUNS"; [ -s "$PGSSLROOTCERT" ] && echo "${PGSSLROOTCERT%/*}"' 2>&1 | app_out)
  check_eq "$h/cflinuxfs5 cached zip: the launch hook runs once, PGSSLROOTCERT is a file it installed" "runs=1
/home/vcap/deps/0/rds-ca" "$(printf '%s\n' "$out" | sed "s#$root##")"
  root=$TEST_TMP/$h-wrong-stack
  log=$(no_network "${CLEAN_ENV[@]}" CF_STACK=cflinuxfs5 VCAP_SERVICES="$VCAP" \
        "$cmd" stage "$root" "$SAMPLE_APP" "rds-ca=$CACHED_BP" "$FIXTURE_BPS/final-modern" 2>&1); rc=$?
  check_status "$h/cflinuxfs4 cached zip on cflinuxfs5: staging fails (the builder's supply failure, 225)" 225 "$rc"
  check_eq "$h/cflinuxfs4 cached zip on cflinuxfs5: one line naming the zip to install" \
    "       **ERROR** this buildpack is packaged for cflinuxfs4 and the app stages on cflinuxfs5: install $CACHED5_NAME (cf create-buildpack rds-ca_buildpack $CACHED5_NAME 1 --enable --stack cflinuxfs5), or push the app with -s cflinuxfs4" \
    "$(printf '%s\n' "$log" | grep -F '**ERROR**')"
  check_eq "$h/cflinuxfs4 cached zip on cflinuxfs5: nothing was installed" "" \
    "$(ls "$root/home/vcap/deps/0" 2>/dev/null; ls "$root/tmp/deps/0" 2>/dev/null)"
done

# --- the Cloud Native Buildpack (issue 18): scripts/package --cnb -------------------------------
CNB_NAME=rds-ca_buildpack-cnb-amd64-v$VERSION.cnb
package cnb1 --cnb; rc=$?
check_status "package --cnb" 0 "$rc"
if [ "$rc" = 0 ]; then
  cp "$DIST/$CNB_NAME" "$TEST_TMP/cnb-first.cnb"
  check_eq "package --cnb prints the .cnb's path last" "$DIST/$CNB_NAME" "$(tail -1 "$TEST_TMP/cnb1.out")"
  check_eq "the .cnb: a tar, entries in byte order with their directories, buildpack.toml at the root, 0:0 unnamed, 2000-01-01, modes kept" \
    "-rw-r--r-- 0:0 946684800 README.md
-rw-r--r-- 0:0 946684800 VERSION
drwxr-xr-x 0:0 946684800 bin/
-rwxr-xr-x 0:0 946684800 bin/build
-rwxr-xr-x 0:0 946684800 bin/detect
-rwxr-xr-x 0:0 946684800 bin/rds-ca
-rw-r--r-- 0:0 946684800 buildpack.toml
drwxr-xr-x 0:0 946684800 libexec/
-rwxr-xr-x 0:0 946684800 libexec/rds-ca
-rwxr-xr-x 0:0 946684800 libexec/rds-ca-execd
-rw-r--r-- 0:0 946684800 manifest.yml" \
    "$(python3 -c 'import sys, tarfile, stat
for m in tarfile.open(sys.argv[1]):
    print(stat.filemode(m.mode | (stat.S_IFDIR if m.isdir() else stat.S_IFREG)), "%d:%d%s" % (m.uid, m.gid, m.uname + m.gname), m.mtime, m.name + ("/" if m.isdir() and not m.name.endswith("/") else ""))' \
      "$DIST/$CNB_NAME")"
  check_eq "its buildpack.toml carries the packaged version" "  version = \"$VERSION\"" \
    "$(tar -xOf "$DIST/$CNB_NAME" buildpack.toml | grep -m1 '^  version = ')"
  check_eq "its buildpack.toml names linux/amd64 only (the checkout's names amd64 and arm64)" \
    "[{'os': 'linux', 'arch': 'amd64'}] [{'os': 'linux', 'arch': 'amd64'}, {'os': 'linux', 'arch': 'arm64'}]" \
    "$(tar -xOf "$DIST/$CNB_NAME" buildpack.toml | python3 -c 'import sys, tomllib
print(tomllib.loads(sys.stdin.read())["targets"], tomllib.load(open(sys.argv[1], "rb"))["targets"])' "$SRC/buildpack.toml")"
  package cnb2 --cnb
  same_zip "packaging twice gives the same .cnb bytes" "$TEST_TMP/cnb-first.cnb" "$DIST/$CNB_NAME" cnb1 cnb2
  out=$("$SRC/scripts/check-abi" "$DIST/$CNB_NAME" 2>&1); rc=$?
  check_status "check-abi passes on the .cnb's binaries" 0 "$rc"
  check_eq "check-abi checked both binaries of the .cnb" "ok   $DIST/$CNB_NAME!libexec/rds-ca: amd64 cflinuxfs4 cflinuxfs5
ok   $DIST/$CNB_NAME!libexec/rds-ca-execd: amd64 cflinuxfs4 cflinuxfs5" "$out"
  . "$(dirname "$0")/cnb_lib.sh"
  CNB_BP=$TEST_TMP/unpacked/cnb; mkdir -p "$CNB_BP" && tar -xf "$DIST/$CNB_NAME" -C "$CNB_BP"
  croot=$TEST_TMP/cnb-root
  unpacked_cnb() {
    local log rc out
    log=$(cnb_build "$croot" "$SAMPLE_APP" --env "VCAP_SERVICES=$VCAP" 2>&1); rc=$?
    check_result "the unpacked .cnb builds the sample app" "$rc" "exit $rc" "$(printf '%s\n' "$log" | tail -20)"
    out=$(LAUNCH_ENV=("VCAP_SERVICES=$VCAP"); cnb_launch "$croot" -- bash -c 'printf %s "$SSL_CERT_FILE"' 2>&1)
    check_eq "... and its exec.d and env.launch give the app the store's paths" \
      "$croot/layers/rds-ca/rds-ca/rds-ca/ca-certificates.crt" "$out"
  }
  cnb_each_harness unpacked_cnb
fi

finish
