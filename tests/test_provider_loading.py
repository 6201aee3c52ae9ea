"""The provider never blocks the canvas: background loading, repaint, cache, offline, a failing service."""

import math
import threading
import time

import pytest
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from kartaview.plugin.client import Cancelled, KartaViewClient, KartaViewError, tile_bbox
from kartaview.plugin.core.cache import Cache
from kartaview.plugin.provider.loader import FAILED, IPP, LOADING, READY, Loader, default_loader
from kartaview.plugin.provider.signals import hub
from kartaview.plugin.provider.uri import SEQUENCES, Filters
from tests.provider_support import CENTRE, SMALL, expected_sequences, ids, open_layer, rect_request, wait_until

FAULT_KINDS = ("500", "502html", "690", "empty", "drop")


def fast_loader(url, cache=None, workers=4):
    """A loader whose client gives up at once (no retries), for failure tests."""
    return Loader(KartaViewClient(url, retries=0, sleep=lambda _: None, timeout=5), cache, workers=workers)


def latlng(bbox):
    """The sandbox world's bbox order: (min_lat, min_lng, max_lat, max_lng)."""
    return (bbox[1], bbox[0], bbox[3], bbox[2])


def record_signal(signal):
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def render(vector, bbox):
    settings = QgsMapSettings()
    settings.setLayers([vector])
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(vector.crs())
    settings.setExtent(QgsRectangle(*bbox))
    settings.setOutputSize(QSize(200, 150))
    job = QgsMapRendererParallelJob(settings)  # renders in worker threads
    started = time.monotonic()
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    inked = sum(1 for x in range(0, 200, 2) for y in range(0, 150, 2) if image.pixelColor(x, y) != QColor("white"))
    return time.monotonic() - started, inked


@pytest.fixture
def kv_project(kv_app):
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def test_canvas_requests_never_wait_and_repaint_on_arrival(kv_project, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=300)
    vector = open_layer("type=sequences")
    kv_project.addMapLayer(vector)
    repaints = record_signal(hub().repainted)
    started = time.monotonic()
    first = list(vector.getFeatures(rect_request(SMALL)))
    assert time.monotonic() - started < 0.2 and first == []
    assert vector.dataProvider().status.state == LOADING
    assert "Loading" in vector.dataProvider().status_message()
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert wait_until(lambda: ids(vector.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    assert wait_until(lambda: repaints, timeout=5) and repaints[-1][0] >= 1


def test_rendering_in_worker_threads(kv_project, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=300)
    vector = open_layer("type=sequences")
    kv_project.addMapLayer(vector)
    seconds, inked = render(vector, SMALL)
    assert seconds < 1.0 and inked == 0  # nothing loaded yet, and the render did not wait
    assert wait_until(lambda: default_loader().pending() == 0, timeout=30)
    seconds, inked = render(vector, SMALL)
    assert inked > 0


def test_in_flight_requests_are_shared(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=200)
    loader = fast_loader(fresh_sandbox.url)
    results = []
    threads = [threading.Thread(target=lambda: results.append(ids_of(loader.fetch(
        SEQUENCES, SMALL)))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    paths = [entry["path"] for entry in fresh_sandbox.request_log]
    pages = sum(math.ceil(len(fresh_sandbox.world.photos_in_bbox(latlng(tile_bbox(key.zoom, key.x, key.y)))) / IPP)
                for key in Loader.tile_keys(SEQUENCES, SMALL))
    assert sum("nearby-photos" in p for p in paths) == pages
    assert len(paths) == len(set((e["path"], str(e["params"])) for e in fresh_sandbox.request_log))
    assert len(results) == 3 and results[0] and results[0] == results[1] == results[2]
    loader.shutdown()


def test_tiles_that_left_the_view_are_dropped(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=300)
    loader = fast_loader(fresh_sandbox.url, workers=2)
    owner = object()
    old_view = (23.50, 46.74, 23.56, 46.77)  # 12 tiles
    loader.view(owner, SEQUENCES, old_view)
    for _ in range(2):  # two newer views push the old one out
        loader.view(owner, SEQUENCES, SMALL)
    assert wait_until(lambda: loader.pending() == 0, timeout=30)
    nearby = [e for e in fresh_sandbox.request_log if "nearby-photos" in e["path"]]
    assert len(nearby) < len(Loader.tile_keys(SEQUENCES, old_view))
    assert len(loader.view(owner, SEQUENCES, SMALL).items) >= len(expected_sequences(fresh_sandbox.world, SMALL))
    loader.shutdown()


def test_cache_hit_without_network_and_offline(kv_app, fresh_sandbox, tmp_path):
    cache = Cache(tmp_path / "cache")
    loader = fast_loader(fresh_sandbox.url, cache)
    first = ids_of(loader.fetch(SEQUENCES, SMALL))
    fresh_sandbox.reset_log()
    fresh_sandbox.stop()  # offline from here on
    again = fast_loader(fresh_sandbox.url, Cache(tmp_path / "cache"))  # a new session: disk only
    assert ids_of(again.fetch(SEQUENCES, SMALL)) == first
    assert ids_of(again.view(object(), SEQUENCES, SMALL).items) >= first
    stale = fast_loader(fresh_sandbox.url, Cache(tmp_path / "cache", expiry_s=0))  # expired and offline
    assert ids_of(stale.fetch(SEQUENCES, SMALL)) == first
    assert fresh_sandbox.request_log == []
    for each in (loader, again, stale):
        each.shutdown()


def ids_of(tracks):
    return {track.id for track in tracks}


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_every_fault_kind_is_survived(kv_app, fresh_sandbox, kind):
    loader = fast_loader(fresh_sandbox.url)
    fresh_sandbox.set_faults(error_rate=1.0, kinds=[kind])
    problems = record_signal(hub().problem)
    with pytest.raises(KartaViewError):
        loader.fetch(SEQUENCES, SMALL)
    result = loader.view(object(), SEQUENCES, CENTRE)
    assert result.items == []
    assert wait_until(lambda: loader.pending() == 0, timeout=20)
    assert loader.view(object(), SEQUENCES, CENTRE).state == FAILED  # held back, not hammered
    assert wait_until(lambda: problems, timeout=5)
    assert len(problems) == 1  # once per outage, not once per tile
    fresh_sandbox.clear_faults()
    assert ids_of(loader.fetch(SEQUENCES, SMALL)) == expected_sequences(fresh_sandbox.world, SMALL)
    loader.shutdown()


def test_layer_keeps_what_it_has_when_the_service_fails(kv_project, fresh_sandbox):
    vector = open_layer("type=sequences")
    kv_project.addMapLayer(vector)
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert wait_until(lambda: ids(vector.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    problems = record_signal(hub().problem)
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["502html"])
    got = ids(vector.getFeatures(rect_request(CENTRE)))  # new tiles fail; the known ones stay
    assert expected & got == expected & expected_sequences(fresh_sandbox.world, CENTRE)
    assert wait_until(lambda: problems, timeout=30)
    assert "KartaView is busy or has a problem (HTTP 502)" in problems[0][0]
    render(vector, CENTRE)
    assert vector.isValid() and ids(vector.getFeatures(rect_request(SMALL))) == expected


def test_filters_apply_to_known_features_too(kv_app, fresh_sandbox):
    loader = fast_loader(fresh_sandbox.url)
    every = loader.fetch(SEQUENCES, SMALL)
    best = loader.known(SEQUENCES, Filters(min_quality=50))
    assert ids_of(best) == {t.id for t in every if (t.sequence.quality or 0) >= 50}
    assert loader.view(object(), SEQUENCES, SMALL).state == READY
    loader.shutdown()


def test_a_tile_dropped_as_a_view_asks_for_it_is_loaded_all_the_same(kv_app, fresh_sandbox):
    """The race behind a layer left 'loading' for ever: the view that wanted a tile moves on, its
    request sees that and gives up, and in that moment another view asks for the tile and waits for
    the repaint signal that only an arrival sends."""
    loader = fast_loader(fresh_sandbox.url)
    west, south, east, north = tile_bbox(14, 9265, 5777)  # one photo tile of Cluj, with sequences
    width, height = east - west, north - south
    inside = (west + width / 4, south + height / 4, east - width / 4, north - height / 4)
    real_page = loader.client.nearby_photos_page
    started, seen_dropped, release, first = threading.Event(), threading.Event(), threading.Event(), [True]

    def page(*args, cancel, **kwargs):
        if first[0]:
            first[0] = False
            started.set()
            assert wait_until(cancel, timeout=10)  # the transport sees the view has moved on...
            seen_dropped.set()
            release.wait(10)
            raise Cancelled()  # ...and drops the request
        return real_page(*args, cancel=cancel, **kwargs)

    loader.client.nearby_photos_page = page
    mover, waiter = object(), object()
    assert loader.view(mover, SEQUENCES, inside).state == LOADING
    assert started.wait(10)
    far = (inside[0] + 10, inside[1] + 10, inside[2] + 10, inside[3] + 10)
    loader.view(mover, SEQUENCES, far)
    loader.view(mover, SEQUENCES, (far[0] + 1, far[1], far[2] + 1, far[3]))
    assert seen_dropped.wait(10)
    assert loader.view(waiter, SEQUENCES, inside).state == LOADING  # it waits for the dropped request
    assert wait_until(lambda: loader.pending() == 1, timeout=20)  # the far views are done
    arrivals = record_signal(loader._signals.arrived)
    release.set()
    assert wait_until(lambda: arrivals, timeout=20)  # the layer is told to repaint...
    assert wait_until(lambda: loader.pending() == 0, timeout=20)
    result = loader.view(waiter, SEQUENCES, inside)  # ...and its repaint finds the tile
    assert result.state == READY
    assert ids_of(result.items) >= expected_sequences(fresh_sandbox.world, inside)
    loader.shutdown()
