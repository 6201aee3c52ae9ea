"""The loader's speed-minded behaviour: pipelining, idle means done, few disk lookups, lazy photo lists."""

import threading
import time

import pytest

from kartaview.plugin.client import KartaViewClient, Sequence, tile_bbox
from kartaview.plugin.client.models import PhotoList
from kartaview.plugin.core.cache import Cache
from kartaview.plugin.provider import loader as loader_module
from kartaview.plugin.provider import loader_jobs
from kartaview.plugin.provider.loader import READY, Loader
from kartaview.plugin.provider.uri import PHOTOS, SEQUENCES, Filters
from tests.provider_support import CENTRE, SMALL, expected_sequences, positions


class CountingCache(Cache):
    def __init__(self, folder):
        super().__init__(folder)
        self.gets = self.presents = 0

    def get_encoded(self, kind, key):
        self.gets += 1
        return super().get_encoded(kind, key)

    def present(self, kind, keys):
        self.presents += 1
        return super().present(kind, keys)


@pytest.fixture
def small_pages(monkeypatch):
    """Tiles of several pages each, as the dense tiles of a real city centre."""
    monkeypatch.setattr(loader_jobs, "IPP", 300)


def make_loader(url, cache=None):
    return Loader(KartaViewClient(url, retries=0, sleep=lambda _: None, timeout=10), cache)


def wait_idle(loader, timeout=30.0):
    deadline = time.monotonic() + timeout
    while loader.pending() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert loader.pending() == 0


class TwoPageTile:
    """A client whose view has one tile of two one-photo pages, each of another sequence."""

    def __init__(self, tile):
        self.tile_bbox = tile_bbox(tile.zoom, tile.x, tile.y)
        lng, lat = (SMALL[0] + SMALL[2]) / 2, (SMALL[1] + SMALL[3]) / 2
        self.pages = {page: PhotoList([{"id": str(page), "sequence_id": str(100 * page), "sequence_index": "0",
                                        "lat": str(lat), "lng": str(lng)}]) for page in (1, 2)}

    def nearby_photos_page(self, bbox, page=1, **_):
        return (self.pages[page], 2) if bbox == self.tile_bbox else (PhotoList(), 0)

    def sequence(self, sequence_id, **_):
        return Sequence.from_v2({"id": sequence_id})

    def sequence_photos(self, sequence_id, **_):
        return self.pages[sequence_id // 100]

    def image_url(self, photo, size):
        return None

    def web_url(self, sequence_id):
        return "https://kartaview.org/details/{}".format(sequence_id)


def test_idle_only_once_every_page_has_started_its_sequences(qgis_app, monkeypatch):
    monkeypatch.setattr(loader_jobs, "IPP", 1)
    tile = Loader.tile_keys(SEQUENCES, SMALL)[0]
    loader = Loader(TwoPageTile(tile))
    discover, page_one = loader._discover, threading.Event()  # noqa: SLF001

    def slow_first_page(key, photos):  # page 1's sequences are found after page 2 is in
        if photos.ids == (1,):
            page_one.wait(10)
        discover(key, photos)

    monkeypatch.setattr(loader, "_discover", slow_first_page)
    loader.view(object(), SEQUENCES, SMALL)
    deadline = time.monotonic() + 10
    while loader.sequence_track(200, schedule=False) is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.05)
    assert loader.pending() > 0  # the tile is not done before its first page scheduled sequence 100
    page_one.set()
    wait_idle(loader)
    assert loader.sequence_track(100, schedule=False) is not None
    loader.shutdown()


def test_a_blocking_fetch_starts_sequences_while_tile_pages_still_load(qgis_app, fresh_sandbox, small_pages):
    fresh_sandbox.set_faults(latency_ms=100)
    loader = make_loader(fresh_sandbox.url)
    tracks = loader.fetch(SEQUENCES, CENTRE)
    assert {track.id for track in tracks} == expected_sequences(fresh_sandbox.world, CENTRE)
    log = fresh_sandbox.request_log
    pages_done = max(e["t"] + e["duration_ms"] / 1000.0 for e in log if "nearby-photos" in e["path"])
    first_sequence = min(e["t"] for e in log if "nearby-photos" not in e["path"])
    assert first_sequence < pages_done
    loader.shutdown()


def test_a_cold_fetch_asks_the_disk_once_per_tile_and_per_page(qgis_app, fresh_sandbox, small_pages, tmp_path):
    cache = CountingCache(tmp_path)
    loader = make_loader(fresh_sandbox.url, cache)
    assert loader.fetch(SEQUENCES, CENTRE)
    pages = sum("nearby-photos" in entry["path"] for entry in fresh_sandbox.request_log)
    assert cache.gets <= len(Loader.tile_keys(SEQUENCES, CENTRE))  # not one per sequence
    assert cache.presents <= 2 * pages
    loader.shutdown()


def test_tracks_are_built_from_the_photo_lists_without_changing_them(qgis_app, fresh_sandbox):
    loader = make_loader(fresh_sandbox.url)
    tracks = loader.fetch(SEQUENCES, SMALL)
    assert tracks
    with KartaViewClient(fresh_sandbox.url) as client:
        for track in tracks:
            photos = [photo for photo in client.sequence_photos(track.id) if photo.has_position]
            shots = [photo.shot_date for photo in photos if photo.shot_date]
            assert list(track.photos) == photos
            assert list(track.coordinates) == positions(fresh_sandbox.world, track.id)
            assert (track.first_shot, track.last_shot) == ((min(shots), max(shots)) if shots else (None, None))
            assert track.thumbnail_url == client.image_urls(photos[0], "th")[0]
    assert loader.view(object(), SEQUENCES, SMALL).state == READY  # a view over fetched data needs nothing
    loader.shutdown()


def test_filters_apply_the_same_to_tiles_read_back_from_disk(qgis_app, fresh_sandbox, tmp_path):
    world = fresh_sandbox.world
    names = {int(v2["id"]): v2["username"] for v2 in world.sequences}
    username = names[min(expected_sequences(world, SMALL))]
    filters = Filters(username=username)
    expected = expected_sequences(world, SMALL, lambda v2: v2["username"] == username)
    loader = make_loader(fresh_sandbox.url, Cache(tmp_path))
    assert {t.id for t in loader.fetch(SEQUENCES, SMALL, filters)} == expected
    photos = loader.fetch(PHOTOS, SMALL, filters)
    assert photos and {p.username for p in photos} == {username}
    loader.shutdown()
    again = make_loader(fresh_sandbox.url, Cache(tmp_path))  # tiles and photo lists packed, from disk
    fresh_sandbox.reset_log()
    assert {t.id for t in again.fetch(SEQUENCES, SMALL, filters)} == expected
    assert again.fetch(PHOTOS, SMALL, filters) == photos and fresh_sandbox.request_log == []
    again.shutdown()


def test_a_complete_view_asked_again_is_not_worked_out_again_until_something_is_stored(qgis_app, fresh_sandbox,
                                                                                       monkeypatch):
    loader = make_loader(fresh_sandbox.url)
    scans = []
    scan = loader._scan  # noqa: SLF001
    monkeypatch.setattr(loader, "_scan", lambda *args: scans.append(args[2]) or scan(*args))
    owner = object()
    assert loader.view(owner, SEQUENCES, SMALL).state != READY  # loading: asked again, worked out again
    wait_idle(loader)
    first = loader.view(owner, SEQUENCES, SMALL)
    assert first.state == READY and first.items and len(scans) == 2
    assert loader.view(owner, SEQUENCES, SMALL) is first and len(scans) == 2  # a repaint
    assert {t.id for t in first.items} >= expected_sequences(fresh_sandbox.world, SMALL)
    assert loader.view(object(), SEQUENCES, SMALL) is not first  # another layer's view
    loader.store.put_memory("sequences", 1, None)  # something arrived
    assert loader.view(owner, SEQUENCES, SMALL) is not first and len(scans) == 4
    again = loader.view(owner, SEQUENCES, SMALL)
    inner = (SMALL[0] + 0.001, SMALL[1] + 0.001, SMALL[2] - 0.001, SMALL[3] - 0.001)
    assert loader.view(owner, SEQUENCES, inner).state == READY  # another view of the same layer
    assert loader.view(owner, SEQUENCES, SMALL) is not again and len(scans) == 6
    monkeypatch.setattr(loader_module, "VIEW_MEMO_S", 0.0)  # and only for a while
    assert loader.view(owner, SEQUENCES, SMALL) is not loader.view(owner, SEQUENCES, SMALL)
    loader.shutdown()


def test_a_view_asked_again_keeps_its_tiles_wanted_and_the_previous_view_until_a_new_one(qgis_app):
    loader = Loader(TwoPageTile(Loader.tile_keys(SEQUENCES, SMALL)[0]))
    owner, far = object(), (SMALL[0] + 1, SMALL[1], SMALL[2] + 1, SMALL[3])
    far_tiles = set(Loader.tile_keys(SEQUENCES, far))
    loader._want(owner, Loader.tile_keys(SEQUENCES, far), (SEQUENCES, far, Filters()))  # noqa: SLF001
    for _ in range(3):
        loader._want(owner, Loader.tile_keys(SEQUENCES, SMALL), (SEQUENCES, SMALL, Filters()))  # noqa: SLF001
        assert set(Loader.tile_keys(SEQUENCES, SMALL)) <= loader._view_keys  # noqa: SLF001
    assert not far_tiles & loader._view_keys  # noqa: SLF001 - two views of SMALL since: far is dropped
    loader.shutdown()
