"""What the loaders know: an in-memory LRU over the on-disk cache, for tiles, sequences and photo lists.

Reads never touch the network: memory first, then the SQLite cache (a few ms), which also fills
memory. Stale disk entries are returned with fresh=False so the caller shows them and refreshes.
Writes to the disk cache are queued and done by one writer thread in batches: encoding a tile
(~10 ms) and SQLite then overlap with the network instead of delaying the loaders. A PhotoList
written (or read back) keeps that compressed copy instead of its parsed JSON: a tenth of the memory.
"""

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, NamedTuple

from ..client.models import PhotoList
from ..core.cache import LINES, PHOTO_LISTS, SEQUENCE_RECORDS, TILE_INDEXES, TILES, Cache
from ..core.log import log_warning
from . import codec, tracks
from .jobs import CoverageTile

# Memory bounds (entries); what is evicted stays on disk.
MAX_TILES = 1024
MAX_SEQUENCES = 20000
MAX_TRACKS = 4000
MAX_INDEXES = 2048
# The parsed JSON of the photo lists read from disk last is kept for this many photos (~2.5 kB each):
# a list read back is packed at once, and its sample photos or first photo are built just after.
RECENT_READ_PHOTOS = 10000


class Entry(NamedTuple):
    """What the store knows of a key: the value, and whether it is fresh (else shown and asked again)."""
    value: Any
    fresh: bool


class _Lru:
    def __init__(self, capacity):
        self.capacity = capacity
        self._items = OrderedDict()

    def get(self, key, default=None):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return default

    def put(self, key, value):
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def items(self):
        return list(self._items.items())

    def clear(self):
        self._items.clear()


_MISSING = object()
class Codec(NamedTuple):
    encode: Callable
    decode: Callable


_CODECS = {  # kind -> Codec; tiles: see tile_codec
    SEQUENCE_RECORDS: Codec(codec.encode_sequence, codec.decode_sequence),
    PHOTO_LISTS: Codec(codec.encode_photo_list, codec.decode_sequence_photos),
    TILE_INDEXES: Codec(tracks.encode_index, tracks.decode_index),
    LINES: Codec(tracks.encode_line, tracks.decode_line),
}
_TILE_KEYED = (TILES, TILE_INDEXES)
# Stored without compression: a line is packed doubles in base64, which zlib shrinks by a third but
# then costs a fresh view ~15 us a line to read back.
_UNCOMPRESSED = (LINES,)


def tile_codec(tile_key):
    """The Codec of a tile's content: road segments for coverage tiles, a PhotoList otherwise."""
    if isinstance(tile_key, CoverageTile):
        return Codec(codec.encode_segments, lambda value: tuple(codec.decode_segments(value)))
    return Codec(codec.encode_photo_list, codec.decode_photo_list)


def _disk_key(kind, key) -> str:
    return key.disk_key if kind in _TILE_KEYED else str(key)


def _unpack_photos(encoded):
    return codec.photo_items(Cache.decode(encoded))


class _RecentReads:
    """encoded photo list -> its JSON items, for the lists read from disk last (up to a photo count)."""

    def __init__(self, max_photos):
        self.max_photos = max_photos
        self._items = OrderedDict()
        self._photos = 0

    def put(self, encoded, items):  # under the store's lock
        if encoded not in self._items:
            self._items[encoded] = items
            self._photos += len(items)
        while self._photos > self.max_photos:
            self._photos -= len(self._items.popitem(last=False)[1])

    def get(self, encoded):
        return self._items.get(encoded)

    def clear(self):
        self._items.clear()
        self._photos = 0


class Store:
    """Thread-safe. Entries: Entry(value, fresh). Keys: tiles (jobs.PhotoTile, jobs.CoverageTile), sequence ids."""

    def __init__(self, cache):
        self.cache = cache
        self.generation = 0  # counts the changes of what is known (a read from disk is none)
        self._lock = threading.Lock()
        self._memory = {TILES: _Lru(MAX_TILES), SEQUENCE_RECORDS: _Lru(MAX_SEQUENCES), PHOTO_LISTS: _Lru(MAX_TRACKS),
                        TILE_INDEXES: _Lru(MAX_INDEXES), LINES: _Lru(MAX_TRACKS)}
        self._queued = []  # (kind, key, value) for the writer
        self._recent = _RecentReads(RECENT_READ_PHOTOS)
        self._writer = None
        if cache is not None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kartaview-cache-writer")
            cache.add_clear_listener(self.clear)

    def _codec(self, kind, key):
        return tile_codec(key) if kind == TILES else _CODECS[kind]

    def get(self, kind, key, disk=True):
        """The Entry or None; the disk cache answers what memory lacks (unless disk=False)."""
        with self._lock:
            entry = self._memory[kind].get(key, _MISSING)
        if entry is not _MISSING:
            return entry
        if self.cache is None or not disk:
            return None
        found = self.cache.get_encoded(kind, _disk_key(kind, key))
        return None if found is None else self._read(kind, key, found)

    def get_many(self, kind, keys, disk=True) -> dict:
        """{key: Entry} of those of keys known in memory or (unless disk=False) on disk: one
        disk query for all those memory lacks."""
        found, lacking = {}, []
        with self._lock:
            for key in keys:
                entry = self._memory[kind].get(key, _MISSING)
                if entry is _MISSING:
                    lacking.append(key)
                else:
                    found[key] = entry
        if lacking and disk and self.cache is not None:
            on_disk = self.cache.get_many_encoded(kind, [_disk_key(kind, key) for key in lacking])
            for key in lacking:
                stored = on_disk.get(_disk_key(kind, key))
                entry = None if stored is None else self._read(kind, key, stored)
                if entry is not None:
                    found[key] = entry
        return found

    def _read(self, kind, key, found):
        """The entry of a disk cache row (stored form, fresh), kept in memory; None when unreadable."""
        try:
            stored, fresh = found
            entry = Entry(self._codec(kind, key).decode(Cache.decode(stored)), fresh)
        except (TypeError, ValueError, KeyError):
            return None  # unreadable, or written by another version of the plugin: refetch
        if isinstance(entry.value, PhotoList):
            with self._lock:
                self._recent.put(stored, entry.value.json_items())
            entry.value.pack(stored, self._unpack)
        with self._lock:
            self._memory[kind].put(key, entry)
        return entry

    def _unpack(self, encoded):
        """The JSON items of a packed PhotoList: remembered when it was read lately, else decoded."""
        with self._lock:
            items = self._recent.get(encoded)
        return _unpack_photos(encoded) if items is None else items

    def missing(self, kind, keys) -> list:
        """Those of keys with no entry, fresh or not, in memory or on disk (one disk query in all)."""
        with self._lock:
            keys = [key for key in keys if self._memory[kind].get(key, _MISSING) is _MISSING]
        if not keys or self.cache is None:
            return keys
        on_disk = self.cache.present(kind, [_disk_key(kind, key) for key in keys])
        return [key for key in keys if _disk_key(kind, key) not in on_disk]

    def put_memory(self, kind, key, value, fresh=True):
        with self._lock:
            self._memory[kind].put(key, Entry(value, fresh))
            self.generation += 1

    def put_disk_together(self, entries):
        """Queue [(kind, key, value)] for the disk cache, written in one batch (one time stamp);
        flush() waits until it is written."""
        if self.cache is None or not entries:
            return
        with self._lock:  # submitted under the lock: a flush() after this call waits for this write
            self._queued.extend(entries)
            if len(self._queued) == len(entries):  # otherwise the write already submitted takes them along
                try:
                    self._writer.submit(self._write_queued)
                except RuntimeError:  # closed: the loader is shut down
                    self._queued.clear()

    def _write_queued(self):
        with self._lock:
            batch, self._queued = self._queued, []
        rows = []
        for kind, key, value in batch:
            try:
                encoded = Cache.encode(self._codec(kind, key).encode(value), 0 if kind in _UNCOMPRESSED else 1)
            except Exception as error:  # noqa: BLE001 - one odd record costs its cache entry only
                log_warning("KartaView: could not write the cache: {}".format(error))
                continue
            if isinstance(value, PhotoList):
                value.pack(encoded, self._unpack)
            rows.append((kind, _disk_key(kind, key), encoded))
        try:
            self.cache.put_batch(rows)  # the last of a key's values wins
        except Exception as error:  # noqa: BLE001 - a full disk costs the cache, not the data
            log_warning("KartaView: could not write the cache: {}".format(error))

    def flush(self):
        """Wait until everything queued for the disk cache so far is written."""
        if self._writer is not None:
            try:
                self._writer.submit(lambda: None).result()
            except RuntimeError:  # closed: shutdown() lets the queued writes finish on their own
                pass

    def close(self, wait=False):
        """No more writes are taken; those queued are still written (before returning, if wait)."""
        if self._writer is not None:
            self._writer.shutdown(wait=wait)

    def memory_items(self, kind):
        """[(key, Entry)] of what memory holds now."""
        with self._lock:
            return self._memory[kind].items()

    def clear(self):
        with self._lock:
            self.generation += 1
            self._queued.clear()
            self._recent.clear()
            for lru in self._memory.values():
                lru.clear()
