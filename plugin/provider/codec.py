"""Client records <-> compact JSON for the on-disk cache: a record is the list of its field values."""

from dataclasses import fields
from datetime import datetime

from ..client.models import Photo, RoadSegment, Sequence

_DATES = {"shot_date", "date_added", "date_processed"}


def _names(cls):
    return [f.name for f in fields(cls)]


_PHOTO, _SEQUENCE, _SEGMENT = _names(Photo), _names(Sequence), _names(RoadSegment)


def _out(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _encode(record, names):
    return [_out(getattr(record, name)) for name in names]


def _decode(cls, names, values):
    if not isinstance(values, list) or len(values) != len(names):
        raise ValueError("cached record of another shape")
    data = dict(zip(names, values))
    for name in _DATES.intersection(data):
        data[name] = datetime.fromisoformat(data[name]) if data[name] else None
    return cls(**data)


def encode_photos(photos):
    return [_encode(photo, _PHOTO) for photo in photos]


def decode_photos(values):
    return [_decode(Photo, _PHOTO, value) for value in values]


def encode_sequence(sequence):
    """A Sequence, or None for "KartaView does not know this id"."""
    return None if sequence is None else _encode(sequence, _SEQUENCE)


def decode_sequence(value):
    if value is None:
        return None
    sequence = _decode(Sequence, _SEQUENCE, value)
    bbox = tuple(sequence.bbox) if sequence.bbox else None
    return Sequence(**dict(sequence.__dict__, bbox=bbox))


def encode_segments(segments):
    return [_encode(segment, _SEGMENT) for segment in segments]


def decode_segments(values):
    segments = []
    for value in values:
        segment = _decode(RoadSegment, _SEGMENT, value)
        segments.append(RoadSegment(**dict(segment.__dict__, track=tuple(tuple(p) for p in segment.track))))
    return segments
