"""Client records <-> compact JSON for the on-disk cache: a record is the list of its field values.

Encoding is on the loader's hot path (a tile has up to 1000 photos), hence attrgetter and in-place
date conversion rather than dataclasses.asdict.
"""

from dataclasses import fields
from datetime import datetime
from operator import attrgetter

from ..client.models import Photo, RoadSegment, Sequence

_DATES = {"shot_date", "date_added", "date_processed"}


class _Codec:
    def __init__(self, cls):
        self.cls = cls
        names = [f.name for f in fields(cls)]
        self.size = len(names)
        self.values = attrgetter(*names)
        self.dates = [index for index, name in enumerate(names) if name in _DATES]

    def encode(self, record) -> list:
        values = list(self.values(record))
        for index in self.dates:
            if values[index] is not None:
                values[index] = values[index].isoformat()
        return values

    def decode(self, values):
        if not isinstance(values, list) or len(values) != self.size:
            raise ValueError("cached record of another shape")
        for index in self.dates:
            if values[index] is not None:
                values[index] = datetime.fromisoformat(values[index])
        return self.cls(*values)


_PHOTO, _SEQUENCE, _SEGMENT = _Codec(Photo), _Codec(Sequence), _Codec(RoadSegment)


def encode_photos(photos):
    return [_PHOTO.encode(photo) for photo in photos]


def decode_photos(values):
    return [_PHOTO.decode(value) for value in values]


def encode_sequence(sequence):
    """A Sequence, or None for "KartaView does not know this id"."""
    return None if sequence is None else _SEQUENCE.encode(sequence)


def decode_sequence(value):
    if value is None:
        return None
    sequence = _SEQUENCE.decode(value)
    return Sequence(**dict(sequence.__dict__, bbox=tuple(sequence.bbox) if sequence.bbox else None))


def encode_segments(segments):
    return [_SEGMENT.encode(segment) for segment in segments]


def decode_segments(values):
    segments = []
    for value in values:
        segment = _SEGMENT.decode(value)
        segments.append(RoadSegment(**dict(segment.__dict__, track=tuple(tuple(p) for p in segment.track))))
    return segments
