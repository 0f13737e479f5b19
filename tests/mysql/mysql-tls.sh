#!/usr/bin/env bash
# mysql-tls.sh: a throw-away Debian MariaDB on 127.0.0.1 for the integration tests, shaped like
# RDS for MySQL/MariaDB with require_secure_transport=ON. Source it:
#   . tests/mysql/mysql-tls.sh
#   my_start DIR PKI_DIR [on|off]   # starts it; sets MY_PORT, MY_DIR, MY_SOCK, MY_LOG
#   my_add_user USER PASSWORD DB    # a login USER@'%' owning a new database DB
#   my_stop                         # stops it and removes DIR
# With "on" (the default) it presents PKI_DIR/server-chain.pem (leaf + subordinate CA, as RDS
# does) and refuses every connection without TLS (require_secure_transport=ON); with "off" it
# has no TLS at all (its greeting lacks CLIENT_SSL). The server reads no option file
# (--no-defaults): this machine's /etc/mysql changes nothing. It runs as the OS user mysql
# (needs root); DIR's parents must let mysql through (not under a 0700 mktemp directory).
# Root logs in through the Unix socket in DIR (unix_socket authentication). Every wait is
# bounded (MY_TIMEOUT seconds, default 30).

MY_TIMEOUT=${MY_TIMEOUT:-30}

# my_free_port: a TCP port free on 127.0.0.1 right now.
my_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# my_sql_super [mariadb args]: runs SQL on stdin as root over the Unix socket.
my_sql_super() {
  /usr/bin/mariadb --no-defaults --protocol=socket -S "$MY_SOCK" -u root --batch --skip-column-names "$@"
}

# my_sql_string TEXT: TEXT as a single-quoted SQL string literal (' doubled, \ escaped).
my_sql_string() {
  local s=${1//\\/\\\\}
  printf "'%s'" "${s//\'/\'\'}"
}

# my_start DIR PKI_DIR [on|off]: installs a data directory and starts mariadbd; sets MY_PORT
# MY_DIR MY_SOCK MY_LOG.
my_start() {
  local dir=$1 pki=$2 mode=${3:-on}
  command -v /usr/sbin/mariadbd >/dev/null ||
    { echo "mysql-tls: no /usr/sbin/mariadbd (apt-get install mariadb-server)" >&2; return 1; }
  mkdir -p "$dir/data" && chown -R mysql: "$dir" && chmod 0700 "$dir" || return 1
  MY_DIR=$dir MY_SOCK=$dir/mysqld.sock MY_LOG=$dir/mariadb.log
  MY_PORT=$(my_free_port) || return 1
  /usr/bin/mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" --auth-root-authentication-method=socket \
    --skip-test-db > "$dir/install.log" 2>&1 ||
    { echo "mysql-tls: mariadb-install-db failed:" >&2; tail -5 "$dir/install.log" >&2; return 1; }
  local tls=()
  if [ "$mode" = on ]; then
    install -o mysql -m 0600 "$pki/server.key" "$dir/server.key"
    install -o mysql -m 0644 "$pki/server-chain.pem" "$dir/server.pem"
    tls=(--ssl-cert="$dir/server.pem" --ssl-key="$dir/server.key" --require-secure-transport=ON)
  else
    tls=(--skip-ssl)
  fi
  (cd / && setsid /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$dir/data" --bind-address=127.0.0.1 \
    --port="$MY_PORT" --socket="$MY_SOCK" --pid-file="$dir/mariadbd.pid" --log-error="$MY_LOG" \
    --skip-name-resolve --innodb-buffer-pool-size=16M --performance-schema=OFF "${tls[@]}" \
    </dev/null >/dev/null 2>&1 &)
  local i
  for ((i = 0; i < MY_TIMEOUT * 10; i++)); do
    if echo 'SELECT 1' | my_sql_super >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "mysql-tls: the server did not start:" >&2; tail -5 "$MY_LOG" >&2
  return 1
}

# my_add_user USER PASSWORD DB: a password login USER@'%' with every right on a new database DB.
# The password goes to the server on stdin, never on a command line.
my_add_user() {
  local user pw db
  user=$(my_sql_string "$1") pw=$(my_sql_string "$2") db=${3//\`/\`\`}
  printf '%s\n' "CREATE DATABASE \`$db\`;" "CREATE USER $user@'%' IDENTIFIED BY $pw;" \
    "GRANT ALL ON \`$db\`.* TO $user@'%';" | my_sql_super
}

# my_stop: stops the server started by my_start (bounded) and removes its directory.
my_stop() {
  [ -n "${MY_DIR:-}" ] || return 0
  local pid i
  pid=$(cat "$MY_DIR/mariadbd.pid" 2>/dev/null)
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < MY_TIMEOUT * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -rf "$MY_DIR"
  MY_DIR=
}
