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


TITLES = ("KartaView sequences", "KartaView photos", "KartaView road coverage")


def added_layer(before, title):
    """The valid layer titled so that was not in the project before, once its legend is built."""
    for layer_id, layer in QgsProject.instance().mapLayers().items():
        if layer_id not in before and layer.name() == title and layer.isValid():
            return layer
    return None


def click_menu_entry(desk, menu, text):
    """Yields: a real click on the entry of an open menu shown as `text` (mnemonic ampersands ignored)."""
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    yield from desk.click(menu, menu.actionGeometry(entry).center())


def add_from_web_menu(desk, component, _view, title):
    """Web ▸ KartaView ▸ Add KartaView layer ▸ <title>, clicked."""
    iface = desk.iface
    web, menubar = iface.webMenu(), iface.mainWindow().menuBar()
    yield from desk.click(menubar, menubar.actionGeometry(web.menuAction()).center())
    yield from desk.wait_for("the Web menu opens", web.isVisible, 5)
    yield from click_menu_entry(desk, web, "KartaView")
    submenu = next(a for a in web.actions() if a.text().replace("&", "") == "KartaView").menu()
    yield from desk.wait_for("the Web ▸ KartaView submenu opens", submenu.isVisible, 5)
    yield from click_menu_entry(desk, submenu, component.add_action.text())
    yield from desk.wait_for("the layer-type submenu opens", component.add_action.menu().isVisible, 5)
    yield from click_menu_entry(desk, component.add_action.menu(), title)


def add_from_toolbar_menu(desk, component, _view, title):
    """The toolbar button's arrow, then <title> in its menu."""
    button = desk.plugin().toolbar.widgetForAction(component.add_action)
    yield from desk.click(button, QPoint(button.width() - 4, button.height() // 2))  # its menu arrow
    yield from desk.wait_for("the toolbar button's menu opens", component.add_action.menu().isVisible, 5)
    yield from click_menu_entry(desk, component.add_action.menu(), title)


def browser_tree(iface):
    # the Browser panel's tree: a private QgsBrowserTreeView subclass, found as a QTreeView
    return iface.mainWindow().findChild(QDockWidget, "Browser").findChild(QTreeView)


def browser_root(desk, view):
    source = desk.iface.browserModel().findPath("kartaview:")  # the model behind the panel's proxy
    return view.model().mapFromSource(source) if source.isValid() else source


def browser_entry(desk, view, title):
    """The row under KartaView with that title, as the panel lists it."""
    parent = browser_root(desk, view)
    rows = (view.model().index(row, 0, parent) for row in range(view.model().rowCount(parent)))
    return next((index for index in rows if index.data() == title), None)


def expand_browser_entry(desk, view):
    """Yields: double-clicks the KartaView entry of the Browser panel, which expands it."""
    yield from desk.wait_for("the Browser lists KartaView", lambda: browser_root(desk, view).isValid(), 15)
    root = browser_root(desk, view)
    view.scrollTo(root)
    yield 0.3
    yield from desk.click(view.viewport(), view.visualRect(root).center(), repeat=2)
    yield from desk.wait_for("the KartaView entry expands to its three layers",
                             lambda: all(browser_entry(desk, view, title) is not None for title in TITLES), 10)


def add_by_browser_double_click(desk, _component, view, title):
    item = browser_entry(desk, view, title)
    view.scrollTo(item)
    yield 0.3
    yield from desk.click(view.viewport(), view.visualRect(item).center(), repeat=2)


def add_by_browser_drag(desk, _component, view, title):
    item = browser_entry(desk, view, title)
    view.scrollTo(item)
    yield 0.3
    viewport = desk.iface.mapCanvas().viewport()
    yield from desk.drag(view.viewport(), view.visualRect(item).center(), viewport, viewport.rect().center())


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
    seen = {"loading": False, "status bar": False}
    status_bar = iface.statusBarIface()

    def loaded():
        line = status_line(desk, sequences)
        seen["loading"] |= line.startswith(LOADING)
        seen["status bar"] |= status_bar.currentMessage().startswith("Loading KartaView data")
        return line == "" and drawn_pixels(canvas) > 500

    yield from desk.wait_for("city view: the sequences are drawn and the legend has no status line", loaded, 40,
                             lambda: "legend {!r}, {} pixels drawn".format(desk.legend_texts(sequences),
                                                                           drawn_pixels(canvas)))
    desk.check("city view: the legend said it was loading first", seen["loading"])
    desk.check("city view: the status bar said it was loading (not just Ready), then fell quiet",
               seen["status bar"] and not status_bar.currentMessage().startswith("Loading KartaView"),
               status_bar.currentMessage())

    # ---- every type, every way: Web menu, toolbar menu, Browser double-click and drag ------------
    view = browser_tree(iface)
    yield from expand_browser_entry(desk, view)
    for title in TITLES:
        for way, add in (("Web menu", add_from_web_menu), ("toolbar menu", add_from_toolbar_menu),
                         ("Browser double-click", add_by_browser_double_click), ("Browser drag", add_by_browser_drag)):
            before = set(QgsProject.instance().mapLayers())
            yield from add(desk, component, view, title)
            yield from desk.wait_for("{}: {} is added, valid, with its legend".format(way, title),
                                     lambda before=before, title=title: added_layer(before, title) is not None, 15,
                                     lambda: repr(sorted(layer.name() for layer in
                                                         QgsProject.instance().mapLayers().values())))
            layer = added_layer(before, title)
            yield 0.5  # a few repaints and legend refreshes with the new layer
            if layer is not None and (title == "KartaView sequences" or way != "Browser drag"):
                QgsProject.instance().removeMapLayer(layer)  # keep one of each type (the last way)
    desk.check("one layer of each type is left, styled",
               sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()) == sorted(TITLES)
               and all(len(desk.legend_texts(layer)) >= 2 for layer in QgsProject.instance().mapLayers().values()),
               {layer.name(): desk.legend_texts(layer) for layer in QgsProject.instance().mapLayers().values()})

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
    desk.check("server back: the outage warning left the message bar by itself",
               not any("show what was loaded before" in text for text in desk.message_bar_texts()),
               repr(desk.message_bar_texts()))

    # ---- saved, closed and reopened ------------------------------------------------------------
    project_file = HOME / "kartaview.qgz"
    desk.check("the project is saved", QgsProject.instance().write(str(project_file)))
    QgsProject.instance().setDirty(False)
    # Called from Python, closing a project waits for the map render while this thread holds the
    # GIL that a KartaView layer's render needs: call only when nothing renders (no render starts
    # before the call, in the same step, as renders start from the event loop).
    yield from desk.wait_for("the map is drawn before the project closes", lambda: not canvas.isDrawing(), 20)
    iface.newProject(False)
    yield 1
    desk.check("the new project is empty", not QgsProject.instance().mapLayers())
    yield from desk.wait_for("the map is drawn before the project opens", lambda: not canvas.isDrawing(), 20)
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
