"""PhotoList: the photos of a 1.0 list, read into columns at once and parsed into Photos when used."""

from collections import abc

from .models import Photo, _v1_identity
from .parsing import parse_records, to_datetime, to_position


class PhotoList(abc.Sequence):
    """The photos of a 1.0 list (nearby-photos, photo-list), each parsed the first time it is used.

    Finding the sequences of a map tile, or drawing a sequence's line, needs only each photo's
    identity and position, a small part of Photo.from_v1's work: those are read from the JSON items
    at once into columns (`ids`, `sequence_ids`, `indexes`, `lats`, `lngs`; lat and lng are None
    without a position, as in Photo), and a Photo is built, and kept, when an item is asked for.
    Items from_v1 rejects (no id, sequence or index) are left out, so the list gives exactly the
    photos of parse_records(items, Photo.from_v1). Immutable but for that memo: safe to share.
    shot_dates=True reads the shot dates at once too (a sequence's list: its first and last shot).
    """

    __slots__ = ("ids", "sequence_ids", "indexes", "lats", "lngs", "_items", "_packed", "_photos", "_shots",
                 "rejected")

    def __init__(self, items=(), shot_dates=False):
        valid = parse_records(items, lambda item: (item, _v1_identity(item)))
        self.rejected = valid.rejected  # items of `items` left out (see parse_records)
        kept = [item for item, _ in valid]
        identities = [identity for _, identity in valid]
        positions = [to_position(item.get("lat"), item.get("lng")) for item in kept]
        shots = tuple(to_datetime(item.get("shot_date")) for item in kept) if shot_dates else None
        self._set(kept, identities, positions, [None] * len(kept), shots)

    def _set(self, items, identities, positions, photos, shots=None):
        self._items = tuple(items)  # the JSON dicts, as the API sent them (None once packed)
        self._packed = None
        self._shots = shots
        self.ids, self.sequence_ids, self.indexes = (tuple(c) for c in zip(*identities)) if identities else ((),) * 3
        self.lats, self.lngs = (tuple(c) for c in zip(*positions)) if positions else ((), ())
        self._photos = list(photos)

    def json_items(self) -> tuple:
        """The JSON dicts of the photos, as the API sent them."""
        items = self._items
        if items is None:
            blob, unpack = self._packed
            items = tuple(unpack(blob))
        return items

    def pack(self, blob: bytes, unpack):
        """Let go of the parsed JSON (~2.5 kB a photo), keeping `blob` from which unpack(blob) gives
        json_items() back when a Photo is built later: the disk cache's compressed copy, a few dozen
        bytes a photo. Safe while other threads read the list."""
        self._packed = (blob, unpack)
        self._items = None

    @classmethod
    def _rows(cls, sources) -> "PhotoList":
        """A list of the given (PhotoList, row) pairs, in that order; built Photos carry over."""
        items = {id(source): source.json_items() for source, _ in sources}
        shots = all(source._shots is not None for source, _ in sources)
        rows = cls()
        rows._set([items[id(source)][row] for source, row in sources],
                  [(source.ids[row], source.sequence_ids[row], source.indexes[row]) for source, row in sources],
                  [(source.lats[row], source.lngs[row]) for source, row in sources],
                  [source._photos[row] for source, row in sources],
                  tuple(source._shots[row] for source, row in sources) if shots and sources else None)
        return rows

    @classmethod
    def concat(cls, lists) -> "PhotoList":
        return cls._rows([(photos, row) for photos in lists for row in range(len(photos))])

    def select(self, rows) -> "PhotoList":
        """The photos of these row numbers, in this order."""
        return self._rows([(self, row) for row in rows])

    def unique(self) -> "PhotoList":
        """The first photo of each id (pages can overlap); the list itself when no id repeats."""
        first = {}
        for row, photo_id in enumerate(self.ids):
            first.setdefault(photo_id, row)
        return self if len(first) == len(self.ids) else self.select(sorted(first.values()))

    def by_index(self) -> "PhotoList":
        """Sorted by sequence index (stable); the list itself when it is already."""
        indexes = self.indexes
        if all(indexes[row] <= indexes[row + 1] for row in range(len(indexes) - 1)):
            return self
        return self.select(sorted(range(len(indexes)), key=indexes.__getitem__))

    def positioned(self) -> "PhotoList":
        """The photos with a position, in order; the list itself when they all have one."""
        if None not in self.lats:
            return self
        return self.select([row for row, lat in enumerate(self.lats) if lat is not None])

    def shot_dates(self) -> tuple:
        """Photo.shot_date of every photo, without building the Photos (read once)."""
        if self._shots is None:
            items = self.json_items() if None in self._photos else ()
            self._shots = tuple(to_datetime(items[row].get("shot_date")) if photo is None else photo.shot_date
                                for row, photo in enumerate(self._photos))
        return self._shots

    def photos_at(self, rows) -> list:
        """The Photos of these rows, built as needed (the JSON read once for all of them) and kept."""
        missing = [row for row in rows if self._photos[row] is None]
        if missing:  # two threads may both build a photo: equal values, either one is kept
            items = self.json_items()
            for row in missing:
                self._photos[row] = Photo.from_v1(items[row])
        return [self._photos[row] for row in rows]

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return self.photos_at(range(*row.indices(len(self))))
        return self.photos_at([row])[0]

    def __iter__(self):
        return iter(self.photos_at(range(len(self))))

    def __repr__(self):
        return "PhotoList({} photos)".format(len(self))
