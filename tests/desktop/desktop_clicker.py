"""Run inside the QGIS desktop by `qgis --code` (see photo_screenshot.py): zoom to the photo given in
KARTAVIEW_SCREENSHOT_PHOTO ("lng,lat,photo id"), click it with the KartaView map tool, wait for the
photo in the dock, save the main window to KARTAVIEW_SCREENSHOT and quit."""

import os
import time

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMessageLog,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QPoint, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.utils import iface, plugins

OUTPUT = os.environ["KARTAVIEW_SCREENSHOT"]
LNG, LAT, PHOTO_ID = os.environ["KARTAVIEW_SCREENSHOT_PHOTO"].split(",")
LNG, LAT, PHOTO_ID = float(LNG), float(LAT), int(PHOTO_ID)
DEADLINE = time.monotonic() + 120
MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")
state = {"step": "start", "clicked_at": None}


def log(message):
    QgsMessageLog.logMessage(message, "KartaView screenshot")
    print("screenshot:", message, flush=True)


def component():
    plugin = plugins.get("kartaview")
    if plugin is None:
        return None
    return next((c for c in plugin.components if type(c).__name__ == "PhotoComponent"), None)


def centre_pixel(canvas):
    point = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), canvas.mapSettings().destinationCrs(),
                                   QgsProject.instance()).transform(QgsPointXY(LNG, LAT))
    pixel = canvas.getCoordinateTransform().transform(point)
    return QPoint(round(pixel.x()), round(pixel.y()))


def quit_qgis():
    """Through File ▸ Exit (QGIS 3.22 can crash when its application is just told to exit)."""
    QgsProject.instance().setDirty(False)  # no "save changes?" question
    iface.actionExit().trigger()


def tick():
    try:
        if time.monotonic() > DEADLINE:
            log("gave up at step {}".format(state["step"]))
            quit_qgis()
            return
        if advance():
            quit_qgis()
            return
    except Exception as error:  # noqa: BLE001 - report and quit rather than hang
        log("failed at step {}: {!r}".format(state["step"], error))
        quit_qgis()
        return
    QTimer.singleShot(250, tick)


def advance():
    canvas = iface.mapCanvas()
    photo = component()
    if state["step"] == "start" and photo is not None:
        window = iface.mainWindow()
        window.setGeometry(window.screen().availableGeometry())  # no window manager under Xvfb to maximise
        canvas.setDestinationCrs(MERCATOR)
        centre = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), MERCATOR,
                                        QgsProject.instance()).transform(QgsPointXY(LNG, LAT))
        canvas.setExtent(QgsRectangle(centre.x() - 160, centre.y() - 120, centre.x() + 160, centre.y() + 120))
        canvas.refresh()
        photo.tool_action.trigger()
        state["step"], state["since"] = "loading layers", time.monotonic()
    elif state["step"] == "loading layers" and time.monotonic() - state["since"] > 6:
        # the provider loads its tiles in the background and repaints; then click the photo point
        QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         centre_pixel(canvas))
        state["step"] = "waiting for the photo"
    elif state["step"] == "waiting for the photo":
        dock = photo.dock
        current = dock.current_photo()
        if current is not None and dock.shown_size() == "lth" and len(dock.sequence_photos()) > 1:
            log("showing photo {} of sequence {} (clicked {})".format(current.id, current.sequence_id, PHOTO_ID))
            iface.mainWindow().resizeDocks([dock], [620], Qt.Orientation.Horizontal)
            state["step"], state["since"] = "settling", time.monotonic()
    elif state["step"] == "settling" and time.monotonic() - state["since"] > 1.5:
        image = iface.mainWindow().screen().grabWindow(0)
        if not image.save(OUTPUT):
            raise OSError("could not write {}".format(OUTPUT))
        log("saved {}".format(OUTPUT))
        return True
    return False


QTimer.singleShot(1000, tick)
