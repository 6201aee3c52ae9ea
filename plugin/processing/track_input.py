"""The QGIS side shared by kartaview:geotagphotos and kartaview:samplevideo: the GPS track parameter
read into an analysis.track.Track (WGS 84, UTC seconds), camera clock times made UTC in a chosen
time zone, and the output fields of a layer ready for kartaview:uploadphotos."""

import math
import re
from datetime import datetime, timezone

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QTimeZone

from ..analysis.track import NO_FIXES, Track, TrackError
from ..core.compat import DOUBLE, STRING, new_field
from .filters import DECIMALS_1

TRACK = "TRACK"
TRACK_TIME_FIELD = "TRACK_TIME_FIELD"
TIME_OFFSET = "TIME_OFFSET"
MAX_TRACK_GAP = "MAX_TRACK_GAP"
TIME_ZONE = "TIME_ZONE"
WGS84 = "EPSG:4326"
_OFFSET_ZONE = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def tr(message):
    return QCoreApplication.translate("@default", message)


def add_track_parameters(algorithm, time_zone=True):
    """TRACK (optional in the form, so that a missing track gets our own message), its time field,
    TIME_OFFSET, MAX_TRACK_GAP and, for camera clocks, TIME_ZONE."""
    algorithm.addParameter(QgsProcessingParameterFeatureSource(
        TRACK, tr("GPS track (GPX file or point/line layer with times)"),
        [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorLine], optional=True))
    algorithm.addParameter(QgsProcessingParameterField(
        TRACK_TIME_FIELD, tr("Time field of the track points"), "time", TRACK, optional=True))
    algorithm.addParameter(QgsProcessingParameterNumber(
        TIME_OFFSET, tr("Camera clock minus GPS clock (seconds)"), QgsProcessingParameterNumber.Type.Double, 0))
    algorithm.parameterDefinition(TIME_OFFSET).setMetadata(DECIMALS_1)
    algorithm.addParameter(QgsProcessingParameterNumber(
        MAX_TRACK_GAP, tr("Longest gap between track points to interpolate over (seconds)"),
        QgsProcessingParameterNumber.Type.Double, 30, minValue=0.1))
    algorithm.parameterDefinition(MAX_TRACK_GAP).setMetadata(DECIMALS_1)
    if time_zone:
        algorithm.addParameter(QgsProcessingParameterString(
            TIME_ZONE, tr("Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this "
                          "computer's)"), "", optional=True))


def track_help():
    return tr(
        "The GPS track is a GPX file (its track points are read; QGIS reads GPX itself) or any point layer "
        "with a date-time field (\"Time field of the track points\"), or a line layer whose vertices carry "
        "the time as M values (seconds since 1970-01-01 UTC). It may be in any CRS. Track times without a "
        "time zone are taken as UTC, as GPS and GPX times are. Positions are interpolated between the two "
        "track points around each time, unless they are further apart in time than the longest gap.\n\n"
        "Camera clock minus GPS clock: how far the camera's clock was ahead of the GPS, in seconds "
        "(negative when behind). To find it, photograph a screen showing the GPS time (a GPS receiver, or "
        "a phone app showing GPS time) with the same camera: the offset is the photo's capture time minus "
        "the time shown in the photo, both read in the same time zone. A camera set to the wrong time zone "
        "is corrected either by the time zone setting or by whole hours in the offset.")


def read_track(algorithm, parameters, context, feedback):
    """The Track of the TRACK parameter, in WGS 84 and UTC; QgsProcessingException on bad input."""
    value = parameters.get(TRACK)
    if isinstance(value, str) and value.lower().endswith(".gpx"):
        # A bare GPX file opens as its (often empty) waypoints layer: the track is its track points.
        parameters = dict(parameters, **{TRACK: value + "|layername=track_points"})
    source = algorithm.parameterAsSource(parameters, TRACK, context)
    if source is None:
        if value in (None, ""):
            raise QgsProcessingException(tr(
                "No GPS track is given. Choose a GPX file or a point layer with times (the plugin does not "
                "read GPS recorded inside photo or video files for this: export it as GPX first)."))
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, TRACK))
    max_gap = algorithm.parameterAsDouble(parameters, MAX_TRACK_GAP, context)
    to_wgs84 = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem(WGS84),
                                      context.transformContext())
    lines = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry
    if lines:
        fixes = _line_fixes(source, to_wgs84, feedback)
    else:
        name = algorithm.parameterAsString(parameters, TRACK_TIME_FIELD, context) or "time"
        if source.fields().lookupField(name) < 0:
            raise QgsProcessingException(tr(
                "The track has no time field '{}'. Choose the field holding each point's date and time.").format(name))
        fixes = _point_fixes(source, name, to_wgs84, feedback)
    try:
        track = Track(fixes, max_gap=max_gap)
    except TrackError as error:
        if error.code == NO_FIXES:
            raise QgsProcessingException(tr(
                "The track has no points with a time: a track without times cannot place photos. Use the "
                "GPX file as recorded (with <time> on each point), or a layer with a date-time field."
                if not lines else
                "The track's lines carry no times (M values): use the GPX file's track points, or a point "
                "layer with a date-time field.")) from None
        raise QgsProcessingException(tr(
            "The track has only one distinct time ({} point(s)): at least two are needed.").format(
            error.count)) from None
    feedback.pushInfo(tr("GPS track: {} points from {} to {} UTC, {:.0f} m travelled while moving.").format(
        len(track), iso_utc(track.start), iso_utc(track.end), track.length_m))
    return track


def _point_fixes(source, name, to_wgs84, feedback):
    index = source.fields().lookupField(name)
    request = QgsFeatureRequest().setSubsetOfAttributes([index])
    for feature in source.getFeatures(request):
        if feedback.isCanceled():
            return
        seconds = utc_seconds(feature.attributes()[index])
        geometry = feature.geometry()
        if seconds is None or geometry.isNull() or geometry.isEmpty():
            continue
        vertex = geometry.vertexAt(0)
        try:
            point = to_wgs84.transform(vertex.x(), vertex.y())
        except QgsCsException:
            continue
        yield seconds, point.y(), point.x()


def _line_fixes(source, to_wgs84, feedback):
    for feature in source.getFeatures():
        if feedback.isCanceled():
            return
        geometry = feature.geometry()
        if geometry.isNull() or not QgsWkbTypes.hasM(geometry.wkbType()):
            continue
        for vertex in geometry.vertices():
            if math.isnan(vertex.m()):
                continue
            try:
                point = to_wgs84.transform(vertex.x(), vertex.y())
            except QgsCsException:
                continue
            yield vertex.m(), point.y(), point.x()


def utc_seconds(value):
    """A track time as UTC seconds: date-times without a zone (as QGIS reads GPX) are UTC."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    if isinstance(value, str):
        text = value.strip()
        parsed = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
        if not parsed.isValid():
            parsed = QDateTime.fromString(text.replace("/", "-").replace(":", "-", 2), "yyyy-MM-dd HH:mm:ss")
        value = parsed
    if not isinstance(value, QDateTime) or not value.isValid():
        return None
    if value.timeSpec() == Qt.TimeSpec.LocalTime:
        value = QDateTime(value.date(), value.time(), QTimeZone.utc())
    return value.toMSecsSinceEpoch() / 1000.0


def camera_zone(algorithm, parameters, context):
    """(QTimeZone, description for the log) of the TIME_ZONE parameter: empty is this computer's."""
    text = (algorithm.parameterAsString(parameters, TIME_ZONE, context) or "").strip()
    if not text:
        zone = QTimeZone.systemTimeZone()
        return zone, tr("{} (this computer's time zone)").format(bytes(zone.id()).decode() or "local")
    match = _OFFSET_ZONE.match(text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        seconds = sign * (int(match.group(2)) * 3600 + int(match.group(3) or 0) * 60)
        name = "UTC{}{:02d}:{:02d}".format("-" if sign < 0 else "+", int(match.group(2)), int(match.group(3) or 0))
        zone = QTimeZone(seconds)
        return zone, name
    if text.upper() in ("UTC", "GMT", "Z"):
        zone = QTimeZone(0)
    else:
        zone = QTimeZone(text.encode())
    if not zone.isValid():
        raise QgsProcessingException(tr(
            "Unknown time zone '{}'. Give a name such as Europe/Bucharest or an offset such as UTC+02:00, or "
            "leave it empty for this computer's time zone.").format(text))
    return zone, bytes(zone.id()).decode() or text


def camera_seconds(value, zone, offset):
    """UTC seconds on the GPS clock of a camera time: a naive datetime is read in `zone`, an aware one
    keeps its own zone; then the camera's lead over the GPS (`offset` seconds) is taken off."""
    if value is None:
        return None
    if value.tzinfo is not None:
        return value.timestamp() - offset
    local = QDateTime(QDate(value.year, value.month, value.day),
                      QTime(value.hour, value.minute, value.second, value.microsecond // 1000), zone)
    return local.toMSecsSinceEpoch() / 1000.0 + (value.microsecond % 1000) / 1e6 - offset


def iso_utc(seconds):
    """'2026-05-01T10:00:00.250Z': the time field uploadphotos reads as UTC on every QGIS (a date-time
    field would lose its zone in a GeoPackage on QGIS 3.22, and be read back as local time)."""
    value = datetime.fromtimestamp(seconds, timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + "{:03d}Z".format(value.microsecond // 1000)


def photo_fields(extra=()):
    """The fields of a layer for kartaview:uploadphotos (its default field names), then `extra`."""
    fields = QgsFields()
    for name, kind in (("photo", STRING), ("timestamp", STRING), ("direction", DOUBLE), *extra):
        fields.append(new_field(name, kind))
    return fields
