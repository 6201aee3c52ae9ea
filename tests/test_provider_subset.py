"""The layer filter (subset string) of the `kartaview` provider, and its feature count and extent."""

from pathlib import Path
from urllib.parse import quote_plus

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsFeatureRequest,
    QgsLayerTreeModel,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsQueryBuilder
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication

from kartaview.plugin.provider.loader import default_loader
from kartaview.plugin.provider.signals import hub
from tests.provider_support import CENTRE, SMALL, expected_sequences, ids, open_layer, rect_request, wait_until

GOOD = '"quality" >= 70'
STYLES = Path(__file__).resolve().parents[1] / "ui" / "styles"


def good(v2):
    return int(v2["quality"]) >= 70


def record(signal):
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def kartaview_messages():
    seen = []

    def keep(message, tag, level):
        if tag == "KartaView":
            seen.append((message, level))

    QgsApplication.messageLog().messageReceived.connect(keep)
    return seen


@pytest.fixture
def kv_sequences(kv_app, sandbox):
    return open_layer("type=sequences&wait=1")


@pytest.fixture
def kv_project(kv_app):
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def test_every_request_kind_returns_only_matching_features(kv_sequences, sandbox):
    assert kv_sequences.dataProvider().supportsSubsetString()
    assert kv_sequences.setSubsetString(GOOD)
    assert kv_sequences.subsetString() == GOOD == kv_sequences.dataProvider().subsetString()
    expected = expected_sequences(sandbox.world, CENTRE, good)
    assert expected and ids(kv_sequences.getFeatures(rect_request(CENTRE))) == expected
    everything = expected_sequences(sandbox.world, CENTRE)
    low = sorted(everything - expected)
    assert list(kv_sequences.getFeatures(QgsFeatureRequest(low[0]))) == []
    assert [f.id() for f in kv_sequences.getFeatures(QgsFeatureRequest(min(expected)))] == [min(expected)]
    assert ids(kv_sequences.getFeatures(QgsFeatureRequest().setFilterFids(sorted(everything)))) == expected
    request = QgsFeatureRequest().setFilterExpression('"is_360" = false')
    assert ids(kv_sequences.getFeatures(request)) == {i for i in ids(kv_sequences.getFeatures())
                                                       if not sandbox.world.sequence(i)["fieldOfView"] == "360"}
    unfiltered = list(kv_sequences.getFeatures())  # everything loaded: the matching features only
    assert unfiltered and all(feature["quality"] >= 70 for feature in unfiltered)
    assert expected <= ids(unfiltered)


def test_feature_count_and_extent_follow_the_subset(kv_sequences, sandbox):
    list(kv_sequences.getFeatures(rect_request(CENTRE)))  # load the centre
    loaded = list(kv_sequences.getFeatures())
    assert kv_sequences.featureCount() == len(loaded) > 0
    assert kv_sequences.setSubsetString(GOOD)
    matching = [f for f in loaded if f["quality"] >= 70]
    assert kv_sequences.featureCount() == len(matching) < len(loaded)
    extent = QgsRectangle(matching[0].geometry().boundingBox())  # setMinimal() is deprecated since 3.34
    for feature in matching[1:]:
        extent.combineExtentWith(feature.geometry().boundingBox())
    assert kv_sequences.extent() == extent
    assert kv_sequences.setSubsetString("")
    assert kv_sequences.featureCount() == len(loaded) and kv_sequences.subsetString() == ""


def test_feature_count_of_a_layer_with_a_bbox_counts_the_loaded_features_in_it(kv_app, sandbox):
    bounded = open_layer("type=sequences&wait=1&bbox={},{},{},{}".format(*SMALL))
    assert bounded.featureCount() == len(list(bounded.getFeatures())) == len(expected_sequences(sandbox.world, SMALL))
    assert bounded.setSubsetString(GOOD)
    assert bounded.featureCount() == len(expected_sequences(sandbox.world, SMALL, good))


@pytest.mark.parametrize("bad,reason", [('"nope" > 1', "nope"), ('"quality" >>= 2', "syntax"),
                                        ("no_such_function(1)", "not known"), ("to_int('x') = 1", "convert")])
def test_a_bad_filter_is_refused_with_a_clear_message(kv_sequences, bad, reason):
    assert kv_sequences.setSubsetString(GOOD)
    messages = kartaview_messages()
    assert not kv_sequences.setSubsetString(bad)
    assert kv_sequences.subsetString() == GOOD  # the old filter stays
    assert any(bad in text and reason in text and level == Qgis.MessageLevel.Warning
               for text, level in messages), messages
    assert any(reason in text for text in kv_sequences.dataProvider().errors())
    kv_sequences.dataProvider().clearErrors()


def test_a_filter_change_repaints_and_resets_what_qgis_cached(kv_sequences):
    feature_ids = sorted(ids(kv_sequences.getFeatures(rect_request(SMALL))))
    kv_sequences.selectByIds(feature_ids)
    changed, repaints, subsets = (record(kv_sequences.dataChanged), record(kv_sequences.repaintRequested),
                                  record(kv_sequences.subsetStringChanged))
    assert kv_sequences.setSubsetString(GOOD)
    assert changed and repaints and subsets
    assert kv_sequences.selectedFeatureIds() == []  # as for every provider whose data changed


def test_the_filter_survives_a_project_save_and_reload(kv_project, sandbox, tmp_path):
    kv_project.addMapLayer(open_layer("type=sequences&wait=1&min_quality=10", "filtered"))
    layer_id = next(iter(kv_project.mapLayers()))
    assert kv_project.mapLayer(layer_id).setSubsetString(GOOD)
    assert "subset=" in kv_project.mapLayer(layer_id).source()
    path = str(tmp_path / "subset.qgs")
    assert kv_project.write(path)
    kv_project.clear()
    assert kv_project.read(path)
    again = kv_project.mapLayer(layer_id)
    assert again.isValid() and again.subsetString() == GOOD
    accept = lambda v2: good(v2) and int(v2["quality"]) >= 10  # noqa: E731
    assert ids(again.getFeatures(rect_request(SMALL))) == expected_sequences(sandbox.world, SMALL, accept)


def test_a_bad_filter_in_the_uri_makes_an_invalid_layer(kv_app):
    assert not QgsVectorLayer("type=sequences&subset=%22nope%22+%3E+1", "bad", "kartaview").isValid()


def modal_text(action):
    """Run action, which opens a modal message box; return the box's text (the box is closed)."""
    shown = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        shown.append(box.text() if box is not None else "")
        if box is not None:
            box.accept()

    QTimer.singleShot(200, read_and_close)
    action()
    return shown[0] if shown else None


def test_query_builder_sets_the_filter(kv_sequences, sandbox):
    builder = QgsQueryBuilder(kv_sequences)
    builder.setSql(GOOD)
    builder.accept()
    assert kv_sequences.subsetString() == GOOD
    assert ids(kv_sequences.getFeatures(rect_request(SMALL))) == expected_sequences(sandbox.world, SMALL, good)


def test_query_builder_test_button_counts_the_loaded_features(kv_sequences):
    list(kv_sequences.getFeatures(rect_request(SMALL)))
    matching = sum(1 for feature in kv_sequences.getFeatures() if feature["quality"] >= 70)  # all loaded
    builder = QgsQueryBuilder(kv_sequences)
    builder.setSql(GOOD)
    assert "returned {} row".format(matching) in modal_text(builder.test)


def test_query_builder_shows_why_a_filter_is_refused(kv_sequences):
    builder = QgsQueryBuilder(kv_sequences)
    builder.setSql('"nope" > 1')
    text = modal_text(builder.accept)
    assert "no field named nope" in text and kv_sequences.subsetString() == ""


def test_canvas_layer_filter_and_count_label_refresh(kv_project, fresh_sandbox):
    canvas_layer = open_layer("type=sequences", "kv")
    assert canvas_layer.setSubsetString(GOOD)
    kv_project.addMapLayer(canvas_layer)
    model = QgsLayerTreeModel(kv_project.layerTreeRoot())
    node = kv_project.layerTreeRoot().findLayer(canvas_layer.id())
    node.setCustomProperty("showFeatureCount", 1)
    label = model.node2index(node)
    redrawn = []
    model.dataChanged.connect(lambda first, *_: redrawn.append(first == label))
    assert model.data(label, Qt.ItemDataRole.DisplayRole) == "kv [0]"
    list(canvas_layer.getFeatures(rect_request(SMALL)))  # schedules the view: arrivals follow
    expected = expected_sequences(fresh_sandbox.world, SMALL, good)
    assert wait_until(lambda: ids(canvas_layer.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    assert wait_until(lambda: default_loader().pending() == 0, timeout=30)
    hub().arrived.emit()  # one more burst: the label is checked after the last arrival
    assert wait_until(lambda: any(redrawn) and canvas_layer.featureCount() == len(expected), timeout=5)
    assert model.data(label, Qt.ItemDataRole.DisplayRole) == "kv [{}]".format(len(expected))
    # A burst may still be queued from the arrivals: let it (and one more) run, then a burst with nothing
    # new must leave the label alone.
    hub().arrived.emit()
    wait_until(lambda: False, timeout=1.0)
    redrawn.clear()
    hub().arrived.emit()
    wait_until(lambda: False, timeout=1.0)
    assert not any(redrawn) and model.data(label, Qt.ItemDataRole.DisplayRole) == "kv [{}]".format(len(expected))


def test_the_legend_counts_of_the_style_classes_follow_the_loaded_features(kv_project, fresh_sandbox):
    canvas_layer = open_layer("type=sequences", "kv")
    canvas_layer.loadNamedStyle(str(STYLES / "sequences.qml"))
    kv_project.addMapLayer(canvas_layer)
    model = QgsLayerTreeModel(kv_project.layerTreeRoot())
    node = kv_project.layerTreeRoot().findLayer(canvas_layer.id())
    node.setCustomProperty("showFeatureCount", 1)

    def age_class_total():  # the classes by upload age split the layer; "[n]" ends each label ("[N/A]" while
        labels = [legend.data(Qt.ItemDataRole.DisplayRole) for legend in model.layerLegendNodes(node)]  # counting)
        counts = [label.rsplit("[", 1)[1].rstrip("]") for label in labels if "360" not in label]
        return sum(int(count) for count in counts) if all(count.isdigit() for count in counts) else None

    assert wait_until(lambda: age_class_total() == 0, timeout=5)
    list(canvas_layer.getFeatures(rect_request(SMALL)))  # schedules the view: arrivals follow
    expected = expected_sequences(fresh_sandbox.world, SMALL)
    assert wait_until(lambda: ids(canvas_layer.getFeatures(rect_request(SMALL))) == expected, timeout=30)
    assert wait_until(lambda: default_loader().pending() == 0, timeout=30)
    hub().arrived.emit()
    assert canvas_layer.featureCount() >= len(expected) > 0  # what is loaded: the view's sequences and more
    assert wait_until(lambda: age_class_total() == canvas_layer.featureCount(), timeout=10)


def test_photos_and_coverage_layers_filter_too(kv_app, sandbox):
    photos = open_layer("type=photos&wait=1")
    assert photos.setSubsetString('"sequence_index" < 5 AND "heading" IS NOT NULL')
    truth = {int(p["id"]) for p in sandbox.world.photos_in_bbox((SMALL[1], SMALL[0], SMALL[3], SMALL[2]))
             if int(p["sequence_index"]) < 5 and p.get("heading") not in (None, "")}
    assert truth and ids(photos.getFeatures(rect_request(SMALL))) == truth
    coverage = open_layer("type=coverage&wait=1")
    every = {f["element_id"]: f["coverage"] for f in coverage.getFeatures(rect_request(SMALL))}
    assert coverage.setSubsetString('"coverage" >= 2')
    got = {f["element_id"] for f in coverage.getFeatures(rect_request(SMALL))}
    assert got and got == {element for element, count in every.items() if count >= 2}


def test_the_filter_is_part_of_the_uri(kv_app):
    registry = QgsProviderRegistry.instance()
    text = "type=sequences&min_quality=5&subset=" + quote_plus(GOOD)
    assert registry.decodeUri("kartaview", text) == {"type": "sequences", "min_quality": 5, "subset": GOOD}
    assert registry.encodeUri("kartaview", registry.decodeUri("kartaview", text)) == text
    assert open_layer(text).subsetString() == GOOD
