"""Where the map opens for the first KartaView layer of an empty project.

QGIS zooms a new project to its first layer's extent. A KartaView layer loads what the map shows, so
its extent is unknown until something is loaded (the whole world would be a blank map at
1:200,000,000 that says "zoom in"), and QGIS then leaves a map that has no view at all. This
component gives that map the last view the user looked at KartaView layers in (kept in the
settings), or else a city where KartaView has imagery. A project that has a view keeps it.
"""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QTimer

from ..core.log import log_error
from ..core.settings import Settings
from ..provider.loader import MAX_VIEW_TILES, Loader
from ..provider.uri import SEQUENCES
from .layer_actions import is_kartaview

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
# Without a remembered view: central Cluj-Napoca (about 1:15,000), where KartaView (then Telenav's
# OpenStreetCam) was developed and streets have imagery of every age.
DEFAULT_VIEW = (23.565, 46.755, 23.615, 46.785)


def parse_view(text):
    """(min_lng, min_lat, max_lng, max_lat) of a stored view, or None when it is not one."""
    try:
        box = tuple(float(part) for part in (text or "").split(","))
    except ValueError:
        return None
    if len(box) != 4 or not (-180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90):
        return None
    return box


class FirstViewComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self._canvas = plugin.iface.mapCanvas()

    def init_gui(self):
        QgsProject.instance().layersAdded.connect(self.layers_added)
        self._canvas.extentsChanged.connect(self.remember_view)

    def layers_added(self, layers):
        try:
            if any(is_kartaview(layer) for layer in layers) and self._canvas.extent().isEmpty():
                # after QGIS's own set-up of the first layer (its CRS, its zoom), queued before this
                QTimer.singleShot(0, self.place_map)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: placing the map failed: {}".format(error))

    def place_map(self):
        """The remembered (or default) view, if the map still has none."""
        try:
            canvas = self._canvas
            if not canvas.extent().isEmpty():
                return
            box = parse_view(Settings().last_view) or DEFAULT_VIEW
            transform = QgsCoordinateTransform(WGS84, canvas.mapSettings().destinationCrs(), QgsProject.instance())
            canvas.setExtent(transform.transformBoundingBox(QgsRectangle(*box)))
            canvas.refresh()
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: placing the map failed: {}".format(error))

    def remember_view(self):
        """The view of the map while it shows a KartaView layer, at a scale the sequences load at."""
        try:
            canvas = self._canvas
            if canvas.extent().isEmpty() or not any(is_kartaview(layer) for layer in canvas.layers()):
                return
            transform = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), WGS84, QgsProject.instance())
            box = transform.transformBoundingBox(canvas.extent())
            view = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
            if parse_view(",".join(map(str, view))) and \
                    Loader.tile_count(SEQUENCES, view) <= MAX_VIEW_TILES[SEQUENCES]:
                Settings().last_view = ",".join("{:.6f}".format(value) for value in view)
        except QgsCsException:
            return
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: remembering the map view failed: {}".format(error))

    def unload(self):
        for signal, slot in ((QgsProject.instance().layersAdded, self.layers_added),
                             (self._canvas.extentsChanged, self.remember_view)):
            try:
                signal.disconnect(slot)
            except TypeError:  # was not connected
                pass
