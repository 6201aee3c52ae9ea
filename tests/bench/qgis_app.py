"""Run a benchmark body inside an initialised QgsApplication.

exitQgis() must come after every QGIS object the body made is gone: a layer destroyed after it
(say, one still referenced by the frame that called exitQgis) crashes the process at exit with a
segmentation fault, turning a finished benchmark into a failed `make bench`. So the body runs in
its own frame, which is gone when it returns.
"""

import gc

from qgis.core import QgsApplication, QgsProject


def run_in_qgis(body, gui=False):
    """body()'s return value; QGIS is started before it and shut down cleanly after it."""
    app = QgsApplication([], gui)
    app.initQgis()
    try:
        return body()
    finally:
        QgsProject.instance().clear()
        gc.collect()
        app.exitQgis()
