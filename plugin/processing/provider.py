"""The "KartaView" Processing provider (id `kartaview`)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..about import PLUGIN_DIR
from .coverage_gaps import CoverageGapsAlgorithm
from .coverage_statistics import CoverageStatisticsAlgorithm
from .download_sequences import DownloadSequencesAlgorithm
from .geotag_photos import GeotagPhotosAlgorithm
from .sample_video import SampleVideoAlgorithm
from .upload_photos import UploadPhotosAlgorithm

ALGORITHMS = [
    UploadPhotosAlgorithm,
    GeotagPhotosAlgorithm,
    SampleVideoAlgorithm,
    DownloadSequencesAlgorithm,
    CoverageGapsAlgorithm,
    CoverageStatisticsAlgorithm,
]


class KartaViewProcessingProvider(QgsProcessingProvider):
    def id(self):
        return "kartaview"

    def name(self):
        return QCoreApplication.translate("KartaViewProcessingProvider", "KartaView")

    def longName(self):  # noqa: N802 (QGIS API name)
        return self.name()

    def icon(self):
        return QIcon(str(PLUGIN_DIR / "ui" / "icons" / "kartaview.svg"))

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
