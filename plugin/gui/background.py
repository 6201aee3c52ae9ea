"""Run blocking calls (KartaView requests) on worker threads, hand results to the GUI thread.

Results travel by a signal of a QObject living in the GUI thread, so Qt queues them to that thread:
the callbacks always run there, and an exception in one is logged, never raised into Qt.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.log import log_error


class Background(QObject):
    _finished = pyqtSignal(object, object)  # callback, its argument

    def __init__(self, workers=2, name="kartaview-gui", parent=None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._finished.connect(self._call)
        # Held while a worker emits and while shutdown() closes: once shut down (before its owner
        # deletes this object) no worker emits any more. An emit racing the deletion of this
        # QObject crashed the test run (a photo request ending as its panel went away).
        self._emitting = threading.RLock()
        self._closed = False

    def run(self, function, on_result, on_error):
        """function() on a worker; then on_result(value) or on_error(exception) on the GUI thread."""
        def work():
            try:
                value = function()
            except Exception as error:  # noqa: BLE001 - handed to on_error
                self._emit(on_error, error)
            else:
                self._emit(on_result, value)

        self._pool.submit(work)

    def _emit(self, callback, value):
        with self._emitting:
            if self._closed:  # shut down: nobody waits for this
                return
            self._finished.emit(callback, value)

    def shutdown(self):
        """Stop taking work; running calls finish in the background, their results are dropped."""
        with self._emitting:
            self._closed = True
        self._finished.disconnect(self._call)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _call(self, callback, value):
        try:
            callback(value)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: {} failed: {}".format(getattr(callback, "__name__", "callback"), error))
