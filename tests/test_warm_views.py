"""Warm views from the disk cache: compact companions (a tile's index, a sequence's line) written with
the tile / photo list, read in batches; no photo list decoded; expiry and the size bound kept."""

import time
from datetime import datetime

from kartaview.plugin.client import KartaViewClient
from kartaview.plugin.client.models import PhotoList
from kartaview.plugin.core.cache import LINES, PHOTO_LISTS, TILE_INDEXES, TILES, Cache
from kartaview.plugin.provider import codec, tracks
from kartaview.plugin.provider.geometry import line_intersects
from kartaview.plugin.provider.loader import LOADING, READY, Loader
from kartaview.plugin.provider.uri import SEQUENCES, Filters
from tests.provider_support import SMALL, expected_sequences, positions


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def make_loader(url, cache):
    return Loader(KartaViewClient(url, retries=0, sleep=lambda _: None, timeout=10), cache)


def items(*rows):
    return [{"id": str(photo_id), "sequence_id": str(sequence_id), "sequence_index": str(index), "lat": lat,
             "lng": lng, "shot_date": shot, "username": "ana", "date_added": "2024-01-02  (10:00)",
             "th_name": "storage1/files/photo/th/{}.jpg".format(photo_id)}
            for photo_id, sequence_id, index, lat, lng, shot in rows]


def test_a_line_keeps_exact_coordinates_shots_and_first_photo_through_the_cache():
    photos = PhotoList(items((1, 9, 0, None, None, "2024-01-01 10:00:00"), (2, 9, 1, "46.769726", "23.617475",
                                                                            "2024-01-03 10:00:00"),
                             (3, 9, 2, "46.1234567891", "23.1", "2024-01-02 10:00:00")), shot_dates=True)
    line = tracks.TrackLine.of(photos)
    back = tracks.decode_line(Cache.decode(Cache.encode(tracks.encode_line(line))))
    assert back.coordinates == line.coordinates == ((23.617475, 46.769726), (23.1, 46.1234567891))
    assert (back.first_shot, back.last_shot) == (datetime(2024, 1, 2, 10), datetime(2024, 1, 3, 10))
    assert back.head.id == 2 and back.head.th_path == "storage1/files/photo/th/2.jpg"
    single = tracks.TrackLine.of(PhotoList(items((5, 8, 0, "46.7", "23.5", None))))
    assert single.wkb()[5:9] == (2).to_bytes(4, "little") and single.first_shot is None  # a zero-length line


def test_a_tile_index_keeps_bboxes_and_what_the_filters_look_at():
    photos = PhotoList(items((1, 9, 0, "46.7", "23.5", None), (2, 9, 1, "46.8", "23.4", None),
                             (3, 7, 0, "46.75", "23.45", None), (4, 6, 0, None, None, None)))
    index = tracks.tile_index(photos)
    back = tracks.decode_index(Cache.decode(Cache.encode(tracks.encode_index(index))))
    assert set(back) == {9, 7} and back[9].bbox == (23.4, 46.7, 23.5, 46.8)
    sample = back[9].photo()
    assert (sample.id, sample.username, sample.date_added) == (1, "ana", datetime(2024, 1, 2, 10))
    assert Filters(username="ana").accepts_photo(sample) and not Filters(username="bo").accepts_photo(sample)


def test_entries_written_together_share_their_time_and_are_pruned_together(tmp_path):
    clock = Clock()
    cache = Cache(tmp_path, max_bytes=15_000, clock=clock)
    blob = [format(i, "x") * 7 for i in range(800)]
    for number in range(8):
        clock.now += 1
        cache.put_batch([(PHOTO_LISTS, number, Cache.encode([number] + blob)), (LINES, number, Cache.encode([number]))])
    lines = cache.get_many_encoded(LINES, [str(n) for n in range(8)])
    photos = cache.get_many_encoded(PHOTO_LISTS, [str(n) for n in range(8)])
    assert set(lines) == set(photos) and "7" in lines and "0" not in lines
    clock.now += 24 * 3600
    assert cache.get_many_encoded(LINES, ["7"])["7"][1] is False  # stale, still served


def test_a_fresh_loader_renders_a_cached_view_without_decoding_photo_lists(qgis_app, fresh_sandbox, tmp_path,
                                                                           monkeypatch):
    world = fresh_sandbox.world
    first = make_loader(fresh_sandbox.url, Cache(tmp_path))
    fetched = {t.id: t for t in first.fetch(SEQUENCES, SMALL)}
    first.shutdown()

    # Every cached photo list (a tile's, a sequence's) is read back through codec.photo_items: the
    # store's decoders call it by name at call time (patching decode_photo_list or
    # decode_sequence_photos would miss the store, which keeps references to them).
    decoded = []
    read_items = codec.photo_items

    def counting(value):
        decoded.append(len(value.get("photos_v1", ())) if isinstance(value, dict) else value)
        return read_items(value)

    monkeypatch.setattr(codec, "photo_items", counting)
    fresh_sandbox.reset_log()
    again = make_loader(fresh_sandbox.url, Cache(tmp_path))
    result = again.view(object(), SEQUENCES, SMALL)
    assert result.state == READY and fresh_sandbox.request_log == []
    touching = {t.id for t in result.items if line_intersects(SMALL, t.coordinates)}  # views give candidates
    assert touching == expected_sequences(world, SMALL) == set(fetched)
    for track in (t for t in result.items if t.id in touching):
        assert list(track.coordinates) == positions(world, track.id)
        assert (track.first_shot, track.last_shot, track.thumbnail_url) == (
            fetched[track.id].first_shot, fetched[track.id].last_shot, fetched[track.id].thumbnail_url)
    assert decoded == [], "a warm view decoded whole photo lists"
    # The guard sees what it guards: reading a sequence's photo list and a tile from this cache counts.
    sequence_id = next(iter(touching))
    assert len(again.store.get(PHOTO_LISTS, sequence_id)[0]) == len(world.photos(sequence_id))
    assert again.store.get(TILES, Loader.tile_keys(SEQUENCES, SMALL)[0]) is not None
    assert len(decoded) == 2
    again.shutdown()


def test_expired_companions_are_shown_and_asked_again(qgis_app, fresh_sandbox, tmp_path):
    clock = Clock()
    first = make_loader(fresh_sandbox.url, Cache(tmp_path, clock=clock))
    expected = {t.id for t in first.fetch(SEQUENCES, SMALL)}
    first.shutdown()
    clock.now += 48 * 3600
    cache = Cache(tmp_path, clock=clock)
    again = make_loader(fresh_sandbox.url, cache)
    fresh_sandbox.reset_log()
    result = again.view(object(), SEQUENCES, SMALL)
    served = {t.id for t in result.items if line_intersects(SMALL, t.coordinates)}
    assert result.state == LOADING and served == expected  # stale, served at once
    while again.pending():
        time.sleep(0.01)
    assert any("nearby-photos" in e["path"] for e in fresh_sandbox.request_log)
    again.store.flush()
    tiles = Loader.tile_keys(SEQUENCES, SMALL)
    rewritten = cache.get_many_encoded(TILE_INDEXES, [key.disk_key for key in tiles])
    assert len(rewritten) == len(tiles) and all(fresh for _, fresh in rewritten.values())  # with the tiles
    again.shutdown()
