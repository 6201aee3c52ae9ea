"""Reloading a KartaView layer: what it showed is asked again, past the cache, without freezing."""

import time

import pytest
from qgis.core import QgsFeatureRequest, QgsProject

from kartaview.plugin.provider.loader import default_loader
from tests.provider_support import SMALL, expected_sequences, ids, open_layer, rect_request, wait_until


def record(signal):
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def attributes(vector, sequence_id):
    feature = next(vector.getFeatures(QgsFeatureRequest(sequence_id)))
    return feature["quality"], feature["address"]


def sequence_requests(sandbox, sequence_id):
    return [e for e in sandbox.request_log if e["path"].rstrip("/") == "/2.0/sequence/{}".format(sequence_id)]


@pytest.fixture
def kv_project(kv_app):
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def test_reload_of_a_canvas_layer_shows_changed_attributes(kv_project, fresh_sandbox):
    vector = open_layer("type=sequences")
    kv_project.addMapLayer(vector)
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert wait_until(lambda: ids(vector.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    assert wait_until(lambda: default_loader().pending() == 0, timeout=30)
    changed = min(expected)
    before = attributes(vector, changed)
    fresh_sandbox.edit_sequence(changed, quality=3, address="Strada Reincarcata 1")
    fresh_sandbox.set_faults(latency_ms=300)
    fresh_sandbox.reset_log()
    assert attributes(vector, changed) == before  # still the cached answer
    data_changed = record(vector.dataChanged)
    started = time.monotonic()
    vector.reload()
    assert time.monotonic() - started < 0.2  # nothing waits for the network
    assert attributes(vector, changed) == before and data_changed == []  # shown until the answers arrive
    assert wait_until(lambda: attributes(vector, changed) == (3, "Strada Reincarcata 1"), timeout=30)
    assert sequence_requests(fresh_sandbox, changed)  # asked again although the cache held it as fresh
    assert wait_until(lambda: data_changed, timeout=10)  # once all answers are in: attribute tables reload
    assert ids(vector.getFeatures(rect_request(SMALL))) == expected


def test_reload_of_a_waiting_layer(kv_app, fresh_sandbox):
    vector = open_layer("type=sequences&wait=1")
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert ids(vector.getFeatures(rect_request(SMALL))) == expected
    changed = max(expected)
    fresh_sandbox.edit_sequence(changed, quality=1)
    vector.dataProvider().reloadData()
    assert {f.id(): f["quality"] for f in vector.getFeatures(rect_request(SMALL))}[changed] == 1
    other = open_layer("type=sequences&wait=1")  # the data is the loader's: every layer sees the answer
    assert attributes(other, changed)[0] == 1


def test_reload_keeps_the_layer_when_the_service_fails(kv_project, fresh_sandbox):
    vector = open_layer("type=sequences")
    kv_project.addMapLayer(vector)
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert wait_until(lambda: ids(vector.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["500"])
    vector.reload()  # the answers will fail (after the client's retries): what is shown stays
    assert vector.isValid() and ids(vector.getFeatures(rect_request(SMALL))) == expected


def test_reload_of_a_layer_that_showed_nothing_yet(kv_app, fresh_sandbox):
    vector = open_layer("type=sequences")
    data_changed = record(vector.dataChanged)
    vector.reload()
    assert data_changed and default_loader().pending() == 0


def test_view_refresh_reloads_the_layers(kv_app, sandbox, qgis_canvas):
    vector = open_layer("type=sequences")
    data_changed = record(vector.dataChanged)
    qgis_canvas.setLayers([vector])
    try:
        qgis_canvas.refreshAllLayers()  # View > Refresh (F5) calls QgsVectorLayer.reload() on each layer
    finally:
        qgis_canvas.setLayers([])
    assert data_changed  # nothing shown yet: the reload is done at once
