"""The rows of an upload report, one per input photo, kept on disk until they are written out.

The report layer has a row per input photo in input order, but its values are only known once
the photo is planned, skipped or answered. Keeping them (and the input geometry) in a private
temporary SQLite database instead of a dict keeps memory independent of the number of photos.
"""

from .scratch import ScratchDatabase

_COMMIT_EVERY = 500


class ReportRows(ScratchDatabase):
    """`add` each input photo in input order, `set` its values by ref, read them back with `rows`.

    Values are (path, sequence number, sequence id, index, status, reason, url, projection, reason code).
    Use it on one thread.
    """

    def __init__(self):
        super().__init__(
            "CREATE TABLE rows (ordinal INTEGER PRIMARY KEY, ref UNIQUE, geometry BLOB, path TEXT, number INTEGER,"
            " sequence_id INTEGER, idx INTEGER, status TEXT, reason TEXT, url TEXT, projection TEXT, code TEXT)")
        self._uncommitted = 0

    def add(self, ref, geometry: bytes, path) -> None:
        """One input photo: its ref (int or str, unique), its geometry (e.g. WKB) and its path."""
        self._write("INSERT INTO rows (ref, geometry, path) VALUES (?,?,?)", (ref, geometry, path))

    def set(self, ref, path, number, sequence_id, index, status, reason, url, projection=None, code=None) -> None:
        """The values of the photo `ref` (a path None keeps the input one); `code` is the reason's code."""
        self._write("UPDATE rows SET path=COALESCE(?, path), number=?, sequence_id=?, idx=?, status=?, reason=?,"
                    " url=?, projection=?, code=? WHERE ref=?",
                    (path, number, sequence_id, index, status, reason, url, projection, code, ref))

    def rows(self):
        """(geometry, path, number, sequence id, index, status, reason, url, projection, code) in input
        order; status None for a photo that never got values."""
        self._commit()
        for row in self._pages("SELECT ordinal, geometry, path, number, sequence_id, idx, status, reason, url,"
                               " projection, code FROM rows WHERE ordinal > ? ORDER BY ordinal LIMIT ?"):
            yield row[1:]

    def _write(self, sql, values):
        # Batched transactions: one commit per write would cost more than the write.
        if not self._uncommitted:
            self._db.execute("BEGIN")
        self._db.execute(sql, values)
        self._uncommitted += 1
        if self._uncommitted >= _COMMIT_EVERY:
            self._commit()

    def _commit(self):
        if self._uncommitted:
            self._db.execute("COMMIT")
            self._uncommitted = 0
