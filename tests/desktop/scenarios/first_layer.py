"""The first KartaView layer of an empty project, with a slow KartaView (1 s a request): where the map
opens (its scale, not the whole world), and when the legend stops saying "Loading": only once every
sequence of the view is drawn, compared with what KartaView (the sandbox) has there."""

import json
import os
import threading
import time
import urllib.request

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
)
from qgis.PyQt.QtCore import QPoint

from tests.desktop.canvas import drawn_pixels

API = os.environ["KARTAVIEW_API_URL"]
LOADING = "Loading KartaView"
STATUS_STARTS = (LOADING, "Zoomed out too far", "KartaView did not answer")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def sandbox(command, **settings):
    request = urllib.request.Request(API + "__sandbox__/" + command, data=json.dumps(settings).encode(),
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def status_line(desk, layer):
    texts = desk.legend_texts(layer)
    return texts[0] if texts and texts[0].startswith(STATUS_STARTS) else ""


def view_box(canvas):
    """The map's visible extent in EPSG:4326."""
    transform = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), WGS84, QgsProject.instance())
    return transform.transformBoundingBox(canvas.extent())


def drawn_ids(layer, box):
    """The ids of the sequences the layer has loaded that touch box (what the map draws there)."""
    from kartaview.plugin.provider.feature_source import KartaViewFeatureSource

    source = KartaViewFeatureSource(layer.dataProvider(), loaded_only=True)
    return {feature.id() for feature in source.getFeatures(QgsFeatureRequest().setFilterRect(box))}


def kartaview_ids(box, out):
    """What KartaView has in box, asked afresh (a loader of its own, no cache), in a thread."""
    from kartaview.plugin.core.network import make_client
    from kartaview.plugin.core.settings import Settings
    from kartaview.plugin.provider.feature_source import build_record
    from kartaview.plugin.provider.loader import Loader
    from kartaview.plugin.provider.uri import SEQUENCES, Filters

    try:
        loader = Loader(make_client(base_url=Settings().api_url), None)
        tracks = loader.fetch(SEQUENCES, (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()), Filters())
        out["ids"] = {track.id for track in tracks
                      if build_record(SEQUENCES, track, loader.client).geometry.intersects(box)}
        loader.shutdown()
    except Exception as error:  # noqa: BLE001 - reported by the check
        out["error"] = repr(error)


def add_from_toolbar(desk):
    component = desk.component("KartaViewLayersComponent")
    button = desk.plugin().toolbar.widgetForAction(component.add_action)
    yield from desk.click(button, QPoint(8, button.height() // 2))  # the button, not its menu arrow


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    desk.check("a new QGIS: the map has no view yet", canvas.extent().isEmpty(), canvas.extent().toString())
    sandbox("faults", latency_ms=1000)  # a slow KartaView: every request takes a second

    # ---- where the map opens ------------------------------------------------------------------
    yield from add_from_toolbar(desk)
    yield from desk.wait_for("toolbar: the sequences layer is added", lambda: QgsProject.instance().mapLayers(), 15)
    layer = next(iter(QgsProject.instance().mapLayers().values()))
    yield from desk.wait_for("first layer of an empty project: the map opens at a street scale, not the whole world",
                             lambda: 1000 <= canvas.scale() <= 50000, 10, lambda: "1:{:.0f}".format(canvas.scale()))

    # ---- a slow server: "Loading" until the whole view is drawn --------------------------------
    box = view_box(canvas)
    seen = {"loading": False, "complete": None}

    def complete():
        line = status_line(desk, layer)
        seen["loading"] |= line.startswith(LOADING)
        if line == "" and len(desk.legend_texts(layer)) > 1 and not canvas.isDrawing():
            seen["complete"] = drawn_ids(layer, box)
            seen["status bar"] = iface.statusBarIface().currentMessage()
            return True
        return False

    started = time.monotonic()
    yield from desk.wait_for("slow server: the legend stops saying Loading", complete, 90,
                             lambda: "legend {!r}".format(desk.legend_texts(layer)[:2]))
    desk.note("slow server: complete after {:.1f} s, {} sequences drawn, {} pixels".format(
        time.monotonic() - started, len(seen["complete"] or ()), drawn_pixels(canvas)))
    desk.check("slow server: the legend said Loading first", seen["loading"])
    sandbox("clear_faults")
    truth = {}
    worker = threading.Thread(target=kartaview_ids, args=(box, truth), daemon=True)
    worker.start()
    yield from desk.wait_for("KartaView's own list of the view's sequences", lambda: not worker.is_alive(), 60)
    expected, drawn = truth.get("ids", set()), seen["complete"] or set()
    desk.check("slow server: when the legend stopped saying Loading, every sequence of the view was drawn",
               expected and drawn == expected,
               "{} drawn of {} (missing {}, error {})".format(len(drawn & expected), len(expected),
                                                            sorted(expected - drawn)[:10], truth.get("error")))
    desk.check("slow server: the status bar fell quiet with the legend",
               seen["complete"] is not None and not (seen.get("status bar") or "").startswith("Loading KartaView"),
               seen.get("status bar"))

    # ---- a new project: the map keeps its view, or QGIS zooms to what the layer has loaded ------
    last = view_box(canvas).center()
    QgsProject.instance().setDirty(False)
    yield from desk.wait_for("the map is drawn before the project closes", lambda: not canvas.isDrawing(), 20)
    iface.newProject(False)
    yield 1
    yield from add_from_toolbar(desk)
    yield from desk.wait_for("new project: the sequences layer is added", lambda: QgsProject.instance().mapLayers(), 15)
    yield 1
    centre = view_box(canvas).center()
    desk.check("new project: the first KartaView layer opens over the streets looked at, at a street scale",
               abs(centre.x() - last.x()) < 0.01 and abs(centre.y() - last.y()) < 0.01 and canvas.scale() <= 50000,
               "centre {} (before {}), 1:{:.0f}".format(centre.toString(6), last.toString(6), canvas.scale()))
