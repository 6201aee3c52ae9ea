"""The photo cache: memory LRU and disk both bounded, the disk part survives a restart."""

import os
import threading
from pathlib import Path

from kartaview.plugin.gui.photo_cache import PhotoCache
from tests.photo_support import drop_memory


def test_memory_keeps_the_most_recently_used_within_its_bound(tmp_path):
    cache = PhotoCache(tmp_path, disk_max_bytes=10**6, memory_max_bytes=250)
    for photo_id in (1, 2, 3):
        cache.put(photo_id, "lth", bytes(100), "lth")
    assert list(cache._memory) == [(2, "lth"), (3, "lth")]  # the first was evicted to stay under 250
    assert cache._memory_bytes == 200
    drop_memory(cache)
    assert cache.get(1, "lth") == (bytes(100), "lth")  # still on disk
    cache.get(2, "lth")
    cache.put(4, "th", bytes(100), "th")  # evicts 1 (least recently used), not 2
    assert list(cache._memory) == [(2, "lth"), (4, "th")]


def test_disk_is_trimmed_oldest_first_and_read_back_by_a_new_cache(tmp_path):
    cache = PhotoCache(tmp_path, disk_max_bytes=300)
    for age, photo_id in enumerate((1, 2, 3)):
        cache.put(photo_id, "lth", bytes(100), "proc")  # lth missing on the server: proc served
        os.utime(tmp_path / "{}_lth_proc.jpg".format(photo_id), (1000 + age, 1000 + age))
    cache.put(4, "lth", bytes(100), "lth")
    assert sum(path.stat().st_size for path in tmp_path.iterdir()) == 300
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2_lth_proc.jpg", "3_lth_proc.jpg", "4_lth_lth.jpg"]

    restarted = PhotoCache(tmp_path, disk_max_bytes=300)
    assert restarted.get(3, "lth") == (bytes(100), "proc")
    assert restarted.get(1, "lth") is None
    assert restarted.contains(4, "lth") and not restarted.contains(4, "th")


def test_a_photo_reported_cached_stays_cached_when_memory_drops_it(tmp_path, monkeypatch):
    """A loader that saw a photo cached does not download it: while its file is still being
    written, the cache does not report it yet (once reported, dropping the memory copy must not
    make it missing)."""
    cache = PhotoCache(tmp_path, disk_max_bytes=10**6)
    writing, release = threading.Event(), threading.Event()
    real_write = Path.write_bytes

    def slow_write(path, data):
        writing.set()
        release.wait(5)
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", slow_write)
    putting = threading.Thread(target=cache.put, args=(1, "lth", bytes(100), "lth"))
    putting.start()
    assert writing.wait(5)
    reported = cache.contains(1, "lth")
    drop_memory(cache)
    still_there = cache.contains(1, "lth")
    release.set()
    putting.join(5)
    assert still_there or not reported
    assert cache.contains(1, "lth") and cache.get(1, "lth") == (bytes(100), "lth")
