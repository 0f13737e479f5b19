#!/usr/bin/env bash
# make-test-pki.sh: (re)generates the test PKI under fixtures/certs/ that the download tests and
# the X.509 tests use. Run it only to replace the committed files (they are valid until 2124):
#   test-ca.pem/.key        "rds-ca test CA": signs the local HTTPS test server's certificate
#   server.pem/.key         CN 127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost, signed by test-ca
#   other-ca.pem            "rds-ca other test CA": a CA that did NOT sign the server (untrusted TLS)
#   leaf-not-ca.pem         a self-signed certificate without basicConstraints CA:TRUE
#   us-west-2-roots.p7b     us-west-2's three G1 roots from data/global-bundle.pem as PEM PKCS#7
#   two-certs-second-broken.pem  test-ca, then a block whose base64 is damaged
# Nothing here is secret: these keys sign nothing but the tests' own localhost server.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
out=$root/fixtures/certs
days=36500
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $days -subj "/O=rds-ca-buildpack tests/CN=rds-ca test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$out/test-ca.key" -out "$out/test-ca.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $days -subj "/O=rds-ca-buildpack tests/CN=rds-ca other test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tmp/other.key" -out "$out/other-ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/O=rds-ca-buildpack tests/CN=127.0.0.1" \
  -keyout "$out/server.key" -out "$tmp/server.csr" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
  "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" > "$tmp/server.ext"
openssl x509 -req -in "$tmp/server.csr" -CA "$out/test-ca.pem" -CAkey "$out/test-ca.key" -CAcreateserial \
  -CAserial "$tmp/ca.srl" -days $days -sha256 -extfile "$tmp/server.ext" -out "$out/server.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $days -subj "/O=rds-ca-buildpack tests/CN=rds-ca leaf, not a CA" \
  -addext "basicConstraints=critical,CA:FALSE" -keyout "$tmp/leaf.key" -out "$out/leaf-not-ca.pem" 2>/dev/null

# us-west-2's roots, re-armored as PKCS#7 (what AWS's REGION-bundle.p7b files are).
awk -v dir="$tmp" '/-----BEGIN CERTIFICATE-----/{n++} {print > (dir "/g" n ".pem")}' "$root/data/global-bundle.pem"
: > "$tmp/usw2.pem"
for f in "$tmp"/g*.pem; do
  if openssl x509 -in "$f" -noout -subject 2>/dev/null | grep -q 'CN = Amazon RDS us-west-2 Root CA'; then
    cat "$f" >> "$tmp/usw2.pem"
  fi
done
openssl crl2pkcs7 -nocrl -certfile "$tmp/usw2.pem" -out "$out/us-west-2-roots.p7b"

# A valid certificate, then one whose base64 is damaged (a character replaced in its 3rd line).
{ cat "$out/test-ca.pem"; sed '3s/^..../!!!!/' "$out/other-ca.pem"; } > "$out/two-certs-second-broken.pem"
chmod 0644 "$out"/*
echo "make-test-pki: wrote $(ls "$out" | wc -l) files in $out"
