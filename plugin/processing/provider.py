"""The "KartaView" Processing provider (id `kartaview`)."""

from qgis.core import QgsApplication, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..about import PLUGIN_DIR
from .coverage_gaps import CoverageGapsAlgorithm
from .coverage_statistics import CoverageStatisticsAlgorithm
from .download_sequences import DownloadSequencesAlgorithm
from .models import MODELS
from .upload_photos import UploadPhotosAlgorithm

ALGORITHMS = [
    UploadPhotosAlgorithm,
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
        for model in MODELS:  # the Processing models shipped with the plugin (.model3 files)
            self.addAlgorithm(model())
        registry = QgsApplication.processingRegistry()
        if registry.providerById(self.id()) is self:
            self._attach_models(self.id())
        elif not getattr(self, "_waiting", False):
            self._waiting = True
            registry.providerAdded.connect(self._attach_models)

    def _attach_models(self, provider_id):
        """A model's outputs come from its child algorithms, ours among them: read the models again once this
        provider is registered (while it loads, its algorithms are not found and the outputs are dropped)."""
        if provider_id != self.id():
            return
        for algorithm in self.algorithms():
            if hasattr(algorithm, "reload"):
                algorithm.reload()
