"""A private temporary SQLite database: bookkeeping of an upload that must not grow in memory
with the number of photos (the plan, the report rows)."""

import sqlite3

PAGE = 256  # rows read back at a time
CACHE_KIB = 256  # SQLite page cache; the rest lives on disk


class ScratchDatabase:
    """Created with its schema, deleted by SQLite when closed (or when the process dies).
    Use it on the thread that made it."""

    def __init__(self, schema):
        self._db = sqlite3.connect("", isolation_level=None)  # "" = private, on disk, temporary
        for pragma in ("journal_mode=MEMORY", "synchronous=OFF", "cache_size=-{}".format(CACHE_KIB)):
            self._db.execute("PRAGMA " + pragma)
        self._db.executescript(schema)

    def close(self):
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _pages(self, sql, params=(), start=-1):
        """Rows of `sql` (whose first column is the ascending paging key, its parameters
        `key > ?`, then `params`, then `LIMIT ?`) a page at a time: no statement stays open
        between pages, so the caller may use the database in between."""
        after = start
        while True:
            rows = self._db.execute(sql, (after, *params, PAGE)).fetchall()
            yield from rows
            if len(rows) < PAGE:
                return
            after = rows[-1][0]
