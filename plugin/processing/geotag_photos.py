"""kartaview:geotagphotos — place photos without GPS on a GPS track by their capture times.

The photos (a folder, or a layer such as the one "Import geotagged photos" makes) are streamed one at
a time: each one's EXIF capture time is read (never written: the photo files are not modified), made
UTC on the GPS clock, and looked up on the track (analysis.track). The output is a point layer in the
fields kartaview:uploadphotos reads by default, and a table of the photos the track does not cover.
"""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime

from ..analysis.track import AFTER_TRACK, BEFORE_TRACK, Miss
from ..core.compat import DOUBLE, STRING, new_field
from ..upload.exif import ExifError, read_exif
from . import photo_values, track_input
from .algorithm import KartaViewAlgorithm
from .track_input import WGS84, iso_utc

JPEG_EXTENSIONS = (".jpg", ".jpeg")


def scan_folder(folder, recursive):
    """The JPEG files under a folder, as a stream (no list: memory stays flat with the number)."""
    pending = [folder]
    while pending:
        directory = pending.pop()
        try:
            entries = os.scandir(directory)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        pending.append(entry.path)
                elif entry.name.lower().endswith(JPEG_EXTENSIONS) and not entry.name.startswith("."):
                    yield entry.path, None


class GeotagPhotosAlgorithm(KartaViewAlgorithm):
    PHOTOS_FOLDER = "PHOTOS_FOLDER"
    RECURSIVE = "RECURSIVE"
    PHOTOS_LAYER = "PHOTOS_LAYER"
    PHOTO_FIELD = "PHOTO_FIELD"
    OUTPUT = "OUTPUT"
    UNCOVERED = "UNCOVERED"

    def name(self):
        return "geotagphotos"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Geotag photos from a GPS track")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Places photos taken without GPS (an action camera in time-lapse, a camera beside a phone "
            "logging GPX) on a GPS track by their capture times, ready for \"Upload photos to KartaView\". "
            "The photos are the JPEGs of a folder, or a layer with a photo path field such as the one "
            "\"Import geotagged photos\" makes (its table of photos without a position too). The photo "
            "files are only read, never modified.\n\n"
            "Each photo's capture time is the camera's EXIF DateTimeOriginal (with its sub-seconds). It is "
            "read in the time zone chosen, unless the photo states its own (OffsetTimeOriginal); the log "
            "says which zone was used.\n\n") + track_input.track_help() + self.tr(
            "\n\nThe output has one point per photo the track covers: the photo path, the time in UTC, the "
            "position on the track at that time, and the direction: the photo's own (GPSImgDirection) "
            "where it has one, else the track's direction of travel. The second output lists the photos "
            "the track does not cover, with the reason (before or after the track, in a gap of the track, "
            "no capture time, unreadable file).")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterFile(
            self.PHOTOS_FOLDER, self.tr("Folder of photos"), QgsProcessingParameterFile.Behavior.Folder,
            optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.RECURSIVE, self.tr("Include the photos of subfolders"), False))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PHOTOS_LAYER, self.tr("Or a layer of photos (e.g. made by Import geotagged photos)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PHOTO_FIELD, self.tr("Photo file field"), "photo", self.PHOTOS_LAYER,
            QgsProcessingParameterField.DataType.String, optional=True))
        track_input.add_track_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Geotagged photos"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.UNCOVERED, self.tr("Photos the track does not cover"), QgsProcessing.SourceType.TypeVector,
            optional=True, createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("GEOTAGGED", self.tr("Photos geotagged")))
        self.addOutput(QgsProcessingOutputNumber("NOT_COVERED", self.tr("Photos not covered")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        photos, total = self._photos(parameters, context)
        track = track_input.read_track(self, parameters, context, feedback)
        offset = self.parameterAsDouble(parameters, track_input.TIME_OFFSET, context)
        zone, zone_name = track_input.camera_zone(self, parameters, context)
        feedback.pushInfo(self.tr("Camera times without a time zone are read in {}; the camera clock is taken "
                                  "as {:+.1f} s ahead of the GPS clock.").format(zone_name, offset))

        fields = track_input.photo_fields((("heading_from", STRING), ("camera_time", STRING),
                                           ("track_gap", DOUBLE)))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Point,
                                             QgsCoordinateReferenceSystem(WGS84))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        missed_fields = QgsFields()
        for name in ("photo", "camera_time", "timestamp", "reason"):
            missed_fields.append(new_field(name, STRING))
        missed_sink, missed_id = self.parameterAsSink(parameters, self.UNCOVERED, context, missed_fields,
                                                      QgsWkbTypes.Type.NoGeometry)

        geotagged = missed = own_zone = 0
        first = last = None  # the span of the photos' times on the GPS clock, for the hint below
        for number, (path, layer_time) in enumerate(photos):
            if feedback.isCanceled():
                break
            if total:
                feedback.setProgress(100.0 * number / total)
            camera_time, seconds, reason, direction = None, None, None, None
            try:
                exif = read_exif(path)
            except ExifError as error:
                reason = self.tr("The photo file cannot be read ({}).").format(error)
            else:
                camera_time, direction = exif.camera_time or layer_time, exif.direction
                if camera_time is None:
                    reason = self.tr("The photo has no capture time (EXIF DateTimeOriginal).")
                else:
                    own_zone += camera_time.tzinfo is not None
                    seconds = track_input.camera_seconds(camera_time, zone, offset)
                    first = seconds if first is None else min(first, seconds)
                    last = seconds if last is None else max(last, seconds)
                    place = track.locate(seconds)
                    if isinstance(place, Miss):
                        reason = self._miss_reason(place)
            camera_text = camera_time.isoformat() if camera_time is not None else ""
            if reason is not None:
                missed += 1
                if missed_sink is not None:
                    row = QgsFeature(missed_fields)
                    row.setAttributes([path, camera_text, iso_utc(seconds) if seconds is not None else "", reason])
                    missed_sink.addFeature(row, QgsFeatureSink.Flag.FastInsert)
                continue
            heading_from = "photo" if direction is not None else ("track" if place.heading is not None else "")
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(place.lng, place.lat)))
            feature.setAttributes([path, iso_utc(seconds), direction if direction is not None else place.heading,
                                   heading_from, camera_text, place.gap])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            geotagged += 1

        if own_zone:
            feedback.pushInfo(self.tr("{} photo(s) state their own time zone (EXIF OffsetTimeOriginal): that "
                                      "zone was used for them.").format(own_zone))
        feedback.pushInfo(self.tr("Geotagged {} photo(s); {} not covered by the track.").format(geotagged, missed))
        if missed and not geotagged and first is not None:
            feedback.reportError(self.tr(
                "No photo falls within the track: the photos were taken from {} to {} (UTC on the GPS clock, "
                "after the time zone and offset), the track runs from {} to {}. Check the time offset and the "
                "camera's time zone.").format(iso_utc(first), iso_utc(last), iso_utc(track.start),
                                              iso_utc(track.end)))
        results = {self.OUTPUT: dest_id, "GEOTAGGED": geotagged, "NOT_COVERED": missed}
        if missed_sink is not None:
            results[self.UNCOVERED] = missed_id
        return results

    def _photos(self, parameters, context):
        """(stream of (path, camera time from the layer or None), total or 0 when unknown)."""
        folder = self.parameterAsFile(parameters, self.PHOTOS_FOLDER, context)
        source = self.parameterAsSource(parameters, self.PHOTOS_LAYER, context)
        if not folder and source is None:
            raise QgsProcessingException(self.tr("Choose a folder of photos or a layer of photos."))
        if folder and not os.path.isdir(folder):
            raise QgsProcessingException(self.tr("The folder of photos {} does not exist.").format(folder))
        recursive = self.parameterAsBoolean(parameters, self.RECURSIVE, context)
        streams, total = [], 0
        if folder:
            streams.append(scan_folder(folder, recursive))
        if source is not None:
            name = self.parameterAsString(parameters, self.PHOTO_FIELD, context) or "photo"
            if source.fields().lookupField(name) < 0:
                raise QgsProcessingException(self.tr("The layer of photos has no field '{}'.").format(name))
            home = context.project().homePath() if context.project() else ""
            streams.append(self._layer_photos(source, name, home))
            total = source.featureCount()

        def chained():
            for stream in streams:
                yield from stream
        return chained(), total

    @staticmethod
    def _layer_photos(source, name, home):
        index = source.fields().lookupField(name)
        time_index = source.fields().lookupField("timestamp")  # Import geotagged photos' EXIF time, if any
        for feature in source.getFeatures():
            attributes = feature.attributes()
            path = photo_values.photo_path(attributes[index], home)
            if not path:
                continue
            layer_time = attributes[time_index] if time_index >= 0 else None
            if isinstance(layer_time, QDateTime) and layer_time.isValid():
                layer_time = layer_time.toPyDateTime().replace(tzinfo=None)  # the camera's wall clock
            else:
                layer_time = None
            yield path, layer_time

    def _miss_reason(self, miss):
        if miss.reason == BEFORE_TRACK:
            return self.tr("Taken {:.1f} s before the track starts.").format(miss.seconds)
        if miss.reason == AFTER_TRACK:
            return self.tr("Taken {:.1f} s after the track ends.").format(miss.seconds)
        return self.tr("Taken in a gap of the track ({:.1f} s without a GPS point).").format(miss.seconds)
