#!/usr/bin/env bash
# install.sh: builds the PostgreSQL and MySQL test clients with their drivers from the registries,
# every version pinned (idempotent; quick when up to date: each step is skipped while its output
# is newer than its pins and sources).
#   node:   npm ci into node/node_modules (pg, mysql2: node/package-lock.json)
#   go:     bin/stratos (lib/pq), bin/stratos-mysql (go-sql-driver/mysql), bin/pgx (pgx v5), one
#           module: go/go.mod and go/go.sum
#   java:   bin/java/lib/*.jar (pgjdbc, MySQL Connector/J 8.4 and 9, MariaDB Connector/J) copied
#           by Maven from java/pom.xml, and bin/java/*.class (the clients use java.sql only)
#   python: bin/venv, a venv of Debian's /usr/bin/python3 (the interpreter setup installs, the same
#           on every Debian 12 machine, unlike whatever python3 comes first on PATH), filled with
#           pip install --require-hashes from python/requirements*.txt
# Needs (scripts/setup): npm, go, mvn, a JDK, python3-venv, libpq-dev and libmariadb-dev (psycopg2
# and mysqlclient build from source), pkg-config.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
bin=$here/bin
mkdir -p "$bin/java"

# stale OUTPUT INPUT...: true when OUTPUT is missing or an INPUT is newer.
stale() {
  local out=$1 f; shift
  [ -e "$out" ] || return 0
  for f in "$@"; do [ "$f" -nt "$out" ] && return 0; done
  return 1
}

if stale "$here/node/node_modules/.package-lock.json" "$here/node/package-lock.json"; then
  echo "clients: npm ci (node-postgres, mysql2)"
  (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# Go: the machine's /usr/local/go first (a Debian golang-go on PATH is older than go.mod needs).
go=/usr/local/go/bin/go
[ -x "$go" ] || go=$(command -v go) || { echo "clients: no Go (neither /usr/local/go/bin/go nor go on PATH): install Go 1.25 or newer" >&2; exit 1; }
for cmd in stratos stratos-mysql pgx; do
  if stale "$bin/$cmd" "$here/go/go.mod" "$here/go/go.sum" "$here/go/$cmd"/*.go; then
    echo "clients: go build $cmd"
    # -mod=readonly: go.sum must already pin every module; -trimpath and -buildvcs=false keep the
    # binary independent of where and from what checkout it was built.
    (cd "$here/go" && GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false -trimpath" \
      "$go" build -o "$bin/$cmd" "./$cmd")
  fi
done

if stale "$bin/java/lib/.copied" "$here/java/pom.xml"; then
  echo "clients: mvn dependency:copy (pgjdbc, MySQL Connector/J 8.4 and 9, MariaDB Connector/J)"
  rm -rf "$bin/java/lib"
  # Quiet when it works; its whole log when it does not.
  log=$(mvn -q -B -Dstyle.color=never -f "$here/java/pom.xml" dependency:copy 2>&1) || { printf '%s\n' "$log" >&2; exit 1; }
  touch "$bin/java/lib/.copied"
fi
for class in JdbcClient MysqlJdbcClient; do
  if stale "$bin/java/$class.class" "$here/java/$class.java"; then
    echo "clients: javac $class"
    javac -nowarn -d "$bin/java" "$here/java/$class.java"
  fi
done

reqs=("$here/python/requirements-build.txt" "$here/python/requirements.txt")
if stale "$bin/venv/.installed" "${reqs[@]}"; then
  echo "clients: python3 -m venv, pip install --require-hashes (psycopg2, psycopg, asyncpg, PyMySQL, mysqlclient, SQLAlchemy)"
  rm -rf "$bin/venv"
  /usr/bin/python3 -m venv "$bin/venv"
  pip=("$bin/venv/bin/python" -m pip install -q --disable-pip-version-check --no-input --require-hashes)
  # Build tools first: psycopg2 and mysqlclient then build without isolation, with these.
  "${pip[@]}" -r "${reqs[0]}"
  "${pip[@]}" --no-build-isolation -r "${reqs[1]}"
  touch "$bin/venv/.installed"
fi
