"""KartaView layers in the QGIS interface: add actions, style, "Open in KartaView", legend line, Browser."""

import re
import subprocess

import pytest
from qgis.core import (
    Qgis,
    QgsLayerTreeLayer,
    QgsMimeDataUtils,
    QgsProject,
    QgsRasterLayer,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.gui import QgsMessageBar
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt

import kartaview
from kartaview.plugin.core.cache import TILES, shared_cache
from kartaview.plugin.gui.browser import KartaViewItemProvider
from kartaview.plugin.gui.layer_actions import ICON, STYLED, StatusLegend, make_layer
from kartaview.plugin.provider.signals import hub
from tests.conftest import ROOT
from tests.provider_support import SMALL, rect_request
from tests.recording_iface import RecordingIface

CITY = (23.40, 46.60, 23.80, 46.90)


@pytest.fixture
def kv_plugin(kv_app, qgis_iface, sandbox):
    iface = RecordingIface(qgis_iface, message_bar=QgsMessageBar())
    plugin = kartaview.classFactory(iface)
    plugin.initGui()
    yield plugin
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the toolbar, before QGIS exits
    QgsProject.instance().removeAllMapLayers()


def action_named(plugin, name):
    return next(action for action, _ in plugin.actions if action.objectName() == name)


def kartaview_layers():
    return [layer for layer in QgsProject.instance().mapLayers().values() if layer.providerType() == "kartaview"]


def test_add_layer_actions(kv_plugin):
    add = action_named(kv_plugin, "KartaViewAddLayerAction")
    assert add in kv_plugin.toolbar.actions()
    add.trigger()
    for entry in add.menu().actions()[1:3]:  # photos, coverage
        entry.trigger()
    layers = sorted(kartaview_layers(), key=lambda layer: layer.name())
    assert [layer.dataProvider().params.layer_type for layer in layers] == ["photos", "coverage", "sequences"]
    for layer in layers:
        assert layer.customProperty(STYLED)
        assert isinstance(layer.renderer(), (QgsRuleBasedRenderer,)) or layer.renderer().type() == "graduatedSymbol"
        assert [action.name() for action in layer.actions().actions()].count("Open in KartaView") == 1
        assert layer.actions().actions()[0].iconPath() == ICON
        assert "[% \"url\" %]" in layer.actions().actions()[0].command()
        assert "thumbnail_url" in layer.mapTipTemplate() or layer.dataProvider().params.layer_type == "coverage"


def test_menu_adds_the_coverage_overview_and_the_coverage_group(kv_plugin):
    menu = action_named(kv_plugin, "KartaViewAddLayerAction").menu()
    entries = {entry.objectName(): entry for entry in menu.actions()}
    entries["KartaViewAddOverviewAction"].trigger()
    rasters = [layer for layer in QgsProject.instance().mapLayers().values() if layer.providerType() == "wms"]
    assert [layer.name() for layer in rasters] == ["KartaView coverage overview"] and rasters[0].isValid()
    entries["KartaViewAddCoverageGroupAction"].trigger()
    group = QgsProject.instance().layerTreeRoot().findGroup("KartaView coverage")
    layers = [node.layer() for node in group.findLayers()]
    assert [layer.providerType() for layer in layers] == ["kartaview", "wms"]
    assert all(layer.hasScaleBasedVisibility() for layer in layers)
    assert layers[0].customProperty(STYLED)  # the sequences layer of the group is prepared like any other
    QgsProject.instance().layerTreeRoot().removeChildNode(group)


def test_layers_from_elsewhere_are_prepared_once(kv_plugin):
    dropped = QgsVectorLayer("type=sequences&min_quality=5", "dropped", "kartaview")
    QgsProject.instance().addMapLayer(dropped)
    assert dropped.customProperty(STYLED) and isinstance(dropped.legend(), StatusLegend)
    dropped.setRenderer(dropped.renderer().clone())  # a user's own style...
    QgsProject.instance().layersAdded.emit([dropped])
    assert len(dropped.actions().actions()) == 1  # ...and actions are not added twice


# An absolute file path as an XML attribute or element value ("/dir/...", "C:\\..." or "file:///..."): a path
# of the machine the file was saved on, which users' machines do not have.
ABSOLUTE_PATH = re.compile(r"""(?:["'>]|file://)(/[\w.~-]+/[^"'<\s]*)|["'>]([A-Za-z]:[\\/][^"'<]*)""")


def test_no_file_under_ui_holds_an_absolute_path():
    committed = subprocess.run(["git", "ls-files", "ui"], cwd=ROOT, capture_output=True, text=True, check=True)
    found = []
    for name in committed.stdout.split():
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the screenshots
            continue
        found += ["{}: {}".format(name, match.group(0)) for match in ABSOLUTE_PATH.finditer(text)]
        found += ["{}: {}".format(name, here) for here in (str(ROOT), str(ROOT.parent)) if here in text]
    assert found == []
    assert ABSOLUTE_PATH.search('<actionsetting icon="/work/main/ui/icons/kartaview.svg" name="x">')


def test_a_stale_icon_path_in_a_project_from_another_machine_is_repaired(kv_plugin, tmp_path):
    project = QgsProject.instance()
    layer = make_layer()
    project.addMapLayer(layer)
    (action,) = layer.actions().actions()
    saved = tmp_path / "from-another-machine.qgs"
    assert project.write(str(saved))
    project.clear()
    text = saved.read_text(encoding="utf-8")
    assert text.count('icon="{}"'.format(ICON)) == 1
    stale = "/home/someone/.local/share/QGIS/QGIS3/profiles/default/python/plugins/kartaview/ui/icons/kartaview.svg"
    saved.write_text(text.replace(ICON, stale), encoding="utf-8")

    assert project.read(str(saved))
    (reopened,) = kartaview_layers()
    assert [(found.id(), found.name(), found.iconPath(), found.command(), found.actionScopes())
            for found in reopened.actions().actions()] == [
        (action.id(), "Open in KartaView", ICON, action.command(), action.actionScopes())]


def test_legend_says_when_zoomed_out_too_far(kv_app, sandbox):
    sequences = make_layer()
    list(sequences.getFeatures(rect_request(CITY)))
    nodes = sequences.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(sequences))
    assert "zoom in" in nodes[0].data(Qt.ItemDataRole.DisplayRole)
    assert "Zoomed out too far" in sequences.dataProvider().status_message()


def bar_texts(bar):
    """What the message bar shows: (level, text) of each item."""
    return [(item.level(), item.text()) for item in bar.items()]


def test_problems_reach_the_message_bar_and_clear_cache(kv_plugin):
    bar = kv_plugin.iface.messageBar()
    hub().problem.emit("KartaView is down")
    assert bar_texts(bar) == [(Qgis.MessageLevel.Warning, "KartaView is down")]
    cache = shared_cache()
    cache.put(TILES, "x", [1] * 1000)
    action_named(kv_plugin, "KartaViewClearCacheAction").trigger()
    assert cache.get(TILES, "x") is None


def test_browser_items_drag_as_kartaview_layers(kv_app):
    root = KartaViewItemProvider().createDataItem("", None)
    children = root.createChildren()
    assert [child.name() for child in children] == ["KartaView sequences", "KartaView photos",
                                                    "KartaView road coverage", "KartaView coverage overview"]
    overview = children.pop()
    raster = overview.mimeUris()[0]
    assert raster.providerKey == "wms" and raster.layerType == "raster" and "type=xyz" in raster.uri
    assert QgsRasterLayer(raster.uri, raster.name, raster.providerKey).isValid()
    for child in children:
        uri = child.mimeUris()[0]
        assert uri.providerKey == "kartaview" and uri.layerType == "vector"
        assert QgsVectorLayer(uri.uri, uri.name, uri.providerKey).isValid()
    data = QgsMimeDataUtils.encodeUriList(children[0].mimeUris())
    assert QgsMimeDataUtils.decodeUriList(data)[0].uri == children[0].mimeUris()[0].uri


def test_legend_speaks_of_the_view_at_the_map_centre_not_of_the_newest_render(kv_app, sandbox):
    # The canvas also renders the areas around the view ahead of a pan: the newest render may be one of those.
    sequences = make_layer()
    far_and_wide = (-20.0, -20.0, 20.0, 20.0)  # no tile of it is listed: zoomed out too far
    list(sequences.getFeatures(rect_request(SMALL)))  # the visible view
    list(sequences.getFeatures(rect_request(far_and_wide)))  # a look-ahead render, drawn last
    provider, middle = sequences.dataProvider(), ((SMALL[0] + SMALL[2]) / 2, (SMALL[1] + SMALL[3]) / 2)
    assert "Zoomed out too far" in provider.status_message((0.0, 0.0))
    assert "Zoomed out too far" not in provider.status_message(middle)
    legend = sequences.legend()
    legend.refresh(middle)
    nodes = legend.createLayerTreeModelLegendNodes(QgsLayerTreeLayer(sequences))
    assert not any("Zoomed out too far" in node.data(Qt.ItemDataRole.DisplayRole) for node in nodes)
    for node in nodes:  # C++ owns them now (the legend hands them over): free them as the layer tree would
        sip.delete(node)


def test_an_outage_says_one_clear_sentence_once_and_goes_when_kartaview_is_back(kv_plugin, fresh_sandbox,
                                                                               monkeypatch):
    """Server down: one warning in plain words (no network library text, no "connection ... lost the
    connection"), not one per tile; KartaView back: the warning leaves the bar by itself."""
    from kartaview.plugin.client.client import KartaViewClient
    from kartaview.plugin.provider.loader import Loader
    from tests.photo_support import wait_until

    bar = kv_plugin.iface.messageBar()
    loader = Loader(KartaViewClient(fresh_sandbox.url, retries=0, timeout=5))
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("drop",))
    loader.view(object(), "sequences", SMALL)
    wait_until(lambda: bar.items(), what="the outage warning")
    loader.view(object(), "sequences", CITY)
    wait_until(lambda: loader.pending() == 0, what="the failing requests")
    ((level, text),) = bar_texts(bar)
    assert level == Qgis.MessageLevel.Warning
    assert text.startswith("KartaView cannot be reached.")
    for raw in ("HTTPConnectionPool", "urllib3", "Error(", "lost the connection", "127.0.0.1"):
        assert raw not in text

    fresh_sandbox.clear_faults()
    loader.refresh("sequences", [SMALL])
    wait_until(lambda: not bar.items(), what="the warning to go once KartaView answers")
    loader.shutdown()


def _classes(layer):
    """(label, colour) of the legend's age classes as the Layers panel lists them."""
    nodes = layer.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(layer))
    rules = {rule.label(): rule for rule in layer.renderer().rootRule().children()}
    shown = [node.data(Qt.ItemDataRole.DisplayRole) for node in nodes]
    return [(label, rules[label].symbol().color().name()) for label in shown if label in rules]


def test_the_sequences_layer_and_the_coverage_output_speak_of_age_alike(kv_app, tmp_path):
    """One legend vocabulary: the same age classes in the same colours; red only for "no imagery";
    a sequence without a date is "Date unknown", not "More than 6 years old"."""
    from qgis.core import QgsFeature, QgsRenderContext

    from kartaview.plugin.core.styles import load_style
    from kartaview.plugin.processing.styling import STYLES as PROCESSING_STYLES

    sequences = make_layer()
    roads = QgsVectorLayer("LineString?crs=EPSG:4326&field=sequence_count:integer&field=covered_m:double"
                           "&field=newest_capture:datetime", "roads", "memory")
    assert load_style(roads, PROCESSING_STYLES / "coverage_output.qml")[1]
    ages = ["Less than a year old", "1 to 3 years old", "3 to 6 years old", "More than 6 years old", "Date unknown"]
    sequence_classes = [c for c in _classes(sequences) if c[0] in ages]
    road_classes = [c for c in _classes(roads) if c[0] in ages]
    assert [label for label, _ in sequence_classes] == ages
    assert sequence_classes == road_classes
    red = {colour for label, colour in _classes(roads) + _classes(sequences) if colour in ("#d7191c", "#e31a1c")}
    assert {label for label, colour in _classes(roads) + _classes(sequences) if colour in red} == {"No imagery"}

    undated = QgsFeature(sequences.fields())
    undated.initAttributes(sequences.fields().count())
    undated["is_360"] = False  # every other attribute NULL, the date too
    context = QgsRenderContext()
    renderer = sequences.renderer().clone()
    renderer.startRender(context, sequences.fields())
    keys = renderer.legendKeysForFeature(undated, context)
    renderer.stopRender(context)
    labels = {rule.ruleKey(): rule.label() for rule in renderer.rootRule().children()}
    assert [labels[key] for key in keys if key in labels] == ["Date unknown"]


def test_the_status_bar_says_while_the_map_view_loads(kv_plugin, fresh_sandbox, request):
    """A slow KartaView: the status bar says it is loading (not "Ready" throughout), then nothing."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    from tests.photo_support import wait_until

    # fresh_sandbox points the API address and the cache at itself: nothing of it is cached yet
    fresh_sandbox.set_faults(latency_ms=400)
    status_bar = kv_plugin.iface.statusBarIface()
    canvas = kv_plugin.iface.mapCanvas()
    sequences = make_layer()
    QgsProject.instance().addMapLayer(sequences)
    # the tests share the canvas: it goes back to how it was, or later tests' layers load this view too
    crs, extent = canvas.mapSettings().destinationCrs(), canvas.extent()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setLayers([sequences])
    canvas.setExtent(QgsRectangle(*SMALL))
    request.addfinalizer(lambda: (canvas.setLayers([]), canvas.setDestinationCrs(crs), canvas.setExtent(extent)))

    def render():  # what a render of the view does: ask the layer for it, then the plugin updates
        list(sequences.getFeatures(rect_request(SMALL)))
        hub().repainted.emit(1)
        return status_bar.currentMessage()

    assert render() == "Loading KartaView data for the map view…"
    fresh_sandbox.clear_faults()
    wait_until(lambda: render() == "", timeout=30, what="the status bar to fall quiet once the view is loaded")
    assert sequences.dataProvider().status_message() == ""
