"""Client records <-> compact JSON for the on-disk cache: a record is the list of its field values.

Photo lists (tiles, a sequence's photos) are kept as the API's own items: a PhotoList read back is
parsed lazily like a fresh answer, and its Photos need not be built to be written.
"""

from dataclasses import fields
from datetime import datetime
from operator import attrgetter

from ..client.models import PhotoList, RoadSegment, Sequence

_DATES = {"date_added", "date_processed"}
_PHOTO_ITEMS = "photos_v1"


class RecordCodec:
    """A dataclass record <-> the list of its field values (of `names` only, if given: the other
    fields are None when decoded); dates as ISO strings."""

    def __init__(self, cls, names=None):
        self.cls = cls
        self.every = [f.name for f in fields(cls)]
        self.names = list(names) if names is not None else self.every
        self.size = len(self.names)
        self.values = attrgetter(*self.names)
        self.dates = [index for index, name in enumerate(self.names) if name in _DATES]
        self.positions = [self.every.index(name) for name in self.names]

    def encode(self, record) -> list:
        values = list(self.values(record)) if self.size > 1 else [self.values(record)]
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
        if self.names is self.every:
            return self.cls(*values)
        row = [None] * len(self.every)
        for position, value in zip(self.positions, values):
            row[position] = value
        return self.cls(*row)


_SEQUENCE, _SEGMENT = RecordCodec(Sequence), RecordCodec(RoadSegment)


def encode_photo_list(photos: PhotoList):
    return {_PHOTO_ITEMS: list(photos.json_items())}


def photo_items(value) -> list:
    """The JSON items of an encoded PhotoList."""
    if not isinstance(value, dict) or not isinstance(value.get(_PHOTO_ITEMS), list):
        raise ValueError("cached photos of another shape")  # e.g. Photo rows of an earlier version
    return value[_PHOTO_ITEMS]


def decode_photo_list(value) -> PhotoList:
    return PhotoList(photo_items(value))


def decode_sequence_photos(value) -> PhotoList:
    """A sequence's photo list, with its shot dates read (for the first and last shot)."""
    return PhotoList(photo_items(value), shot_dates=True)


def encode_sequence(sequence):
    """A Sequence, or None for "KartaView does not know this id"."""
    return None if sequence is None else _SEQUENCE.encode(sequence)


_SEQUENCE_BBOX = [f.name for f in fields(Sequence)].index("bbox")


def decode_sequence(value):
    if value is None:
        return None
    if isinstance(value, list) and len(value) == _SEQUENCE.size and value[_SEQUENCE_BBOX]:
        value[_SEQUENCE_BBOX] = tuple(value[_SEQUENCE_BBOX])  # a JSON list
    return _SEQUENCE.decode(value)


def encode_segments(segments):
    return [_SEGMENT.encode(segment) for segment in segments]


def decode_segments(values):
    segments = []
    for value in values:
        segment = _SEGMENT.decode(value)
        segments.append(RoadSegment(**dict(segment.__dict__, track=tuple(tuple(p) for p in segment.track))))
    return segments
