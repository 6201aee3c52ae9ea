"""Main-thread signals of the loaders: "data arrived" (repaint the KartaView layers) and "problem".

Workers emit from their threads; the hub lives in the GUI thread, so Qt queues the emissions to
it. Arrivals are coalesced (one repaint per burst of tiles) and repaint every KartaView layer of
the project; problems are re-emitted as `problem(message)` for the message bar.
"""

import threading

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QObject, QThread, QTimer, pyqtSignal

from ..core.log import log_error

PROVIDER_KEY = "kartaview"
REPAINT_DELAY_MS = 150


class LoaderSignals(QObject):
    arrived = pyqtSignal()  # emitted by workers
    problem = pyqtSignal(str)  # a user-facing message, already logged
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
            for layer in QgsProject.instance().mapLayers().values():
                if isinstance(layer, QgsVectorLayer) and layer.providerType() == PROVIDER_KEY:
                    layer.triggerRepaint()
                    count += 1
            self.repainted.emit(count)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: repainting the layers failed: {}".format(error))


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
