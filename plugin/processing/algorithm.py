"""What every KartaView Processing algorithm shares: its translations, its copies, its help page."""

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication

from ..about import ALGORITHMS_HELP_URL


class KartaViewAlgorithm(QgsProcessingAlgorithm):
    def tr(self, message):
        # The context is the algorithm's class name, which pylupdate5 gives the texts of its self.tr() calls.
        return QCoreApplication.translate(type(self).__name__, message)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def helpUrl(self):  # noqa: N802 (QGIS API name)
        return ALGORITHMS_HELP_URL
