# rds-ca-peer.sh: the launch hook a careful user writes by hand instead of using the buildpack's
# (bench/run's peer of .profile.d/rds-ca-buildpack.sh, case 1). Sourced from .profile.d at
# container start, it exports the same values the buildpack's hook exports for one PostgreSQL
# binding (bench/run checks that, variable by variable):
# - jq finds the PostgreSQL binding in VCAP_SERVICES (or VCAP_SERVICES_FILE_PATH), reads host,
#   port, user, password and database, and percent-encodes user, password and database (@uri);
# - openssl checks that the RDS CA file is a readable, unexpired certificate before the
#   connection is pointed at it (a careful user does not export a broken sslrootcert);
# - DATABASE_URL and JDBC_DATABASE_URL get sslmode and sslrootcert; DB_SSL_MODE (with the two
#   variables that mark it as the hook's), SSL_CERT_DIR,
#   SSL_CERT_FILE, PGSSLROOTCERT, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, JAVA_TOOL_OPTIONS
#   point at the trust store, leaving alone what the app already set.
# The CA files are the ones staging put in $DEPS_DIR/0/rds-ca (the user would carry them in the
# app instead; where they sit does not change the cost).
__peer_ca="$DEPS_DIR/0/rds-ca"
__peer_vcap=${VCAP_SERVICES_FILE_PATH:-/dev/null}
[ -z "${VCAP_SERVICES:-}" ] || __peer_vcap=/dev/stdin
__peer_vars=$(printf '%s' "${VCAP_SERVICES:-}" | jq -r '
  [.[][] | select((.credentials.uri // "" | test("^postgres(ql)?://"))
                  or ((.tags // []) | index("postgresql") != null))]
  | first // empty | .credentials
  | "__peer_host=\(.host // .hostname | @sh)",
    "__peer_port=\(.port // 5432 | tostring | @sh)",
    "__peer_user=\(.username | @sh)",
    "__peer_pass=\(.password | @sh)",
    "__peer_auth=\((.username | @uri) + ":" + (.password | @uri) | @sh)",
    "__peer_db=\(.name // .dbname | @uri | @sh)",
    "__peer_mode=\(.sslmode // "verify-full" | @sh)"' "$__peer_vcap")
eval "$__peer_vars"
if openssl x509 -in "$__peer_ca/rds-ca.pem" -noout -checkend 0 >/dev/null 2>&1; then
  if [ -n "${__peer_host:-}" ]; then
    __peer_query="sslmode=$__peer_mode&sslrootcert=$__peer_ca/rds-ca.pem"
    export DATABASE_URL="postgres://$__peer_auth@$__peer_host:$__peer_port/$__peer_db?$__peer_query"
    export JDBC_DATABASE_URL="jdbc:postgresql://$__peer_host:$__peer_port/$__peer_db?$__peer_query"
    export JDBC_DATABASE_USERNAME="$__peer_user"
    export JDBC_DATABASE_PASSWORD="$__peer_pass"
    case $__peer_mode in allow | prefer) export DB_SSL_MODE=require ;; *) export DB_SSL_MODE="$__peer_mode" ;; esac
    # so that sourcing this again tells the app's DB_SSL_MODE from its own, as the hook does
    export RDS_CA_EXPORTED_DB_SSL_MODE="$DB_SSL_MODE" RDS_CA_APP_DB_SSL_MODE=""
  fi
  export SSL_CERT_DIR="$__peer_ca/certs:${SSL_CERT_DIR:-/etc/ssl/certs}"
  [ -n "${SSL_CERT_FILE:-}" ] || export SSL_CERT_FILE="$__peer_ca/ca-certificates.crt"
  [ -n "${PGSSLROOTCERT:-}" ] || export PGSSLROOTCERT="$__peer_ca/ca-certificates.crt"
  [ -n "${NODE_EXTRA_CA_CERTS:-}" ] || export NODE_EXTRA_CA_CERTS="$__peer_ca/rds-ca.pem"
  [ -n "${REQUESTS_CA_BUNDLE:-}" ] || export REQUESTS_CA_BUNDLE="$__peer_ca/ca-certificates.crt"
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Djavax.net.ssl.trustStore=$__peer_ca/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
else
  echo "rds-ca-peer: $__peer_ca/rds-ca.pem is not a valid certificate: DATABASE_URL left as it was" >&2
fi
unset __peer_ca __peer_vcap __peer_vars __peer_host __peer_port __peer_user __peer_pass __peer_auth \
  __peer_db __peer_mode __peer_query
