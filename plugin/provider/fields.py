"""The fields of the three layer types and the attribute rows of client records."""

from qgis.core import QgsField, QgsFields
from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

from .uri import COVERAGE, PHOTOS, SEQUENCES

_TYPE_NAMES = {QVariant.LongLong: "integer64", QVariant.Int: "integer", QVariant.Double: "double",
               QVariant.String: "string", QVariant.DateTime: "datetime", QVariant.Bool: "boolean"}

SEQUENCE_FIELDS = (
    ("sequence_id", QVariant.LongLong), ("country_code", QVariant.String), ("quality", QVariant.Int),
    ("distance_km", QVariant.Double), ("photo_count", QVariant.Int), ("date_added", QVariant.DateTime),
    ("first_shot", QVariant.DateTime), ("last_shot", QVariant.DateTime), ("username", QVariant.String),
    ("address", QVariant.String), ("device", QVariant.String), ("platform", QVariant.String),
    ("upload_source", QVariant.String), ("is_360", QVariant.Bool), ("processing_status", QVariant.String),
    ("url", QVariant.String), ("thumbnail_url", QVariant.String),
)
PHOTO_FIELDS = (
    ("photo_id", QVariant.LongLong), ("sequence_id", QVariant.LongLong), ("sequence_index", QVariant.Int),
    ("heading", QVariant.Double), ("shot_date", QVariant.DateTime), ("date_added", QVariant.DateTime),
    ("gps_accuracy", QVariant.Double), ("projection", QVariant.String), ("is_360", QVariant.Bool),
    ("username", QVariant.String), ("thumbnail_url", QVariant.String), ("image_url", QVariant.String),
    ("full_image_url", QVariant.String), ("url", QVariant.String),
)
COVERAGE_FIELDS = (
    ("element_id", QVariant.String), ("way_id", QVariant.LongLong), ("from_node", QVariant.LongLong),
    ("to_node", QVariant.LongLong), ("coverage", QVariant.Int),
)
_BY_TYPE = {SEQUENCES: SEQUENCE_FIELDS, PHOTOS: PHOTO_FIELDS, COVERAGE: COVERAGE_FIELDS}


def fields_for(layer_type) -> QgsFields:
    fields = QgsFields()
    for name, kind in _BY_TYPE[layer_type]:
        fields.append(QgsField(name, kind, _TYPE_NAMES[kind]))
    return fields


def _datetime(value):
    """A naive UTC datetime as a UTC QDateTime (None stays NULL)."""
    if value is None:
        return None
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second, 0, Qt.UTC)


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
