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

from ..core.log import log_error, log_warning
from . import geometry
from .feature_iterator import KartaViewFeatureIterator
from .feature_source import KartaViewFeatureSource, LayerStatus
from .fields import fields_for
from .loader import FAILED, LOADING, TOO_LARGE, default_loader
from .signals import PROVIDER_KEY
from .subset import SubsetFilter
from .uri import COVERAGE, PHOTOS, SEQUENCES, LayerParams, params_from_uri, with_subset


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
        self._subset = ""
        self._counted = None  # featureCount() when count_changed() last looked
        self._crs = QgsCoordinateReferenceSystem("EPSG:4326")  # asked by every render's featureSource()
        try:
            self.params = params_from_uri(uri)
            fields = fields_for(self.params.layer_type)
            problem = SubsetFilter.problem(self.params.subset, fields) if self.params.subset else ""
            if problem:
                raise ValueError(self.tr("the layer filter {!r} is not valid: {}").format(self.params.subset, problem))
            self._subset = self.params.subset
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
        return QgsWkbTypes.Type.Point if self.params.layer_type == PHOTOS else QgsWkbTypes.Type.LineString

    def crs(self):
        return self._crs

    def isValid(self):  # noqa: N802 (QGIS API name)
        return self._valid

    def name(self):
        return PROVIDER_KEY

    def storageType(self):  # noqa: N802 (QGIS API name)
        return self.tr("KartaView web service")

    def capabilities(self):
        return QgsVectorDataProvider.Capability.SelectAtId | QgsVectorDataProvider.Capability.ReadLayerMetadata

    # ---- the layer filter (subset string) ------------------------------------------------------------
    def supportsSubsetString(self):  # noqa: N802 (QGIS API name)
        return True

    def subsetString(self):  # noqa: N802 (QGIS API name)
        return self._subset

    def setSubsetString(self, subset, updateFeatureCount=True):  # noqa: N802, N803 (QGIS API names)
        """Filter the layer with a QGIS expression over its fields ("" for none). A bad expression is
        refused (False) with the reason in the log and in errors(), which the Query Builder shows.
        The filter goes into the URI: QGIS saves the provider's URI in the project."""
        try:
            subset = (subset or "").strip()
            problem = SubsetFilter.problem(subset, self._fields) if subset else ""
            if problem:
                message = self.tr("The KartaView layer filter {!r} is not valid: {}").format(subset, problem)
                log_warning(message)
                self.pushError(message)
                return False
            self._subset = subset
            self.setDataSourceUri(with_subset(self.dataSourceUri(), subset))
            self.dataChanged.emit()  # the layer repaints, its selection and attribute table caches reset
            return True
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Setting the KartaView layer filter failed: {}").format(error))
            return False

    # ---- counting and extent: what is loaded, never waiting --------------------------------------
    def _known(self):
        if self.loader is None:
            return []
        return self.loader.known(self.params.layer_type, self.params.filters)

    def _loaded_features(self):
        """What an unfiltered request would return from memory now: the loaded features that pass the
        layer's filters and subset (in its bbox, when it has one)."""
        request = QgsFeatureRequest()
        if self.params.bbox is not None:
            request.setFilterRect(QgsRectangle(*self.params.bbox))
        return QgsFeatureIterator(KartaViewFeatureIterator(KartaViewFeatureSource(self, loaded_only=True), request))

    def featureCount(self):  # noqa: N802 (QGIS API name)
        """The features loaded so far that pass the layer's filters and subset (in its bbox, if any).

        The layer follows the view: how many features KartaView has for the whole world is unknown,
        and asking would mean the network on the GUI thread. So this counts what an unfiltered
        request returns now (what the attribute table lists), never waiting; it grows as views load
        and signals.py refreshes the layer tree's count label then. Not Unknown (-1): the Query
        Builder's Test button reports a negative count as an error in the filter.
        """
        try:
            if self.loader is None:
                return 0
            if not self._subset and self.params.bbox is None:
                return len(self._known())
            return sum(1 for _ in self._loaded_features())
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Counting KartaView features failed: {}").format(error))
            return 0

    def count_changed(self) -> bool:
        """Has featureCount() changed since the last call? (whether a count label must be redrawn)"""
        count = self.featureCount()
        changed, self._counted = count != self._counted, count
        return changed

    def extent(self):
        """The bbox of the URI; otherwise (or with a subset) the bounds of the features loaded so far;
        unknown (a null rectangle) while nothing is loaded. Not the whole world: QGIS zooms a new
        project to its first layer's extent, and the world is a blank map at 1:200,000,000 for a layer
        that loads what the view shows (layer_actions.first_view places the map then)."""
        try:
            if self._subset:
                box = self._loaded_bounds() or self.params.bbox
            else:
                box = self.params.bbox or self._known_bounds()
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Computing the KartaView layer extent failed: {}").format(error))
            box = None
        return QgsRectangle(*box) if box else QgsRectangle()

    def _loaded_bounds(self):
        boxes = [feature.geometry().boundingBox() for feature in self._loaded_features() if feature.hasGeometry()]
        if not boxes:
            return None
        return (min(box.xMinimum() for box in boxes), min(box.yMinimum() for box in boxes),
                max(box.xMaximum() for box in boxes), max(box.yMaximum() for box in boxes))

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

    # ---- Reload ----------------------------------------------------------------------------------
    def reloadData(self):  # noqa: N802 (QGIS API name)
        """QgsVectorLayer.reload() and View > Refresh: ask KartaView again for what the layer showed
        lately (the tiles of its last views or fetches, of its bbox, and their sequences), past the
        cache, never waiting. What is shown stays until the answers replace it; then the hub emits
        dataChanged (repaint, attribute tables reload). Blocking readers (wait=1) wait for them."""
        try:
            if self.loader is None:
                return
            areas = self.status.areas() + ([self.params.bbox] if self.params.bbox is not None else [])
            futures = self.loader.refresh(self.params.layer_type, areas, self.params.filters)
            self.status.reloading(futures)
            if not futures:  # nothing shown yet: nothing to ask again
                self.dataChanged.emit()
        except Exception as error:  # noqa: BLE001
            log_error(self.tr("Reloading the KartaView layer failed: {}").format(error))

    def reload_done(self) -> bool:
        """True once when the requests of the last reloadData() have all been answered."""
        return self.status.reload_done()

    # ---- telling the user what the layer shows ----------------------------------------------------------
    def status_message(self, centre=None) -> str:
        """One sentence about the view around centre (lng, lat), or the newest view ("" when all is shown),
        followed by what its data lacks (a page cap cut it, records were unreadable)."""
        note = self.status.note if centre is None else self.status.note_at(centre)
        return " ".join(text for text in (self._state_message(centre), note) if text)

    def _state_message(self, centre) -> str:
        state = self.status.state if centre is None else self.status.state_at(centre)
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
