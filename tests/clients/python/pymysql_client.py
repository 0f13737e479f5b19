#!/usr/bin/env python3
"""PyMySQL through SQLAlchemy from DATABASE_URL plus the README's one line: the driver named,
and the query reduced to ssl_ca (SQLAlchemy makes it PyMySQL's ssl={'ca': ...}, which verifies
the chain and the host name; PyMySQL refuses Rails' sslca and ssl_mode). Prints Ssl_cipher."""
import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

try:
    # The README's line:
    engine = create_engine((u := make_url(os.environ["DATABASE_URL"])).set(drivername="mysql+pymysql", query={"ssl_ca": u.query["sslca"]}))
    with engine.connect() as conn:
        print(conn.execute(text("SHOW SESSION STATUS LIKE 'Ssl_cipher'")).fetchone()[1])
except Exception as e:  # pylint: disable=broad-except
    print("pymysql: %s" % getattr(e, "orig", e), file=sys.stderr)
    sys.exit(1)
