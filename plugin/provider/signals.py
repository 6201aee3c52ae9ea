"""Main-thread signals of the loaders: "data arrived" (repaint the KartaView layers) and "problem".

Workers emit from their threads; the hub lives in the GUI thread, so Qt queues the emissions to
it. Arrivals are coalesced (one repaint per burst of tiles) and repaint every KartaView layer of
the project; problems are re-emitted as `problem(message)` for the message bar.

Arrivals only repaint: the provider's dataChanged would also clear the layer's selection and
reload its attribute tables on every tile. It is emitted once, when the answers of a layer's
Reload are all in. A layer whose feature count is shown in the layer tree gets legendChanged
when its count (the features loaded so far) changed: QGIS 3.22 redraws that label, and the counts
of the style's classes, on nothing else.
"""

import threading

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QMetaObject, QObject, QThread, QTimer, pyqtSignal

from ..core.log import log_error

PROVIDER_KEY = "kartaview"
REPAINT_DELAY_MS = 150
_INVALIDATE_COUNTS = "invalidateSymbolCountedFlag"  # a QgsVectorLayer slot, not in the Python API


class LoaderSignals(QObject):
    arrived = pyqtSignal()  # emitted by workers
    problem = pyqtSignal(str)  # a user-facing message, already logged
    recovered = pyqtSignal()  # KartaView answers again after a problem
    repainted = pyqtSignal(int)  # number of layers repainted (after a burst of arrivals)

    def __init__(self):
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPAINT_DELAY_MS)
        self._timer.timeout.connect(self._repaint)
        self.arrived.connect(self._on_arrived)

    def _on_arrived(self):
        try:
            if not self._timer.isActive():
                self._timer.start()
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: scheduling a repaint failed: {}".format(error))

    def _repaint(self):
        try:
            count = 0
            project = QgsProject.instance()
            for layer in project.mapLayers().values():
                if isinstance(layer, QgsVectorLayer) and layer.providerType() == PROVIDER_KEY:
                    _refresh(layer, project.layerTreeRoot().findLayer(layer.id()))
                    count += 1
            self.repainted.emit(count)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: repainting the layers failed: {}".format(error))


def _refresh(layer, tree_node):
    """Repaint a layer (dataChanged after a Reload), and redraw its count label if that changed."""
    try:
        provider = layer.dataProvider()
        if provider.reload_done():
            provider.dataChanged.emit()  # repaints too
        else:
            layer.triggerRepaint()
        if tree_node is not None and _shows_count(tree_node) and provider.count_changed():
            # QGIS 3.22 recounts a style's classes only when the style changes; this (private) slot
            # marks the counts stale, so the legend redrawn next counts them again.
            if layer.metaObject().indexOfMethod(_INVALIDATE_COUNTS + "()") >= 0:  # absent: counts stay
                QMetaObject.invokeMethod(layer, _INVALIDATE_COUNTS)
            layer.legendChanged.emit()
    except Exception as error:  # noqa: BLE001 - one layer's trouble must not keep the others stale
        log_error("KartaView: refreshing the layer {} failed: {}".format(layer.name(), error))


def _shows_count(tree_node) -> bool:
    try:
        return bool(int(tree_node.customProperty("showFeatureCount", 0) or 0))
    except (TypeError, ValueError):
        return False


_lock = threading.Lock()
_hub = None


def hub() -> LoaderSignals:
    """The process's hub, living in the application's (GUI) thread whoever creates it."""
    global _hub
    with _lock:
        if _hub is None:
            _hub = LoaderSignals()
            app = QCoreApplication.instance()
            if app is not None and QThread.currentThread() != app.thread():
                _hub.moveToThread(app.thread())
        return _hub
