#!/usr/bin/env bash
# The launch hook's output is a fixed point (issue 16): bash evals what rds-ca-launch prints, and
# evaluating it again in the environment it made (a child shell that sources .profile.d again, a
# nested start) changes nothing. Every fixture binding (VCAP_SERVICES, its file, both
# SERVICE_BINDING_ROOT layouts) under several app settings, and the two cases that once weakened
# verification on the second run, with their exact values.
. "$(dirname "$0")/lib.sh"

HOOK=$BUILD/rds-ca-launch
[ -x "$HOOK" ] || { fail "$HOOK is missing: build first"; finish; }
DEPS=$TEST_TMP/deps
mkdir -p "$DEPS/0/rds-ca/certs"
for f in rds-ca.pem ca-certificates.crt truststore.p12; do : > "$DEPS/0/rds-ca/$f"; done

# run_twice OUT1 OUT2 NAME=VALUE...: the hook evaluated once, then again in the environment it
# made; each environment (NUL-separated, sorted) written to OUT1 and OUT2. The status is the
# hook's first failure.
run_twice() {
  local out1=$1 out2=$2; shift 2
  "${CLEAN_ENV[@]}" DEPS_DIR="$DEPS" "$@" bash -c '
    e=$("$0" 0) || exit 1; eval "$e"; env -0 | sort -z > "$1"
    e=$("$0" 0) || exit 1; eval "$e"; env -0 | sort -z > "$2"' "$HOOK" "$out1" "$out2"
}

# variable NAME FILE: NAME's value in an environment dump.
variable() { tr '\0' '\n' < "$2" | sed -n "s/^$1=//p"; }

APP_SETTINGS=("" "DB_SSL_MODE=prefer" "DB_SSL_MODE=verify-ca" "DB_SSL_MODE=disable" "DB_SSL_MODE=allow"
              "RDS_CA_DB_SSL_MODE=false" "SSL_CERT_DIR=/app/certs" "SSL_CERT_FILE=" "JAVA_TOOL_OPTIONS=-Xmx64m"
              "RDS_CA_SERVICE=audit.db")
INPUTS=()
for f in "$SRC"/fixtures/vcap/*.json; do
  case "$(basename "$f")" in bad-*) continue ;; esac
  INPUTS+=("VCAP_SERVICES=$(cat "$f")|vcap/$(basename "$f")")
done
INPUTS+=("VCAP_SERVICES_FILE_PATH=$SRC/fixtures/vcap/several.json|VCAP_SERVICES_FILE_PATH several.json")
for d in cf-layout servicebinding-io k8s-projected; do
  INPUTS+=("SERVICE_BINDING_ROOT=$SRC/fixtures/service-bindings/$d|service-bindings/$d")
done

ran=0 same=0 differs=()
for input in "${INPUTS[@]}"; do
  for setting in "${APP_SETTINGS[@]}"; do
    extra=(); [ -z "$setting" ] || extra=("$setting")
    run_twice "$TEST_TMP/a" "$TEST_TMP/b" "${input%|*}" "${extra[@]}" 2>/dev/null || continue
    ran=$((ran + 1))
    if cmp -s "$TEST_TMP/a" "$TEST_TMP/b"; then same=$((same + 1)); else
      differs+=("${input##*|} ${setting:-(no setting)}: $(diff <(tr '\0' '\n' < "$TEST_TMP/a") <(tr '\0' '\n' < "$TEST_TMP/b") | grep '^[<>]' | head -4 | cut -c1-200 | tr '\n' ' ')")
    fi
  done
done
# every fixture but those RDS_CA_SERVICE=audit.db does not name (only several.json binds it)
check_eq "the hook ran for every input and setting it accepts" \
  "$(( (${#INPUTS[@]}) * ${#APP_SETTINGS[@]} - ${#INPUTS[@]} + 2 ))" "$ran"
check_eq "evaluated twice, every environment is the same ($ran of them)" "$ran" "$same"
[ ${#differs[@]} -eq 0 ] || printf '       %s\n' "${differs[@]}" | head -20

# The two reproductions of the issue, exactly.
prefer='{"user-provided":[{"name":"a","credentials":{"uri":"postgres://u:p@h.example.com/d?sslmode=prefer"}}]}'
run_twice "$TEST_TMP/a" "$TEST_TMP/b" VCAP_SERVICES="$prefer"
for out in a b; do
  check_eq "?sslmode=prefer, run $out: DATABASE_URL keeps prefer" \
    "postgres://u:p@h.example.com:5432/d?sslmode=prefer&sslrootcert=$DEPS/0/rds-ca/rds-ca.pem" \
    "$(variable DATABASE_URL "$TEST_TMP/$out")"
  check_eq "?sslmode=prefer, run $out: DB_SSL_MODE is require" "require" "$(variable DB_SSL_MODE "$TEST_TMP/$out")"
done
two='{"user-provided":[{"name":"a","credentials":{"uri":"postgres://u:p@a.example.com/d?sslmode=verify-ca"}},
                       {"name":"b","credentials":{"uri":"postgres://u:p@b.example.com/d"}}]}'
run_twice "$TEST_TMP/a" "$TEST_TMP/b" VCAP_SERVICES="$two"
for out in a b; do
  check_eq "a (verify-ca) selected, b without a mode, run $out: b keeps verify-full" \
    "postgres://u:p@b.example.com:5432/d?sslmode=verify-full&sslrootcert=$DEPS/0/rds-ca/rds-ca.pem" \
    "$(variable B_DATABASE_URL "$TEST_TMP/$out")"
done
# The app's own DB_SSL_MODE still wins, run after run; one it sets after the hook (.profile) too.
run_twice "$TEST_TMP/a" "$TEST_TMP/b" VCAP_SERVICES="$two" DB_SSL_MODE=require
check_eq "the app's DB_SSL_MODE=require, second run: b's URL says require" \
  "postgres://u:p@b.example.com:5432/d?sslmode=require&sslrootcert=$DEPS/0/rds-ca/rds-ca.pem" \
  "$(variable B_DATABASE_URL "$TEST_TMP/b")"
out=$("${CLEAN_ENV[@]}" DEPS_DIR="$DEPS" VCAP_SERVICES="$two" bash -c '
  eval "$("$0" 0)"; export DB_SSL_MODE=disable; eval "$("$0" 0)"; printf "%s\n" "$DB_SSL_MODE" "$B_DATABASE_URL"' "$HOOK")
check_eq "a DB_SSL_MODE the app sets after the hook is the app's on the next run" \
  "disable
postgres://u:p@b.example.com:5432/d?sslmode=disable" "$out"
finish
