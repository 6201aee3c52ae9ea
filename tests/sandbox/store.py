"""What clients upload, kept in SQLite under the data dir so it survives a restart of the sandbox.

Photo files go next to the database; the UNIQUE (sequence_id, sequence_index) constraint is what
makes a second upload of the same index a duplicate (apiCode 660), as on the real server.
"""

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

FIRST_UPLOAD_SEQUENCE_ID = 9000001  # far above the generated world's ids
FIRST_UPLOAD_PHOTO_ID = 900000001

SCHEMA = """
CREATE TABLE IF NOT EXISTS sequences (
    id INTEGER PRIMARY KEY, user_id TEXT, username TEXT, date_added TEXT, current_lat REAL,
    current_lng REAL, fields TEXT, metadata_file TEXT, finished INTEGER DEFAULT 0, finished_at TEXT);
CREATE TABLE IF NOT EXISTS photos (
    id INTEGER PRIMARY KEY, sequence_id INTEGER, sequence_index INTEGER, lat REAL, lng REAL,
    fields TEXT, file_name TEXT, file_path TEXT, size INTEGER, date_added TEXT,
    UNIQUE (sequence_id, sequence_index));
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, kind TEXT, user_id TEXT, issued_at TEXT);
"""


class Duplicate(Exception):
    """(sequence_id, sequence_index) is already stored."""


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")  # utcnow() is deprecated since 3.12


class UploadStore:
    def __init__(self, data_dir):
        self.root = Path(data_dir)
        self.files = self.root / "uploads"
        self.files.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.root / "uploads.sqlite"), check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        # No fsync at each stored photo (tens of ms on a VM disk, which benchmarks would charge to the
        # client); a crash of the sandbox itself loses nothing a test needs.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._lock, self._db:
            self._db.executescript(SCHEMA)

    def close(self):
        with self._lock:
            self._db.close()

    def _query(self, sql, args=()):
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # ---- tokens -------------------------------------------------------------------------------
    def add_token(self, token, kind, user_id):
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO tokens VALUES (?, ?, ?, ?)", (token, kind, user_id, _now()))

    def token_user(self, token, kind):
        rows = self._query("SELECT user_id FROM tokens WHERE token = ? AND kind = ?", (token, kind))
        return rows[0]["user_id"] if rows else None

    # ---- sequences ----------------------------------------------------------------------------
    def create_sequence(self, user_id, username, lat, lng, fields, metadata=None):
        """The new sequence id; `metadata` = (file name, bytes) of the uploaded metaData file."""
        with self._lock, self._db:
            top = self._db.execute("SELECT MAX(id) FROM sequences").fetchone()[0]
            sequence_id = max(top or 0, FIRST_UPLOAD_SEQUENCE_ID - 1) + 1
            metadata_file = None
            if metadata:
                folder = self.files / str(sequence_id)
                folder.mkdir(exist_ok=True)
                metadata_file = str(folder / ("metadata-" + Path(metadata[0] or "track.txt").name))
                Path(metadata_file).write_bytes(metadata[1])
            self._db.execute(
                "INSERT INTO sequences (id, user_id, username, date_added, current_lat, current_lng, fields,"
                " metadata_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (sequence_id, user_id, username, _now(), lat, lng, json.dumps(fields), metadata_file))
        return sequence_id

    def sequence(self, sequence_id):
        rows = self._query("SELECT * FROM sequences WHERE id = ?", (sequence_id,))
        return self._sequence_dict(rows[0]) if rows else None

    def finish(self, sequence_id):
        with self._lock, self._db:
            self._db.execute("UPDATE sequences SET finished = 1, finished_at = ? WHERE id = ?", (_now(), sequence_id))

    @staticmethod
    def _sequence_dict(row):
        record = dict(row)
        record["fields"] = json.loads(record["fields"])
        record["finished"] = bool(record["finished"])
        return record

    # ---- photos -------------------------------------------------------------------------------
    def add_photo(self, sequence_id, sequence_index, lat, lng, fields, file_name, data):
        """The stored photo record; raises Duplicate when the index is already there."""
        with self._lock:
            exists = self._db.execute("SELECT 1 FROM photos WHERE sequence_id = ? AND sequence_index = ?",
                                      (sequence_id, sequence_index)).fetchone()
            if exists:
                raise Duplicate()
            top = self._db.execute("SELECT MAX(id) FROM photos").fetchone()[0]
            photo_id = max(top or 0, FIRST_UPLOAD_PHOTO_ID - 1) + 1
            folder = self.files / str(sequence_id)
            folder.mkdir(exist_ok=True)
            stored_name = "{}_{}_{}.jpg".format(sequence_id, sequence_index, photo_id)
            (folder / stored_name).write_bytes(data)
            with self._db:
                self._db.execute(
                    "INSERT INTO photos (id, sequence_id, sequence_index, lat, lng, fields, file_name, file_path,"
                    " size, date_added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (photo_id, sequence_id, sequence_index, lat, lng, json.dumps(fields), file_name,
                     str(folder / stored_name), len(data), _now()))
        return self.photo(photo_id)

    def photo(self, photo_id):
        rows = self._query("SELECT * FROM photos WHERE id = ?", (photo_id,))
        return self._photo_dict(rows[0]) if rows else None

    def photos(self, sequence_id):
        rows = self._query("SELECT * FROM photos WHERE sequence_id = ? ORDER BY sequence_index", (sequence_id,))
        return [self._photo_dict(row) for row in rows]

    @staticmethod
    def _photo_dict(row):
        record = dict(row)
        record["fields"] = json.loads(record["fields"])
        record["stored_name"] = Path(record["file_path"]).name
        return record

    def photo_by_stored_name(self, stored_name):
        photo_id = stored_name.rsplit(".", 1)[0].rsplit("_", 1)[-1]
        photo = self.photo(int(photo_id)) if photo_id.isdigit() else None
        return photo if photo and photo["stored_name"] == stored_name else None

    def all_sequences(self):
        """{sequence id: sequence record with its photos}: what `Sandbox.uploads()` shows."""
        result = {}
        for row in self._query("SELECT * FROM sequences ORDER BY id"):
            record = self._sequence_dict(row)
            record["photos"] = self.photos(record["id"])
            result[record["id"]] = record
        return result
