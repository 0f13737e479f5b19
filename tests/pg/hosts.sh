#!/usr/bin/env bash
# hosts.sh: name resolution for the tests without touching the machine's /etc/hosts. Source it:
#   hosts_file OUT NAME...          # OUT = this machine's /etc/hosts + "127.0.0.1 NAME" lines
#   with_hosts HOSTS_FILE CMD...    # runs CMD in a private mount namespace where /etc/hosts is
#                                   # HOSTS_FILE (bind mount; needs root). Nested namespaces, such
#                                   # as a harness's own `unshare --mount`, inherit it.
# It is a bind mount over the file, so programs that read /etc/hosts themselves (Go, Java) and
# glibc's getaddrinfo (libpq, Node, Python) all see it.

# hosts_file OUT NAME...: writes OUT.
hosts_file() {
  local out=$1 name; shift
  { sed -e '$a\' /etc/hosts 2>/dev/null; for name in "$@"; do printf '127.0.0.1\t%s\n' "$name"; done; } > "$out" &&
    chmod 0644 "$out"
}

# with_hosts HOSTS_FILE CMD...: CMD's exit status.
with_hosts() {
  local file=$1; shift
  unshare --mount --propagation private -- /bin/bash -c \
    'mount --bind "$1" /etc/hosts || exit 125; shift; exec "$@"' with_hosts "$file" "$@"
}
