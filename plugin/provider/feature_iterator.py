"""The feature iterator: runs in render threads, serves the source's records, never raises into QGIS.

Handled here: the layer filter (subset string, on every request), FilterFid and FilterFids (by id,
not by scanning), the filter rectangle (exact intersection: a sequence is returned when its line
touches the rectangle), distance-within, and the destination CRS. Expression filters, limits and
ordering are left to QgsAbstractFeatureIterator.
"""

from qgis.core import (
    Qgis,
    QgsAbstractFeatureIterator,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
)

from ..core.log import log_error
from .subset import SubsetFilter


class KartaViewFeatureIterator(QgsAbstractFeatureIterator):
    def __init__(self, source, request):
        super().__init__(request)
        self._source = source
        self._records = []
        self._index = 0
        self._rect = None
        self._distance = None  # (reference geometry, distance) of a distance-within request
        self._subset = None  # the layer filter, prepared once for this iterator
        self._transform = QgsCoordinateTransform()
        try:
            self._prepare(request)
        except Exception as error:  # noqa: BLE001 - called from C++: log and serve nothing
            log_error("KartaView: preparing a feature request failed: {!r}".format(error))
            self._records = []

    def _prepare(self, request):
        if self._source.subset:
            self._subset = SubsetFilter(self._source.subset, self._source.fields)
        destination = request.destinationCrs()
        if destination.isValid() and destination != self._source.crs:
            self._transform = QgsCoordinateTransform(self._source.crs, destination, request.transformContext())
        try:
            rect = self.filterRectToSourceCrs(self._transform)
        except QgsCsException:  # the rectangle cannot be expressed in EPSG:4326: nothing matches
            return
        if not rect.isNull():
            self._rect = rect
        kind = request.filterType()
        if kind == QgsFeatureRequest.FilterFid:
            self._records = self._source.records_by_id([request.filterFid()])
        elif kind == QgsFeatureRequest.FilterFids:
            self._records = self._source.records_by_id(request.filterFids())
        elif self._rect is not None:
            bbox = (self._rect.xMinimum(), self._rect.yMinimum(), self._rect.xMaximum(), self._rect.yMaximum())
            self._records = self._source.records_in(bbox)
        else:
            self._records = self._source.all_records()
        if request.spatialFilterType() == Qgis.SpatialFilterType.DistanceWithin:
            self._distance = (request.referenceGeometry(), request.distanceWithin())

    def fetchFeature(self, feature):  # noqa: N802 (QGIS API name)
        try:
            while self._index < len(self._records):
                record = self._records[self._index]
                self._index += 1
                if self._fill(record, feature):
                    return True
        except Exception as error:  # noqa: BLE001 - called from C++: log and end the iteration
            log_error("KartaView: reading a feature failed: {!r}".format(error))
        feature.setValid(False)
        return False

    def _fill(self, record, feature) -> bool:
        if self._rect is not None and not self._touches(record):
            return False
        feature.setFields(self._source.fields, False)
        feature.setId(record.fid)
        feature.setAttributes(record.attributes)
        feature.setGeometry(QgsGeometry(record.geometry))
        if self._subset is not None and not self._subset.accepts(feature):  # in EPSG:4326, like extent()
            return False
        self.geometryToDestinationCrs(feature, self._transform)
        if self._distance is not None:
            reference, distance = self._distance
            if not feature.hasGeometry() or feature.geometry().distance(reference) > distance:
                return False
        feature.setValid(True)
        return True

    def _touches(self, record) -> bool:
        """Does the record's geometry touch the filter rectangle? (GEOS only for a bbox across its edge)"""
        if not record.bbox.intersects(self._rect):
            return False
        return self._rect.contains(record.bbox) or record.geometry.intersects(self._rect)

    def rewind(self):
        self._index = 0
        return True

    def close(self):
        self._records = []
        self._index = 0
        return True
