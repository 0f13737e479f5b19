#!/usr/bin/env bash
# Connects with psql (libpq) to DATABASE_URL alone and prints whether the session uses TLS (t/f).
exec psql "${DATABASE_URL:?DATABASE_URL is not set}" -XAtqc 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'
