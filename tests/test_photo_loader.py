"""Loading photo images off the GUI thread against the sandbox: sizes, fallback, cancel, prefetch."""

import pytest

from kartaview.plugin.client import Photo
from kartaview.plugin.gui.photo_cache import PhotoCache
from kartaview.plugin.gui.photo_loader import PhotoLoader
from tests.photo_support import (
    drop_memory,
    file_requests,
    missing_lth_photo,
    no_retry_client_factory,
    pump,
    sandbox_photo,
    sequence_ids,
    wait_until,
)


@pytest.fixture
def make_loader(qgis_app, tmp_path):
    made = []

    def make(sandbox):
        loader = PhotoLoader(no_retry_client_factory(sandbox), cache=PhotoCache(tmp_path / "photos", 10**8))
        events = []
        loader.imageLoaded.connect(lambda t, p, size, served, image, data: events.append(
            ("loaded", t, p.id, size, served, image.width())))
        loader.loadFailed.connect(lambda t, p, message, _: events.append(("failed", t, p.id, message)))
        made.append(loader)
        return loader, events

    yield make
    for loader in made:
        loader.shutdown()


def test_thumbnail_then_large_image_never_smaller_after_larger(sandbox, make_loader):
    loader, events = make_loader(sandbox)
    photo = sandbox_photo(sandbox, sequence_ids(sandbox)[0], 1)
    ticket = loader.show(photo)
    wait_until(lambda: not loader.is_loading(), what="both sizes")
    sizes = [event[3] for event in events]
    assert sizes in (["th", "lth"], ["lth"])  # the thumbnail is dropped when it comes last
    assert events[-1][:3] == ("loaded", ticket, photo.id)
    assert events[-1][5] == 800  # the sandbox's lth is 800 px wide


def test_missing_lth_falls_back_to_proc(sandbox, make_loader):
    loader, events = make_loader(sandbox)
    photo = missing_lth_photo(sandbox)
    sandbox.reset_log()
    loader.show(photo, ("lth",))
    wait_until(lambda: events, what="the image")
    assert events[0][3:] == ("lth", "proc", 1600)
    assert [path.split("/")[-2] for path in file_requests(sandbox)] == ["lth", "proc"]


def test_a_newer_photo_cancels_the_older_load(fresh_sandbox, make_loader):
    """The older photo's image never shows, and its fallback request is not even made."""
    loader, events = make_loader(fresh_sandbox)
    older = missing_lth_photo(fresh_sandbox)
    newer = sandbox_photo(fresh_sandbox, sequence_ids(fresh_sandbox)[1], 2)
    fresh_sandbox.set_faults(latency_ms=300)
    loader.show(older, ("lth",))
    pump(0.1)  # the older lth request is on its way
    ticket = loader.show(newer, ("lth",))
    wait_until(lambda: events, what="the newer image")
    pump(0.5)
    assert [event[:3] for event in events] == [("loaded", ticket, newer.id)]
    older_requests = [path for path in file_requests(fresh_sandbox) if older.proc_path.split("/")[-1] in path]
    assert [path.split("/")[-2] for path in older_requests] == ["lth"]  # no proc fallback for a stale load


def test_prefetched_photo_shows_without_a_request(sandbox, make_loader):
    loader, events = make_loader(sandbox)
    sequence_id = sequence_ids(sandbox)[2]
    neighbours = [sandbox_photo(sandbox, sequence_id, i) for i in (1, 2, 3)]
    loader.prefetch(neighbours)
    wait_until(lambda: all(loader.cache.contains(p.id, "lth") for p in neighbours), what="the prefetch")
    drop_memory(loader.cache)  # from disk is fine too: still no request
    sandbox.reset_log()
    loader.show(neighbours[1])
    wait_until(lambda: events, what="the image")
    assert [event[3] for event in events] == ["lth"]
    assert file_requests(sandbox) == []


def test_a_failed_load_says_why(fresh_sandbox, make_loader):
    loader, events = make_loader(fresh_sandbox)
    photo = sandbox_photo(fresh_sandbox, sequence_ids(fresh_sandbox)[0], 0)
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("500",), paths=("/storage",))
    ticket = loader.show(photo)
    wait_until(lambda: events, what="the failure")
    assert events[0][:3] == ("failed", ticket, photo.id)
    assert "HTTP 500" in events[0][3]


def test_after_switching_the_api_address_a_photo_id_shows_that_servers_image(qgis_app, tmp_path, monkeypatch):
    """Photo ids are one server's: photo N of a test server is not photo N of production, so the
    image cached for one is never shown for the other."""
    from kartaview.plugin.client import KartaViewClient
    from tests.sandbox import Sandbox

    monkeypatch.setenv("KARTAVIEW_CACHE_DIR", str(tmp_path / "cache"))
    with Sandbox(data_dir=str(tmp_path / "a"), seed=1) as production, \
            Sandbox(data_dir=str(tmp_path / "b"), seed=2) as test_server:
        def records(server):
            return {int(p["id"]): p for s in server.world.sequences for p in server.world.photos(s["id"])}

        both = records(production).keys() & records(test_server).keys()
        photo_id = min(both)
        current = {}
        loader = PhotoLoader(lambda: current["client"])  # no cache given: the plugin's own, per address
        images = []
        loader.imageLoaded.connect(lambda t, p, size, served, image, data: images.append(data))
        try:
            shown = []
            for server in (production, test_server, production):
                current["client"] = KartaViewClient(server.url, retries=0, timeout=5)
                server.reset_log()
                images.clear()
                loader.show(Photo.from_v1(records(server)[photo_id]), ("th",))
                wait_until(lambda: images, what="the thumbnail")
                shown.append((images[0], [path for path in file_requests(server) if "/th/" in path]))
            (first, asked_a), (second, asked_b), (again, asked_again) = shown
            assert asked_a and asked_b and first != second  # each server's own image, downloaded from it
            assert again == first and asked_again == []  # production's, from its cache
        finally:
            loader.shutdown()
