"""The KartaView Processing algorithms opened the way a user opens them: the Processing Toolbox panel
(Processing ▸ Toolbox), the KartaView group expanded with a double-click, each algorithm
double-clicked; each dialog's title and parameter labels read as shown. Then the download algorithm
run from its dialog on the map's extent (the city) with a real click on Run: the log says it
finished, the result layer is in the Layers panel with its feature count, styled like the KartaView
sequences layer."""

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.gui import QgsExtentWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QDialog,
    QDockWidget,
    QLabel,
    QPushButton,
    QStyle,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

from tests.desktop.canvas import show_city

ALGORITHMS = ("kartaview:downloadsequences", "kartaview:coveragegaps", "kartaview:uploadphotos")
RESULT_NAME = "KartaView data"


def algorithm_dialog():
    """The Processing dialog on screen (AlgorithmDialog, a Python class of the Processing plugin)."""
    found = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and isinstance(w, QDialog) and type(w).__name__ == "AlgorithmDialog"]
    return found[0] if len(found) == 1 else None


def shown_labels(dialog):
    """The texts of the dialog's labels and check boxes (a boolean parameter is a check box)."""
    return [w.text() for w in dialog.findChildren(QLabel)] + [w.text() for w in dialog.findChildren(QCheckBox)]


def missing_labels(dialog, algorithm):
    """Parameter descriptions the dialog shows no label for ("[optional]" may follow a label)."""
    texts = shown_labels(dialog)
    return [p.description() for p in algorithm.parameterDefinitions()
            if not p.flags() & p.FlagHidden and not any(t.startswith(p.description()) for t in texts)]


def extent_widget(dialog):
    """The Extent parameter's QgsExtentWidget (found by its Qt class: findChild(QgsExtentWidget) misses it)."""
    found = [w for w in dialog.findChildren(QWidget) if w.metaObject().className() == "QgsExtentWidget"]
    if not found:
        return None
    return found[0] if isinstance(found[0], QgsExtentWidget) else sip.cast(found[0], QgsExtentWidget)


def button(dialog, text):
    return next((b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text().replace("&", "") == text),
                None)


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    registry = QgsApplication.processingRegistry()
    desk.check("the KartaView Processing provider is registered", registry.providerById("kartaview") is not None)
    # a new project (its toolbar button): QGIS shows the map instead of its welcome page; no KartaView
    # layer, so the download below fetches everything itself, from a worker thread
    new = iface.fileToolBar().widgetForAction(iface.actionNewProject())
    yield from desk.click(new)
    yield from desk.wait_for("Project ▸ New shows the map", canvas.isVisible, 10)
    show_city(canvas)
    yield 1

    # ---- the Processing Toolbox panel: Processing ▸ Toolbox -----------------------------------------
    toolbox = iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
    menubar = iface.mainWindow().menuBar()
    processing_menu = next(a.menu() for a in menubar.actions()
                           if a.menu() is not None and a.text().replace("&", "") == "Processing")
    yield from desk.click(menubar, menubar.actionGeometry(processing_menu.menuAction()).center())
    yield from desk.wait_for("the Processing menu opens", processing_menu.isVisible, 5)
    entry = next(a for a in processing_menu.actions() if a.text().replace("&", "") == "Toolbox")
    yield from desk.click(processing_menu, processing_menu.actionGeometry(entry).center())
    yield from desk.wait_for("Processing ▸ Toolbox shows the Processing Toolbox", toolbox.isVisible, 10)
    tree = toolbox.findChild(QTreeView)
    model = tree.model()

    def group_index():
        rows = (model.index(row, 0) for row in range(model.rowCount()))
        return next((index for index in rows if index.data() == "KartaView"), None)

    yield from desk.wait_for("the toolbox lists the KartaView group", group_index, 15)
    group = group_index()
    tree.scrollTo(group)
    yield 0.3
    if not tree.isExpanded(group):
        yield from desk.click(tree.viewport(), tree.visualRect(group).center(), repeat=2)
    yield from desk.wait_for("a double-click expands the KartaView group", lambda: tree.isExpanded(group_index()), 5)
    group = group_index()
    entries = {model.index(row, 0, group).data(): model.index(row, 0, group) for row in range(model.rowCount(group))}
    names = {registry.algorithmById(a).displayName(): a for a in ALGORITHMS}
    desk.check("the KartaView group lists the three algorithms", set(names) <= set(entries), sorted(entries))

    # ---- each algorithm's dialog, from a double-click in the toolbox -------------------------------
    for title, algorithm_id in sorted(names.items()):
        algorithm = registry.algorithmById(algorithm_id)
        index = entries[title]
        tree.scrollTo(index)
        yield 0.3
        yield from desk.click(tree.viewport(), tree.visualRect(index).center(), repeat=2)
        yield from desk.wait_for("{}: a double-click opens its dialog".format(algorithm_id), algorithm_dialog, 15)
        dialog = algorithm_dialog()
        if dialog is None:
            continue
        yield 0.5
        desk.check("{}: the dialog's title is the algorithm's name".format(algorithm_id),
                   dialog.windowTitle().lower() == title.lower(), dialog.windowTitle())
        desk.check("{}: every parameter has its label".format(algorithm_id), not missing_labels(dialog, algorithm),
                   "missing {}; shown {}".format(missing_labels(dialog, algorithm), shown_labels(dialog)))
        numbers = [w.text() for w in dialog.findChildren(QAbstractSpinBox) if w.isVisible()]
        desk.check("{}: numbers read as numbers (no 60.000000)".format(algorithm_id),
                   numbers and not any("0000" in text for text in numbers), numbers)
        doubled = [t for t in shown_labels(dialog) if "(optional" in t.lower()]
        desk.check("{}: no label says optional twice".format(algorithm_id), not doubled, doubled)
        desk.check("{}: a Help button, as built-in algorithms have".format(algorithm_id),
                   button(dialog, "Help") is not None and algorithm.helpUrl(),
                   [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()])
        if algorithm_id == "kartaview:downloadsequences":
            yield from run_download(desk, dialog, canvas)
        close = button(dialog, "Close")
        if close is not None:
            yield from desk.click(close)
        yield from desk.wait_for("{}: Close closes the dialog".format(algorithm_id),
                                 lambda: algorithm_dialog() is None, 10)

    desk.check("QGIS answers", canvas.isVisible() and iface.mainWindow().isVisible())
    # a temporary result would make File ▸ Exit ask whether to discard it, and the driver exits that way
    QgsProject.instance().removeMapLayers([layer.id() for layer in QgsProject.instance().mapLayersByName(RESULT_NAME)])


def run_download(desk, dialog, canvas):
    """Yields: the extent from the map (the extent widget's menu), a temporary output, a click on Run."""
    extent = extent_widget(dialog)
    desk.check("the dialog has QGIS's extent widget", extent is not None,
               sorted({w.metaObject().className() for w in dialog.findChildren(QWidget)}))
    if extent is None:
        return
    menu_button = next(b for b in extent.findChildren(QToolButton) if b.menu() is not None)
    # QGIS 3.22 shows a plain menu button (InstantPopup); from 3.40 on it is a split button
    # (MenuButtonPopup) whose face runs a default action: a person opens the menu by its arrow
    point = menu_button.rect().center()
    if menu_button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup:
        arrow = menu_button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, menu_button)
        point = QPoint(menu_button.width() - max(arrow // 2, 3), menu_button.height() // 2)
    yield from desk.click(menu_button, point)
    menu = menu_button.menu()
    yield from desk.wait_for("the extent widget's menu opens", menu.isVisible, 5,
                             lambda: "front popup {!r}".format(QApplication.activePopupWidget()))
    entry = next((a for a in menu.actions() if "Canvas Extent" in a.text().replace("&", "")), None)
    desk.check("the extent menu offers the map canvas extent", entry is not None,
               [a.text() for a in menu.actions()])
    if entry is None:
        return
    yield from desk.click(menu, menu.actionGeometry(entry).center())
    yield from desk.wait_for("the extent widget shows the map's extent", lambda: extent.isValid(), 5)
    chosen = extent.outputExtent()
    crs = extent.outputCrs()
    wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()) \
        .transformBoundingBox(QgsRectangle(chosen))
    view = canvas.extent()
    desk.check("the chosen extent is the map's (the city view)",
               crs == canvas.mapSettings().destinationCrs() and chosen.contains(view.center())
               and abs(chosen.width() - view.width()) < 1, "{} {} / map {}".format(
                   chosen.toString(0), crs.authid(), view.toString(0)))

    run_button = button(dialog, "Run")
    log = dialog.findChild(QTextEdit, "txtLog")
    yield from desk.click(run_button)
    yield from desk.wait_for("Run: the log says the algorithm finished",
                             lambda: "Execution completed" in log.toPlainText(), 60, lambda: log.toPlainText()[-1500:])
    text = log.toPlainText()
    desk.check("Run: the log says how many sequences were written", " sequences written." in text, text[-1500:])
    desk.check("Run: no error in the log", "Error" not in text and "Traceback" not in text, text[-1500:])

    layers = []
    yield from desk.wait_for("Run: the result layer is in the Layers panel",
                             lambda: layers.extend(QgsProject.instance().mapLayersByName(RESULT_NAME)) or layers, 15)
    if not layers:
        return
    layer = layers[0]
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    node.setCustomProperty("showFeatureCount", True)  # the Layers panel's "Show Feature Count"
    view = desk.iface.layerTreeView()
    yield 0.5
    shown = view.layerTreeModel().node2index(node).data(Qt.ItemDataRole.DisplayRole)
    ids = sorted(int(f["sequence_id"]) for f in layer.getFeatures())
    desk.check("Run: the Layers panel shows the result with its feature count",
               shown == "{} [{}]".format(RESULT_NAME, len(ids)) and ids, shown)
    desk.results["download"] = {"bbox": [wgs84.xMinimum(), wgs84.yMinimum(), wgs84.xMaximum(), wgs84.yMaximum()],
                                "sequence_ids": ids}
    desk.save()
    legend = desk.legend_texts(layer)
    desk.check("Run: the result is styled like the KartaView sequences layer (its legend classes)",
               layer.renderer().type() != "singleSymbol" and len(legend) >= 2,
               "renderer {}, legend {}".format(layer.renderer().type(), legend))
