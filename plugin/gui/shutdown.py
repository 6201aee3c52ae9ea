"""Quitting QGIS cleanly: a workaround for a crash of QGIS 3.40 itself while it quits."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QThreadPool

# Longer than any render or loading task takes to notice cancellation; QGIS waits for them anyway.
POOL_DRAIN_MS = 5000


def end_pool_threads():
    """End every thread of the pools QGIS runs tasks and renders in, while QGIS is still whole.

    QGIS 3.40.6 crashes (SIGSEGV) while quitting, with or without this plugin, when a pool thread
    opened its own connection to the authentication database (QGIS's news feed does at start), sat
    idle long enough to expire (30 s), was restarted for a later task or map render, and is still
    alive at quit: its `finished` signal then calls into the auth database storage QGIS has already
    destroyed. Any task or map render after the first half minute can restart such a thread (the
    desktop layers test did, every run on 3.40.6; so does a plain task, without the plugin). waitForDone joins
    and deletes all pool threads, so none is left to finish after the storage.
    """
    pools = [QThreadPool.globalInstance()]  # map renders
    task_manager = QgsApplication.taskManager()
    if hasattr(task_manager, "threadPool"):  # QGIS >= 3.34 runs tasks in a pool of their own
        pools.append(task_manager.threadPool())
    for pool in pools:
        pool.waitForDone(POOL_DRAIN_MS)


class ShutdownComponent:
    """Connects end_pool_threads to QGIS's aboutToQuit for the plugin's lifetime."""

    def __init__(self, plugin):
        self.plugin = plugin

    def init_gui(self):
        QgsApplication.instance().aboutToQuit.connect(end_pool_threads)

    def unload(self):
        QgsApplication.instance().aboutToQuit.disconnect(end_pool_threads)
