"""The three KartaView layers added the ways a user adds them (toolbar, Web menu, Browser double-click
and drag onto the map, reopening a saved project), then over 20 s of pans and zooms through every
layer state (loading, loaded, zoomed out too far, server failing, server back), read from the
Layers panel's legend, the message bar and the map's pixels."""

import json
import os
import time
import urllib.request
from pathlib import Path

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QPoint
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QMenu, QTreeView

from tests.desktop.canvas import drawn_pixels, show_city, show_world

HOME = Path(os.environ["KARTAVIEW_DESKTOP_HOME"])
API = os.environ["KARTAVIEW_API_URL"]
LOADING = "Loading KartaView"
TOO_FAR = "Zoomed out too far"
FAILED = "KartaView did not answer"


def sandbox(command, **settings):
    """The sandbox's control routes (what a real outage would do, on demand)."""
    request = urllib.request.Request(API + "__sandbox__/" + command, data=json.dumps(settings).encode(),
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def layers_named(name):
    return [layer for layer in QgsProject.instance().mapLayers().values() if layer.name() == name]


def status_line(desk, layer):
    """The legend's first line when it is the plugin's status line, else ""."""
    texts = desk.legend_texts(layer)
    return texts[0] if texts and texts[0].startswith((LOADING, TOO_FAR, FAILED)) else ""


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    component = desk.component("KartaViewLayersComponent")

    # ---- toolbar ------------------------------------------------------------------------------
    button = desk.plugin().toolbar.widgetForAction(component.add_action)
    yield from desk.click(button, QPoint(8, button.height() // 2))  # the button, not its menu arrow
    yield from desk.wait_for("toolbar: the sequences layer is in the Layers panel",
                             lambda: layers_named("KartaView sequences"), 15)
    sequences = layers_named("KartaView sequences")[0]
    show_world(canvas)
    yield from desk.wait_for("zoomed out: the legend says to zoom in",
                             lambda: status_line(desk, sequences).startswith(TOO_FAR), 20,
                             lambda: repr(desk.legend_texts(sequences)))

    show_city(canvas)
    seen = {"loading": False}

    def loaded():
        line = status_line(desk, sequences)
        seen["loading"] |= line.startswith(LOADING)
        return line == "" and drawn_pixels(canvas) > 500

    yield from desk.wait_for("city view: the sequences are drawn and the legend has no status line", loaded, 40,
                             lambda: "legend {!r}, {} pixels drawn".format(desk.legend_texts(sequences),
                                                                           drawn_pixels(canvas)))
    desk.check("city view: the legend said it was loading first", seen["loading"])

    # ---- Web menu: Web ▸ KartaView ▸ Add KartaView layer ▸ KartaView photos --------------------
    web = iface.webMenu()
    menubar = iface.mainWindow().menuBar()
    yield from desk.click(menubar, menubar.actionGeometry(web.menuAction()).center())
    yield from desk.wait_for("the Web menu opens", web.isVisible, 5)
    kartaview = next(a for a in web.actions() if a.menu() is not None and a.text().replace("&", "") == "KartaView")
    yield from desk.click(web, web.actionGeometry(kartaview).center())
    submenu = kartaview.menu()
    yield from desk.wait_for("the KartaView submenu opens", submenu.isVisible, 5)
    add = next(a for a in submenu.actions() if a is component.add_action)
    yield from desk.click(submenu, submenu.actionGeometry(add).center())
    layer_menu = component.add_action.menu()
    yield from desk.wait_for("the layer-type menu opens", layer_menu.isVisible, 5)
    photos_entry = next(a for a in layer_menu.actions() if a.text() == "KartaView photos")
    yield from desk.click(layer_menu, layer_menu.actionGeometry(photos_entry).center())
    yield from desk.wait_for("menu: the photos layer is in the Layers panel",
                             lambda: layers_named("KartaView photos"), 15)

    # ---- Browser: double-click "KartaView road coverage", drag "KartaView sequences" -------------
    # the Browser panel's tree (a private QgsBrowserTreeView subclass: found as a QTreeView)
    view = iface.mainWindow().findChild(QDockWidget, "Browser").findChild(QTreeView)
    model = view.model()

    def browser_index(path):
        source = iface.browserModel().findPath(path)  # the model behind the panel's proxy
        return model.mapFromSource(source) if source.isValid() else source

    yield from desk.wait_for("the Browser lists KartaView", lambda: browser_index("kartaview:").isValid(), 15)
    root = browser_index("kartaview:")
    view.scrollTo(root)
    yield 0.3
    yield from desk.click(view.viewport(), view.visualRect(root).center(), repeat=2)  # expands it
    def entry(title):
        """The row under KartaView with that title, as the panel lists it."""
        parent = browser_index("kartaview:")
        rows = (model.index(row, 0, parent) for row in range(model.rowCount(parent)))
        return next((index for index in rows if index.data() == title), None)

    yield from desk.wait_for("the KartaView entry expands to its three layers",
                             lambda: view.isExpanded(root) and entry("KartaView road coverage") is not None, 10)
    coverage_item = entry("KartaView road coverage")
    view.scrollTo(coverage_item)
    yield 0.3
    yield from desk.click(view.viewport(), view.visualRect(coverage_item).center(), repeat=2)
    yield from desk.wait_for("Browser double-click: the road coverage layer is added",
                             lambda: layers_named("KartaView road coverage"), 15)
    sequences_item = entry("KartaView sequences")
    yield from desk.drag(view.viewport(), view.visualRect(sequences_item).center(), canvas.viewport(),
                         canvas.viewport().rect().center())
    yield from desk.wait_for("Browser drag onto the map: a second sequences layer is added",
                             lambda: len(layers_named("KartaView sequences")) == 2, 15)
    dropped = [layer for layer in layers_named("KartaView sequences") if layer is not sequences][0]
    desk.check("every added layer is styled and valid",
               all(layer.isValid() and len(desk.legend_texts(layer)) >= 2
                   for layer in QgsProject.instance().mapLayers().values()),
               {layer.name(): desk.legend_texts(layer) for layer in QgsProject.instance().mapLayers().values()})
    QgsProject.instance().removeMapLayer(dropped)

    # ---- 20 s and more of pans and zooms through every state -------------------------------
    yield from pan_and_zoom(desk, canvas, sequences, seconds=8)
    show_world(canvas)
    yield from desk.wait_for("zoomed out again: the legend says to zoom in",
                             lambda: status_line(desk, sequences).startswith(TOO_FAR), 20)
    sandbox("faults", error_rate=1.0, kinds=["500"])
    show_city(canvas, north_m=6000)  # a view not loaded yet, while KartaView fails
    bar = []

    def failing_shown():
        bar.extend(text for text in desk.message_bar_texts() if text not in bar)
        return status_line(desk, sequences).startswith(FAILED) and bar

    yield from desk.wait_for("server failing: the legend says KartaView did not answer, the message bar says why",
                             failing_shown, 60, lambda: "legend {!r}, message bar {!r}".format(
                                 desk.legend_texts(sequences), bar))
    failed_at = time.monotonic()
    yield from pan_and_zoom(desk, canvas, sequences, seconds=5)
    sandbox("clear_faults")
    show_city(canvas, east_m=-700)
    yield from pan_and_zoom(desk, canvas, sequences, seconds=8)
    # failed requests are held back 30 s (not hammering a failing server); then the view asks again
    yield from desk.wait_seconds(max(0.0, 31 - (time.monotonic() - failed_at)))
    show_city(canvas, north_m=6000)
    yield from desk.wait_for("server back: the view that failed loads, the status line goes",
                             lambda: status_line(desk, sequences) == "", 30,
                             lambda: repr(desk.legend_texts(sequences)))
    show_city(canvas)
    yield from desk.wait_for("server back: the city's sequences are drawn",
                             lambda: status_line(desk, sequences) == "" and drawn_pixels(canvas) > 500, 30,
                             lambda: repr(desk.legend_texts(sequences)))

    # ---- saved, closed and reopened ------------------------------------------------------------
    project_file = HOME / "kartaview.qgz"
    desk.check("the project is saved", QgsProject.instance().write(str(project_file)))
    QgsProject.instance().setDirty(False)
    iface.newProject(False)
    yield 1
    desk.check("the new project is empty", not QgsProject.instance().mapLayers())
    iface.addProject(str(project_file))
    yield from desk.wait_for("reopened: the three KartaView layers are back",
                             lambda: {layer.name() for layer in QgsProject.instance().mapLayers().values()} >= {
                                 "KartaView sequences", "KartaView photos", "KartaView road coverage"}, 20)
    sequences = layers_named("KartaView sequences")[0]
    yield from desk.wait_for("reopened: the sequences are drawn",
                             lambda: status_line(desk, sequences) == "" and drawn_pixels(canvas) > 500, 40,
                             lambda: "legend {!r}, {} pixels drawn, scale 1:{:.0f}, {} features".format(
                                 desk.legend_texts(sequences), drawn_pixels(canvas), canvas.scale(),
                                 sequences.featureCount()))
    yield from pan_and_zoom(desk, canvas, sequences, seconds=5)
    desk.check("no dialog is left open", not [w for w in QApplication.topLevelWidgets()
                                              if w.isVisible() and isinstance(w, QMenu)])
    desk.check("QGIS answers", canvas.isVisible() and iface.mainWindow().isVisible())


def pan_and_zoom(desk, canvas, layer, seconds):
    """Yields: real wheel zooms and drags on the map for `seconds`; notes the legend lines seen."""
    viewport = canvas.viewport()
    centre = viewport.rect().center()
    steps = [(1, None), (None, QPoint(220, 80)), (-2, None), (None, QPoint(-260, -40)), (1, None),
             (None, QPoint(60, -180))]
    deadline = time.monotonic() + seconds
    seen = set()
    while time.monotonic() < deadline:
        for zoom, shift in steps:
            if zoom:
                yield from desk.wheel(viewport, centre, zoom)
            else:
                yield from desk.drag(viewport, centre, viewport, centre + shift)
            yield 0.3
            seen.add(status_line(desk, layer) or "(no status line)")
            if time.monotonic() >= deadline:
                break
    desk.note("{} s of pans and zooms; legend status lines seen: {}".format(seconds, sorted(seen)))
