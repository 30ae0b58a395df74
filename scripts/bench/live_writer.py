#!/usr/bin/env python3
"""Bench helper for scripts/bench/live.sh: the app writing to the catalog while r2s syncs.

Straight to PostgreSQL (not through the REST double), at RATE writes a second: in every 5
writes 2 inserts, 1 update, 1 soft-delete and 1 hard-delete of rows whose url starts with
PREFIX (so the rows it touches are its own and younger than sync's --min-age). Runs until
SIGTERM, then prints "writes N failures F seconds S".

Usage: live_writer.py PG_URL TABLE PREFIX RATE
"""
import signal
import sys
import time
import uuid

import psycopg2

url, table, prefix, rate = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
conn = psycopg2.connect(url)
conn.autocommit = True
cur = conn.cursor()
t = '"%s"' % table
pick = "(SELECT id FROM " + t + " WHERE url LIKE %s {} ORDER BY random() LIMIT 1)"
like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
n = failures = 0
start = time.monotonic()
while not stop:
    n += 1
    kind = n % 5
    try:
        if kind in (0, 3):
            cur.execute("INSERT INTO " + t + " (nome, url, content_type, size) VALUES (%s, %s, 'application/octet-stream', %s)",
                        ("w%d.bin" % n, "%sw%d-%s.bin" % (prefix, n, uuid.uuid4()), n))
        elif kind == 1:
            cur.execute("UPDATE " + t + " SET size = coalesce(size, 0) + 1, updated_at = now() WHERE id = " + pick.format(""), (like,))
        elif kind == 2:
            cur.execute("UPDATE " + t + " SET deleted_at = now(), updated_at = now() WHERE id = "
                        + pick.format("AND deleted_at IS NULL"), (like,))
        else:
            cur.execute("DELETE FROM " + t + " WHERE id = " + pick.format(""), (like,))
    except psycopg2.Error:
        failures += 1
    # Paced against the start, so slow statements do not lower the rate.
    wait = start + n / rate - time.monotonic()
    if wait > 0:
        time.sleep(wait)
print("writes %d failures %d seconds %.1f" % (n, failures, time.monotonic() - start), flush=True)
