"""The README's screenshots (`make screenshot`, tests/desktop/screenshots.py): the sequences layer
while loading and loaded (its legend in the Layers panel), a photo opened with the map tool in the
photo dock, the coverage-gaps algorithm's dialog and the coverage-gaps map of the sandbox's streets."""

import json
import os
import re
import urllib.request
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPoint, Qt

from tests.desktop.canvas import MERCATOR, drawn_pixels, use_mercator

API = os.environ["KARTAVIEW_API_URL"]
OUT = Path(os.environ["KARTAVIEW_SCREENSHOTS_DIR"])
ROADS = os.environ["KARTAVIEW_SCREENSHOT_ROADS"]
LNG, LAT, PHOTO_ID = os.environ["KARTAVIEW_SCREENSHOT_PHOTO"].split(",")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
STATUS_STARTS = ("Loading KartaView", "Zoomed out too far", "KartaView did not answer")


def sandbox(command, **settings):
    request = urllib.request.Request(API + "__sandbox__/" + command, data=json.dumps(settings).encode(),
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def status_line(desk, layer):
    texts = desk.legend_texts(layer)
    return texts[0] if texts and texts[0].startswith(STATUS_STARTS) else ""


def grab(desk, name, widget=None):
    """The main window (or a widget) as shown, into OUT/name (a check)."""
    image = widget.grab() if widget is not None else desk.iface.mainWindow().screen().grabWindow(0)
    path = OUT / name
    desk.check("saved " + name, image.save(str(path)), path)


def to_map(lng, lat):
    return QgsCoordinateTransform(WGS84, MERCATOR, QgsProject.instance()).transform(QgsPointXY(lng, lat))


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    layers = desk.component("KartaViewLayersComponent")
    sandbox("faults", latency_ms=700)  # slow enough to be seen loading

    # ---- the sequences layer, loading then loaded --------------------------------------------------
    button = desk.plugin().toolbar.widgetForAction(layers.add_action)
    yield from desk.click(button, QPoint(8, button.height() // 2))
    yield from desk.wait_for("the sequences layer is added", lambda: QgsProject.instance().mapLayers(), 15)
    sequences = next(iter(QgsProject.instance().mapLayers().values()))
    yield from desk.wait_for("loading: part of the view drawn, the legend says Loading",
                             lambda: status_line(desk, sequences).startswith("Loading") and drawn_pixels(canvas) > 200,
                             60, lambda: repr(desk.legend_texts(sequences)))
    grab(desk, "layer-loading.png")
    yield from desk.wait_for("loaded: the legend's status line is gone",
                             lambda: status_line(desk, sequences) == "" and not canvas.isDrawing(), 90,
                             lambda: repr(desk.legend_texts(sequences)))
    yield 1
    grab(desk, "layer-loaded.png")
    sandbox("clear_faults")

    # ---- a photo in the dock, opened with the map tool ---------------------------------------------
    photos = desk.component("PhotoComponent")
    use_mercator(canvas)
    centre = to_map(float(LNG), float(LAT))
    canvas.setExtent(QgsRectangle(centre.x() - 160, centre.y() - 120, centre.x() + 160, centre.y() + 120))
    canvas.refresh()
    photos.tool_action.trigger()
    yield from desk.wait_for("street view: drawn",
                             lambda: status_line(desk, sequences) == "" and not canvas.isDrawing(), 30)
    point = canvas.getCoordinateTransform().transform(centre)
    yield from desk.click(canvas.viewport(), QPoint(round(point.x()), round(point.y())))
    dock = photos.dock
    yield from desk.wait_for("the photo dock shows the photo, its large image loaded",
                             lambda: dock is not None and dock.isVisible() and dock.indexValue.text() != "–"
                             and dock.statusLabel.text().endswith("px (large)")
                             and re.fullmatch(r"of ([2-9]|\d\d+)", dock.countLabel.text()), 30)
    iface.mainWindow().resizeDocks([dock], [620], Qt.Orientation.Horizontal)
    yield 2
    grab(desk, "photo-dock.png")
    dock.close()
    iface.actionPan().trigger()

    # ---- the coverage-gaps algorithm: its dialog, then its map --------------------------------------
    import processing

    streets = QgsVectorLayer(ROADS, "City streets", "ogr")  # first in the dialog's list of line layers
    QgsProject.instance().addMapLayer(streets)
    dialog = processing.createAlgorithmDialog("kartaview:coveragegaps")
    dialog.resize(900, 700)
    dialog.show()
    yield 1.5
    grab(desk, "algorithm-dialog.png", dialog)
    dialog.close()
    yield from desk.wait_for("the map is drawn before the layer goes", lambda: not canvas.isDrawing(), 20)
    QgsProject.instance().removeMapLayers([sequences.id(), streets.id()])
    yield 0.5
    results = processing.runAndLoadResults("kartaview:coveragegaps", {
        "INPUT": ROADS, "OUTPUT": "TEMPORARY_OUTPUT", "GAPS": "TEMPORARY_OUTPUT"})
    yield 0.5  # QGIS's set-up of a project's first layers (its CRS) comes first
    roads = QgsProject.instance().mapLayer(results["OUTPUT"])
    desk.check("coverage gaps: the roads with their coverage are loaded",
               roads is not None and roads.featureCount() > 0, results)
    view = iface.layerTreeView()
    view.setCurrentLayer(roads)

    def roads_legend_open():
        view.expand(view.currentIndex())
        return view.isExpanded(view.currentIndex()) and len(desk.legend_texts(roads)) > 3

    yield from desk.wait_for("coverage gaps: the roads' legend shows its classes", roads_legend_open, 10,
                             lambda: repr(desk.legend_texts(roads)))
    use_mercator(canvas)
    extent = QgsCoordinateTransform(WGS84, MERCATOR, QgsProject.instance()).transformBoundingBox(roads.extent())
    canvas.setExtent(extent.buffered(extent.width() * 0.03))
    canvas.refresh()
    yield from desk.wait_for("coverage gaps: the map is drawn", lambda: not canvas.isDrawing(), 30)
    yield 1.5
    grab(desk, "coverage-gaps.png")
