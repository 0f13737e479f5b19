#!/usr/bin/env bash
# The MariaDB command-line client with no TLS flag at all: it finds ssl-ca and
# ssl-verify-server-cert in $MYSQL_HOME/my.cnf, the option file the buildpack exports. Host,
# port, user and database come from DATABASE_URL, the password through MYSQL_PWD (never an
# argument). Prints the session's Ssl_cipher.
set -euo pipefail
eval "$(/usr/bin/python3 - <<'PY'
import os, shlex, urllib.parse
u = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
for k, v in (("H", u.hostname), ("P", str(u.port or 3306)), ("U", urllib.parse.unquote(u.username or "")),
             ("PW", urllib.parse.unquote(u.password or "")), ("D", urllib.parse.unquote(u.path[1:]))):
    print("%s=%s" % (k, shlex.quote(v)))
PY
)"
MYSQL_PWD=$PW exec mariadb -h "$H" -P "$P" -u "$U" --connect-timeout=10 --batch --skip-column-names "$D" \
  -e "SHOW SESSION STATUS LIKE 'Ssl_cipher'" | cut -f2
