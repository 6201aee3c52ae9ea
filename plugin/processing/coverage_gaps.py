"""kartaview:coveragegaps — which stretches of a road network have no (or only old) KartaView imagery.

The QGIS side only: roads and sequences are brought into one local metric CRS (azimuthal equidistant
at the roads' centre, so lengths are true metres whatever the input CRS), the pure analysis
(plugin/analysis) measures the coverage, and the results go back in the roads' CRS. Sequences come
from the plugin's loader and cache (the same complete data `kartaview:downloadsequences` gets) or,
offline, from a sequences line layer.
"""

import struct
from datetime import date, datetime, timezone
from math import cos, radians
from types import SimpleNamespace

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt

from ..about import ALGORITHMS_HELP_URL, PLUGIN_DIR
from ..analysis import AnalysisCancelled, SequenceTrack, analyse_coverage, totals
from ..client.errors import Cancelled, KartaViewError
from ..core.compat import BOOL, DATETIME, DOUBLE, INT, INT64, STRING, new_field
from ..core.log import log_warning
from ..core.messages import user_message
from ..core.styles import load_style
from ..provider.loader import Loader, fetch_sequences
from ..provider.uri import SEQUENCES
from .filters import DECIMALS_1, add_filter_parameters, filters_from_parameters

WGS84 = "EPSG:4326"  # a CRS object only once QGIS is initialised
WKB_LINESTRING = 2
STYLES = PLUGIN_DIR / "ui" / "styles"
ID_FIELDS = ("id", "osm_id", "element_id", "way_id", "road_id", "gid", "fid")  # when none is chosen
NAME_FIELDS = ("name", "road_name", "street", "nume", "nom")
METRES_PER_DEGREE = 111320.0
# share of the progress bar per step: read roads, get sequences, analyse, write
READ, FETCH, ANALYSE, WRITE = 10.0, 40.0, 40.0, 10.0
BATCH = 500  # features handed to a sink at once (one call instead of 500)


class CoverageGapsAlgorithm(QgsProcessingAlgorithm):
    INPUT = "INPUT"
    TOLERANCE_M = "TOLERANCE_M"
    ROAD_ID_FIELD = "ROAD_ID_FIELD"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"
    SEQUENCES = "SEQUENCES"
    OUTPUT = "OUTPUT"
    GAPS = "GAPS"

    def tr(self, message):
        return QCoreApplication.translate("CoverageGapsAlgorithm", message)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def name(self):
        return "coveragegaps"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Coverage gaps (streets without imagery)")

    def helpUrl(self):  # noqa: N802 (QGIS API name)
        return ALGORITHMS_HELP_URL

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Finds the streets of a road layer that have no KartaView imagery, to plan capture drives.\n\n"
            "A road counts as covered where a KartaView sequence runs within the tolerance of it, in either "
            "direction. A sequence crossing a road covers only about twice the tolerance of it, and a "
            "parallel street farther away than the tolerance is not covered. The capture dates, sequence "
            "count and 360 flag of a road come from the sequences running along it (more than 2.5 times the "
            "tolerance of it, or nearly all of a short road), not from those only crossing it.\n\n"
            "Sequences: by default the KartaView sequences of the roads' extent, loaded through the "
            "plugin's cache (complete data is waited for; run again offline over the cache). Or give a "
            "sequences line layer, e.g. the output of \"Download KartaView sequences, photos or road "
            "coverage\": then no network is used. The filters (upload dates from/until, driver, minimum "
            "quality, 360° only) apply to both.\n\n"
            "Roads with coverage: every input road with covered_m, covered_pct, newest_capture, "
            "oldest_capture, sequence_count and has_360. Gaps: the uncovered stretches as lines with their "
            "length, the road's id and name and the distance to the nearest covered stretch of any road "
            "(0 when a gap continues a covered stretch). Road id and name fields are guessed from common "
            "names when not chosen. The log gives the totals."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Roads (line layer)"), [QgsProcessing.SourceType.TypeVectorLine]))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE_M, self.tr("Tolerance (meters a sequence may run from a road and still cover it)"),
            QgsProcessingParameterNumber.Type.Double, 15.0, minValue=0.5, maxValue=500.0))
        self.parameterDefinition(self.TOLERANCE_M).setMetadata(DECIMALS_1)
        self.addParameter(QgsProcessingParameterField(
            self.ROAD_ID_FIELD, self.tr("Road id field (guessed when empty)"), None, self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.ROAD_NAME_FIELD, self.tr("Road name field (guessed when empty)"), None, self.INPUT,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SEQUENCES, self.tr("Sequences layer (instead of loading from KartaView)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        add_filter_parameters(self)  # the same filters as kartaview:downloadsequences
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Roads with coverage"), QgsProcessing.SourceType.TypeVectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.GAPS, self.tr("Coverage gaps"), QgsProcessing.SourceType.TypeVectorLine))
        for key, text in (("ROAD_KM", self.tr("Road length (km)")), ("COVERED_KM", self.tr("Covered (km)")),
                          ("COVERED_PCT", self.tr("Covered share (%)")), ("GAP_KM", self.tr("Gaps (km)")),
                          ("GAP_COUNT", self.tr("Gap pieces")), ("SEQUENCE_COUNT", self.tr("Sequences used"))):
            self.addOutput(QgsProcessingOutputNumber(key, text))
        self.addOutput(QgsProcessingOutputString("NEWEST_CAPTURE", self.tr("Newest capture")))
        self.addOutput(QgsProcessingOutputString("OLDEST_CAPTURE", self.tr("Oldest capture")))

    # -- running ----------------------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE_M, context)
        filters = filters_from_parameters(self, parameters, context)
        road_fields = self._road_fields(source, parameters, context)
        features, extent = self._read_roads(source, feedback)
        if feedback.isCanceled():
            return {}
        if not features:
            raise QgsProcessingException(self.tr(
                "There are no roads to analyse: the layer is empty, no feature is selected or no road has a "
                "line geometry."))
        bbox = _wgs84_bbox(extent, source.sourceCrs(), context)
        local = _local_crs(bbox)
        to_local = QgsCoordinateTransform(source.sourceCrs(), local, context.transformContext())
        roads = [_parts(_transformed(feature.geometry(), to_local)) for feature in features]
        unusable = sum(1 for parts in roads if not parts)
        if unusable:
            feedback.pushWarning(self.tr("{} roads could not be transformed to metres and count as empty.")
                                 .format(unusable))

        sequences = self._sequences(parameters, context, feedback, filters, _grown(bbox, tolerance), local)
        if sequences is None:
            return {}
        feedback.pushInfo(self.tr("{} KartaView sequences near {} roads.").format(len(sequences), len(roads)))
        try:
            results = analyse_coverage(
                roads, sequences, tolerance, cancel=feedback.isCanceled,
                progress=lambda share: feedback.setProgress(READ + FETCH + ANALYSE * share))
        except AnalysisCancelled:
            return {}

        outputs = self._write_roads(parameters, context, source, features, results, feedback)
        outputs.update(self._write_gaps(parameters, context, source, features, results, road_fields, local,
                                        feedback))
        if feedback.isCanceled():
            return {}
        for key in (self.OUTPUT, self.GAPS):
            _style_on_completion(context, outputs[key], STYLES / "coverage_{}.qml".format(key.lower()))
        summary = totals(results)
        gap_count = sum(len(result.gaps) for result in results)
        self._log_totals(feedback, summary, gap_count)
        newest, oldest = summary.newest_capture, summary.oldest_capture
        outputs.update(
            ROAD_KM=summary.road_m / 1000.0, COVERED_KM=summary.covered_m / 1000.0,
            COVERED_PCT=100.0 * summary.covered_share, GAP_KM=summary.gap_m / 1000.0,
            GAP_COUNT=gap_count, SEQUENCE_COUNT=len(sequences),
            NEWEST_CAPTURE=newest.isoformat(sep=" ") if newest else "",
            OLDEST_CAPTURE=oldest.isoformat(sep=" ") if oldest else "")
        return outputs

    def _read_roads(self, source, feedback):
        """The features with a line geometry, and their extent in the source CRS."""
        features, extent, skipped = [], QgsRectangle(), 0
        total = max(1, source.featureCount())
        for number, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty() or geometry.type() != QgsWkbTypes.GeometryType.LineGeometry:
                skipped += 1
                continue
            features.append(feature)
            extent.combineExtentWith(geometry.boundingBox())
            if number % 500 == 0:
                feedback.setProgress(READ * number / total)
        if skipped:
            feedback.pushWarning(self.tr("{} roads without a line geometry were left out.").format(skipped))
        return features, extent

    def _sequences(self, parameters, context, feedback, filters, bbox, local):
        """SequenceTrack list in the local CRS of the sequences touching bbox (WGS 84), None when cancelled."""
        layer = self.parameterAsSource(parameters, self.SEQUENCES, context)
        if layer is not None:
            return self._layer_sequences(layer, filters, context, local, feedback)
        feedback.pushInfo(self.tr("Loading KartaView sequences for {:.4f},{:.4f},{:.4f},{:.4f} ({} map tiles)…")
                          .format(*bbox, Loader.tile_count(SEQUENCES, bbox)))
        try:
            tracks = fetch_sequences(bbox, filters, cancel=feedback.isCanceled, warn=feedback.pushWarning,
                                     progress=lambda percent: feedback.setProgress(READ + FETCH * percent / 100))
        except Cancelled:
            return None
        except KartaViewError as error:
            log_warning(error.message)  # the details for the log; the user reads one sentence
            raise QgsProcessingException(self.tr(
                "KartaView data for the roads' extent could not be loaded, and was not cached before: {} You can "
                "also give a sequences layer (e.g. from \"Download KartaView sequences, photos or road coverage\") "
                "instead.").format(user_message(error))) from None
        to_local = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), local, context.transformContext())
        sequences = []
        for track in tracks:
            line = _parts(_transformed(_line_geometry(track.coordinates), to_local))
            if line:
                first = track.first_shot or track.sequence.date_added
                last = track.last_shot or track.sequence.date_added
                sequences.append(SequenceTrack(track.id, line, first, last, track.sequence.is_360))
        return sequences

    def _layer_sequences(self, layer, filters, context, local, feedback):
        """Sequences from a line layer (fields of kartaview:downloadsequences, all optional), filtered."""
        names = set(layer.fields().names())
        to_local = QgsCoordinateTransform(layer.sourceCrs(), local, context.transformContext())
        sequences = []
        for feature in layer.getFeatures():
            if feedback.isCanceled():
                return None
            values = {name: (convert(feature[name]) if name in names else None) for name, convert in (
                ("date_added", _py_datetime), ("first_shot", _py_datetime), ("last_shot", _py_datetime),
                ("username", _text), ("is_360", _flag), ("quality", _integer), ("sequence_id", _integer))}
            added = values["date_added"]
            first, last = values["first_shot"] or added, values["last_shot"] or added
            # the loader's own filter, on the layer's attributes
            attributes = SimpleNamespace(date_added=added or first, username=values["username"],
                                         is_360=bool(values["is_360"]), quality=values["quality"])
            if not filters.accepts_sequence(attributes):
                continue
            line = _parts(_transformed(feature.geometry(), to_local))
            if line:
                sequence_id = values["sequence_id"]
                sequences.append(SequenceTrack(feature.id() if sequence_id is None else sequence_id, line,
                                               first or last, last or first, attributes.is_360))
        return sequences

    def _road_fields(self, source, parameters, context):
        """(id field, name field) names of the roads: chosen, else guessed; "" when there is none."""
        names = source.fields().names()
        lower = {name.lower(): name for name in names}
        chosen = []
        for parameter, guesses in ((self.ROAD_ID_FIELD, ID_FIELDS), (self.ROAD_NAME_FIELD, NAME_FIELDS)):
            name = self.parameterAsString(parameters, parameter, context)
            if name and name not in names:
                raise QgsProcessingException(self.tr("The roads layer has no field '{}'.").format(name))
            chosen.append(name or next((lower[g] for g in guesses if g in lower), ""))
        return tuple(chosen)

    # -- writing ----------------------------------------------------------------------------------

    def _write_roads(self, parameters, context, source, features, results, feedback):
        added = QgsFields()
        for name, kind in (("covered_m", DOUBLE), ("covered_pct", DOUBLE),
                           ("newest_capture", DATETIME), ("oldest_capture", DATETIME),
                           ("sequence_count", INT), ("has_360", BOOL)):
            added.append(new_field(name, kind))
        fields = QgsProcessingUtils.combineFields(source.fields(), added)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        def road(feature, result):
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(feature.attributes() + [
                round(result.covered_m, 2), round(result.covered_pct, 2), _qdatetime(result.newest_capture),
                _qdatetime(result.oldest_capture), result.sequence_count, result.has_360])
            return [out]

        _write_in_batches(sink, zip(features, results), road, feedback,
                          lambda number: READ + FETCH + ANALYSE + WRITE / 2 * number / len(features))
        return {self.OUTPUT: dest_id}

    def _write_gaps(self, parameters, context, source, features, results, road_fields, local, feedback):
        fields = QgsFields()
        for name, kind in (("road_fid", INT64), ("road_id", STRING),
                           ("road_name", STRING), ("length_m", DOUBLE),
                           ("dist_to_covered_m", DOUBLE)):
            fields.append(new_field(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.GAPS, context, fields, QgsWkbTypes.Type.LineString,
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.GAPS))
        to_source = QgsCoordinateTransform(local, source.sourceCrs(), context.transformContext())
        id_field, name_field = road_fields

        def gaps(feature, result):
            road_id = _text(feature[id_field]) if id_field else str(feature.id())
            road_name = _text(feature[name_field]) if name_field else None
            pieces = []
            for gap in result.gaps:
                out = QgsFeature(fields)
                out.setGeometry(_transformed(_line_geometry(gap.coordinates), to_source))
                distance = gap.distance_to_covered_m
                out.setAttributes([feature.id(), road_id, road_name, round(gap.length_m, 2),
                                   None if distance is None else round(distance, 2)])
                pieces.append(out)
            return pieces

        _write_in_batches(sink, zip(features, results), gaps, feedback,
                          lambda number: READ + FETCH + ANALYSE + WRITE / 2 * (1 + number / len(features)))
        return {self.GAPS: dest_id}

    def _log_totals(self, feedback, summary, gap_count):
        feedback.pushInfo(self.tr("Roads: {:.2f} km. Covered: {:.2f} km ({:.1f} %). Gaps: {:.2f} km in {} pieces.")
                          .format(summary.road_m / 1000.0, summary.covered_m / 1000.0,
                                  100.0 * summary.covered_share, summary.gap_m / 1000.0, gap_count))
        if summary.newest_capture is not None:
            feedback.pushInfo(self.tr("Newest capture: {}. Oldest capture: {}.").format(
                summary.newest_capture.date().isoformat(), summary.oldest_capture.date().isoformat()))
        else:
            feedback.pushInfo(self.tr("No road is driven along by a KartaView sequence."))


# -- geometry and values ------------------------------------------------------------------------------

def _write_in_batches(sink, rows, features_of, feedback, progress_at):
    """Add the features made of each (road, result) row to the sink, BATCH rows at a time; stops
    at a cancel, checked once per batch."""
    batch = []
    for number, (feature, result) in enumerate(rows):
        if number % BATCH == 0:
            if feedback.isCanceled():
                break
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
            batch = []
            feedback.setProgress(progress_at(number))
        batch.extend(features_of(feature, result))
    sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)


def _local_crs(bbox):
    """Azimuthal equidistant CRS centred on the roads: metres, true distances near the centre."""
    return QgsCoordinateReferenceSystem.fromProj(
        "+proj=aeqd +lat_0={:.7f} +lon_0={:.7f} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs".format(
            (bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2))


def _wgs84_bbox(extent, crs, context):
    """(min_lng, min_lat, max_lng, max_lat) of `extent` (in `crs`)."""
    to_wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84), context.transformContext())
    rectangle = to_wgs84.transformBoundingBox(extent)
    return rectangle.xMinimum(), rectangle.yMinimum(), rectangle.xMaximum(), rectangle.yMaximum()


def _grown(bbox, metres):
    """bbox grown by at least `metres` on every side (a sequence just outside still covers roads inside)."""
    grow = metres / METRES_PER_DEGREE / max(0.01, cos(radians(min(max(abs(bbox[1]), abs(bbox[3])), 89.0))))
    return bbox[0] - grow, bbox[1] - grow, bbox[2] + grow, bbox[3] + grow


def _transformed(geometry, transform):
    """A transformed copy of `geometry`; None when it cannot be transformed."""
    geometry = QgsGeometry(geometry)
    try:
        geometry.transform(transform)
    except QgsCsException:
        return None
    return geometry


def _parts(geometry):
    """(n x 2) coordinate arrays of the parts of a line geometry (curves segmentized, z and m dropped),
    read from its WKB in bulk: much faster than point by point."""
    if geometry is None or geometry.isEmpty():
        return []
    shape = geometry.constGet()
    if shape.wkbType() not in (QgsWkbTypes.Type.LineString, QgsWkbTypes.Type.MultiLineString):
        shape = shape.segmentize() if QgsWkbTypes.isCurvedType(shape.wkbType()) else shape.clone()
        shape.dropZValue()
        shape.dropMValue()
    return _wkb_lines(bytes(shape.asWkb()))


def _wkb_lines(wkb, offset=0):
    """The coordinate arrays of a 2D WKB LineString or MultiLineString."""
    order = "<" if wkb[offset] == 1 else ">"
    kind, count = struct.unpack_from(order + "II", wkb, offset + 1)
    if kind == WKB_LINESTRING:
        return [np.frombuffer(wkb, order + "f8", 2 * count, offset + 9).reshape(count, 2)]
    parts, offset = [], offset + 9
    for _ in range(count):
        (part,) = _wkb_lines(wkb, offset)
        parts.append(part)
        offset += 9 + part.nbytes
    return parts


def _line_geometry(coordinates):
    """A LineString QgsGeometry of (x, y) coordinates, via WKB."""
    points = np.ascontiguousarray(coordinates, dtype="<f8")
    geometry = QgsGeometry()
    geometry.fromWkb(struct.pack("<BII", 1, WKB_LINESTRING, len(points)) + points.tobytes())
    return geometry


def _py_datetime(value):
    """Naive UTC datetime of a QDateTime / QDate / ISO string attribute; None if empty or unreadable."""
    if isinstance(value, QDateTime):
        return value.toUTC().toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return datetime.combine(value.toPyDate(), datetime.min.time()) if value.isValid() else None
    if isinstance(value, (datetime, date)):
        return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    text = _text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _qdatetime(moment):
    if moment is None:
        return None
    value = QDateTime(moment)
    value.setTimeSpec(Qt.TimeSpec.UTC)
    return value


def _text(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return str(value)


def _integer(value):
    try:
        return None if _text(value) is None else int(value)
    except (TypeError, ValueError):
        return None


def _flag(value):
    text = (_text(value) or "").strip().lower()
    return text in ("1", "true", "yes", "t")


class _StyleOnCompletion(QgsProcessingLayerPostProcessorInterface):
    """Applies a .qml to an output layer loaded into the project when the algorithm finishes, then
    `then(layer)` if given (more layer settings: the temporal properties of a download)."""

    def __init__(self, qml, then=None):
        super().__init__()
        self.qml, self.then = qml, then

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        try:
            message, ok = load_style(layer, self.qml)  # its legend in the interface language
            layer.triggerRepaint()
        except Exception as error:  # noqa: BLE001 - a style must never break the results
            message, ok = str(error), False
        if not ok:
            log_warning(QCoreApplication.translate("CoverageGapsAlgorithm", "The style {} was not applied: {}")
                        .format(self.qml.name, message))
        if self.then is not None:
            try:
                self.then(layer)
            except Exception as error:  # noqa: BLE001 - must never break the results either
                log_warning("KartaView: setting up the output layer failed: {}".format(error))


# QGIS keeps only a raw pointer to a post-processor, and deletes it once it has run: a new one per output,
# kept here until then (a post-processor used for a second run was a deleted C++ object).
_STYLERS = []


def _style_on_completion(context, dest_id, qml, then=None):
    if not qml.exists() or not context.willLoadLayerOnCompletion(dest_id):
        return
    _STYLERS[:] = [styler for styler in _STYLERS if not sip.isdeleted(styler)]
    styler = _StyleOnCompletion(qml, then)
    _STYLERS.append(styler)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
