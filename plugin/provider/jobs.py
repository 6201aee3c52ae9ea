"""What the loader asks KartaView for: one key per job (a map tile's pages, a sequence's record, a
sequence's photo list), hashable, equal only to a job of its own kind; and where its answer is kept
(the store's kind and key, the disk cache's key)."""

from dataclasses import dataclass

from ..core.cache import PHOTO_LISTS, SEQUENCE_RECORDS, TILES


@dataclass(frozen=True)
class PhotoTile:
    """The photos of a map tile (the nearby-photos search, all its pages), uploaded since `day`
    (ISO date; "" for all)."""
    zoom: int
    x: int
    y: int
    day: str = ""
    store_kind = TILES

    @property
    def store_key(self):
        return self

    @property
    def disk_key(self) -> str:  # the form caches written by earlier versions hold: they stay readable
        return "p/{}/{}/{}/{}".format(self.zoom, self.x, self.y, self.day)


@dataclass(frozen=True)
class CoverageTile:
    """The road coverage (/1.0/tracks/ segments) of a map tile."""
    zoom: int
    x: int
    y: int
    store_kind = TILES

    @property
    def store_key(self):
        return self

    @property
    def disk_key(self) -> str:
        return "c/{}/{}/{}".format(self.zoom, self.x, self.y)


@dataclass(frozen=True)
class SequenceAttributes:
    """A sequence's attributes (GET /2.0/sequence/{id})."""
    sequence_id: int
    store_kind = SEQUENCE_RECORDS

    @property
    def store_key(self):
        return self.sequence_id


@dataclass(frozen=True)
class SequencePhotos:
    """A sequence's photo list (its line is drawn from it)."""
    sequence_id: int
    store_kind = PHOTO_LISTS

    @property
    def store_key(self):
        return self.sequence_id
