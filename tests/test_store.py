"""The loaders' store: memory over the disk cache, disk writes queued to one writer thread, batched lookups."""

import sqlite3
import threading

from kartaview.plugin.client.models import PhotoList
from kartaview.plugin.core.cache import PHOTO_LISTS, SEQUENCE_RECORDS, TILES, Cache
from kartaview.plugin.provider.jobs import CoverageTile, PhotoTile
from kartaview.plugin.provider.store import Store

TILE = PhotoTile(14, 9265, 5777)


def photos(*ids):
    return PhotoList([{"id": str(photo_id), "sequence_id": "9", "sequence_index": str(index), "lat": "46.7",
                       "lng": "23.5"} for index, photo_id in enumerate(ids)])


class CountingCache(Cache):
    def __init__(self, folder):
        super().__init__(folder)
        self.calls = []

    def get_encoded(self, kind, key):
        self.calls.append(("get", kind, key))
        return super().get_encoded(kind, key)

    def present(self, kind, keys):
        self.calls.append(("present", kind, tuple(keys)))
        return super().present(kind, keys)


def test_queued_writes_reach_the_disk_by_flush(tmp_path):
    store, tile = Store(Cache(tmp_path)), photos(1, 2)
    store.put_memory(TILES, TILE, tile)
    store.put_disk_together([(TILES, TILE, tile)])
    store.put_disk_together([(PHOTO_LISTS, 9, photos(3)),
                             (SEQUENCE_RECORDS, 9, None)])  # "KartaView does not know this id" is cached too
    store.flush()
    kept = store.get(TILES, TILE, disk=False)[0]
    assert kept._items is None and list(kept) == list(photos(1, 2))  # noqa: SLF001 - memory keeps the disk copy
    again = Store(Cache(tmp_path))  # a new session
    assert again.get(TILES, TILE)[0].ids == (1, 2) and again.get(PHOTO_LISTS, 9)[0].ids == (3,)
    assert again.get(TILES, TILE)[0]._items is None  # noqa: SLF001 - read back packed too
    assert list(again.get(TILES, TILE)[0]) == list(photos(1, 2))
    assert again.get(SEQUENCE_RECORDS, 9) == (None, True)
    store.close()
    again.close()


def test_missing_asks_the_disk_once_for_many_keys_and_never_for_what_memory_holds(tmp_path):
    cache = CountingCache(tmp_path)
    store = Store(cache)
    store.put_disk_together([(SEQUENCE_RECORDS, 1, None)])
    store.flush()
    store.put_memory(SEQUENCE_RECORDS, 2, None)
    assert store.missing(SEQUENCE_RECORDS, [1, 2, 3, 4]) == [3, 4]
    assert cache.calls == [("present", SEQUENCE_RECORDS, ("1", "3", "4"))]
    assert store.missing(SEQUENCE_RECORDS, [2]) == [] and len(cache.calls) == 1
    assert store.missing(TILES, [TILE]) == [TILE] and cache.calls[-1] == ("present", TILES, (TILE.disk_key,))
    assert store.get(SEQUENCE_RECORDS, 5, disk=False) is None and len(cache.calls) == 2
    store.close()


def test_clear_drops_writes_still_queued(tmp_path):
    store = Store(Cache(tmp_path))
    release = threading.Event()
    store._writer.submit(release.wait)  # noqa: SLF001 - holds the writer back
    store.put_disk_together([(PHOTO_LISTS, 9, photos(3))])
    store.clear()
    release.set()
    store.flush()
    assert store.get(PHOTO_LISTS, 9) is None
    store.close()


def test_a_failing_disk_costs_the_cache_only_and_a_closed_store_takes_no_writes(tmp_path):
    class FullDisk(Cache):
        def put_batch(self, entries):
            raise sqlite3.OperationalError("database or disk is full")

    store = Store(FullDisk(tmp_path))
    store.put_memory(PHOTO_LISTS, 9, photos(3))
    store.put_disk_together([(PHOTO_LISTS, 9, photos(3))])
    store.flush()  # logged, not raised
    assert store.get(PHOTO_LISTS, 9)[0].ids == (3,)
    store.close()
    store.put_disk_together([(PHOTO_LISTS, 10, photos(4))])  # after the loader's shutdown: dropped quietly
    store.flush()


def test_photos_cached_by_an_earlier_version_are_fetched_again(tmp_path):
    cache = Cache(tmp_path)
    cache.put(TILES, TILE.disk_key, [[1, 9, 0, 46.7, 23.5] + [None] * 13])  # rows of Photo fields
    cache.put(PHOTO_LISTS, 9, [[1, 9, 0, 46.7, 23.5] + [None] * 13])
    store = Store(cache)
    assert store.get(TILES, TILE) is None and store.get(PHOTO_LISTS, 9) is None
    store.close()


def test_a_list_read_back_is_packed_and_its_photos_need_no_second_decoding(tmp_path, monkeypatch):
    from kartaview.plugin.provider import store as store_module

    writer = Store(Cache(tmp_path))
    writer.put_disk_together([(TILES, TILE, photos(1, 2)), (PHOTO_LISTS, 9, photos(3, 4, 5))])
    writer.flush()
    decoded = []
    unpack = store_module._unpack_photos  # noqa: SLF001
    monkeypatch.setattr(store_module, "_unpack_photos", lambda encoded: decoded.append(1) or unpack(encoded))
    monkeypatch.setattr(store_module, "RECENT_READ_PHOTOS", 2)  # the tile's two photos
    reader = Store(Cache(tmp_path))
    tile = reader.get(TILES, TILE)[0]
    assert tile._items is None and tile[0].id == 1 and not decoded  # noqa: SLF001
    track = reader.get(PHOTO_LISTS, 9)[0]  # three photos: more than remembered, and it pushes the tile out
    assert track[2].id == 5 and tile[1].id == 2 and len(decoded) == 2
    writer.close()
    reader.close()


def test_tiles_keep_the_disk_keys_earlier_versions_wrote():
    """A user's cache outlives an update of the plugin: the tiles it holds are found again."""
    assert PhotoTile(14, 9265, 5777).disk_key == "p/14/9265/5777/"
    assert PhotoTile(14, 9265, 5777, "2024-05-01").disk_key == "p/14/9265/5777/2024-05-01"
    assert CoverageTile(12, 2316, 1444).disk_key == "c/12/2316/1444"
