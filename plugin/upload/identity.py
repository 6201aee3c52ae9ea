"""A photo's identity: the SHA-256 of its file's bytes.

Touching a photo, copying a card's folder again or moving the files leaves the bytes as they were,
so the journal still knows the photo. Hashing reads the whole file, streamed through a bounded
buffer; the journal caches the result by path, size and modification time (`DigestCache`), so
planning the same folder again reads only what changed.
"""

from __future__ import annotations

import hashlib

KEY_PREFIX = "sha256:"
_BUFFER = 1024 * 1024


def file_key(path) -> str:
    """The identity of the photo file at `path` (raises OSError if it cannot be read)."""
    digest = hashlib.sha256()
    buffer = bytearray(_BUFFER)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as stream:
        while True:
            count = stream.readinto(buffer)
            if not count:
                break
            digest.update(view[:count])
    return KEY_PREFIX + digest.hexdigest()


class DigestCache:
    """The photo keys the journal already computed, by (path, size, mtime in ns); new ones are
    written in batches (`flush`, also at every `_BATCH`)."""

    _BATCH = 256

    def __init__(self, journal):
        self._journal = journal
        self._new = []

    def key(self, path, size, mtime_ns) -> str:
        key = self._journal.cached_key(path, size, mtime_ns)
        if key is None:
            key = file_key(path)
            self._new.append((path, size, mtime_ns, key))
            if len(self._new) >= self._BATCH:
                self.flush()
        return key

    def flush(self):
        if self._new:
            self._journal.cache_keys(self._new)
            self._new = []


class NoCache:
    """Hash every file (a plan made without a journal, e.g. a dry run's check or a test)."""

    @staticmethod
    def key(path, size, mtime_ns) -> str:
        return file_key(path)

    def flush(self):
        pass
