#!/usr/bin/env bash
# make-probe-pki.sh DIR: a throw-away PKI for the probe's unit tests, made with the openssl CLI
# at test time (nothing is committed). P-256 keys, so it takes a fraction of a second.
#   root.pem           CN "Amazon RDS us-east-1 Root CA RSA2048 G1" (test copy, own key)
#   sub.pem            CN "Amazon RDS us-east-1 Subordinate CA RSA2048 G1.A.1", signed by root
#   other-root.pem     CN "rds-ca other test root": a root that signed nothing the server sends
#   server.pem/.key    leaf for localhost and 127.0.0.1, signed by sub; server.pem = leaf + sub
#   wronghost.pem/.key leaf for db.example.net and db-ro.example.net; file = leaf + sub
#   expired.pem/.key   leaf for localhost and 127.0.0.1, valid 2020-01-01..2020-02-01; leaf + sub
set -euo pipefail
out=${1:?usage: make-probe-pki.sh DIR}
mkdir -p "$out"
cd "$out"
org="/O=rds-ca-buildpack tests"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca_ext="basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash"

key root.key
openssl req -x509 -new -key root.key -sha256 -days 3650 -subj "$org/CN=Amazon RDS us-east-1 Root CA RSA2048 G1" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out root.pem
key other.key
openssl req -x509 -new -key other.key -sha256 -days 3650 -subj "$org/CN=rds-ca other test root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other-root.pem
key sub.key
openssl req -new -key sub.key -subj "$org/CN=Amazon RDS us-east-1 Subordinate CA RSA2048 G1.A.1" -out sub.csr
printf '%s\n' "$ca_ext" > sub.ext
openssl x509 -req -in sub.csr -CA root.pem -CAkey root.key -set_serial 2 -days 3650 -sha256 \
  -extfile sub.ext -out sub.pem 2>/dev/null

leaf() { # NAME SAN
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$org/CN=${2%%,*}" -out "$1.csr"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$3" > "$1.ext"
}
leaf server localhost "DNS:localhost,IP:127.0.0.1"
openssl x509 -req -in server.csr -CA sub.pem -CAkey sub.key -set_serial 10 -days 825 -sha256 \
  -extfile server.ext -out server.leaf 2>/dev/null
leaf wronghost db.example.net "DNS:db.example.net,DNS:db-ro.example.net"
openssl x509 -req -in wronghost.csr -CA sub.pem -CAkey sub.key -set_serial 11 -days 825 -sha256 \
  -extfile wronghost.ext -out wronghost.leaf 2>/dev/null

# The expired leaf: `openssl ca` is the 3.0 CLI's way to set explicit start and end dates.
leaf expired localhost "DNS:localhost,IP:127.0.0.1"
mkdir -p ca/new && : > ca/index.txt && echo 0C > ca/serial
cat > ca/ca.cnf <<EOF
[ca]
default_ca = d
[d]
database = $out/ca/index.txt
new_certs_dir = $out/ca/new
serial = $out/ca/serial
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
organizationName = optional
EOF
openssl ca -batch -config ca/ca.cnf -cert sub.pem -keyfile sub.key -in expired.csr -notext \
  -startdate 20200101000000Z -enddate 20200201000000Z -extfile expired.ext -out expired.leaf 2>/dev/null

for n in server wronghost expired; do cat "$n.leaf" sub.pem > "$n.pem"; done
