"""What can go wrong with the upload journal file, as one exception that names the file.

The upload engine stops on a JournalError (never a raw sqlite3 or OS traceback); the QGIS side
turns its `kind` into a translated message that says what to do. The English `str()` is for logs.
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import contextmanager

EMPTY = "empty"  # the file exists with 0 bytes: its record of uploads is lost
DAMAGED = "damaged"  # not an SQLite database, or a damaged one
UNWRITABLE = "unwritable"  # read-only file or folder, no permission
FULL = "full"  # the disk is full
LOCKED = "locked"  # another program holds the file longer than the timeout
NEWER = "newer"  # written by a newer version of the plugin
OTHER = "other"

_ADVICE = {
    EMPTY: "it is empty (0 bytes), so the record of what was already uploaded is lost",
    DAMAGED: "it is damaged or not an upload journal",
    UNWRITABLE: "it cannot be written (read-only file or folder?)",
    FULL: "the disk is full",
    LOCKED: "another program keeps it locked",
    NEWER: "it was written by a newer version of the plugin",
    OTHER: "it could not be used",
}


class JournalError(Exception):
    """The journal at `path` could not be opened, read or written (`kind`: one of the constants)."""

    def __init__(self, kind: str, path: str, detail: str = ""):
        self.kind = kind
        self.path = path
        self.detail = detail
        super().__init__("The upload journal {}: {}{}.".format(
            path, _ADVICE.get(kind, _ADVICE[OTHER]), " ({})".format(detail) if detail else ""))


def classify(error: BaseException) -> str:
    """The kind of a sqlite3.Error or OSError."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return FULL
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return UNWRITABLE
        return OTHER
    text = str(error).lower()
    if "disk is full" in text or "disk full" in text:
        return FULL
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return UNWRITABLE
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DAMAGED
    if "locked" in text or "busy" in text:
        return LOCKED
    return OTHER


@contextmanager
def guard(path: str):
    """Turn sqlite3 and OS errors raised inside into a JournalError naming `path`."""
    try:
        yield
    except JournalError:
        raise
    except (sqlite3.Error, OSError) as error:
        raise JournalError(classify(error), path, str(error) or type(error).__name__) from error
