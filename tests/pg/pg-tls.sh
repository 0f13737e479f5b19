#!/usr/bin/env bash
# pg-tls.sh: a throw-away Debian PostgreSQL on 127.0.0.1 for the integration tests. Source it:
#   . tests/pg/pg-tls.sh
#   pg_start DIR PKI_DIR [on|both|off]  # starts it; sets PG_PORT, PG_DATA, PG_SOCK, PG_LOG
#   pg_add_user USER PASSWORD DB    # a login role (SCRAM) owning a new database
#   pg_stop                         # stops it (immediate) and removes DIR
# With "on" (the default) the server is TLS-only like RDS with rds.force_ssl=1: it presents
# PKI_DIR/server-chain.pem (leaf + subordinate CA) and pg_hba.conf holds
#   hostssl all all 127.0.0.1/32 scram-sha-256   and   hostnossl all all 0.0.0.0/0 reject
# With "both" it offers TLS as "on" does but also accepts plaintext, like RDS with rds.force_ssl=0:
#   hostssl all all 127.0.0.1/32 scram-sha-256   and   host all all 127.0.0.1/32 $PG_PLAIN_AUTH
# (PG_PLAIN_AUTH: the plaintext line's method, default scram-sha-256; `password` makes a client
# send its password in clear, which is what the capture in require_tls_test.sh must be able to see).
# With "off" it has ssl=off and accepts plain connections (a server that answers SSLRequest 'N').
# It runs as the OS user postgres (needs root to start); DIR is created for it, mode 0700 (its
# parent directories must let postgres through: not under a 0700 mktemp directory).
# The superuser connects only through the Unix socket in DIR (trust): TCP always needs SCRAM.
# Every wait is bounded (PG_TIMEOUT seconds, default 30).

PG_TIMEOUT=${PG_TIMEOUT:-30}

# pg_bin: the newest installed /usr/lib/postgresql/*/bin.
pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] || { echo "pg-tls: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; return 1; }
  echo "$d"
}

# pg_free_port: a TCP port free on 127.0.0.1 right now.
pg_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# _pg_as_postgres CMD...: runs CMD as the OS user postgres in a neutral directory.
_pg_as_postgres() { (cd / && runuser -u postgres -- "$@"); }

_pg_write_conf() { # DIR PKI_DIR MODE
  local dir=$1 pki=$2 mode=$3
  cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
log_connections = on
CONF
  if [ "$mode" = on ] || [ "$mode" = both ]; then
    install -o postgres -m 0600 "$pki/server.key" "$dir/data/server.key"
    install -o postgres -m 0644 "$pki/server-chain.pem" "$dir/data/server.crt"
    printf '%s\n' "ssl = on" "ssl_cert_file = 'server.crt'" "ssl_key_file = 'server.key'" \
      >> "$dir/data/postgresql.conf"
    local plain="hostnossl all all 0.0.0.0/0 reject"
    [ "$mode" = on ] || plain="host all all 127.0.0.1/32 ${PG_PLAIN_AUTH:-scram-sha-256}"
    printf '%s\n' "local all postgres trust" \
      "hostssl all all 127.0.0.1/32 scram-sha-256" \
      "$plain" > "$dir/data/pg_hba.conf"
  else
    echo "ssl = off" >> "$dir/data/postgresql.conf"
    printf '%s\n' "local all postgres trust" "host all all 127.0.0.1/32 scram-sha-256" \
      > "$dir/data/pg_hba.conf"
  fi
}

# pg_start DIR PKI_DIR [on|both|off]: initdb + start; sets PG_PORT PG_DATA PG_SOCK PG_LOG PG_DIR.
pg_start() {
  local dir=$1 pki=$2 mode=${3:-on} bin
  bin=$(pg_bin) || return 1
  mkdir -p "$dir" && chown postgres: "$dir" && chmod 0700 "$dir" || return 1
  PG_DIR=$dir PG_DATA=$dir/data PG_SOCK=$dir PG_LOG=$dir/postgres.log PG_BIN=$bin
  PG_PORT=$(pg_free_port) || return 1
  _pg_as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    > "$dir/initdb.log" 2>&1 || { echo "pg-tls: initdb failed:" >&2; tail -5 "$dir/initdb.log" >&2; return 1; }
  _pg_write_conf "$dir" "$pki" "$mode"
  _pg_as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" start >/dev/null 2>&1 ||
    { echo "pg-tls: the server did not start:" >&2; tail -5 "$PG_LOG" >&2; return 1; }
}

# pg_psql_super SQL-ON-STDIN [psql args]: runs SQL as the superuser over the Unix socket.
pg_psql_super() {
  _pg_as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres "$@"
}

# pg_add_user USER PASSWORD DB: a SCRAM login role and a database it owns. The password never
# appears on a command line (psql variable from the environment of a here-document).
pg_add_user() {
  local user=$1 pw=$2 db=$3
  PGPW=$pw pg_psql_super -v user="$user" -v db="$db" <<'SQL'
\getenv pw PGPW
CREATE ROLE :"user" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"user";
SQL
}

# pg_stop: stops the server started by pg_start (bounded) and removes its directory.
pg_stop() {
  [ -n "${PG_DATA:-}" ] || return 0
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    _pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t "$PG_TIMEOUT" stop >/dev/null 2>&1 ||
      { local pid; pid=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null) && [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; }
  fi
  rm -rf "$PG_DIR"
  PG_DATA=
}
