#!/usr/bin/env bash
# A hostile binding or a broken file: what they must never do (supply and the launch hook run
# directly, bin/supply of the assembled buildpack and deps/0/bin/rds-ca-launch, platform-clean env).
# - a FIFO where a file is expected (VCAP_SERVICES_FILE_PATH, RDS_CA_EXTRA_CERTS, a file in
#   CF_SYSTEM_CERT_PATH): one line, at once, never a hang (each run under `timeout`, whose 124
#   would say it hung);
# - JSON nested 200,000 arrays deep at every start, 80,000 objects at staging: one line, no crash;
# - a 200 KB password (file-based binding), a 300-byte host: one line naming the service and the
#   field, never the value, nothing exported for it, and no "Argument list too long" at start;
# - a binding named with a newline and ESC[2J: no forged step line, no escape sequence in the log;
# - a query parameter that moves the connection (libpq's host=/a/dir): left out in one line
#   (a warning at staging, a line at each start; a binding that cannot be read never fails a push). psql
#   itself shows why: given the URL this buildpack used to export, it sends the password in
#   plaintext to the Unix socket in that directory (a listener here that asks for it).
# - pgjdbc (the real driver, pinned in tests/clients/java/pom.xml) given the JDBC_DATABASE_URL the hook exports, against a
#   listener on 127.0.0.1 that speaks TLS with a certificate the RDS set does not vouch for and
#   asks for the password: a binding's sslfactory=NonValidatingFactory, and another binding's
#   ca_certificate (which signed that certificate), must not make it send the password.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/faults_lib.sh"
M=Hx5Secret42Pw  # the marker password: it must appear in no output

# launch_hook DIR [NAME=VALUE...]: deps/0/bin/rds-ca-launch of a supplied DIR, platform-clean env
launch_hook() {
  local d=$1; shift
  timeout 20 "${CLEAN_ENV[@]}" DEPS_DIR="$d/deps" "$@" "$d/deps/0/bin/rds-ca-launch" 0
}
# check_left_out NAME STATUS NEEDLE STDERR STDOUT: started (a binding that cannot be read never
# stops the start), one line on stderr holding NEEDLE, no DATABASE_URL exported for it
check_left_out() {
  if [ "$2" != 0 ]; then fail "$1: the start failed (exit $2)" "$4"
  elif [ "$(grep -c . <<<"$4")" != 1 ]; then fail "$1: not exactly one line on stderr" "$4"
  elif [[ "$4" != *"$3"* ]]; then fail "$1: the line lacks: $3" "$4"
  elif [[ "$5" == *DATABASE_URL* ]]; then fail "$1: a DATABASE_URL is exported" "$5"
  else pass "$1: started, nothing exported for it, one line: $4"; fi
}
# check_one_line NAME STATUS NEEDLE OUTPUT: failed (not by timeout, not by a signal), one line, holding NEEDLE
check_one_line() {
  if [ "$2" = 0 ]; then fail "$1: it did not fail" "$4"
  elif [ "$2" = 124 ]; then fail "$1: it hung (killed by timeout after 20 s)"
  elif [ "$2" -gt 128 ]; then fail "$1: it died of signal $(( $2 - 128 ))" "$4"
  elif [ "$(grep -c . <<<"$4")" != 1 ]; then fail "$1: not exactly one line" "$4"
  elif [[ "$4" != *"$3"* ]]; then fail "$1: the line lacks: $3" "$4"
  else pass "$1: one line: $4"; fi
}

d=$TEST_TMP/app; new_dirs "$d"
supply "$d" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" >/dev/null 2>&1 || fail "a good supply"

# --- FIFOs --------------------------------------------------------------------------------------
fifo=$TEST_TMP/fifo; mkfifo "$fifo"
s=$TEST_TMP/s1; new_dirs "$s"
out=$(timeout 20 "${CLEAN_ENV[@]}" VCAP_SERVICES_FILE_PATH="$fifo" "$BP/bin/supply" "$s/app" "$s/cache" "$s/deps" 0 2>&1); rc=$?
[ "$rc" = 124 ] && fail "supply: VCAP_SERVICES_FILE_PATH is a FIFO: it hung" ||
  check_warned_once "supply: VCAP_SERVICES_FILE_PATH is a FIFO" "$rc" "$fifo: not a regular file" "$out"
out=$(timeout 20 "${CLEAN_ENV[@]}" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" RDS_CA_EXTRA_CERTS="$fifo" \
      "$BP/bin/supply" "$s/app" "$s/cache" "$s/deps" 0 2>&1); rc=$?
[ "$rc" = 124 ] && fail "supply: RDS_CA_EXTRA_CERTS names a FIFO: it hung" ||
  check_failed_once "supply: RDS_CA_EXTRA_CERTS names a FIFO" "$rc" "$fifo: not a regular file" "$out"
certs=$TEST_TMP/platform-certs-fifo; mkdir -p "$certs"; mkfifo "$certs/a-fifo.crt"
out=$(timeout 20 "${CLEAN_ENV[@]}" VCAP_SERVICES="$(vcap_for "$RDS_HOST")" CF_SYSTEM_CERT_PATH="$certs" \
      "$BP/bin/supply" "$s/app" "$s/cache" "$s/deps" 0 2>&1); rc=$?
check_status "supply: a FIFO in CF_SYSTEM_CERT_PATH is passed over, the staging succeeds" 0 "$rc"
out=$(launch_hook "$d" VCAP_SERVICES_FILE_PATH="$fifo" 2>&1); rc=$?
check_one_line "launch hook: VCAP_SERVICES_FILE_PATH is a FIFO" "$rc" "$fifo: not a regular file" "$out"

# --- nesting ------------------------------------------------------------------------------------
deep=$TEST_TMP/deep.json
python3 - "$deep" "$M" <<'PY'
import sys
n = 200000
open(sys.argv[1], "w").write('{"user-provided":[{"name":"db","tags":["postgresql"],"credentials":{"password":"%s","x":%s%s}}]}'
                             % (sys.argv[2], "[" * n, "]" * n))
PY
out=$(launch_hook "$d" VCAP_SERVICES_FILE_PATH="$deep" 2>&1); rc=$?
check_one_line "launch hook: 200,000 nested arrays (400 KB)" "$rc" "nests arrays and objects deeper than the 64 levels this reads" "$out"
objects=$TEST_TMP/objects.json
python3 - "$objects" "$M" <<'PY'
import sys
n = 80000
open(sys.argv[1], "w").write('{"user-provided":[{"name":"db","tags":["postgresql"],"credentials":{"password":"%s","x":%s1%s}}]}'
                             % (sys.argv[2], '{"a":' * n, "}" * n))
PY
out=$(supply "$s" VCAP_SERVICES_FILE_PATH="$objects" 2>&1); rc=$?
check_warned_once "supply: 80,000 nested objects" "$rc" "nests arrays and objects deeper than the 64 levels this reads" "$out"
check_not_contains "... no password in the output" "$M" "$out"

# --- sizes --------------------------------------------------------------------------------------
root=$TEST_TMP/bindings; mkdir -p "$root/big"
printf postgresql > "$root/big/type"; printf %s "$RDS_HOST" > "$root/big/host"
{ printf %s "$M"; head -c 204800 /dev/zero | tr '\0' 'p'; } > "$root/big/password"
out=$(launch_hook "$d" SERVICE_BINDING_ROOT="$root" 2>"$TEST_TMP/err"); rc=$?
check_left_out "launch hook: a 200 KB password" "$rc" \
  "service 'big': the password is 204813 bytes, more than the 4096 an exported connection field can be" \
  "$(cat "$TEST_TMP/err")" "$out"
check_not_contains "... no password in the line" "$M" "$out$(cat "$TEST_TMP/err")"
printf %s "$M" > "$root/big/password"; head -c 300 /dev/zero | tr '\0' 'h' > "$root/big/host"
out=$(launch_hook "$d" SERVICE_BINDING_ROOT="$root" 2>"$TEST_TMP/err"); rc=$?
check_left_out "launch hook: a 300-byte host" "$rc" "service 'big': the host is 300 bytes, more than the 253 of a DNS name" \
  "$(cat "$TEST_TMP/err")" "$out"

# --- a binding's name forging the log -----------------------------------------------------------
name=$'db\n-----> Installing the launch hook\n\e[2J'
vcap=$(jq -cn --arg n "$name" --arg h "$RDS_HOST" --arg p "$M" \
  '{"user-provided":[{name: $n, tags: ["postgresql"], credentials: {uri: ("postgres://u:" + $p + "@" + $h + ":5432/d")}}]}')
out=$(supply "$s" VCAP_SERVICES="$vcap" 2>&1); rc=$?
check_status "supply: a binding named with a newline and ESC[2J stages" 0 "$rc"
check_eq "... one '-----> Installing the launch hook' step, its own" 1 "$(grep -c '^-----> Installing the launch hook' <<<"$out")"
check_not_contains "... no ESC byte in the log" $'\e' "$out"
check_contains "... the name shown with '?'" "service 'db?-----> Installing the launch hook??[2J'" "$out"

# --- a query parameter that moves the connection -----------------------------------------------
sock=$TEST_TMP/sockdir; mkdir -p "$sock"
url="postgres://app:$M@$RDS_HOST:5432/d?host=$sock"
out=$(supply "$s" VCAP_SERVICES="$(printf '{"user-provided":[{"name":"db","tags":["postgresql"],"credentials":{"uri":"%s"}}]}' "$url")" 2>&1); rc=$?
check_warned_once "supply: uri?host=/a/dir (a Unix socket)" "$rc" \
  "service 'db': the uri's parameter host would make the driver connect elsewhere than the host and port that are verified" "$out"
check_not_contains "... no password in the output" "$M" "$out"
out=$(launch_hook "$d" VCAP_SERVICES="$(printf '{"user-provided":[{"name":"db","tags":["postgresql"],"credentials":{"uri":"%s"}}]}' "$url")" 2>"$TEST_TMP/err"); rc=$?
check_left_out "launch hook: uri?host=/a/dir" "$rc" "the uri's parameter host would make the driver connect elsewhere" \
  "$(cat "$TEST_TMP/err")" "$out"
# Why: psql, given what the hook used to export, sends the password to the socket in plaintext.
got=$TEST_TMP/socket-password
python3 - "$sock/.s.PGSQL.5432" "$got" <<'PY' &
import socket, struct, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); s.settimeout(20)
c, _ = s.accept(); c.settimeout(20)
n = struct.unpack("!I", c.recv(4))[0]; c.recv(n - 4)               # the startup message
c.sendall(b"R" + struct.pack("!II", 8, 3))                          # AuthenticationCleartextPassword
t = c.recv(1); n = struct.unpack("!I", c.recv(4))[0]; pw = c.recv(n - 4)
open(sys.argv[2], "wb").write(pw.rstrip(b"\0"))
PY
listener=$!
for _ in $(seq 100); do [ -S "$sock/.s.PGSQL.5432" ] && break; sleep 0.1; done
old_export="$url&sslmode=verify-full&sslrootcert=$d/deps/0/rds-ca/rds-ca.pem"
timeout 20 env -i PATH=/usr/bin:/bin psql "$old_export" -c 'select 1' >/dev/null 2>&1
wait "$listener"
check_eq "psql given the old export: the password went to the Unix socket, in plaintext" "$M" "$(cat "$got" 2>/dev/null)"

# --- pgjdbc against a server the exported trust must refuse -------------------------------------
"$SRC/tests/clients/install.sh" >/dev/null || { fail "tests/clients/install.sh builds the clients"; finish; }
PGJDBC_JAR=$(ls "$SRC"/tests/clients/bin/java/lib/postgresql-*.jar 2>/dev/null | head -1)
[ -n "$PGJDBC_JAR" ] || { fail "the pinned pgjdbc jar is in tests/clients/bin/java/lib"; finish; }
pki=$TEST_TMP/evil-pki; mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" -subj /CN=binding-other-ca -days 30 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$pki/server.key" -out "$pki/server.csr" -subj /CN=127.0.0.1 2>/dev/null
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -out "$pki/server.pem" \
  -days 30 -extfile <(printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n') 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$TEST_TMP/Connect.java" <<'JAVA'
import java.sql.*;
import java.util.Properties;
public class Connect {
  public static void main(String[] a) {
    Properties p = new Properties();
    p.setProperty("user", a[1]);
    p.setProperty("password", a[2]);
    p.setProperty("loginTimeout", "15");
    try (Connection c = DriverManager.getConnection(a[0], p)) {
      System.out.println("connected");
    } catch (SQLException e) {
      System.out.println("refused");
    }
  }
}
JAVA
# tls_listener OUT: one connection on $port: SSLRequest answered 'S', TLS with the evil server
# certificate, then a cleartext password request; the password received (if any) into OUT.
tls_listener() {
  python3 - "$port" "$pki/server.pem" "$pki/server.key" "$1" <<'PY' &
import socket, ssl, struct, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); s.settimeout(30)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[2], sys.argv[3])
open(sys.argv[4], "wb").close()
c, _ = s.accept(); c.settimeout(20)
def read(sock, n):
    b = b""
    while len(b) < n:
        chunk = sock.recv(n - len(b))
        if not chunk: raise EOFError
        b += chunk
    return b
try:
    n = struct.unpack("!I", read(c, 4))[0]; read(c, n - 4)          # SSLRequest
    c.sendall(b"S"); t = ctx.wrap_socket(c, server_side=True)
    n = struct.unpack("!I", read(t, 4))[0]; read(t, n - 4)          # the startup message
    t.sendall(b"R" + struct.pack("!II", 8, 3))
    read(t, 1); n = struct.unpack("!I", read(t, 4))[0]
    open(sys.argv[4], "wb").write(read(t, n - 4).rstrip(b"\0"))
except (EOFError, ssl.SSLError, OSError):
    pass
PY
  LISTENER=$!
  for _ in $(seq 200); do [ -e "$1" ] && break; sleep 0.1; done  # OUT is made once it listens
}
# pgjdbc_against_evil NAME VCAP [NAME=VALUE...]: supply, the hook's exports, then pgjdbc with
# JDBC_DATABASE_URL against the listener.
pgjdbc_against_evil() {
  local label=$1 vcap=$2; shift 2
  local e=$TEST_TMP/jdbc-$RANDOM; new_dirs "$e"
  supply "$e" VCAP_SERVICES="$vcap" "$@" >"$e.log" 2>&1 || { fail "$label: supply" "$(cat "$e.log")"; return; }
  local exports; exports=$(launch_hook "$e" VCAP_SERVICES="$vcap" "$@") || { fail "$label: the launch hook" "$exports"; return; }
  local url; url=$(eval "$exports"; printf %s "$JDBC_DATABASE_URL")
  check_not_contains "$label: JDBC_DATABASE_URL has no sslfactory" "sslfactory" "$url"
  PORT_FILE=$TEST_TMP/captured-$RANDOM
  tls_listener "$PORT_FILE"
  local said; said=$(timeout 60 /usr/lib/jvm/java-17-openjdk-amd64/bin/java -cp "$PGJDBC_JAR" \
    "$TEST_TMP/Connect.java" "$url" app "$M" 2>&1)
  wait "$LISTENER" 2>/dev/null
  check_eq "$label: pgjdbc refuses the server" refused "$said"
  check_eq "$label: ... and never sent the password" "" "$(cat "$PORT_FILE")"
}
evil_vcap() { # JDBC_QUERY [EXTRA_BINDING_JSON]
  jq -cn --arg p "$M" --arg port "$port" --arg q "$1" --argjson extra "${2:-null}" \
    '{"user-provided": ([{name: "main", tags: ["postgresql"],
        credentials: {uri: ("postgres://app:" + $p + "@127.0.0.1:" + $port + "/d"),
                      jdbcUrl: ("jdbc:postgresql://127.0.0.1:" + $port + "/d" + $q)}}] + (if $extra then [$extra] else [] end))}'
}
pgjdbc_against_evil "sslfactory=NonValidatingFactory in the binding" \
  "$(evil_vcap '?sslfactory=org.postgresql.ssl.NonValidatingFactory')"
other=$(jq -cn --rawfile ca "$pki/ca.pem" \
  '{name: "other", tags: ["postgresql"], credentials: {uri: "postgres://o:q@other.example.com:5432/o", ca_certificate: $ca}}')
pgjdbc_against_evil "another binding's ca_certificate signed the server's certificate" "$(evil_vcap '' "$other")" \
  RDS_CA_SERVICE=main
finish
