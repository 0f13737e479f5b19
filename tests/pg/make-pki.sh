#!/usr/bin/env bash
# make-pki.sh OUT_DIR: a throw-away PKI for the PostgreSQL integration tests (openssl CLI).
# Shaped like Amazon RDS's (RSA2048 root -> subordinate CA -> server leaf), but every subject
# carries O=rds-ca-buildpack test, so none can be mistaken for an AWS certificate:
#   root.pem             "Amazon RDS us-west-2 Root CA RSA2048 G1" (self-signed, CA)
#   sub.pem              "Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1" (signed by root)
#   server.pem/.key      leaf for $PKI_HOST (SAN DNS), signed by sub
#   server-chain.pem     server.pem + sub.pem: what the server sends (as RDS does)
#   other-host.pem/.key  leaf for $PKI_OTHER_HOST, signed by sub (+ other-host-chain.pem)
#   expired.pem/.key     leaf for $PKI_HOST, signed by sub, valid only in 2020 (+ expired-chain.pem)
#   other-root.pem/.key  an unrelated root ("rds-ca-buildpack other test root"): trusts nothing here
# Keys are 0600. Sourced, it defines only make_pki and the host names.
PKI_HOST=${PKI_HOST:-mydb.c9akciq32.us-west-2.rds.amazonaws.com}
PKI_OTHER_HOST=${PKI_OTHER_HOST:-otherdb.c9akciq32.us-west-2.rds.amazonaws.com}
PKI_ORG="rds-ca-buildpack test"

# _pki_ca_conf DIR: a minimal `openssl ca` configuration (used for fixed validity dates).
_pki_ca_conf() {
  local d=$1
  : > "$d/index.txt"; echo 1000 > "$d/serial"
  cat > "$d/ca.cnf" <<CNF
[ca]
default_ca = sub
[sub]
dir = $d
database = $d/index.txt
serial = $d/serial
new_certs_dir = $d
certificate = $d/sub.pem
private_key = $d/sub.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = supplied
CNF
}

# _pki_leaf OUT NAME HOST [START END]: a server leaf for HOST signed by sub.
_pki_leaf() {
  local out=$1 name=$2 host=$3 start=${4:-} end=${5:-}
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:$host" > "$out/.work/$name.ext"
  openssl req -new -newkey rsa:2048 -nodes -subj "/O=$PKI_ORG/CN=$host" \
    -keyout "$out/$name.key" -out "$out/.work/$name.csr" 2>/dev/null || return 1
  if [ -z "$start" ]; then
    openssl x509 -req -in "$out/.work/$name.csr" -CA "$out/sub.pem" -CAkey "$out/sub.key" \
      -CAcreateserial -CAserial "$out/.work/sub.srl" -days 3650 -sha256 \
      -extfile "$out/.work/$name.ext" -out "$out/$name.pem" 2>/dev/null || return 1
  else
    openssl ca -batch -config "$out/.work/ca.cnf" -startdate "$start" -enddate "$end" -notext \
      -extfile "$out/.work/$name.ext" -in "$out/.work/$name.csr" -out "$out/$name.pem" 2>/dev/null || return 1
  fi
  cat "$out/$name.pem" "$out/sub.pem" > "$out/$name-chain.pem"
}

# make_pki OUT_DIR: writes the files listed above into OUT_DIR (created). Returns non-zero on failure.
make_pki() {
  local out=$1
  mkdir -p "$out/.work" || return 1
  local ca_ext="basicConstraints=critical,CA:TRUE"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -subj "/C=US/O=$PKI_ORG/OU=Amazon RDS/ST=WA/CN=Amazon RDS us-west-2 Root CA RSA2048 G1/L=Seattle" \
    -addext "$ca_ext" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/root.key" -out "$out/root.pem" 2>/dev/null || return 1
  openssl req -new -newkey rsa:2048 -nodes \
    -subj "/C=US/O=$PKI_ORG/OU=Amazon RDS/ST=WA/CN=Amazon RDS us-west-2 Subordinate CA RSA2048 G1.A.1/L=Seattle" \
    -keyout "$out/sub.key" -out "$out/.work/sub.csr" 2>/dev/null || return 1
  printf '%s\n' "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
    > "$out/.work/sub.ext"
  openssl x509 -req -in "$out/.work/sub.csr" -CA "$out/root.pem" -CAkey "$out/root.key" \
    -CAcreateserial -CAserial "$out/.work/root.srl" -days 3650 -sha256 \
    -extfile "$out/.work/sub.ext" -out "$out/sub.pem" 2>/dev/null || return 1
  cp "$out/sub.pem" "$out/sub.key" "$out/.work/"
  _pki_ca_conf "$out/.work"
  _pki_leaf "$out" server "$PKI_HOST" || return 1
  _pki_leaf "$out" other-host "$PKI_OTHER_HOST" || return 1
  _pki_leaf "$out" expired "$PKI_HOST" 20200101000000Z 20201231000000Z || return 1
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -subj "/O=$PKI_ORG/CN=rds-ca-buildpack other test root" -addext "$ca_ext" \
    -keyout "$out/other-root.key" -out "$out/other-root.pem" 2>/dev/null || return 1
  rm -rf "$out/.work"
  chmod 0644 "$out"/*.pem && chmod 0600 "$out"/*.key
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ $# -eq 1 ] || { echo "usage: make-pki.sh OUT_DIR" >&2; exit 2; }
  make_pki "$1" || { echo "make-pki.sh: openssl failed writing $1" >&2; exit 1; }
fi
