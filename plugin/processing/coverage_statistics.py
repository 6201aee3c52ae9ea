"""kartaview:coveragestatistics — how much KartaView imagery, of what, where: a table per area and an HTML
report with charts (kilometres by capture year, quality band, device, 360° or not; newest and oldest
capture; the share of a road network covered).

The measuring is QGIS's (clipping to the areas, lengths on the ellipsoid, the road coverage of
kartaview:coveragegaps); the bookkeeping is plugin/analysis/statistics.py and the report
plugin/analysis/report_html.py, both pure Python.
"""

from datetime import datetime

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..analysis.report_html import render_report
from ..analysis.statistics import breakdown_rows, summarise
from ..client.errors import Cancelled, KartaViewError
from ..core.compat import DATETIME, DOUBLE, INT, STRING, new_field
from ..provider.loader import default_loader
from ..provider.uri import SEQUENCES as SEQUENCES_TYPE
from .algorithm import KartaViewAlgorithm
from .filters import (
    DECIMALS_1,
    MIN_QUALITY,
    ONLY_360,
    SINCE,
    UNTIL,
    USERNAME,
    add_filter_parameters,
    filters_from_parameters,
)
from .statistics_inputs import (
    WGS84,
    area_geometries,
    bbox_of,
    ellipsoid_measure,
    kartaview_sequences,
    layer_sequences,
    pieces,
    road_lengths,
)


def plotly_js():
    """plotly.js from the plotly package QGIS ships (None without it: the report then has tables only)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        return None
    return get_plotlyjs()


def _qdatetime(value):
    if value is None:
        return None
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second),
                     Qt.TimeSpec.UTC)


class CoverageStatisticsAlgorithm(KartaViewAlgorithm):
    EXTENT = "EXTENT"
    SEQUENCES = "SEQUENCES"
    AREAS = "AREAS"
    AREA_NAME_FIELD = "AREA_NAME_FIELD"
    ROADS = "ROADS"
    TOLERANCE_M = "TOLERANCE_M"
    OUTPUT = "OUTPUT"
    BREAKDOWN = "BREAKDOWN"
    OUTPUT_HTML = "OUTPUT_HTML"
    TOTAL_KM = "TOTAL_KM"
    SEQUENCE_COUNT = "SEQUENCE_COUNT"

    def name(self):
        return "coveragestatistics"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("KartaView coverage statistics")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "How much KartaView imagery there is, of what and where: kilometres of sequences by capture year, "
            "quality band, device and 360° or not, with the newest and oldest capture, per area.\n\n"
            "Sequences come from KartaView (in the extent, or the areas' extent) or from a line layer such as "
            "the output of \"Download KartaView sequences\". Areas are any polygon layer (districts, say); "
            "without one the extent is the area. A sequence counts in an area with its length inside it; "
            "areas should not overlap for the totals to add up. Given a road layer, the share of its length "
            "within the tolerance of a sequence is reported per area too.\n\n"
            "Outputs: a table with one row per area, a long table (area, dimension, category, km, sequences) "
            "to pivot, and an HTML report with charts, which opens from the Results Viewer.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SEQUENCES, self.tr("Sequences layer (instead of loading them from KartaView)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.AREAS, self.tr("Areas"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_NAME_FIELD, self.tr("Area name field"), parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, self.tr("Roads (for the covered share)"), [QgsProcessing.SourceType.TypeVectorLine],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE_M, self.tr("Road coverage tolerance (metres)"), QgsProcessingParameterNumber.Type.Double,
            15.0, minValue=1.0, maxValue=200.0))
        self.parameterDefinition(self.TOLERANCE_M).setMetadata(DECIMALS_1)
        add_filter_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Statistics per area"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.BREAKDOWN, self.tr("Kilometres by year, quality, device and 360°"),
            QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_HTML, self.tr("Report"), self.tr("HTML files (*.html)")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_KM, self.tr("Kilometres of imagery")))
        self.addOutput(QgsProcessingOutputNumber(self.SEQUENCE_COUNT, self.tr("Sequences")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        filters = filters_from_parameters(self, parameters, context)
        areas = self._areas(parameters, context)
        sequences_layer = self.parameterAsSource(parameters, self.SEQUENCES, context)
        cancel = feedback.isCanceled
        if sequences_layer is not None:
            lines = layer_sequences(sequences_layer, filters, context, cancel)
            source_text = sequences_layer.sourceName()
            coverage_input = parameters[self.SEQUENCES]
        else:
            lines, coverage_input, source_text = self._load(areas, filters, feedback)
        if lines is None:
            return {}
        feedback.setProgress(40)
        measure = ellipsoid_measure(context)
        found = pieces(areas, lines, measure, cancel)
        if found is None:
            return {}
        feedback.setProgress(60)
        roads = None
        if self.parameterAsSource(parameters, self.ROADS, context) is not None:
            roads = self._road_coverage(parameters, context, feedback, coverage_input, areas, measure)
            if roads is None:
                return {}
        statistics = summarise([name for name, _ in areas], found, roads, self.tr("All areas"))
        outputs = self._write_tables(parameters, context, statistics)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        charts = plotly_js()
        if charts is None:
            feedback.pushWarning(self.tr("The Python package plotly is missing: the report has tables, no charts."))
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_report(statistics, source_text, datetime.now(), charts, self._texts()))
        total = statistics[-1]
        feedback.pushInfo(self.tr("{:.2f} km of {} sequences in {} areas.").format(
            total.km, total.sequence_count, len(areas)))
        outputs.update({self.OUTPUT_HTML: html_path, self.TOTAL_KM: total.km,
                        self.SEQUENCE_COUNT: total.sequence_count})
        return outputs

    def _areas(self, parameters, context):
        source = self.parameterAsSource(parameters, self.AREAS, context)
        if source is not None:
            areas = area_geometries(source, self.parameterAsString(parameters, self.AREA_NAME_FIELD, context),
                                    context, self.tr("Area {}"))
            if not areas:
                raise QgsProcessingException(self.tr("The areas layer has no polygon to measure in."))
            return areas
        extent = self.parameterAsExtent(parameters, self.EXTENT, context, QgsCoordinateReferenceSystem(WGS84))
        if extent.isNull() or extent.isEmpty():
            raise QgsProcessingException(self.tr("Give an extent or an areas layer."))
        return [(self.tr("Extent"), QgsGeometry.fromRect(extent))]

    def _load(self, areas, filters, feedback):
        """(SequenceLines, a memory layer of them, where they came from) from KartaView; (None,)*3 if cancelled."""
        bbox = bbox_of([geometry for _, geometry in areas])
        loader = default_loader()
        feedback.pushInfo(self.tr("Loading KartaView sequences from {}...").format(loader.client.base_url))
        try:
            items = loader.fetch(SEQUENCES_TYPE, bbox, filters, progress=lambda p: feedback.setProgress(0.4 * p),
                                 cancel=feedback.isCanceled)
        except Cancelled:
            return None, None, None
        except KartaViewError as error:
            raise QgsProcessingException(self.tr("KartaView data could not be loaded: {}").format(error)) from None
        lines, layer = kartaview_sequences(items, loader.client)
        return lines, layer, loader.client.base_url

    def _road_coverage(self, parameters, context, feedback, coverage_input, areas, measure):
        """{area index: (road km, covered km)} from kartaview:coveragegaps on the same sequences."""
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("kartaview:coveragegaps")
        if algorithm is None:
            from .coverage_gaps import CoverageGapsAlgorithm

            algorithm = CoverageGapsAlgorithm()
            algorithm.initAlgorithm()
        child = {"INPUT": parameters[self.ROADS], "SEQUENCES": coverage_input, "OUTPUT": "memory:",
                 "GAPS": "memory:", "TOLERANCE_M": self.parameterAsDouble(parameters, self.TOLERANCE_M, context)}
        for name in (SINCE, UNTIL, USERNAME, MIN_QUALITY, ONLY_360):
            if name in parameters:
                child[name] = parameters[name]
        feedback.pushInfo(self.tr("Measuring the road coverage..."))
        results, ok = algorithm.run(child, context, feedback)
        if not ok or feedback.isCanceled():
            return None
        roads = QgsProcessingUtils.mapLayerFromString(results["OUTPUT"], context)
        gaps = QgsProcessingUtils.mapLayerFromString(results["GAPS"], context)
        return road_lengths(roads, gaps, areas, measure, context)

    def _write_tables(self, parameters, context, statistics):
        fields = QgsFields()
        for name, kind in (("area", STRING), ("km", DOUBLE), ("sequence_count", INT), ("km_360", DOUBLE),
                           ("newest_capture", DATETIME), ("oldest_capture", DATETIME), ("road_km", DOUBLE),
                           ("covered_road_km", DOUBLE), ("road_covered_pct", DOUBLE)):
            fields.append(new_field(name, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for area in statistics:
            feature = QgsFeature(fields)
            share = area.road_share
            feature.setAttributes([area.name, area.km, area.sequence_count, area.km_by["360"].get("360", 0.0),
                                   _qdatetime(area.newest), _qdatetime(area.oldest), area.road_km,
                                   area.covered_road_km, None if share is None else 100.0 * share])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        long_fields = QgsFields()
        for name, kind in (("area", STRING), ("dimension", STRING), ("category", STRING), ("km", DOUBLE),
                           ("sequence_count", INT)):
            long_fields.append(new_field(name, kind))
        long_sink, long_dest = self.parameterAsSink(parameters, self.BREAKDOWN, context, long_fields,
                                                    QgsWkbTypes.Type.NoGeometry)
        if long_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.BREAKDOWN))
        for row in breakdown_rows(statistics):
            feature = QgsFeature(long_fields)
            feature.setAttributes(list(row))
            long_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return {self.OUTPUT: dest, self.BREAKDOWN: long_dest}

    def _texts(self):
        """The report's texts (keys of report_html.ENGLISH) in the user's language."""
        return {
            "title": self.tr("KartaView coverage statistics"), "generated": self.tr("Generated {} from {}."),
            "area": self.tr("Area"), "km": self.tr("km"), "sequences": self.tr("Sequences"),
            "newest": self.tr("Newest capture"), "oldest": self.tr("Oldest capture"), "road_km": self.tr("Road km"),
            "covered_km": self.tr("Covered road km"), "covered_pct": self.tr("Roads covered %"),
            "year": self.tr("Capture year"), "quality": self.tr("Quality band"), "device": self.tr("Device"),
            "360": self.tr("360°"), "by": self.tr("Kilometres by {}"), "summary": self.tr("Summary"),
            "no_charts": self.tr("The charts need the Python package plotly, which this QGIS lacks; the tables "
                                 "are complete."),
        }

