"""What the loaders know: an in-memory LRU over the on-disk cache, for tiles, sequences and photo lists.

Reads never touch the network: memory first, then the SQLite cache (a few ms), which also fills
memory. Stale disk entries are returned with fresh=False so the caller shows them and refreshes.
"""

import threading
from collections import OrderedDict

from ..core.cache import PHOTOS, SEQUENCES, TILES
from . import codec

# Memory bounds (entries); what is evicted stays on disk.
MAX_TILES = 1024
MAX_SEQUENCES = 20000
MAX_TRACKS = 4000


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
_CODECS = {  # kind -> (encode, decode); tiles: see tile_codec
    SEQUENCES: (codec.encode_sequence, codec.decode_sequence),
    PHOTOS: (codec.encode_photos, lambda value: tuple(codec.decode_photos(value))),
}


def tile_codec(tile_key):
    """(encode, decode) of a tile's content: road segments for coverage tiles, photos otherwise."""
    if tile_key[0] == "c":
        return codec.encode_segments, lambda value: tuple(codec.decode_segments(value))
    return codec.encode_photos, lambda value: tuple(codec.decode_photos(value))


def cache_key(key):
    return "/".join(str(part) for part in key)


class Store:
    """Thread-safe. Entries: (value, fresh). Keys: tile keys (tuples), sequence ids."""

    def __init__(self, cache):
        self.cache = cache
        self._lock = threading.Lock()
        self._memory = {TILES: _Lru(MAX_TILES), SEQUENCES: _Lru(MAX_SEQUENCES), PHOTOS: _Lru(MAX_TRACKS)}
        if cache is not None:
            cache.add_clear_listener(self.clear)

    def _codec(self, kind, key):
        return tile_codec(key) if kind == TILES else _CODECS[kind]

    def get(self, kind, key):
        """(value, fresh) or None; the disk cache answers what memory lacks."""
        with self._lock:
            entry = self._memory[kind].get(key, _MISSING)
        if entry is not _MISSING:
            return entry
        if self.cache is None:
            return None
        found = self.cache.get(kind, cache_key(key) if kind == TILES else key)
        if found is None:
            return None
        try:
            entry = (self._codec(kind, key)[1](found[0]), found[1])
        except (TypeError, ValueError, KeyError):
            return None  # written by another version of the plugin: refetch
        with self._lock:
            self._memory[kind].put(key, entry)
        return entry

    def put_memory(self, kind, key, value):
        with self._lock:
            self._memory[kind].put(key, (value, True))

    def put_disk(self, kind, key, value):
        if self.cache is not None:
            self.cache.put(kind, cache_key(key) if kind == TILES else key, self._codec(kind, key)[0](value))

    def memory_items(self, kind):
        """[(key, (value, fresh))] of what memory holds now."""
        with self._lock:
            return self._memory[kind].items()

    def clear(self):
        with self._lock:
            for lru in self._memory.values():
                lru.clear()
