#!/usr/bin/env python3
"""Connects with asyncpg (its own protocol and Python's ssl module, no libpq) to DATABASE_URL
alone (asyncpg reads sslmode and sslrootcert from the URL) and prints whether the session uses
TLS."""
import asyncio
import os
import ssl
import sys

import asyncpg


async def main():
    conn = await asyncpg.connect(os.environ["DATABASE_URL"], timeout=10)
    try:
        print(str(await conn.fetchval("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).lower())
    finally:
        await conn.close()


try:
    asyncio.run(main())
except (KeyError, OSError, ssl.SSLError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
    print(f"asyncpg: {type(e).__name__}: {e}".strip(), file=sys.stderr)
    sys.exit(1)
