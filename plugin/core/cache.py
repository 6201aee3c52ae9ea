"""The on-disk cache of KartaView answers: map tiles, sequences and their photo lists.

One SQLite file in Settings().cache_dir (WAL, so QGIS and a qgis_process run can share it).
Entries are JSON values, zlib-compressed, stamped with the time they were fetched: an entry older
than the expiry is still returned (marked stale) so layers keep working offline, and the caller
decides whether to refresh it. The total size is kept under a bound by dropping the oldest entries.

Entries are kept per API address (`Cache.scoped`): sequence 42 of a test server is not sequence 42
of KartaView, so after switching the address the other server's data is never served.
"""

import json
import sqlite3
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

from .settings import Settings

# Kinds of entries (the values are in users' cache files: they stay)
TILES, SEQUENCE_RECORDS, PHOTO_LISTS = "tiles", "sequences", "photos"
# Compact companions written with a tile / a photo list (same batch, same time stamp): a tile's
# sequences with their bboxes, a sequence's line. A warm view reads these instead of whole lists.
TILE_INDEXES, LINES = "tile_indexes", "lines"
FILE_NAME = "kartaview-cache.sqlite"
_PRUNE_TO = 0.9  # prune down to 90 % of the bound, so a full cache is not pruned on every write
_KEYS_PER_QUERY = 500  # SQLite takes at least 999 parameters per statement

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL, key TEXT NOT NULL, fetched REAL NOT NULL, size INTEGER NOT NULL, payload BLOB NOT NULL,
    PRIMARY KEY (kind, key));
CREATE INDEX IF NOT EXISTS entries_fetched ON entries (fetched);
"""


class Cache:
    """Thread-safe: one connection guarded by a lock (SQLite work here is short)."""

    def __init__(self, folder, max_bytes=500 * 1024 * 1024, expiry_s=24 * 3600.0, clock=time.time):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / FILE_NAME
        self.max_bytes = max_bytes
        self.expiry_s = expiry_s
        self._clock = clock
        self._lock = threading.Lock()
        self._listeners = []
        self._db = sqlite3.connect(str(self.path), timeout=10.0, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._total = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]

    @staticmethod
    def encode(value, level=1) -> bytes:
        """The stored form of a JSON-able value (what put() stores, decode() reads); level 0 stores it
        uncompressed in zlib's framing, for values that would not shrink (decode() reads both)."""
        return zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8"), level)

    @staticmethod
    def decode(payload: bytes):
        """The value of a stored form; ValueError when it is unreadable."""
        try:
            return json.loads(zlib.decompress(payload).decode("utf-8"))
        except zlib.error as error:
            raise ValueError(str(error)) from None

    def get(self, kind, key):
        """(value, fresh) or None when absent (or unreadable)."""
        found = self.get_encoded(kind, key)
        if found is None:
            return None
        try:
            return self.decode(found[0]), found[1]
        except ValueError:
            return None

    def get_encoded(self, kind, key):
        """(stored form, fresh) or None when absent."""
        with self._lock:
            row = self._db.execute("SELECT fetched, payload FROM entries WHERE kind=? AND key=?",
                                   (kind, str(key))).fetchone()
        if row is None:
            return None
        return row[1], self._clock() - row[0] < self.expiry_s

    def get_many_encoded(self, kind, keys) -> dict:
        """{key: (stored form, fresh)} of those of keys (strings) with an entry: one query for many keys."""
        with self._lock:
            rows = self._rows_of("key, fetched, payload", kind, keys)
        now = self._clock()
        return {key: (payload, now - fetched < self.expiry_s) for key, fetched, payload in rows}

    def present(self, kind, keys) -> set:
        """Those of keys (strings) with an entry, fresh or not: one query for many keys."""
        with self._lock:
            return {row[0] for row in self._rows_of("key", kind, keys)}

    def _rows_of(self, columns, kind, keys) -> list:
        """The rows (these columns) of the entries of `kind` among keys (strings), a query per
        _KEYS_PER_QUERY keys (lock held)."""
        keys, rows = list(keys), []
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start:start + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            query = "SELECT {} FROM entries WHERE kind=? AND key IN ({})".format(columns, marks)  # nosec B608 # columns: this module's constants; keys are bound
            rows += self._db.execute(query, [kind] + chunk).fetchall()
        return rows

    def put(self, kind, key, value):
        self.put_many(kind, [(key, value)])

    def put_many(self, kind, items):
        """Store [(key, json-able value)] in one transaction."""
        self.put_many_encoded(kind, [(key, self.encode(value)) for key, value in items])

    def put_many_encoded(self, kind, items):
        """Store [(key, stored form from encode())] in one transaction."""
        self.put_batch([(kind, key, payload) for key, payload in items])

    def put_batch(self, entries):
        """Store [(kind, key, stored form)] in one transaction, with one time stamp: entries written
        together expire together, and the size bound drops them together."""
        now = self._clock()
        rows = list({(kind, str(key)): (kind, str(key), now, len(payload), payload)
                     for kind, key, payload in entries}.values())
        if not rows:
            return
        with self._lock:
            old = sum(self._sizes(kind, [row[1] for row in rows if row[0] == kind])
                      for kind in {row[0] for row in rows})
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", rows)
            self._total += sum(row[3] for row in rows) - old
            if self._total > self.max_bytes:
                self._prune()

    def _sizes(self, kind, keys) -> int:
        """The payload bytes of those of keys (strings) with an entry (lock held)."""
        return sum(row[0] for row in self._rows_of("size", kind, keys))

    def _prune(self):
        """Drop the oldest entries until the payloads fit in _PRUNE_TO of the bound (lock held); an
        entry written in the same batch as one dropped goes too (a tile without its index, say)."""
        target = self.max_bytes * _PRUNE_TO
        drop, kept, last = [], self._total, None
        for kind, key, size, fetched in self._db.execute(
                "SELECT kind, key, size, fetched FROM entries ORDER BY fetched"):
            if kept <= target and fetched != last:
                break
            last = fetched
            drop.append((kind, key))
            kept -= size
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM entries WHERE kind=? AND key=?", drop)
        self._total = kept

    def clear(self):
        """Empty the cache (and shrink the file); listeners (in-memory stores) are told."""
        with self._lock:
            self._db.execute("DELETE FROM entries")
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._total = 0
            listeners = list(self._listeners)
        for listener in listeners:
            listener()

    def add_clear_listener(self, callback):
        with self._lock:
            self._listeners.append(callback)

    def size_bytes(self):
        """The cache's size on disk (database and its WAL)."""
        return sum(path.stat().st_size for path in self.folder.glob(FILE_NAME + "*") if path.is_file())

    def scoped(self, api_url: str) -> "ScopedCache":
        """This cache's entries of the API at api_url (see ScopedCache)."""
        return ScopedCache(self, api_scope(api_url))

    def close(self):
        with self._lock:
            self._db.close()


def api_scope(api_url: str) -> str:
    """The cache's name for an API address: scheme, host (lower case), port and path, without a
    trailing slash, so that spellings of the same address share their entries."""
    parts = urlsplit(api_url.strip())
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return "{}://{}:{}{}".format(scheme, (parts.hostname or "").lower(), port, parts.path.rstrip("/"))


class ScopedCache:
    """The entries of one API address in a shared Cache: the same methods, each kind stored as
    "<address> <kind>". Everything else (size, bound, clear, listeners) is the whole cache's."""

    def __init__(self, cache: Cache, scope: str):
        self.cache = cache
        self.scope = scope

    def _kind(self, kind) -> str:
        return "{} {}".format(self.scope, kind)

    def get(self, kind, key):
        return self.cache.get(self._kind(kind), key)

    def get_encoded(self, kind, key):
        return self.cache.get_encoded(self._kind(kind), key)

    def get_many_encoded(self, kind, keys) -> dict:
        return self.cache.get_many_encoded(self._kind(kind), keys)

    def present(self, kind, keys) -> set:
        return self.cache.present(self._kind(kind), keys)

    def put(self, kind, key, value):
        self.cache.put(self._kind(kind), key, value)

    def put_many(self, kind, items):
        self.cache.put_many(self._kind(kind), items)

    def put_many_encoded(self, kind, items):
        self.cache.put_many_encoded(self._kind(kind), items)

    def put_batch(self, entries):
        self.cache.put_batch([(self._kind(kind), key, payload) for kind, key, payload in entries])

    def __getattr__(self, name):  # encode, decode, clear, sizes, listeners, folder...: the shared cache's
        return getattr(self.cache, name)


_shared_lock = threading.Lock()
_shared = {}


def shared_cache() -> Cache:
    """The process's cache for the configured folder (one per folder), with the configured bounds.
    What reads or writes entries takes `shared_cache().scoped(api address)`."""
    settings = Settings()
    folder = Path(settings.cache_dir)
    with _shared_lock:
        cache = _shared.get(folder)
        if cache is None:
            cache = _shared[folder] = Cache(folder)
    cache.max_bytes = max(1, settings.cache_max_mb) * 1024 * 1024
    cache.expiry_s = max(0, settings.cache_expiry_hours) * 3600.0
    return cache
