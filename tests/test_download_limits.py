"""What the user gets from servers that page, count and number oddly, and from a world extent (issue 14,
points 1 and 3): kartaview:downloadsequences' output and feedback, and the layer's legend line."""

import time
import tracemalloc

import pytest
from qgis.core import QgsLayerTreeLayer, QgsProcessingContext, QgsProcessingFeedback
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt

from kartaview.plugin.client.paging import MAX_PAGES
from kartaview.plugin.gui.layer_actions import make_layer
from kartaview.plugin.processing.download_sequences import DownloadSequencesAlgorithm
from kartaview.plugin.provider.loader import Loader
from kartaview.plugin.provider.loader_base import MAX_FETCH_TILES
from kartaview.plugin.provider.uri import COVERAGE, PHOTOS
from tests.provider_support import SMALL, expected_sequences, rect_request, wait_until

EXTENT = "{},{},{},{} [EPSG:4326]".format(SMALL[0], SMALL[2], SMALL[1], SMALL[3])
CUT = "more data in"  # words of the note when the page cap cut a tile
UNREADABLE = "could not be read"
SEQUENCES_TYPE, PHOTOS_TYPE = 0, 1


class Feedback(QgsProcessingFeedback):
    """Keeps what the algorithm told the user."""

    def __init__(self):
        super().__init__()
        self.warnings, self.errors = [], []

    def pushWarning(self, text):  # noqa: N802 (QGIS API name)
        self.warnings.append(text)
        super().pushWarning(text)

    def reportError(self, text, fatal=False):  # noqa: N802 (QGIS API name)
        self.errors.append(text)
        super().reportError(text, fatal)


def run(parameters):
    algorithm = DownloadSequencesAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), Feedback()
    results, ok = algorithm.run(dict(parameters, OUTPUT="memory:"), context, feedback)
    layer = context.takeResultLayer(results["OUTPUT"]) if ok else None
    return ok, layer, feedback


def photos_in_small(world):
    return world.photos_in_bbox((SMALL[1], SMALL[0], SMALL[3], SMALL[2]))


def tiles_requested(sandbox, route):
    return [entry for entry in sandbox.request_log if entry["path"].startswith(route)]


# ---- 1. paging follows the server -------------------------------------------------------------
def test_a_server_capping_pages_below_what_is_asked_loses_no_photo(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(page_cap=150)
    ok, photos, feedback = run({"EXTENT": EXTENT, "TYPE": 1})
    assert ok, feedback.errors
    assert len(photos_in_small(fresh_sandbox.world)) > 150
    assert photos.featureCount() == len(photos_in_small(fresh_sandbox.world))
    ok, sequences, _ = run({"EXTENT": EXTENT})
    assert {f["sequence_id"] for f in sequences.getFeatures()} == expected_sequences(fresh_sandbox.world, SMALL)
    assert not any(CUT in warning for warning in feedback.warnings)


def test_the_page_cap_bounds_the_requests_and_the_user_is_told(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(page_cap=40)  # 20 pages of 40 photos: the tiles of SMALL hold over 1,000
    tiles = Loader.tile_count(PHOTOS, SMALL)
    ok, photos, feedback = run({"EXTENT": EXTENT, "TYPE": 1})
    assert ok, feedback.errors
    assert len(tiles_requested(fresh_sandbox, "/1.0/list/nearby-photos")) <= tiles * MAX_PAGES
    assert 0 < photos.featureCount() < len(photos_in_small(fresh_sandbox.world))
    assert any(CUT in warning for warning in feedback.warnings), feedback.warnings


def test_a_huge_claimed_road_coverage_total_sends_few_requests(kv_app, fresh_sandbox):
    ok, whole, _ = run({"EXTENT": EXTENT, "TYPE": 2})
    assert ok and whole.featureCount() > 0
    fresh_sandbox.reset_log()
    fresh_sandbox.set_faults(claimed_total=10 ** 9)
    started = time.monotonic()
    ok, claimed, feedback = run({"EXTENT": EXTENT, "TYPE": 2})
    assert ok, feedback.errors
    # one wave of pages finds the empty page past the end: not a million pages per tile
    assert len(tiles_requested(fresh_sandbox, "/1.0/tracks")) <= Loader.tile_count(COVERAGE, SMALL) * MAX_PAGES
    assert time.monotonic() - started < 30
    assert claimed.featureCount() == whole.featureCount()


# ---- 3. malformed records and a world extent ---------------------------------------------------
@pytest.mark.parametrize("layer_type", [0, 1, 2])
def test_huge_ids_are_left_out_per_record_and_counted(kv_app, fresh_sandbox, layer_type):
    fresh_sandbox.set_faults(huge_ids=2, page_cap=200)
    ok, output, feedback = run({"EXTENT": EXTENT, "TYPE": layer_type})
    assert ok, feedback.errors  # no OverflowError ends the download
    assert any(UNREADABLE in warning for warning in feedback.warnings), feedback.warnings
    if layer_type == SEQUENCES_TYPE:
        assert {f["sequence_id"] for f in output.getFeatures()} == expected_sequences(fresh_sandbox.world, SMALL)
    elif layer_type == PHOTOS_TYPE:
        # the photos rejected may lie in the tiles outside the extent
        assert 0 < output.featureCount() <= len(photos_in_small(fresh_sandbox.world))
    else:
        assert output.featureCount() > 0
    assert all(f.id() < 2 ** 63 for f in output.getFeatures())


def test_a_world_extent_is_refused_at_once_saying_what_to_do(kv_app, fresh_sandbox, monkeypatch):
    listed = []
    tile_keys = Loader.tile_keys

    def guarded(layer_type, bbox, since=None):
        # listing the 268 million z14 tiles of the world took over 3 GB before a single request
        assert Loader.tile_count(layer_type, bbox) <= MAX_FETCH_TILES, "tiles listed for a refused extent"
        listed.append(bbox)
        return tile_keys(layer_type, bbox, since)

    monkeypatch.setattr(Loader, "tile_keys", staticmethod(guarded))
    for layer_type in (0, 2):
        tracemalloc.start()
        started = time.monotonic()
        try:
            ok, _, feedback = run({"EXTENT": "-180,180,-85,85 [EPSG:4326]", "TYPE": layer_type})
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert not ok and time.monotonic() - started < 10
        assert peak < 50 * 2 ** 20
        message = " ".join(feedback.errors)
        assert "too large" in message and "smaller extent" in message and "split" in message, message
    assert fresh_sandbox.request_log == []


def test_the_layer_legend_says_when_the_page_cap_cut_the_view(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(page_cap=40)
    photos = make_layer("photos")
    provider = photos.dataProvider()

    def loaded():
        list(photos.getFeatures(rect_request(SMALL)))
        return provider.status.state == "ready"

    assert wait_until(loaded, timeout=30)
    assert CUT in provider.status_message()
    nodes = photos.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(photos))
    try:
        assert CUT in nodes[0].data(Qt.ItemDataRole.DisplayRole)
    finally:
        for node in nodes:  # C++ owns them now: free them as the layer tree would
            sip.delete(node)
