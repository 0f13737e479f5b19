#!/usr/bin/env python3
"""Connects with psycopg 3 (psycopg[binary]: the libpq and OpenSSL its wheel bundles, not
Debian's) to DATABASE_URL alone and prints whether the session uses TLS."""
import os
import sys

import psycopg

try:
    with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=10) as conn:
        print(str(conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0]).lower())
except (KeyError, psycopg.Error) as e:
    print(f"psycopg: {e}".strip(), file=sys.stderr)
    sys.exit(1)
