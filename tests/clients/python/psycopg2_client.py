#!/usr/bin/env python3
"""Connects with psycopg2 (libpq) to DATABASE_URL alone and prints whether the session uses TLS."""
import os
import sys

import psycopg2

try:
    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        print(str(cur.fetchone()[0]).lower())
except (KeyError, psycopg2.Error) as e:
    print(f"psycopg2: {e}".strip(), file=sys.stderr)
    sys.exit(1)
