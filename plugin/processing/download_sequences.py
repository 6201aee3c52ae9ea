"""kartaview:downloadsequences — KartaView sequences, photos or road coverage of an extent into any sink.

It waits for complete data (the loader's blocking fetch, with progress and cancel) and writes the
same fields as the `kartaview` layer, so GeoPackage, PostGIS or memory outputs can be joined back
to a live layer on sequence_id.
"""

import functools
import math
import os
from collections import Counter

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..client.errors import Cancelled, KartaViewError
from ..core.log import log_warning
from ..core.messages import user_message
from ..core.settings import Settings
from ..provider.feature_source import build_record
from ..provider.fields import fields_for
from ..provider.loader import default_loader
from ..provider.temporal import apply_temporal
from ..provider.uri import COVERAGE, LAYER_TYPES, PHOTOS, SEQUENCES
from .algorithm import KartaViewAlgorithm
from .filters import add_filter_parameters, filters_from_parameters
from .styling import STYLES, style_on_completion

WGS84 = "EPSG:4326"
CHUNK_TILES = 64  # map tiles fetched at once (the extent is cut into parts of about this many)
# per layer type: what the output layer gets after its style
_TEMPORAL = {kind: functools.partial(apply_temporal, layer_type=kind) for kind in LAYER_TYPES}


def chunks(layer_type, bbox):
    """bbox cut into a grid of parts of at most about CHUNK_TILES map tiles each, fetched one at a time:
    memory is bounded by what a part holds, not by the extent (a country)."""
    count = default_loader().tile_count(layer_type, bbox)
    side = max(1, math.ceil(math.sqrt(count / CHUNK_TILES)))
    xs = [bbox[0] + (bbox[2] - bbox[0]) * i / side for i in range(side + 1)]
    ys = [bbox[1] + (bbox[3] - bbox[1]) * i / side for i in range(side + 1)]
    xs[-1], ys[-1] = bbox[2], bbox[3]  # exactly the extent, whatever the rounding
    return [(xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(side) for i in range(side)]


class DownloadSequencesAlgorithm(KartaViewAlgorithm):
    EXTENT = "EXTENT"
    TYPE = "TYPE"
    OUTPUT = "OUTPUT"
    COUNT = "COUNT"

    def name(self):
        return "downloadsequences"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Download KartaView sequences, photos or road coverage")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Downloads the KartaView data of an extent and writes it to any vector output (GeoPackage, "
            "PostGIS, memory...).\n\n"
            "Sequences: one line per sequence crossing the extent, drawn through all of its photos in "
            "capture order, with its attributes (country, quality, length, photo count, dates, driver, "
            "device, 360°, web page). Photos: one point per photo inside the extent, with heading, capture "
            "date and image addresses. Road coverage: the road segments KartaView has imagery of, with the "
            "number of sequences covering each.\n\n"
            "Filters: upload dates from/until, the driver's username, a minimum quality (0-100) and 360° "
            "imagery only. Unlike the map layer, this waits until the data of the whole extent is loaded; "
            "answers are kept in the plugin's cache, so running it again is fast. The sequence_id and photo_id "
            "fields hold KartaView's ids.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent")))
        self.addParameter(QgsProcessingParameterEnum(
            self.TYPE, self.tr("What to download"),
            [self.tr("Sequences (lines)"), self.tr("Photos (points)"), self.tr("Road coverage (lines)")],
            defaultValue=0))
        add_filter_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("KartaView data"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, self.tr("Features written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        layer_type = LAYER_TYPES[self.parameterAsEnum(parameters, self.TYPE, context)]
        wgs84 = QgsCoordinateReferenceSystem(WGS84)
        extent = self.parameterAsExtent(parameters, self.EXTENT, context, wgs84)
        if extent.isNull() or extent.isEmpty():
            raise QgsProcessingException(self.tr("The extent is empty."))
        bbox = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        filters = filters_from_parameters(self, parameters, context)
        fields = fields_for(layer_type)
        geometry_type = QgsWkbTypes.Type.Point if layer_type == PHOTOS else QgsWkbTypes.Type.LineString
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, geometry_type, wgs84)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        loader = default_loader()
        feedback.pushInfo(self.tr("Reading KartaView {} ({} map tiles) from the plugin's cache, or else from {}...")
                          .format(self._kind(layer_type), loader.tile_count(layer_type, bbox), loader.client.base_url))
        tally, written = Counter(), set()  # the ids written: a sequence crossing chunks is written once
        try:  # the whole extent within the loader's limit (MAX_FETCH_TILES), refused before any part
            loader.check_extent(layer_type, bbox)
        except KartaViewError as error:
            raise QgsProcessingException(self.tr("KartaView data could not be downloaded: {}").format(
                user_message(error))) from None
        parts = chunks(layer_type, bbox)
        for number, part in enumerate(parts):
            def progress(percent, number=number):
                feedback.setProgress(100.0 * (number + percent / 100.0) / len(parts))

            try:  # a page cap cutting the data, or records KartaView sent unreadable: a warning the user sees
                items = loader.fetch(layer_type, part, filters, progress=progress, cancel=feedback.isCanceled,
                                     warn=feedback.pushWarning, tally=tally)
            except Cancelled:
                return {self.OUTPUT: dest_id, self.COUNT: len(written)}
            except KartaViewError as error:
                log_warning(error.message)  # the details for the log; the user reads one sentence
                raise QgsProcessingException(self.tr("KartaView data could not be downloaded: {}").format(
                    user_message(error))) from None
            for item in items:
                if feedback.isCanceled():
                    break
                record = build_record(layer_type, item, loader.client)
                if record.fid in written:
                    continue
                written.add(record.fid)
                feature = QgsFeature(fields, record.fid)
                feature.setAttributes(record.attributes)
                feature.setGeometry(record.geometry)
                sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            del items
            progress(100.0)
        self._say_where_from(tally, feedback)
        feedback.pushInfo(self.tr("{} {} written.").format(len(written), self._kind(layer_type)))
        # loaded into the project, the result looks like the KartaView layer of its type (same fields)
        # and, like it, has its capture time range for the Temporal Controller
        style_on_completion(context, dest_id, STYLES / "{}.qml".format(layer_type), _TEMPORAL[layer_type])
        self._saved = (dest_id, layer_type)
        return {self.OUTPUT: dest_id, self.COUNT: len(written)}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 (QGIS API name)
        """A file output gets its style and time range beside it (<file>.qml, which QGIS loads as the
        file's default style), so the file opened later (even made by qgis_process) looks like the
        KartaView layer and animates in the Temporal Controller. Here, the sink is closed."""
        saved, self._saved = getattr(self, "_saved", None), None
        if saved is not None:
            try:
                self._save_style(*saved, feedback)
            except Exception as error:  # noqa: BLE001 - a style must never break the results
                log_warning("KartaView: saving the style of {} failed: {}".format(saved[0], error))
        return {}

    def _save_style(self, dest_id, layer_type, feedback):
        path = QgsProviderRegistry.instance().decodeUri("ogr", dest_id).get("path") or ""
        if not os.path.isfile(path):  # memory, PostGIS...: no file to put a style beside
            return
        options = QgsVectorLayer.LayerOptions(False, False)  # not its default style: ours
        layer = QgsVectorLayer(dest_id, "output", "ogr", options)
        qml = STYLES / "{}.qml".format(layer_type)
        if not layer.isValid() or not qml.exists():
            return
        message, ok = layer.loadNamedStyle(str(qml))  # English labels: the file may be shared
        if ok:
            _TEMPORAL[layer_type](layer)
            message, ok = layer.saveNamedStyle(layer.styleURI())
        if ok:
            feedback.pushInfo(self.tr("Style and time range saved beside the output: {}").format(layer.styleURI()))
        else:
            log_warning("KartaView: the style of {} was not saved: {}".format(dest_id, message))

    def _say_where_from(self, tally, feedback):
        """Whether the data is KartaView's answer of now or the cache's (and how old that may be)."""
        total = sum(tally.values())
        if tally["stale"]:
            feedback.pushWarning(self.tr(
                "KartaView did not answer {} of {} requests: the data cached earlier was used for them and may "
                "be out of date.").format(tally["stale"], total))
        if not tally["downloaded"] and not tally["stale"] and total:
            feedback.pushInfo(self.tr(
                "Used the plugin's cache only: KartaView was not asked again (cached answers are kept {} hours; "
                "'Clear KartaView cache' forgets them).").format(Settings().cache_expiry_hours))
        elif tally["cached"]:
            feedback.pushInfo(self.tr("{} of {} answers came from the plugin's cache, {} from KartaView.").format(
                tally["cached"], total, tally["downloaded"]))

    def _kind(self, layer_type):
        return {SEQUENCES: self.tr("sequences"), PHOTOS: self.tr("photos"),
                COVERAGE: self.tr("road segments")}[layer_type]
