#!/usr/bin/env bash
# install.sh: builds the PostgreSQL and MySQL test clients (idempotent; quick when up to date).
#   node: npm ci into node/node_modules (pg 8, mysql2 3: versions pinned by node/package-lock.json)
#   go:   bin/stratos from go/stratos.go, GOPATH mode over Debian's golang-github-lib-pq-dev
#   java: bin/java/JdbcClient.class against Debian's /usr/share/java/postgresql.jar
#   go:   bin/stratos-mysql from go/stratos_mysql.go over golang-github-go-sql-driver-mysql-dev
#   java: bin/java/MariadbClient.class against Debian's /usr/share/java/mariadb-java-client.jar
# Needs: npm, golang-go, golang-github-lib-pq-dev, default-jdk-headless, libpostgresql-jdbc-java,
# golang-github-go-sql-driver-mysql-dev, libmariadb-java.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
mkdir -p "$here/bin/java"

# newer A B: true when A is missing or older than B.
newer() { [ ! -e "$1" ] || [ "$2" -nt "$1" ]; }

if newer "$here/node/node_modules/.package-lock.json" "$here/node/package-lock.json"; then
  echo "clients: npm ci (node-postgres)"
  (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if newer "$here/bin/stratos" "$here/go/stratos.go"; then
  echo "clients: go build (lib/pq, the Stratos way)"
  (cd "$here/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
    GOCACHE=${GOCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/go-build} go build -o "$here/bin/stratos" stratos.go)
fi
if newer "$here/bin/java/JdbcClient.class" "$here/java/JdbcClient.java"; then
  echo "clients: javac (pgjdbc)"
  javac -nowarn -cp /usr/share/java/postgresql.jar -d "$here/bin/java" "$here/java/JdbcClient.java"
fi
if newer "$here/bin/stratos-mysql" "$here/go/stratos_mysql.go"; then
  echo "clients: go build (go-sql-driver/mysql, the Stratos way)"
  (cd "$here/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
    GOCACHE=${GOCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/go-build} go build -o "$here/bin/stratos-mysql" stratos_mysql.go)
fi
if newer "$here/bin/java/MariadbClient.class" "$here/java/MariadbClient.java"; then
  echo "clients: javac (MariaDB Connector/J)"
  javac -nowarn -cp /usr/share/java/mariadb-java-client.jar -d "$here/bin/java" "$here/java/MariadbClient.java"
fi
