"""The provider's feature source: a snapshot safe to iterate in render threads.

It holds copies of the layer's settings and the (thread-safe) loader; it never touches the provider,
a widget or the project. Records become QgsFeatures here; a sequence's geometry and attribute row
are built once and kept on its SequenceTrack.
"""

import hashlib
import threading
from collections import deque
from concurrent.futures import wait as wait_for
from typing import NamedTuple, Optional

from qgis.core import QgsAbstractFeatureSource, QgsFeatureIterator, QgsGeometry, QgsLineString, QgsPointXY

from .feature_iterator import KartaViewFeatureIterator
from .fields import coverage_attributes, photo_attributes, sequence_attributes
from .loader import READY, TOO_LARGE
from .uri import PHOTOS, SEQUENCES

RECENT_AREAS = 4  # the areas a Reload asks again: the last views (a view, an identify...) or fetches
RECENT_VIEWS = 16  # a canvas render and its 8 look-ahead neighbours, and a few more


def coverage_fid(element_id: str) -> int:
    """A stable 56-bit feature id for a road segment (its element_id is too long for an integer)."""
    return int.from_bytes(hashlib.blake2b(element_id.encode("utf-8"), digest_size=7).digest(), "big")


class _FoundView(NamedTuple):
    bbox: Optional[tuple]  # (min_lng, min_lat, max_lng, max_lat)
    state: str  # loader_base.READY, LOADING, FAILED or TOO_LARGE
    note: str  # what its data lacks (loader.ViewResult.note)


class LayerStatus:
    """Shared by a layer's provider and its sources (thread-safe): what the recent views found (READY,
    LOADING, FAILED or TOO_LARGE), the areas asked lately, and the requests of a Reload in progress."""

    def __init__(self):
        self._lock = threading.Lock()
        self._views = deque(maxlen=RECENT_VIEWS)  # _FoundView, newest last
        self._areas = deque(maxlen=RECENT_AREAS)
        self._reload = []

    @property
    def state(self):
        """What the newest view found."""
        with self._lock:
            return self._views[-1].state if self._views else READY

    def _view_at(self, point):
        lng, lat = point
        for view in reversed(self._views):
            (min_lng, min_lat, max_lng, max_lat) = view.bbox
            if min_lng <= lng <= max_lng and min_lat <= lat <= max_lat:
                return view
        return self._views[-1] if self._views else _FoundView(None, READY, "")

    def found(self, bbox, state, note=""):
        with self._lock:
            self._views.append(_FoundView(bbox, state, note))

    @property
    def note(self):
        """What the newest view's data lacks ("" when whole): see loader.ViewResult.note."""
        with self._lock:
            return self._views[-1].note if self._views else ""

    def note_at(self, point):
        """The note of the view state_at(point) speaks of."""
        with self._lock:
            return self._view_at(point).note

    def state_at(self, point):
        """What the newest view holding point (lng, lat) found; the newest view's state if none does.
        The map canvas also draws the areas around the visible one ahead of a pan, and the newest of those
        draws must not speak for the view the user sees."""
        with self._lock:
            return self._view_at(point).state

    def asked(self, bbox):
        with self._lock:
            if bbox in self._areas:
                self._areas.remove(bbox)
            self._areas.append(bbox)

    def areas(self) -> list:
        with self._lock:
            return list(self._areas)

    def reloading(self, futures):
        with self._lock:
            self._reload = list(futures)

    def wait_for_reload(self):
        """Block until the requests of a Reload are answered (blocking readers want the new data)."""
        with self._lock:
            futures = list(self._reload)
        wait_for(futures)

    def reload_done(self) -> bool:
        """True once when the requests of a Reload have all been answered (or have failed)."""
        with self._lock:
            done = bool(self._reload) and all(future.done() for future in self._reload)
            if done:
                self._reload = []
            return done


MAX_PARTIAL_ROWS = 8  # per record: one per attribute subset asked for (a style's, a table's...)


class Record:
    """A feature ready to be copied: id, attribute row, geometry in EPSG:4326 and its bounding box.
    Shared by every render of its feature, so what a render works out again and again is kept:
    whether it touches the last rectangle asked, and its rows for attribute subsets."""

    __slots__ = ("fid", "attributes", "geometry", "bbox", "touched", "_partial")

    def __init__(self, fid, attributes, geometry):
        self.fid, self.attributes, self.geometry = fid, attributes, geometry
        self.bbox = geometry.boundingBox()
        self.touched = None  # (rectangle as a tuple, does the geometry touch it)
        self._partial = {}

    def partial_row(self, indexes: tuple) -> list:
        """The attribute row with only these indexes filled (None elsewhere): QGIS converts a row to
        C++ value by value, and a render needs only its style's attributes."""
        row = self._partial.get(indexes)
        if row is None:
            if len(self._partial) >= MAX_PARTIAL_ROWS:
                self._partial = {}
            row = [None] * len(self.attributes)
            for index in indexes:
                row[index] = self.attributes[index]
            self._partial[indexes] = row
        return row


def _track_line(line):
    """The geometry of a tracks.TrackLine, made from its packed points at once (no Python floats)."""
    geometry = QgsGeometry()
    if len(line):
        geometry.fromWkb(line.wkb())
    return geometry


def _line(lngs, lats):
    """A LineString of coordinate columns (made from the columns at once: ~10x faster than points)."""
    if not lngs:
        return QgsGeometry()
    if len(lngs) == 1:  # a one-photo sequence: a zero-length line, still a valid LineString
        lngs, lats = lngs * 2, lats * 2
    return QgsGeometry(QgsLineString(list(lngs), list(lats)))


class KartaViewFeatureSource(QgsAbstractFeatureSource):
    def __init__(self, provider, loaded_only=False):
        """loaded_only: serve what is in memory now, loading and waiting for nothing (counts, extent)."""
        super().__init__()
        self.layer_type = provider.params.layer_type
        self.filters = provider.params.filters
        self.area = provider.params.bbox
        self.subset = provider.subsetString()
        self.loaded_only = loaded_only
        self.wait = provider.waits() and not loaded_only
        self.fields = provider.fields()
        self.crs = provider.crs()
        self.loader = provider.loader
        self.owner = provider.owner
        self.status = provider.status

    def getFeatures(self, request):  # noqa: N802 (QGIS API name)
        return QgsFeatureIterator(KartaViewFeatureIterator(self, request))

    # ---- records ----------------------------------------------------------------------------------
    def records_by_id(self, fids):
        """The features with these ids (waiting for them in wait mode)."""
        wanted = set(fids)
        if self.wait:
            self.status.wait_for_reload()
        if self.layer_type == SEQUENCES:
            found = []
            for fid in sorted(wanted):
                if self.wait:
                    track = self.loader.fetch_sequence(fid)
                else:
                    track = self.loader.sequence_track(fid)
                if track is not None and self.filters.accepts_sequence(track.sequence):
                    found.append(track)
            return [self.record(track) for track in found]
        return [record for record in self.all_records() if record.fid in wanted]

    def records_in(self, bbox, look_ahead=False):
        """The candidate features for a rectangle (EPSG:4326 tuple); the iterator tests intersection.
        look_ahead: a map canvas's render of an area around its view, ahead of a pan (see Loader.view):
        served from what is known, asking and waiting for nothing, and saying nothing of the view."""
        if self.loaded_only:
            return self.all_records()
        if look_ahead:
            return [self.record(item) for item in
                    self.loader.view(self.owner, self.layer_type, bbox, self.filters, look_ahead=True).items]
        if self.wait:
            self.status.wait_for_reload()
            notes = []
            items = self.loader.fetch(self.layer_type, bbox, self.filters, warn=notes.append)
            self.status.found(bbox, READY, " ".join(notes))
            self.status.asked(bbox)
        else:
            result = self.loader.view(self.owner, self.layer_type, bbox, self.filters)
            self.status.found(bbox, result.state, result.note)
            if result.state != TOO_LARGE:
                self.status.asked(bbox)
            items = result.items
        return [self.record(item) for item in items]

    def all_records(self):
        """Without a rectangle: the layer's bbox in wait mode, otherwise everything loaded so far."""
        if self.wait and self.area is not None:
            return self.records_in(self.area)
        return [self.record(item) for item in self.loader.known(self.layer_type, self.filters)]

    def record(self, item) -> Record:
        return build_record(self.layer_type, item, self.loader.client)


def build_record(layer_type, item, client) -> Record:
    """The Record of a loader item: SequenceTrack, Photo or RoadSegment by layer type."""
    if layer_type == SEQUENCES:
        built = item.memo.get("record")
        if built is None:
            built = item.memo["record"] = Record(item.id, sequence_attributes(item), _track_line(item.line))
        return built
    if layer_type == PHOTOS:
        geometry = QgsGeometry.fromPointXY(QgsPointXY(item.lng, item.lat))
        return Record(item.id, photo_attributes(item, client), geometry)
    lngs, lats = zip(*item.track) if item.track else ((), ())
    return Record(coverage_fid(item.element_id), coverage_attributes(item), _line(lngs, lats))

