"""kartaview:coveragegaps — which stretches of a road network have no (or only old) KartaView imagery.

The QGIS side only. The roads are worked on a tile at a time (coverage_inputs: memory bounded whatever
the network's size), each tile's roads and sequences brought into a local metric CRS (azimuthal
equidistant at the tile's centre, so lengths are true metres whatever the input CRS); the pure analysis
(plugin/analysis) measures the coverage, and each tile's results go to the sinks in the roads' CRS. Sequences come
from the plugin's loader and cache (the same complete data `kartaview:downloadsequences` gets) or,
offline, from a sequences line layer.
"""

import gc
import threading
from contextlib import contextmanager

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ..analysis import AnalysisCancelled, add_totals, coverage_table
from ..client.errors import Cancelled, KartaViewError
from ..core.compat import BOOL, DATETIME, DOUBLE, INT, INT64, STRING, new_field
from ..core.log import log_warning
from ..core.messages import user_message
from ..provider.loader import Loader, fetch_sequences
from ..provider.uri import SEQUENCES
from . import values
from .algorithm import KartaViewAlgorithm
from .coverage_inputs import RoadTiles, kartaview_tracks, layer_tracks
from .filters import DECIMALS_1, add_filter_parameters, filters_from_parameters
from .metric import (
    WGS84,
    flat_lines,
    grown,
    line_geometries,
    local_crs,
    transformed_flat,
    vertices_extent,
    wgs84_bbox,
)
from .styling import STYLES, style_on_completion

ID_FIELDS = ("id", "osm_id", "element_id", "way_id", "road_id", "gid", "fid")  # when none is chosen
NAME_FIELDS = ("name", "road_name", "street", "nume", "nom")
# share of the progress bar: the first pass over the roads, then per tile: get sequences, analyse, write
READ, FETCH, ANALYSE = 10.0, 0.4, 0.4
BATCH = 500  # features handed to a sink at once (one call instead of 500)


class CoverageGapsAlgorithm(KartaViewAlgorithm):
    INPUT = "INPUT"
    TOLERANCE_M = "TOLERANCE_M"
    ROAD_ID_FIELD = "ROAD_ID_FIELD"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"
    SEQUENCES = "SEQUENCES"
    OUTPUT = "OUTPUT"
    GAPS = "GAPS"

    def name(self):
        return "coveragegaps"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Coverage gaps (streets without imagery)")

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
        with cyclic_gc_paused():
            return self._process(parameters, context, feedback)

    def _process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE_M, context)
        filters = filters_from_parameters(self, parameters, context)
        road_fields = self._road_fields(source, parameters, context)
        roads = RoadTiles(source, context, feedback, READ)
        if feedback.isCanceled():
            return {}
        sequences_layer = self.parameterAsSource(parameters, self.SEQUENCES, context)
        writer, summary, gap_count, sequence_ids, unusable, done = None, None, 0, set(), 0, 0
        for tile in roads.tiles:
            if feedback.isCanceled():
                return {}
            own, geometries = roads.roads(tile)
            if feedback.isCanceled():
                return {}
            if writer is None:  # the roads are counted by now (by the first pass, or in the only tile)
                self._check_roads(roads, feedback)
                writer = _Writer(self, parameters, context, source, road_fields)
            share = (100.0 - READ) * len(own) / roads.count

            def progress(fraction, base=READ + (100.0 - READ) * done / roads.count, share=share):
                feedback.setProgress(base + share * fraction)

            lines = flat_lines(geometries)  # the tile's roads, then those around it
            del geometries
            # null when no road has a part of two vertices: then nothing is measured, wherever the tile is
            bbox = wgs84_bbox(vertices_extent(lines.vertices), source.sourceCrs(), context)
            local = local_crs(bbox)
            to_local = QgsCoordinateTransform(source.sourceCrs(), local, context.transformContext())
            lines, failed = transformed_flat(lines, to_local)
            unusable += int(failed[:len(own)].sum())
            sequences = self._sequences(sequences_layer, context, feedback, filters, grown(bbox, tolerance), local,
                                        lambda fraction: progress(FETCH * fraction))
            if sequences is None:
                return {}
            sequence_ids.update(sequence.sequence_id for sequence in sequences)
            try:
                results = coverage_table(lines, sequences, tolerance, keep=len(own), cancel=feedback.isCanceled,
                                         progress=lambda fraction: progress(FETCH + ANALYSE * fraction))
            except AnalysisCancelled:
                return {}
            del lines, sequences
            writer.write(own, results, local, feedback)
            summary = add_totals(summary, results.totals())
            gap_count += len(results.gap_road)
            done += len(own)
            progress(1.0)
        if feedback.isCanceled():
            return {}
        if writer is None:  # no tile: no road with a line geometry
            self._check_roads(roads, feedback)
        if unusable:
            feedback.pushWarning(self.tr("{} roads could not be transformed to metres and count as empty.")
                                 .format(unusable))
        feedback.pushInfo(self.tr("{} KartaView sequences near {} roads.").format(len(sequence_ids), roads.count))
        outputs = {self.OUTPUT: writer.roads_id, self.GAPS: writer.gaps_id}
        for key in (self.OUTPUT, self.GAPS):
            style_on_completion(context, outputs[key], STYLES / "coverage_{}.qml".format(key.lower()))
        self._log_totals(feedback, summary, gap_count)
        newest, oldest = summary.newest_capture, summary.oldest_capture
        outputs.update(
            ROAD_KM=summary.road_m / 1000.0, COVERED_KM=summary.covered_m / 1000.0,
            COVERED_PCT=100.0 * summary.covered_share, GAP_KM=summary.gap_m / 1000.0,
            GAP_COUNT=gap_count, SEQUENCE_COUNT=len(sequence_ids),
            NEWEST_CAPTURE=newest.isoformat(sep=" ") if newest else "",
            OLDEST_CAPTURE=oldest.isoformat(sep=" ") if oldest else "")
        return outputs

    def _check_roads(self, roads, feedback):
        if roads.skipped:
            feedback.pushWarning(self.tr("{} roads without a line geometry were left out.").format(roads.skipped))
        if not roads.count:
            raise QgsProcessingException(self.tr(
                "There are no roads to analyse: the layer is empty, no feature is selected or no road has a "
                "line geometry."))
        if len(roads.tiles) > 1:
            feedback.pushInfo(self.tr("{} roads, analysed in {} tiles.").format(roads.count, len(roads.tiles)))

    def _sequences(self, layer, context, feedback, filters, bbox, local, progress):
        """DrivenSequence list in the local CRS of the sequences touching bbox (WGS 84), None when cancelled."""
        if layer is not None:
            return layer_tracks(layer, filters, context, bbox, local, feedback.isCanceled)
        feedback.pushInfo(self.tr("Loading KartaView sequences for {:.4f},{:.4f},{:.4f},{:.4f} ({} map tiles)…")
                          .format(*bbox, Loader.tile_count(SEQUENCES, bbox)))
        try:
            tracks = fetch_sequences(bbox, filters, cancel=feedback.isCanceled, warn=feedback.pushWarning,
                                     progress=lambda percent: progress(percent / 100))
        except Cancelled:
            return None
        except KartaViewError as error:
            log_warning(error.message)  # the details for the log; the user reads one sentence
            raise QgsProcessingException(self.tr(
                "KartaView data for the roads' extent could not be loaded, and was not cached before: {} You can "
                "also give a sequences layer (e.g. from \"Download KartaView sequences, photos or road coverage\") "
                "instead.").format(user_message(error))) from None
        to_local = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), local, context.transformContext())
        return kartaview_tracks(tracks, to_local)

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

    def _log_totals(self, feedback, summary, gap_count):
        feedback.pushInfo(self.tr("Roads: {:.2f} km. Covered: {:.2f} km ({:.1f} %). Gaps: {:.2f} km in {} pieces.")
                          .format(summary.road_m / 1000.0, summary.covered_m / 1000.0,
                                  100.0 * summary.covered_share, summary.gap_m / 1000.0, gap_count))
        if summary.newest_capture is not None:
            feedback.pushInfo(self.tr("Newest capture: {}. Oldest capture: {}.").format(
                summary.newest_capture.date().isoformat(), summary.oldest_capture.date().isoformat()))
        else:
            feedback.pushInfo(self.tr("No road is driven along by a KartaView sequence."))


_gc_lock = threading.Lock()
_gc_pauses = [0, False]  # runs pausing it now, and whether it was on before the first of them


@contextmanager
def cyclic_gc_paused():
    """Python's cycle collector off during a run: each tile makes tens of thousands of QGIS objects, none
    in a reference cycle, which the collector would otherwise go over again and again (8 % of the time).
    Runs may overlap (Processing tasks): it is on again once the last ends, if it was on before the first."""
    with _gc_lock:
        if _gc_pauses[0] == 0:
            _gc_pauses[1] = gc.isenabled()
            gc.disable()
        _gc_pauses[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses[0] -= 1
            if _gc_pauses[0] == 0 and _gc_pauses[1]:
                gc.enable()


class _Writer:
    """The two sinks, written a tile at a time: roads with coverage, and gaps."""

    def __init__(self, algorithm, parameters, context, source, road_fields):
        self.algorithm, self.source, self.context = algorithm, source, context
        added = QgsFields()
        for name, kind in (("covered_m", DOUBLE), ("covered_pct", DOUBLE),
                           ("newest_capture", DATETIME), ("oldest_capture", DATETIME),
                           ("sequence_count", INT), ("has_360", BOOL)):
            added.append(new_field(name, kind))
        self.road_fields = QgsProcessingUtils.combineFields(source.fields(), added)
        self.roads, self.roads_id = algorithm.parameterAsSink(
            parameters, algorithm.OUTPUT, context, self.road_fields, source.wkbType(), source.sourceCrs())
        if self.roads is None:
            raise QgsProcessingException(algorithm.invalidSinkError(parameters, algorithm.OUTPUT))
        self.gap_fields = QgsFields()
        for name, kind in (("road_fid", INT64), ("road_id", STRING),
                           ("road_name", STRING), ("length_m", DOUBLE),
                           ("dist_to_covered_m", DOUBLE)):
            self.gap_fields.append(new_field(name, kind))
        self.gaps, self.gaps_id = algorithm.parameterAsSink(
            parameters, algorithm.GAPS, context, self.gap_fields, QgsWkbTypes.Type.LineString, source.sourceCrs())
        if self.gaps is None:
            raise QgsProcessingException(algorithm.invalidSinkError(parameters, algorithm.GAPS))
        self.id_field, self.name_field = road_fields

    def write(self, features, table, local, feedback):
        """One tile's roads (features) and their CoverageTable; stops at a cancel."""
        to_source = QgsCoordinateTransform(local, self.source.sourceCrs(), self.context.transformContext())
        fields, gap_fields = self.road_fields, self.gap_fields
        moments = {None: None}  # a capture time is shared by many roads: one QDateTime each

        def moment(value):
            if value not in moments:
                moments[value] = values.qdatetime(value)
            return moments[value]

        def roads():
            length, covered = table.length_m, table.covered_m
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(length > 0, 100.0 * covered / length, 0.0)
            # the input feature itself, its geometry and attributes kept (no copy), the new ones set in
            # place: reading its attributes into Python and back cost more, the more fields a layer has
            first, count = self.source.fields().count(), fields.count()
            for index, (feature, covered_m, covered_pct) in enumerate(zip(features, covered.tolist(),
                                                                           share.tolist())):
                feature.setFields(fields, False)
                feature.resizeAttributes(count)  # the new ones NULL
                feature.setAttribute(first, round(covered_m, 2))
                feature.setAttribute(first + 1, round(covered_pct, 2))
                dating = table.dated.get(index)
                if dating is None:
                    feature.setAttribute(first + 2, None)  # a NULL date: the padding reads back as no value at all
                    feature.setAttribute(first + 3, None)
                    feature.setAttribute(first + 4, 0)
                    feature.setAttribute(first + 5, False)
                    yield feature
                    continue
                feature.setAttribute(first + 2, moment(dating.newest_capture))
                feature.setAttribute(first + 3, moment(dating.oldest_capture))
                feature.setAttribute(first + 4, len(dating.sequence_ids))
                feature.setAttribute(first + 5, dating.has_360)
                yield feature

        def gaps():
            lines = line_geometries(table.gap_vertices, table.gap_sizes, to_source)
            blank = QgsFeature(gap_fields)  # copied: faster than making each anew
            last = None
            for road, line, length, distance in zip(table.gap_road.tolist(), lines, table.gap_length_m.tolist(),
                                                    table.gap_distance_m.tolist()):
                if road != last:  # a road's gaps come one after the other
                    last, feature = road, features[road]
                    road_id = values.text(feature[self.id_field]) if self.id_field else str(feature.id())
                    road_name = values.text(feature[self.name_field]) if self.name_field else None
                out = QgsFeature(blank)
                out.setGeometry(line)
                out.setAttributes([feature.id(), road_id, road_name, round(length, 2),
                                   None if distance != distance else round(distance, 2)])  # NaN: nothing covered
                yield out

        _write_in_batches(self.gaps, gaps(), feedback)  # first: reads the roads' fields
        _write_in_batches(self.roads, roads(), feedback)


def _write_in_batches(sink, features, feedback):
    """Add the features to the sink BATCH at a time; stops at a cancel, checked once per batch."""
    batch = []
    for feature in features:
        batch.append(feature)
        if len(batch) == BATCH:
            if feedback.isCanceled():
                return
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
            batch = []
    sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
