#!/usr/bin/env bash
# check.sh: runs every PostgreSQL test client (run.sh) and checks what it prints. Source it after
# tests/integration/lib.sh (pass/fail) and tests/pg/hosts.sh (with_hosts):
#   clients_run HOSTS_FILE CLIENT [NAME=VALUE...]
#       one client under the private /etc/hosts, with ONLY the given environment (plus PATH and
#       LANG), bounded by CLIENT_TIMEOUT seconds (default 60); sets CLIENT_OUT CLIENT_ERR CLIENT_RC
#   check_clients_connect LABEL HOSTS_FILE [NAME=VALUE...]
#       each client must exit 0 and print t/true (the session is TLS): one check line each
#   client_name CLIENT
#       the client's driver by package name and pinned version (run.sh --name), for check lines
#   check_clients_refuse LABEL HOSTS_FILE REGEX [NAME=VALUE...]
#       each client must fail with a TLS verification error (stderr matches REGEX, case-insensitive)
CLIENTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-60}
CLIENTS=${CLIENTS:-$("$CLIENTS_DIR/run.sh" --list)}
# Every client's words for "the certificate is not trusted" or "the name does not match".
TLS_REFUSAL_REGEX='certificate|x509|PKIX|issuer|trust anchor|altnames|host ?name'

client_name() { "$CLIENTS_DIR/run.sh" --name "$1"; }

clients_run() {
  local hosts=$1 client=$2; shift 2
  local errf; errf=$(mktemp)
  CLIENT_OUT=$(with_hosts "$hosts" timeout -k 5 "$CLIENT_TIMEOUT" \
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@" \
    "$CLIENTS_DIR/run.sh" "$client" 2>"$errf")
  CLIENT_RC=$?
  CLIENT_ERR=$(grep -v '^Picked up JAVA_TOOL_OPTIONS' "$errf")
  rm -f "$errf"
}

check_clients_connect() {
  local label=$1 hosts=$2 c; shift 2
  for c in $CLIENTS; do
    clients_run "$hosts" "$c" "$@"
    if [ "$CLIENT_RC" = 0 ] && { [ "$CLIENT_OUT" = t ] || [ "$CLIENT_OUT" = true ]; }; then
      pass "$label: $(client_name "$c") connects over verified TLS (ssl=$CLIENT_OUT)"
    else
      fail "$label: $(client_name "$c") connects over verified TLS" "exit $CLIENT_RC, stdout: $CLIENT_OUT
stderr: $CLIENT_ERR"
    fi
  done
}

check_clients_refuse() {
  local label=$1 hosts=$2 regex=$3 c; shift 3
  for c in $CLIENTS; do
    clients_run "$hosts" "$c" "$@"
    if [ "$CLIENT_RC" != 0 ] && [ -z "$CLIENT_OUT" ] && printf '%s' "$CLIENT_ERR" | grep -qiE "$regex"; then
      pass "$label: $(client_name "$c") refuses ($(printf '%s\n' "$CLIENT_ERR" | grep -iE "$regex" | tail -1 | cut -c1-150))"
    else
      fail "$label: $(client_name "$c") refuses" "exit $CLIENT_RC, stdout: $CLIENT_OUT
stderr: $CLIENT_ERR"
    fi
  done
}
