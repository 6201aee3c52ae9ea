"""Turn a stream of photos into upload sequences: validation, ordering, splitting, near-duplicates.

Deterministic: the same input gives the same sequences with the same keys, which is what lets the
journal resume an interrupted upload. The plan's data types and skip reasons are in plan_types.py,
the checks of one photo and between two in photo_checks.py.

Memory does not grow with the number of photos: `Plan.add` records each photo in a private
temporary SQLite database as it is read (duplicate files are found through a UNIQUE index), the
ordering is an SQL sort, the splitting one pass over the sorted rows, and sequences, photos and
skips are read back lazily, a page at a time.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from . import panorama, photo_checks, scratch
from .identity import NoCache
from .plan_types import (
    REASON_MISSING_FILE,
    REASON_NEAR_DUPLICATE,
    REASON_NO_PATH,
    REASON_NO_POSITION,
    REASON_NO_TIME,
    REASON_SAME_FILE,
    REASON_SAME_PHOTO,
    PhotoInput,
    PlannedPhoto,
    PlannedSequence,
    PlanOptions,
    Skip,
)
from .scratch import ScratchDatabase

_SCHEMA = """
CREATE TABLE photos (
    ordinal INTEGER PRIMARY KEY,  -- input order
    ref,
    path TEXT,
    claim TEXT UNIQUE,  -- the real path of a valid photo: a second photo of the same file is refused
    key TEXT UNIQUE,  -- set for valid photos only: a second file with the same bytes is refused
    lat REAL, lng REAL, t TEXT, base TEXT, heading REAL,
    grp, gkey TEXT,
    proj TEXT, fov INTEGER, yaw REAL, proj_source TEXT,
    reason TEXT, detail TEXT  -- set for skipped photos
);
CREATE TABLE ranked (pos INTEGER PRIMARY KEY, ordinal INTEGER, gkey TEXT);
CREATE TABLE firsts (gkey TEXT PRIMARY KEY, first INTEGER);
CREATE TABLE ordered (pos INTEGER PRIMARY KEY, ordinal INTEGER, seq INTEGER, idx INTEGER);
CREATE TABLE sequences (number INTEGER PRIMARY KEY, key TEXT, size INTEGER, lat REAL, lng REAL, grp,
                        first_pos INTEGER, last_pos INTEGER, spheres INTEGER, length_m REAL,
                        first_t TEXT, last_t TEXT);
"""


class Plan(ScratchDatabase):
    """The plan of one upload, in a private temporary SQLite database deleted by `close`.

    `add` every photo, `split` once, then read `sequences()`, `photos(sequence)` and `skipped()`
    (each a lazy iterator; use them on the thread that made the plan).
    """

    def __init__(self, options: PlanOptions = PlanOptions(), keys=None):
        """`keys`: where photo keys come from, an identity.DigestCache (hashes cached in the journal)
        or by default identity.NoCache (every file hashed)."""
        super().__init__(_SCHEMA)
        self.options = options
        self._keys = keys or NoCache()
        self.photo_count = self.sequence_count = self.skipped_count = 0
        self._split = False
        self._db.execute("BEGIN")  # one transaction for all the adds: committed by split()

    # -- input ------------------------------------------------------------------------------------

    def add(self, photo: PhotoInput) -> None:
        """Validate and record one photo (in input order); a bad one is recorded as skipped."""
        if self._split:
            raise RuntimeError("photos cannot be added once the plan is split")
        if not photo.path or not str(photo.path).strip():
            return self._skip(photo, photo.path, REASON_NO_PATH)
        path = os.path.realpath(os.path.expanduser(str(photo.path).strip()))
        if not photo_checks.has_position(photo.lat, photo.lng):
            return self._skip(photo, path, REASON_NO_POSITION)
        captured_at = photo_checks.utc(photo.captured_at)
        if captured_at is None:
            return self._skip(photo, path, REASON_NO_TIME)
        first = self._db.execute("SELECT ref FROM photos WHERE claim=?", (path,)).fetchone()
        if first is not None:  # a file already claimed was valid: checking it again is useless
            return self._skip(photo, path, REASON_SAME_FILE, str(first[0]))
        stat, reason, detail = photo_checks.check_file(path)
        if stat is None:
            return self._skip(photo, path, reason, detail)
        try:
            projection = panorama.detect(path, by_shape=self.options.detect_360_by_shape,
                                         override=panorama.layer_value(photo.projection))
        except OSError as error:
            return self._skip(photo, path, REASON_MISSING_FILE, error.strerror or str(error))
        try:
            key = self._keys.key(path, stat.st_size, stat.st_mtime_ns)
        except OSError as error:
            return self._skip(photo, path, REASON_MISSING_FILE, error.strerror or str(error))
        first = self._db.execute("SELECT ref FROM photos WHERE key=?", (key,)).fetchone()
        if first is not None:  # a copy of a photo already planned: it would be stored twice
            return self._skip(photo, path, REASON_SAME_PHOTO, str(first[0]))
        group = photo.group if self.options.use_groups else None
        self._db.execute(
            "INSERT INTO photos (ref, path, claim, key, lat, lng, t, base, heading, grp, gkey, proj, fov, yaw,"
            " proj_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (photo.ref, path, path, key, float(photo.lat), float(photo.lng), _time_text(captured_at),
             os.path.basename(path), photo_checks.heading(photo.heading), group,
             "" if group is None else "=" + str(group), projection.kind, projection.field_of_view, projection.yaw,
             projection.source),
        )

    def _skip(self, photo, path, reason, detail=""):
        self._db.execute("INSERT INTO photos (ref, path, reason, detail) VALUES (?,?,?,?)",
                         (photo.ref, path, reason, detail))

    # -- splitting --------------------------------------------------------------------------------

    def split(self) -> None:
        """Order the valid photos, split them into sequences and skip near-duplicates."""
        if self._split:
            return
        self._split = True
        self._keys.flush()
        db = self._db
        # Capture time, then file name: the official uploader's order, stable for equal times.
        # Rows get their `pos` in the order the SELECT produces them.
        db.execute("INSERT INTO ranked (ordinal, gkey) SELECT ordinal, gkey FROM photos WHERE key IS NOT NULL"
                   " ORDER BY t, base, path")
        if self.options.use_groups:  # groups one after the other, in the order of their first photo
            db.execute("INSERT INTO firsts SELECT gkey, MIN(pos) FROM ranked GROUP BY gkey")
            db.execute("INSERT INTO ordered (ordinal) SELECT r.ordinal FROM ranked r JOIN firsts f USING (gkey)"
                       " ORDER BY f.first, r.pos")
        else:
            db.execute("INSERT INTO ordered (ordinal) SELECT ordinal FROM ranked ORDER BY pos")
        db.execute("DELETE FROM ranked")
        _Splitter(self).run()
        db.execute("COMMIT")
        self.sequence_count, self.photo_count = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM sequences").fetchone()
        self.skipped_count = db.execute("SELECT COUNT(*) FROM photos WHERE reason IS NOT NULL").fetchone()[0]

    # -- reading back -----------------------------------------------------------------------------

    def sequences(self):
        """The PlannedSequences in upload order."""
        for row in self._pages("SELECT number, number, key, size, lat, lng, grp, spheres, length_m, first_t, last_t"
                               " FROM sequences WHERE number > ? ORDER BY number LIMIT ?", ()):
            yield PlannedSequence(*row[1:9], _datetime(row[9]), _datetime(row[10]))

    def photos(self, sequence: PlannedSequence):
        """The PlannedPhotos of a sequence, in index order."""
        first, last = self._db.execute("SELECT first_pos, last_pos FROM sequences WHERE number=?",
                                       (sequence.number,)).fetchone()
        for row in self._pages(
                "SELECT o.pos, p.ref, p.path, p.key, p.lat, p.lng, p.t, p.heading, o.idx, p.proj, p.fov, p.yaw,"
                " p.proj_source FROM ordered o JOIN photos p USING (ordinal)"
                " WHERE o.pos > ? AND o.pos <= ? AND o.seq = ? ORDER BY o.pos LIMIT ?",
                (last, sequence.number), start=first - 1):
            yield PlannedPhoto(row[1], row[2], row[3], row[4], row[5], datetime.fromisoformat(row[6]), row[7],
                               row[8], *row[9:13])

    def projection_counts(self) -> dict:
        """{(projection, where it came from): number of photos to upload} (panorama.PLANE/SPHERE, FROM_*)."""
        if not self._split:
            raise RuntimeError("the plan must be split before it is read")
        return {(row[0], row[1]): row[2] for row in self._db.execute(
            "SELECT p.proj, p.proj_source, COUNT(*) FROM ordered o JOIN photos p USING (ordinal)"
            " WHERE o.seq IS NOT NULL GROUP BY p.proj, p.proj_source")}

    def skipped(self):
        """The Skips, in input order."""
        for row in self._pages("SELECT ordinal, ref, path, reason, detail FROM photos"
                               " WHERE ordinal > ? AND reason IS NOT NULL ORDER BY ordinal LIMIT ?", ()):
            yield Skip(*row[1:])

    def _pages(self, sql, params=(), start=-1):
        if not self._split:
            raise RuntimeError("the plan must be split before it is read")
        return super()._pages(sql, params, start)


class _Splitter:
    """One pass over the ordered valid photos: sequences where gaps are too large (or where the
    group changes), near-duplicates of the last kept photo skipped, at most max_photos each."""

    def __init__(self, plan: Plan):
        self.db = plan._db
        self.options = plan.options
        self.previous = None  # the previous valid photo (gaps are measured between valid photos)
        self.kept = None  # the last kept photo of the current run (near-duplicates compare with it)
        self.sequence: Optional[_OpenSequence] = None
        self.number = 0

    def run(self):
        after = 0
        while True:
            rows = self.db.execute(
                "SELECT o.pos, p.ordinal, p.ref, p.key, p.lat, p.lng, p.t, p.heading, p.gkey, p.grp, p.proj"
                " FROM ordered o JOIN photos p USING (ordinal) WHERE o.pos > ? ORDER BY o.pos LIMIT ?",
                (after, scratch.PAGE)).fetchall()
            placed, skipped = [], []
            for row in rows:
                self._photo(_Row(*row), placed, skipped)
            self.db.executemany("UPDATE ordered SET seq=?, idx=? WHERE pos=?", placed)
            self.db.executemany("UPDATE photos SET reason=?, detail=? WHERE ordinal=?", skipped)
            if len(rows) < scratch.PAGE:
                break
            after = rows[-1][0]
        self._close_sequence()

    def _photo(self, row, placed, skipped):
        # Without groups a sequence is all 360° or all flat, as KartaView shows a sequence as one or the other.
        new_run = self.previous is None or (
            row.gkey != self.previous.gkey if self.options.use_groups
            else row.proj != self.previous.proj or photo_checks.too_far(self.previous, row, self.options))
        self.previous = row
        if new_run:
            self.kept = None
        elif self.kept is not None and not self.options.keep_duplicates and photo_checks.near_duplicate(self.kept, row):
            skipped.append((REASON_NEAR_DUPLICATE, str(self.kept.ref), row.ordinal))
            return
        self.kept = row
        if new_run or self.sequence.size >= max(1, self.options.max_photos):
            self._close_sequence()
            self.number += 1
            self.sequence = _OpenSequence(self.number, hashlib.sha1(usedforsecurity=False), first=row, last=row)
        else:
            self.sequence.digest.update(b"\n")
        sequence = self.sequence
        sequence.length_m += photo_checks.distance_m(sequence.last.lat, sequence.last.lng, row.lat, row.lng)
        sequence.last = row
        if row.proj == panorama.SPHERE:
            sequence.spheres += 1
        sequence.digest.update(row.key.encode("utf-8"))
        placed.append((sequence.number, sequence.size, row.pos))
        sequence.size += 1

    def _close_sequence(self):
        sequence = self.sequence
        if sequence is None:
            return
        first, last = sequence.first, sequence.last
        self.db.execute("INSERT INTO sequences VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (sequence.number, sequence.digest.hexdigest(), sequence.size, first.lat, first.lng,
                         first.grp, first.pos, last.pos, sequence.spheres, sequence.length_m, first.t, last.t))
        self.sequence = None


@dataclass
class _OpenSequence:
    """The sequence the splitter is filling: its key is the digest of its photos' keys."""
    number: int
    digest: Any  # hashlib sha1
    first: _Row
    last: _Row
    size: int = 0
    spheres: int = 0
    length_m: float = 0.0


@dataclass(frozen=True)
class _Row:
    pos: int
    ordinal: int
    ref: Any
    key: str
    lat: float
    lng: float
    t: str
    heading: Optional[float]
    gkey: str
    grp: Optional[str]
    proj: Optional[str]

    @property
    def captured_at(self) -> datetime:
        return datetime.fromisoformat(self.t)


def _time_text(value: datetime) -> str:
    """Fixed width (4-digit year, microseconds always), so that text order is time order."""
    return value.isoformat(sep=" ", timespec="microseconds")


def _datetime(text) -> Optional[datetime]:
    return datetime.fromisoformat(text) if text else None
