"""The feature iterator: runs in render threads, serves the source's records, never raises into QGIS.

Handled here: the layer filter (subset string, on every request), FilterFid and FilterFids (by id,
not by scanning), the filter rectangle (exact intersection: a sequence is returned when its line
touches the rectangle), distance-within, the destination CRS, and attribute subsets (a render asks
for its style's attributes only). Expression filters, limits and ordering are left to
QgsAbstractFeatureIterator.
"""

from qgis.core import (
    Qgis,
    QgsAbstractFeatureIterator,
    QgsCoordinateReferenceSystem,
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
        self._rect_key = None  # the rectangle as a tuple, for the records' touch memo
        self._row_indexes = None  # the attribute indexes asked for, when not all of them
        self._distance = None  # (reference geometry, distance) of a distance-within request
        self._subset = None  # the layer filter, prepared once for this iterator
        self._transform = QgsCoordinateTransform()
        self._transforming = False
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
            self._rect_key = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        if self._subset is None:  # the layer filter reads whole rows
            self._row_indexes = _attribute_subset(request, self._source.fields)
        kind = request.filterType()
        if kind == QgsFeatureRequest.FilterType.FilterFid:
            self._records = self._source.records_by_id([request.filterFid()])
        elif kind == QgsFeatureRequest.FilterType.FilterFids:
            self._records = self._source.records_by_id(request.filterFids())
        elif self._rect is not None:
            self._records = self._source.records_in(self._rect_key, look_ahead=_looks_ahead(request, self._rect))
        else:
            self._records = self._source.all_records()
        if self._rect is not None:  # all at once: fetchFeature, called from C++ per feature, stays lean
            self._records = [record for record in self._records if self._touches(record)]
        if request.spatialFilterType() == Qgis.SpatialFilterType.DistanceWithin:
            self._distance = (request.referenceGeometry(), request.distanceWithin())
        self._transforming = self._transform.isValid()

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
        feature.setFields(self._source.fields, False)
        feature.setId(record.fid)
        feature.setAttributes(record.attributes if self._row_indexes is None else record.partial_row(self._row_indexes))
        feature.setGeometry(record.geometry)  # implicitly shared: a transform below copies it first
        if self._subset is not None and not self._subset.accepts(feature):  # in EPSG:4326, like extent()
            return False
        if self._transforming:
            self.geometryToDestinationCrs(feature, self._transform)
        if self._distance is not None:
            reference, distance = self._distance
            if not feature.hasGeometry() or feature.geometry().distance(reference) > distance:
                return False
        feature.setValid(True)
        return True

    def _touches(self, record) -> bool:
        """Does the record's geometry touch the filter rectangle? (GEOS only for a bbox across its edge;
        remembered on the record, as renders of one view ask again and again)"""
        touched = record.touched
        if touched is not None and touched[0] == self._rect_key:
            return touched[1]
        answer = record.bbox.intersects(self._rect) and (
            self._rect.contains(record.bbox) or record.geometry.intersects(self._rect))
        record.touched = (self._rect_key, answer)
        return answer

    def rewind(self):
        self._index = 0
        return True

    def close(self):
        self._records = []
        self._index = 0
        return True


WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def _looks_ahead(request, rect) -> bool:
    """Is this a map canvas's look-ahead render? After drawing its view, the canvas draws the eight
    areas around it (ahead of a pan) with the view's map settings, so their expression context keeps
    the view's own extent (@map_extent, in @map_crs): a look-ahead rectangle (EPSG:4326) does not hold
    that extent's centre, while a render of the view itself (or a layout map's) does."""
    try:
        context = request.expressionContext()
        if context is None or not context.hasVariable("map_extent") or not context.hasVariable("map_crs"):
            return False
        extent = context.variable("map_extent")
        crs = QgsCoordinateReferenceSystem(context.variable("map_crs") or "")
        if not isinstance(extent, QgsGeometry) or extent.isEmpty() or not crs.isValid():
            return False
        centre = extent.boundingBox().center()
        if crs != WGS84:
            centre = QgsCoordinateTransform(crs, WGS84, request.transformContext()).transform(centre)
        return not rect.contains(centre)
    except (QgsCsException, TypeError, ValueError):  # cannot tell: a render of the view, as before
        return False


def _attribute_subset(request, fields):
    """The sorted attribute indexes a request needs (its subset, and what its filter expression and
    ordering read), or None for all of them."""
    if not request.flags() & QgsFeatureRequest.Flag.SubsetOfAttributes:
        return None
    indexes = set(request.subsetOfAttributes())
    expression = request.filterExpression()
    if expression is not None:
        indexes.update(expression.referencedAttributeIndexes(fields))
    indexes.update(request.orderBy().usedAttributeIndices(fields))
    if -1 in indexes or len(indexes) >= fields.count():  # -1: a name unknown to the fields
        return None
    return tuple(sorted(index for index in indexes if index < fields.count()))
