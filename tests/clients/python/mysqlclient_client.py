#!/usr/bin/env python3
"""mysqlclient (MySQLdb, over Debian's MariaDB Connector/C) through SQLAlchemy from DATABASE_URL
plus the README's one line: the driver named, and the query reduced to ssl_ca and
ssl_mode=VERIFY_IDENTITY (mysqlclient takes MySQL's upper-case mode; over Connector/C it becomes
"verify the server's certificate", chain and host name). Prints Ssl_cipher."""
import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

try:
    # The README's line:
    engine = create_engine((u := make_url(os.environ["DATABASE_URL"])).set(drivername="mysql+mysqldb", query={"ssl_ca": u.query["sslca"], "ssl_mode": "VERIFY_IDENTITY"}))
    with engine.connect() as conn:
        print(conn.execute(text("SHOW SESSION STATUS LIKE 'Ssl_cipher'")).fetchone()[1])
except Exception as e:  # pylint: disable=broad-except
    print("mysqlclient: %s" % getattr(e, "orig", e), file=sys.stderr)
    sys.exit(1)
