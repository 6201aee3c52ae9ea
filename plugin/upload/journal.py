"""The upload journal: an SQLite file that remembers, per KartaView server, what was sent where.

Every state change is committed before the network call it announces and again after it, so a
crash, a cancel or a lost connection at any point leaves a journal from which the next run of the
same input resumes the same sequences:

- sequences: planned -> creating -> created(id) -> finishing -> finished
- photos:    pending -> sending -> confirmed | failed (failed = tried, outcome unknown; resent later)

Keys: a photo is the hash of its file's bytes (the planner's `PlannedPhoto.key`, see identity.py),
so a touched, copied or moved file is the same photo; a sequence is the planner's hash of its
photos' keys. Everything is under a namespace (the API base URL), so a sandbox run never counts as
an upload to the real service. No secret is ever stored here.

Runs at the same time (two toolbox runs, a headless one) share the file: each registers itself
with its process and a heartbeat (`runs`), and works on a sequence only while it holds the
sequence's claim (`sequences.owner`, see claims.py): no two runs create or fill the same sequence,
and a run killed mid-upload leaves claims the next run takes over.

One connection shared by the uploader's threads behind a lock; WAL mode so that readers (another
QGIS) are not blocked and a killed process never corrupts the file. A new journal is built under a
temporary name and linked into place, so a journal file is never empty unless something else
emptied it: an empty, damaged or unwritable journal raises a JournalError naming the file, never
a silent fresh start that would upload everything again.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from . import claims
from .identity import KEY_PREFIX, file_key
from .journal_errors import DAMAGED, EMPTY, NEWER, JournalError, guard

SCHEMA_VERSION = 2
_CACHE_KIB = 256

PLANNED, CREATING, CREATED, FINISHING, FINISHED = "planned", "creating", "created", "finishing", "finished"
PENDING, SENDING, CONFIRMED, FAILED = "pending", "sending", "confirmed", "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sequences (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    sequence_id INTEGER,
    state TEXT NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    updated TEXT NOT NULL,
    owner TEXT,
    PRIMARY KEY (namespace, key)
);
CREATE TABLE IF NOT EXISTS photos (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    sequence_key TEXT NOT NULL,
    sequence_index INTEGER NOT NULL,
    state TEXT NOT NULL,
    photo_id INTEGER,
    duplicate INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
CREATE INDEX IF NOT EXISTS photos_by_sequence ON photos (namespace, sequence_key);
CREATE TABLE IF NOT EXISTS runs (
    run TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started TEXT NOT NULL,
    heartbeat REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    key TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class SequenceRecord:
    key: str
    sequence_id: Optional[int]
    state: str
    lat: float
    lng: float


@dataclass(frozen=True)
class PhotoRecord:
    key: str
    path: str
    sequence_key: str
    sequence_index: int
    state: str
    photo_id: Optional[int]
    duplicate: bool


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Journal(claims.Claims):
    def __init__(self, path, namespace: str):
        self.path = str(path)
        self.namespace = namespace
        self._lock = threading.Lock()
        with guard(self.path):
            if not os.path.exists(self.path):
                _create(self.path)
            if os.path.getsize(self.path) == 0:
                raise JournalError(EMPTY, self.path)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise
        super().__init__()

    def _open(self):
        with guard(self.path):
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process (the case that matters); after a power cut the
            # last commits may be lost, which the protocol tolerates (a resend is answered "duplicate").
            self._db.execute("PRAGMA synchronous=NORMAL")
            # A small page cache: the file grows with every photo ever uploaded, the memory must not.
            self._db.execute("PRAGMA cache_size=-{}".format(_CACHE_KIB))
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise JournalError(NEWER, self.path)
            if version == 0:  # a journal is created with its schema: this file is something else
                raise JournalError(DAMAGED, self.path, "not an upload journal")
            if version < SCHEMA_VERSION:
                _upgrade(db)
            _create_schema(db)

    def close(self):
        with self._lock:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextmanager
    def _transaction(self):
        with self._lock, guard(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # e.g. SQLite already rolled back after a full disk; the first error says why
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _reading(self):
        with self._lock, guard(self.path):
            yield self._db

    # -- planning ---------------------------------------------------------------------------------

    def register(self, sequence, photos):
        """Record a planned sequence and its photos (an iterable, read once), in one transaction.

        A photo keeps the sequence and index it already has in the journal once it may have reached
        the server (sending/failed in a created sequence, or confirmed): sending it anywhere else
        could store it twice. Otherwise it takes the plan's place. So re-running the same input
        resumes the same sequences, and re-running it with other splitting options never duplicates.
        Where each photo goes is then `photo(key)`.
        """
        ns = self.namespace
        now = _now()
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO sequences (namespace, key, state, lat, lng, updated) VALUES (?,?,?,?,?,?)",
                (ns, sequence.key, PLANNED, sequence.lat, sequence.lng, now),
            )
            for photo in photos:
                row = self._photo_row(db, photo.key)
                if row is None:
                    db.execute(
                        "INSERT INTO photos (namespace, key, path, sequence_key, sequence_index, state, updated)"
                        " VALUES (?,?,?,?,?,?,?)",
                        (ns, photo.key, photo.path, sequence.key, photo.index, PENDING, now),
                    )
                elif (row.sequence_key, row.sequence_index) != (sequence.key, photo.index) and not self._sticky(
                    db, row
                ):
                    db.execute(
                        "UPDATE photos SET sequence_key=?, sequence_index=?, state=?, updated=?"
                        " WHERE namespace=? AND key=?",
                        (sequence.key, photo.index, PENDING, now, ns, photo.key),
                    )

    def _sticky(self, db, row: PhotoRecord) -> bool:
        if row.state == CONFIRMED:
            return True
        if self._claimed_by_other(db, row.sequence_key):  # another run may be sending it right now
            return True
        if row.state in (SENDING, FAILED):
            sequence = self._sequence_row(db, row.sequence_key)
            return sequence is not None and sequence.sequence_id is not None
        return False

    # -- reading ----------------------------------------------------------------------------------

    def sequence(self, key: str) -> Optional[SequenceRecord]:
        with self._reading() as db:
            return self._sequence_row(db, key)

    def photo(self, key: str) -> Optional[PhotoRecord]:
        with self._reading() as db:
            return self._photo_row(db, key)

    def unconfirmed(self, sequence_key: str) -> int:
        """How many photos recorded in a sequence are not confirmed yet."""
        with self._reading() as db:
            return db.execute(
                "SELECT COUNT(*) FROM photos WHERE namespace=? AND sequence_key=? AND state!=?",
                (self.namespace, sequence_key, CONFIRMED),
            ).fetchone()[0]

    def _sequence_row(self, db, key):
        row = db.execute(
            "SELECT key, sequence_id, state, lat, lng FROM sequences WHERE namespace=? AND key=?", (self.namespace, key)
        ).fetchone()
        return SequenceRecord(*row) if row else None

    def _photo_row(self, db, key):
        row = db.execute(
            "SELECT key, path, sequence_key, sequence_index, state, photo_id, duplicate FROM photos"
            " WHERE namespace=? AND key=?",
            (self.namespace, key),
        ).fetchone()
        return PhotoRecord(*row[:6], bool(row[6])) if row else None

    # -- state changes (each one committed at once) -----------------------------------------------

    def _set_sequence(self, key, state, sequence_id=None):
        with self._transaction() as db:
            if sequence_id is None:
                db.execute(
                    "UPDATE sequences SET state=?, updated=? WHERE namespace=? AND key=?",
                    (state, _now(), self.namespace, key),
                )
            else:
                db.execute(
                    "UPDATE sequences SET state=?, sequence_id=?, updated=? WHERE namespace=? AND key=?",
                    (state, sequence_id, _now(), self.namespace, key),
                )

    def creating(self, key: str):
        self._set_sequence(key, CREATING)

    def not_created(self, key: str):
        """The create call was refused (KartaView answered): back to planned, not ambiguous."""
        self._set_sequence(key, PLANNED)

    def created(self, key: str, sequence_id: int):
        self._set_sequence(key, CREATED, int(sequence_id))

    def finishing(self, key: str):
        self._set_sequence(key, FINISHING)

    def finished(self, key: str):
        self._set_sequence(key, FINISHED)

    def _set_photo(self, key, state, **values):
        columns = "".join(", {}=?".format(name) for name in values)
        query = "UPDATE photos SET state=?, updated=?{} WHERE namespace=? AND key=?".format(columns)  # nosec B608 # column names are this module's keywords; values are bound
        with self._transaction() as db:
            db.execute(query, (state, _now(), *values.values(), self.namespace, key))

    def sending(self, key: str):
        self._set_photo(key, SENDING)

    def confirmed(self, key: str, photo_id: Optional[int], duplicate: bool):
        self._set_photo(key, CONFIRMED, photo_id=photo_id, duplicate=int(bool(duplicate)), error=None)

    def failed(self, key: str, error: str):
        self._set_photo(key, FAILED, error=error)

    # -- the photo keys' cache (see identity.DigestCache) -------------------------------------------

    def cached_key(self, path: str, size: int, mtime_ns: int) -> Optional[str]:
        with self._reading() as db:
            row = db.execute("SELECT key FROM files WHERE path=? AND size=? AND mtime_ns=?",
                             (path, size, mtime_ns)).fetchone()
        return row[0] if row else None

    def cache_keys(self, entries):
        """(path, size, mtime_ns, key) of files just hashed."""
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO files (path, size, mtime_ns, key) VALUES (?,?,?,?)", entries)


def _create(path):
    """A new journal with its schema, built under a temporary name and linked into place: a
    journal file is never seen half made, and two runs creating it at once get the same one."""
    fd, temporary = tempfile.mkstemp(prefix=".journal-", suffix=".new", dir=os.path.dirname(path) or ".")
    os.close(fd)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            _create_schema(db)
            db.execute("COMMIT")
        finally:
            db.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another run made it first: use theirs
        except OSError:  # a file system without hard links
            if not os.path.exists(path):
                os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _create_schema(db):
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version={}".format(SCHEMA_VERSION))


def _upgrade(db):
    """Version 1 knew a photo by path|size|mtime: its photos still on disk, unchanged, get their
    content key, so photos uploaded by an earlier version are not uploaded again."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(sequences)")]
    if "owner" not in columns:
        db.execute("ALTER TABLE sequences ADD COLUMN owner TEXT")
    rows = db.execute("SELECT namespace, key FROM photos WHERE key NOT LIKE ?", (KEY_PREFIX + "%",)).fetchall()
    for namespace, key in rows:
        path, _, rest = key.rpartition("|")
        path, _, size = path.rpartition("|")
        try:
            stat = os.stat(path)
            if (str(stat.st_size), str(stat.st_mtime_ns)) != (size, rest):
                continue
            new_key = file_key(path)
        except OSError:
            continue  # gone or changed: it stays known by its old key
        if db.execute("SELECT 1 FROM photos WHERE namespace=? AND key=?", (namespace, new_key)).fetchone():
            continue
        db.execute("UPDATE photos SET key=? WHERE namespace=? AND key=?", (new_key, namespace, key))
