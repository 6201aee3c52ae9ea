"""The analyst's view in desktop QGIS (issue 18): the "KartaView coverage" group added from the toolbar
menu shows the overview raster zoomed out and the sequences zoomed in; the Temporal Controller's frames
show only the sequences captured in them; the My uploads panel lists the demo user's upload and deletes
it after a confirmation clicked in the real dialog."""

from qgis.core import Qgis, QgsDateTimeRange, QgsInterval, QgsProject, QgsTemporalNavigationObject
from qgis.PyQt.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from tests.desktop.canvas import drawn_pixels, show_city
from tests.desktop.scenarios.layers import click_menu_entry, status_line

GROUP_ENTRY = "KartaView coverage (overview zoomed out, sequences zoomed in)"


def utc(year):
    return QDateTime(QDate(year, 1, 1), QTime(0, 0), Qt.TimeSpec.UTC)


def navigation_mode(name, old_name):
    """A Temporal Controller mode on QGIS 3.22 to 3.44 (its enum moved to Qgis, NavigationOff became
    Disabled)."""
    scoped = getattr(Qgis, "TemporalNavigationMode", None)
    if scoped is not None and hasattr(scoped, name):
        return getattr(scoped, name)
    return getattr(QgsTemporalNavigationObject.NavigationMode, old_name)  # qt6-lint: ok (QGIS < 3.36, Qt 5)


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    component = desk.component("KartaViewLayersComponent")

    # ---- the coverage group, from the toolbar button's menu -------------------------------------
    button = desk.plugin().toolbar.widgetForAction(component.add_action)
    yield from desk.click(button, QPoint(button.width() - 4, button.height() // 2))  # its menu arrow
    yield from desk.wait_for("the toolbar button's menu opens", component.add_action.menu().isVisible, 5)
    yield from click_menu_entry(desk, component.add_action.menu(), GROUP_ENTRY)
    root = QgsProject.instance().layerTreeRoot()
    yield from desk.wait_for("the KartaView coverage group is in the Layers panel with its two layers",
                             lambda: root.findGroup("KartaView coverage") is not None
                             and len(root.findGroup("KartaView coverage").findLayers()) == 2, 15)
    sequences, raster = [node.layer() for node in root.findGroup("KartaView coverage").findLayers()]

    show_city(canvas, width_m=40000)  # the whole city: far beyond what the sequences layer loads
    yield from desk.wait_for("zoomed out: the overview raster draws the coverage, the sequences are hidden",
                             lambda: raster.isInScaleRange(canvas.scale()) and not sequences.isInScaleRange(
                                 canvas.scale()) and drawn_pixels(canvas) > 100, 40,
                             lambda: "scale 1:{:.0f}, {} pixels drawn".format(canvas.scale(), drawn_pixels(canvas)))
    show_city(canvas, width_m=1500)
    yield from desk.wait_for("zoomed in: the sequences are drawn, the raster is hidden",
                             lambda: sequences.isInScaleRange(canvas.scale()) and not raster.isInScaleRange(
                                 canvas.scale()) and status_line(desk, sequences) == ""
                             and drawn_pixels(canvas) > 100, 40,
                             lambda: "scale 1:{:.0f}, legend {!r}, {} pixels drawn".format(
                                 canvas.scale(), desk.legend_texts(sequences), drawn_pixels(canvas)))

    # ---- the Temporal Controller ---------------------------------------------------------------
    desk.check("the sequences layer has its capture time range", sequences.temporalProperties().isActive())
    controller = canvas.temporalController()
    controller.setNavigationMode(navigation_mode("FixedRange", "FixedRange"))
    controller.setFrameDuration(QgsInterval(1, Qgis.TemporalUnit.Years) if hasattr(Qgis, "TemporalUnit")
                                else QgsInterval(365 * 86400))
    controller.setTemporalExtents(QgsDateTimeRange(utc(2010), utc(2011)))  # before the sandbox's sequences
    yield from desk.wait_for("a frame before any capture: no sequence is drawn",
                             lambda: drawn_pixels(canvas) == 0, 30, lambda: "{} pixels".format(drawn_pixels(canvas)))
    controller.setTemporalExtents(QgsDateTimeRange(utc(2016), utc(2027)))
    yield from desk.wait_for("a frame of all the captures: the sequences are drawn again",
                             lambda: drawn_pixels(canvas) > 100, 30)
    controller.setNavigationMode(navigation_mode("Disabled", "NavigationOff"))

    # ---- My uploads ----------------------------------------------------------------------------
    uploads = desk.component("MyUploadsComponent")
    uploads.dock.toggleViewAction().trigger()
    dock = uploads.dock
    yield from desk.wait_for("the My uploads panel opens", dock.isVisible, 10)
    yield from desk.click(dock.refresh_button)
    yield from desk.wait_for("Refresh lists the demo user's upload", lambda: dock.table.rowCount() == 1, 20,
                             lambda: dock.status.text())
    sequence_id = dock.table.item(0, 0).text()
    yield from desk.click(dock.table.viewport(), dock.table.visualItemRect(dock.table.item(0, 0)).center())
    yield from desk.wait_for("a click selects it", dock.delete_button.isEnabled, 5)
    yield from desk.click(dock.delete_button)

    def question():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()),
                    None)

    yield from desk.wait_for("Delete asks first, naming the sequence",
                             lambda: question() is not None and sequence_id in question().text(), 10)
    yield from desk.click(question().button(QMessageBox.StandardButton.Yes))
    yield from desk.wait_for("Yes deletes it: the panel says so and the row goes",
                             lambda: "was deleted" in dock.status.text() and dock.table.rowCount() == 0, 20,
                             lambda: dock.status.text())
    desk.check("QGIS answers", canvas.isVisible() and iface.mainWindow().isVisible())
