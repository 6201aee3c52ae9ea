"""KartaViewProvider: a read-only QgsVectorDataProvider over the loader (QGIS 3.22 API).

Every method QGIS calls is wrapped: an exception escaping to C++ aborts a bare QgsApplication
(practices 9.3.2), so failures are logged and the layer degrades to "nothing more to show".
"""

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsDataProvider,
    QgsFeatureIterator,
    QgsFeatureRequest,
    QgsRectangle,
    QgsVectorDataProvider,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.log import log_error
from . import geometry
from .feature_iterator import KartaViewFeatureIterator
from .feature_source import KartaViewFeatureSource, LayerStatus
from .fields import fields_for
from .loader import FAILED, LOADING, TOO_LARGE, default_loader
from .signals import PROVIDER_KEY
from .uri import COVERAGE, PHOTOS, SEQUENCES, LayerParams, params_from_uri

WORLD = (-180.0, -85.0, 180.0, 85.0)


class KartaViewProvider(QgsVectorDataProvider):
    @staticmethod
    def tr(text):
        return QCoreApplication.translate("KartaViewProvider", text)

    @classmethod
    def providerKey(cls):  # noqa: N802 (QGIS API name)
        return PROVIDER_KEY

    @classmethod
    def description(cls):
        return KartaViewProvider.tr("KartaView street imagery (sequences, photos, road coverage)")

    @classmethod
    def createProvider(cls, uri, provider_options, flags=QgsDataProvider.ReadFlags()):  # noqa: N802
        return KartaViewProvider(uri, provider_options, flags)

    def __init__(self, uri="", provider_options=QgsDataProvider.ProviderOptions(),
                 flags=QgsDataProvider.ReadFlags()):
        super().__init__(uri, provider_options, flags)
        self.params = LayerParams()
        self.owner = object()  # identifies this layer's views to the loader
        self.status = LayerStatus()
        self.loader = None
        self._valid = False
        try:
            self.params = params_from_uri(uri)
            self.loader = default_loader()
            self._valid = True
        except Exception as error:  # noqa: BLE001 - an invalid layer, not a crash
            log_error(self.tr("Cannot open the KartaView layer {!r}: {}").format(uri, error))
        self._fields = fields_for(self.params.layer_type)

    def waits(self) -> bool:
        """Block for complete data? Asked in the URI (wait=1), and always under qgis_process."""
        return self.params.wait or QgsApplication.platform() == "qgis_process"

    # ---- reading ---------------------------------------------------------------------------------
    def featureSource(self):  # noqa: N802 (QGIS API name)
        return KartaViewFeatureSource(self)

    def getFeatures(self, request=None):  # noqa: N802 (QGIS API name)
        try:
            return QgsFeatureIterator(KartaViewFeatureIterator(KartaViewFeatureSource(self),
                                                               request or QgsFeatureRequest()))
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Reading the KartaView layer failed: {}").format(error))
            return QgsFeatureIterator()

    def fields(self):
        return self._fields

    def wkbType(self):  # noqa: N802 (QGIS API name)
        return QgsWkbTypes.Point if self.params.layer_type == PHOTOS else QgsWkbTypes.LineString

    def crs(self):
        return QgsCoordinateReferenceSystem("EPSG:4326")

    def isValid(self):  # noqa: N802 (QGIS API name)
        return self._valid

    def name(self):
        return PROVIDER_KEY

    def storageType(self):  # noqa: N802 (QGIS API name)
        return self.tr("KartaView web service")

    def capabilities(self):
        return QgsVectorDataProvider.SelectAtId | QgsVectorDataProvider.ReadLayerMetadata

    def _known(self):
        if self.loader is None:
            return []
        return self.loader.known(self.params.layer_type, self.params.filters)

    def featureCount(self):  # noqa: N802 (QGIS API name)
        """What is loaded now (the layer streams; it never waits to count)."""
        try:
            return len(self._known())
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Counting KartaView features failed: {}").format(error))
            return 0

    def extent(self):
        try:
            box = self.params.bbox or self._known_bounds() or WORLD
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Computing the KartaView layer extent failed: {}").format(error))
            box = WORLD
        return QgsRectangle(*box)

    def _known_bounds(self):
        points = []
        for item in self._known():
            if self.params.layer_type == SEQUENCES:
                points.extend(item.coordinates)
            elif self.params.layer_type == COVERAGE:
                points.extend(item.track)
            else:
                points.append((item.lng, item.lat))
        return geometry.bounds(points)

    def updateExtents(self):  # noqa: N802 (QGIS API name)
        pass  # extent() is computed on demand

    # ---- telling the user what the layer shows ----------------------------------------------------------
    def status_message(self) -> str:
        """One sentence about the last view ("" when all is shown)."""
        state = self.status.state
        if state == TOO_LARGE:
            if self.params.layer_type == COVERAGE:
                return self.tr("Zoomed out too far: zoom in to load KartaView road coverage (showing what is loaded).")
            return self.tr("Zoomed out too far to list KartaView {}: zoom in, or add the KartaView coverage layer "
                      "for this scale (showing what is loaded).").format(self._kind_name())
        if state == LOADING:
            return self.tr("Loading KartaView {}...").format(self._kind_name())
        if state == FAILED:
            return self.tr("KartaView did not answer for part of the view: showing what is loaded.")
        return ""

    def _kind_name(self):
        return {SEQUENCES: self.tr("sequences"), PHOTOS: self.tr("photos"), COVERAGE: self.tr("road coverage")}[
            self.params.layer_type]

    def htmlMetadata(self):  # noqa: N802 (QGIS API name)
        try:
            source = self.tr("Road coverage from /1.0/tracks/ (number of sequences per road segment)") \
                if self.params.layer_type == COVERAGE else \
                self.tr("Photos from nearby-photos tiles; sequence lines from each sequence's photo list")
            status = self.status_message() or self.tr("complete for the view")
            rows = [(self.tr("Source"), source), (self.tr("Status"), status)]
            return "".join("<tr><td class=\"highlight\">{}</td><td>{}</td></tr>".format(k, v) for k, v in rows)
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Describing the KartaView layer failed: {}").format(error))
            return ""
