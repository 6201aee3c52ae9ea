"""The fields of the three layer types and the attribute rows of client records."""

from qgis.core import QgsFields
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..core.compat import BOOL, DATETIME, DOUBLE, INT, INT64, STRING, new_field
from .uri import COVERAGE, PHOTOS, SEQUENCES

_TYPE_NAMES = {INT64: "integer64", INT: "integer", DOUBLE: "double",
               STRING: "string", DATETIME: "datetime", BOOL: "boolean"}

SEQUENCE_FIELDS = (
    ("sequence_id", INT64), ("country_code", STRING), ("quality", INT),
    ("distance_km", DOUBLE), ("photo_count", INT), ("date_added", DATETIME),
    ("first_shot", DATETIME), ("last_shot", DATETIME), ("username", STRING),
    ("address", STRING), ("device", STRING), ("platform", STRING),
    ("upload_source", STRING), ("is_360", BOOL), ("processing_status", STRING),
    ("url", STRING), ("thumbnail_url", STRING),
)
PHOTO_FIELDS = (
    ("photo_id", INT64), ("sequence_id", INT64), ("sequence_index", INT),
    ("heading", DOUBLE), ("shot_date", DATETIME), ("date_added", DATETIME),
    ("gps_accuracy", DOUBLE), ("projection", STRING), ("is_360", BOOL),
    ("username", STRING), ("thumbnail_url", STRING), ("image_url", STRING),
    ("full_image_url", STRING), ("url", STRING),
)
COVERAGE_FIELDS = (
    ("element_id", STRING), ("way_id", INT64), ("from_node", INT64),
    ("to_node", INT64), ("coverage", INT),
)
_BY_TYPE = {SEQUENCES: SEQUENCE_FIELDS, PHOTOS: PHOTO_FIELDS, COVERAGE: COVERAGE_FIELDS}


def fields_for(layer_type) -> QgsFields:
    fields = QgsFields()
    for name, kind in _BY_TYPE[layer_type]:
        fields.append(new_field(name, kind, _TYPE_NAMES[kind]))
    return fields


def _datetime(value):
    """A naive UTC datetime as a UTC QDateTime (None stays NULL)."""
    if value is None:
        return None
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second),
                     Qt.TimeSpec.UTC)


def sequence_attributes(track) -> list:
    """The attribute row of a loader.SequenceTrack."""
    s = track.sequence
    return [s.id, s.country_code, s.quality, s.distance_km, s.photo_count, _datetime(s.date_added),
            _datetime(track.first_shot), _datetime(track.last_shot), s.username, s.address, s.device_name,
            s.platform_name, s.upload_source, s.is_360, s.processing_status, track.url, track.thumbnail_url]


def photo_attributes(photo, client) -> list:
    return [photo.id, photo.sequence_id, photo.sequence_index, photo.heading, _datetime(photo.shot_date),
            _datetime(photo.date_added), photo.gps_accuracy, photo.projection, photo.is_360, photo.username,
            client.image_url(photo, "th"), client.image_url(photo, "lth"), client.image_url(photo, "proc"),
            client.web_url(photo.sequence_id, photo.sequence_index)]


def coverage_attributes(segment) -> list:
    return [segment.element_id, segment.way_id, segment.from_node, segment.to_node, segment.coverage]
