"""The on-disk cache: round trips, expiry, size bound, clear, threads, and the record codec."""

import json
import socket
import sqlite3
import threading
from contextlib import closing
from datetime import datetime

import pytest

from kartaview.plugin.client.models import Photo, PhotoList, RoadSegment, Sequence
from kartaview.plugin.core.cache import FILE_NAME, PHOTO_LISTS, SEQUENCE_RECORDS, TILES, Cache, shared_cache
from kartaview.plugin.provider import codec


def stored_bytes(folder):
    """The payload the cache's file holds, as its size bound counts it, read through a connection of its own."""
    with closing(sqlite3.connect(str(folder / FILE_NAME))) as db:
        return db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_round_trip_and_expiry(tmp_path):
    clock = Clock()
    cache = Cache(tmp_path, expiry_s=60, clock=clock)
    cache.put(TILES, "p/14/1/2/", [[1, 2], {"a": None}])
    assert cache.get(TILES, "p/14/1/2/") == ([[1, 2], {"a": None}], True)
    assert cache.get(SEQUENCE_RECORDS, "p/14/1/2/") is None  # kinds are separate
    clock.now += 61
    assert cache.get(TILES, "p/14/1/2/") == ([[1, 2], {"a": None}], False)  # stale, still there (offline)
    assert Cache(tmp_path, clock=clock).get(TILES, "p/14/1/2/")[0] == [[1, 2], {"a": None}]  # on disk


def test_stored_forms_compressed_or_not_read_back_the_same():
    value = ["AAAAAAAAAEA=", None, {"a": [1, 2.5]}]
    packed, plain = Cache.encode(value), Cache.encode(value, 0)
    assert Cache.decode(packed) == Cache.decode(plain) == value
    assert len(plain) > len(json.dumps(value, separators=(",", ":")))  # stored as is, in zlib's framing


def test_size_bound_drops_the_oldest(tmp_path):
    clock = Clock()
    cache = Cache(tmp_path, max_bytes=20_000, clock=clock)
    blob = [format(i, "x") * 7 for i in range(800)]  # ~4 KB compressed-ish, unique per key below
    for number in range(12):
        clock.now += 1
        cache.put(PHOTO_LISTS, number, [number] + blob)
    assert 0 < stored_bytes(tmp_path) <= 20_000
    assert cache.get(PHOTO_LISTS, 11) is not None and cache.get(PHOTO_LISTS, 0) is None
    assert cache.size_bytes() > 0


def test_clear_empties_and_tells_listeners(tmp_path):
    cache = Cache(tmp_path)
    told = []
    cache.add_clear_listener(lambda: told.append(True))
    cache.put_many(SEQUENCE_RECORDS, [(i, [i] * 500) for i in range(50)])
    cache.clear()
    assert told == [True] and cache.get(SEQUENCE_RECORDS, 3) is None and stored_bytes(tmp_path) == 0
    assert cache._total == 0  # the size bound counts from empty again


def test_threads_and_wal(tmp_path):
    cache = Cache(tmp_path)
    other = Cache(tmp_path)  # a second connection, like qgis_process next to QGIS

    def write(start):
        for i in range(start, start + 100):
            cache.put(TILES, i, i)

    threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(other.get(TILES, i) == (i, True) for i in range(400))
    mode = sqlite3.connect(str(tmp_path / FILE_NAME)).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_unreadable_entry_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.put(TILES, "k", 1)
    sqlite3.connect(str(tmp_path / FILE_NAME)).execute("UPDATE entries SET payload = x'00ff'").connection.commit()
    assert cache.get(TILES, "k") is None


def test_shared_cache_follows_the_settings(monkeypatch, tmp_path, qgis_app):
    monkeypatch.setenv("KARTAVIEW_CACHE_DIR", str(tmp_path / "here"))
    monkeypatch.setenv("KARTAVIEW_CACHE_MAX_MB", "7")
    cache = shared_cache()
    assert cache.folder == tmp_path / "here" and cache.max_bytes == 7 * 1024 * 1024
    assert shared_cache() is cache


def test_codec_round_trips_records():
    items = [{"id": "1", "sequence_id": "2", "sequence_index": "3", "lat": "46.7", "lng": "23.5", "heading": "90",
              "shot_date": "2020-01-02 03:04:05", "username": "u", "projection": "SPHERE", "field_of_view": "360",
              "way_id": "7", "name": "a/proc/x.jpg", "th_name": "a/th/x.jpg"},
             {"id": "4", "sequence_id": "2", "sequence_index": "0", "lat": "0", "lng": "0"}]
    photos = PhotoList(items)
    sequence = Sequence(2, 9, "u", datetime(2020, 1, 2), None, "RO", "CJ", "addr", 1.5, 10, 80, "dev", "iOS",
                        "src", "done", None, "active", 46.7, 23.5, (23.4, 46.6, 23.6, 46.8), "360", True)
    segment = RoadSegment("123", 5, 1, 2, 3, ((23.5, 46.7), (23.6, 46.8)))
    def through_json(value):
        return json.loads(json.dumps(value))

    decoded = codec.decode_photo_list(through_json(codec.encode_photo_list(photos)))
    assert list(decoded) == list(photos) == [Photo.from_v1(item) for item in items]
    assert (decoded.ids, decoded.lats) == ((1, 4), (46.7, None))
    assert codec.decode_sequence(through_json(codec.encode_sequence(sequence))) == sequence
    assert codec.decode_sequence(through_json(codec.encode_sequence(None))) is None
    assert codec.decode_segments(through_json(codec.encode_segments([segment]))) == [segment]


def test_codec_refuses_photo_rows_of_the_earlier_format():
    with pytest.raises(ValueError):  # the store then refetches
        codec.decode_photo_list([[1, 2, 3, 46.7, 23.5]])



def _dead_address():
    """An address where nothing listens (a port just freed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:{}/".format(sock.getsockname()[1])


def test_switching_the_api_address_never_serves_the_other_servers_data(qgis_app, tmp_path, monkeypatch):
    """A test server (seed 2), then back to "production" (seed 1), then a server that is down: each
    sees only its own sequences, though all share the cache folder and entries stay fresh for 24 h."""
    from kartaview.plugin.client import KartaViewError
    from kartaview.plugin.provider import loader as loader_module
    from tests.provider_support import SMALL, expected_sequences
    from tests.sandbox import Sandbox

    def restart_qgis():  # the loaders (and their memory) go; the disk cache stays
        for loader in loader_module._loaders.values():
            loader.shutdown()
        monkeypatch.setattr(loader_module, "_loaders", {})

    monkeypatch.setenv("KARTAVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KARTAVIEW_CACHE_EXPIRY_HOURS", "24")
    restart_qgis()
    try:
        with Sandbox(data_dir=str(tmp_path / "production"), seed=1) as production, \
                Sandbox(data_dir=str(tmp_path / "test-server"), seed=2) as test_server:
            mine = {server: expected_sequences(server.world, SMALL) for server in (production, test_server)}
            assert mine[production] and mine[test_server] and mine[production] != mine[test_server]
            for server in (production, test_server, production, test_server):
                monkeypatch.setenv("KARTAVIEW_API_URL", server.url)
                assert {track.id for track in loader_module.fetch_sequences(SMALL)} == mine[server]
            restart_qgis()
            production.reset_log()
            monkeypatch.setenv("KARTAVIEW_API_URL", production.url.rstrip("/"))  # the same address, spelt otherwise
            assert {track.id for track in loader_module.fetch_sequences(SMALL)} == mine[production]
            assert production.request_log == []  # its own entries are still served from the cache
            monkeypatch.setenv("KARTAVIEW_API_URL", _dead_address())
            with pytest.raises(KartaViewError):
                loader_module.fetch_sequences(SMALL)
    finally:
        restart_qgis()
