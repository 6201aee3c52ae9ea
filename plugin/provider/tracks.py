"""What a sequence feature and a tile's sequences are made of, in forms small enough to cache apart.

A warm view needs, per tile, which sequences lie where (a TileIndex) and, per sequence, its line
(a TrackLine): both are derived from the photo lists when these arrive and written next to them in
the disk cache, so reopening a project reads a few small entries instead of decoding thousands of
photos.
"""

import base64
import struct
import sys
from array import array
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from ..client.models import Photo, PhotoList, Sequence
from . import geometry
from .codec import RecordCodec


class IndexEntry:
    """A sequence in a tile: the bbox of its photos there and a sample photo for the filters. Read
    back from the disk cache, the sample has only what Filters.accepts_photo looks at (_SAMPLE)."""

    __slots__ = ("bbox", "_photo", "_sample")

    def __init__(self, bbox, photo=None, sample=None):
        self.bbox, self._photo, self._sample = bbox, photo, sample

    def photo(self) -> Photo:
        if self._photo is None:  # two threads may both build it: equal values
            self._photo = _SAMPLE.decode(list(self._sample))
        return self._photo

    def sample(self) -> list:
        return _SAMPLE.encode(self.photo())


_IDENTITY = ("id", "sequence_id", "sequence_index")
# What Filters.accepts_photo looks at, and what a photo's image URLs are made of.
_SAMPLE = RecordCodec(Photo, _IDENTITY + ("date_added", "username", "projection", "field_of_view"))
_HEAD = RecordCodec(Photo, _IDENTITY + ("proc_path", "lth_path", "th_path", "projection", "field_of_view"))


def tile_index(photos: PhotoList) -> dict:
    """{sequence id: IndexEntry} of a tile's PhotoList (its positioned photos)."""
    rows = {}
    for row, (sequence_id, lat) in enumerate(zip(photos.sequence_ids, photos.lats)):
        if lat is not None:
            rows.setdefault(sequence_id, []).append(row)
    samples = photos.photos_at([sequence_rows[0] for sequence_rows in rows.values()])
    return {sequence_id: IndexEntry(geometry.bounds([(photos.lngs[r], photos.lats[r]) for r in sequence_rows]),
                                    sample)
            for (sequence_id, sequence_rows), sample in zip(rows.items(), samples)}


def encode_index(index) -> list:
    return [[sequence_id, list(entry.bbox), entry.sample()] for sequence_id, entry in index.items()]


def decode_index(values) -> dict:
    if not isinstance(values, list) or any(len(value[2]) != _SAMPLE.size for value in values):
        raise ValueError("cached tile index of another shape")
    return {sequence_id: IndexEntry(tuple(bbox), sample=sample) for sequence_id, bbox, sample in values}


@dataclass(frozen=True, eq=False)
class TrackLine:
    """A sequence's line: its positioned photos' coordinates in index order (packed: 16 bytes a point,
    made into a geometry without a Python float each), first and last shot, and its first positioned
    photo (for the thumbnail; read back from the disk cache with its image fields only, _HEAD)."""

    points: bytes  # lng, lat, lng, lat... as little-endian doubles
    first_shot: datetime | None
    last_shot: datetime | None
    head: Photo | None

    @classmethod
    def of(cls, photos: PhotoList) -> "TrackLine":
        """The line of a sequence's photo list (ordered by index)."""
        positioned = photos.positioned()
        points = array("d", [value for point in zip(positioned.lngs, positioned.lats) for value in point])
        if sys.byteorder == "big":
            points.byteswap()
        dates = [day for day in positioned.shot_dates() if day]
        return cls(points.tobytes(), min(dates) if dates else None, max(dates) if dates else None,
                   positioned.photos_at([0])[0] if len(positioned) else None)

    def __len__(self):
        return len(self.points) // 16

    @property
    def coordinates(self) -> tuple:
        """((lng, lat), ...) in index order."""
        values = array("d", self.points)
        if sys.byteorder == "big":
            values.byteswap()
        return tuple(zip(values[0::2], values[1::2]))

    def wkb(self) -> bytes:
        """The line as WKB (a one-photo sequence: a zero-length line, still a valid LineString)."""
        points = self.points * 2 if len(self) == 1 else self.points
        return b"\x01" + struct.pack("<II", 2, len(points) // 16) + points


def encode_line(line: TrackLine) -> list:
    return [base64.b64encode(line.points).decode("ascii"), _iso(line.first_shot), _iso(line.last_shot),
            None if line.head is None else _HEAD.encode(line.head)]


def decode_line(values) -> TrackLine:
    if not isinstance(values, list) or len(values) != 4:
        raise ValueError("cached line of another shape")
    points, first, last, head = values
    points = base64.b64decode(points, validate=True)
    if len(points) % 16:
        raise ValueError("cached line of another shape")
    return TrackLine(points, _datetime(first), _datetime(last), None if head is None else _HEAD.decode(head))


def _iso(value):
    return None if value is None else value.isoformat()


def _datetime(value):
    return None if value is None else datetime.fromisoformat(value)


@dataclass(frozen=True, eq=False)
class SequenceTrack:
    """A sequence with its line: what a sequence feature is made of."""

    sequence: Sequence
    line: TrackLine
    url: str
    thumbnail_url: str | None = None
    # () -> its positioned photos by index: the list at hand, or read from the cache on first use
    read_photos: Callable = field(default=PhotoList, repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # built QGIS objects, by the provider

    @property
    def id(self) -> int:
        return self.sequence.id

    @property
    def photos(self) -> PhotoList:
        """Its positioned photos in index order (a PhotoList)."""
        photos = self.memo.get("photos")
        if photos is None:
            photos = self.memo["photos"] = self.read_photos()
        return photos

    @property
    def coordinates(self) -> tuple:
        """((lng, lat), ...) in index order."""
        return self.line.coordinates

    @property
    def first_shot(self) -> datetime | None:
        return self.line.first_shot

    @property
    def last_shot(self) -> datetime | None:
        return self.line.last_shot
