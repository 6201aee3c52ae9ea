"""Background loading of KartaView data for the layers, and the blocking fetch for Processing/scripts.

Data is fetched per map tile: z14 tiles of nearby-photos (sequence discovery and the photos layer)
and z12 tiles of /1.0/tracks/ road coverage. A sequence's line comes from its whole photo list
(POST /1.0/sequence/photo-list/, one request) and its attributes from GET /2.0/sequence/{id}, so a
sequence feature is the same whichever tiles are loaded. Everything goes through one thread pool:
pages of a tile, tiles and sequences run concurrently, a request already in flight is shared, and a
queued or retrying request whose tiles left the view is dropped.

Two ways in:
- `Loader.view()` (the map canvas, never blocks): returns what memory or the disk cache holds at
  once and schedules what is missing; arrivals make `signals.hub()` repaint the KartaView layers.
- `fetch_sequences()` / `Loader.fetch()` (Processing, scripts, the coverage-gaps analysis): waits
  for complete data, with progress and cancel, and raises when part of it cannot be had.
"""

import sqlite3
import threading
import time
from collections import Counter, OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from qgis.PyQt.QtCore import QCoreApplication

from ..client.concurrency import AdaptiveLimit
from ..client.models import PhotoList
from ..client.tiles import tiles_for_bbox
from ..core.cache import LINES, PHOTO_LISTS, SEQUENCE_RECORDS, TILE_INDEXES, TILES, shared_cache
from ..core.log import log_warning
from ..core.network import make_client
from ..core.settings import Settings
from . import geometry
from .jobs import CoverageTile, PhotoTile, SequenceAttributes, SequencePhotos
from .loader_base import (  # noqa: F401 - part of this module's interface
    _ALWAYS,
    COVERAGE_ZOOM,
    FAILED,
    IPP,
    LOADING,
    MARGIN_DEG,
    MAX_PAGES,
    MAX_VIEW_TILES,
    READY,
    TILE_ZOOM,
    TOO_LARGE,
    WORKERS,
    ViewResult,
    _clip,
    _indexed_sequences,
    _photos_in,
    _unique,
)
from .loader_fetch import LoaderFetch
from .loader_jobs import LoaderJobs
from .signals import hub
from .store import Entry, Store
from .tracks import SequenceTrack, TrackLine, tile_index
from .uri import COVERAGE, PHOTOS, SEQUENCES, Filters

# A complete view asked again (a repaint, an identify) reuses its result while nothing was stored
# since; this long at most, so entries that expire meanwhile are asked for again soon.
VIEW_MEMO_S = 5.0


class _ViewMemo:
    """The result of an owner's last complete (READY) view, and what it was computed from."""

    def __init__(self, view, keys, generation, result):
        self.view, self.keys, self.generation, self.result = view, keys, generation, result
        self.at = time.monotonic()

    def serves(self, view, generation) -> bool:
        """Is it the answer to view now? (nothing stored since, and recent)"""
        return (view == self.view and generation == self.generation
                and time.monotonic() - self.at < VIEW_MEMO_S)


class Loader(LoaderJobs, LoaderFetch):
    """Shared by every KartaView layer of one API address; thread-safe. Its parts: the views (here),
    the jobs (loader_jobs.py) and the blocking fetches (loader_fetch.py)."""

    @staticmethod
    def tr(text):
        return QCoreApplication.translate("Loader", text)

    def __init__(self, client, cache=None, workers=WORKERS):
        self.client = client
        self.store = Store(cache)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kartaview-load")
        # Up to `workers` requests in flight, fewer while KartaView answers 429/503 (each attempt of the
        # client waits for a slot; see client/concurrency.py).
        self.limit = AdaptiveLimit(workers)
        client.limit = self.limit
        self._lock = threading.RLock()
        self._inflight = {}  # job key -> Future
        self._closed = False
        self._origins = {}  # job key -> tile keys (or _ALWAYS) whose view needs it
        self._views = OrderedDict()  # owner -> deque of frozensets of tile keys
        self._memos = {}  # owner -> _ViewMemo of its last complete view
        self._view_keys = frozenset()
        self._blocking = Counter()  # job key -> blocking callers waiting for it
        self._failed = {}  # job key -> time of its last failure
        self._reported_at = None
        self._recovered = True
        self._built = {}  # sequence id -> SequenceTrack of the current records
        self._notes = {}  # job key -> client.paging.Paging of data cut by the page cap or with rejected records
        self._signals = hub()

    # ---- tiles ----------------------------------------------------------------------------------
    @staticmethod
    def tile_count(layer_type, bbox) -> int:
        """How many tiles a bbox needs, without listing them (a country has millions)."""
        bbox = _clip(geometry.expand(bbox, MARGIN_DEG))
        zoom = COVERAGE_ZOOM if layer_type == COVERAGE else TILE_ZOOM
        (_, x0, y0), = tiles_for_bbox((bbox[0], bbox[3], bbox[0], bbox[3]), zoom)
        (_, x1, y1), = tiles_for_bbox((bbox[2], bbox[1], bbox[2], bbox[1]), zoom)
        return (x1 - x0 + 1) * (y1 - y0 + 1)

    @staticmethod
    def tile_keys(layer_type, bbox, since=None) -> list:
        bbox = _clip(geometry.expand(bbox, MARGIN_DEG))
        if layer_type == COVERAGE:
            return [CoverageTile(*tile) for tile in tiles_for_bbox(bbox, COVERAGE_ZOOM)]
        day = since.isoformat() if since else ""
        return [PhotoTile(*tile, day) for tile in tiles_for_bbox(bbox, TILE_ZOOM)]

    # ---- the canvas: never blocks -----------------------------------------------------------------
    def view(self, owner, layer_type, bbox, filters=Filters(), look_ahead=False) -> ViewResult:
        """What is known now about bbox (EPSG:4326); what is missing is scheduled.

        look_ahead: a render of an area around the view, which the map canvas draws ahead of a pan
        (eight of them after each render). It shows what memory or the disk cache hold and asks for
        nothing: loading those areas too made a slow server's view wait for nine (19 s instead of 7 s
        at 1.5 s a request), and made the view's own requests unwanted and dropped (its owner keeps
        its last RECENT_VIEWS views), so that it stayed unfinished."""
        view = (layer_type, bbox, filters)
        if not look_ahead:
            with self._lock:
                memo = self._memos.get(owner)
            if memo is not None and memo.serves(view, self.store.generation):
                self._want(owner, memo.keys, view)
                return memo.result
        if self.tile_count(layer_type, bbox) > MAX_VIEW_TILES[layer_type]:
            return ViewResult(self.known(layer_type, filters), TOO_LARGE)
        keys = self.tile_keys(layer_type, bbox, filters.since)
        if look_ahead:
            return self._scan(keys, layer_type, bbox, filters, schedule=False)
        self._want(owner, keys, view)
        generation = self.store.generation  # before the scan: what arrives during it is seen next time
        result = self._scan(keys, layer_type, bbox, filters)
        if result.state == READY:
            with self._lock:
                if owner in self._views:
                    self._memos[owner] = _ViewMemo(view, keys, generation, result)
        return result

    def _scan(self, keys, layer_type, bbox, filters, schedule=True) -> ViewResult:
        """What is known of the tiles `keys`; what is missing or stale is scheduled (if `schedule`)."""
        # A sequences view needs only each tile's index (its sequences and where they lie).
        found = self._lookup_many(keys, TILE_INDEXES) if layer_type == SEQUENCES else self._lookup_many(keys)
        tiles, states = {}, set()
        for key in keys:
            entry = found.get(key)
            if entry is None and layer_type == SEQUENCES:
                entry = self._derived_index(key)
            if entry is None or not entry.fresh:
                states.add(self._schedule(key, {key}) if schedule else LOADING)
            if entry is not None:
                tiles[key] = entry.value
        if layer_type == COVERAGE:
            items = _unique([s for segments in tiles.values() for s in segments], lambda s: s.element_id)
        else:
            items = self._view_records(layer_type, tiles, bbox, filters, states, schedule)
        state = LOADING if LOADING in states else FAILED if FAILED in states else READY
        return ViewResult(items, state, self.note(keys))

    def _index(self, key):
        """The Entry of a tile's index (tracks.tile_index), or None when the tile is not known."""
        entry = self._lookup(key, TILE_INDEXES)
        return self._derived_index(key) if entry is None else entry

    def _derived_index(self, key):
        """A tile's index made from the tile itself (a cache written before indexes were): in memory
        only, so it never outlives the tile's expiry."""
        tile = self._lookup(key)
        if tile is None:
            return None
        entry = Entry(tile_index(tile.value), tile.fresh)
        self.store.put_memory(TILE_INDEXES, key, *entry)
        return entry

    def _view_records(self, layer_type, tiles, bbox, filters, states, schedule=True):
        near = geometry.expand(bbox, MARGIN_DEG)
        origins, photos = {}, {}
        if layer_type == SEQUENCES:
            # Candidates by the bbox of their photos per tile (the iterator tests the lines exactly).
            for key, index in tiles.items():
                for sequence_id in _indexed_sequences(index, near, filters):
                    origins.setdefault(sequence_id, set()).add(key)
        else:
            for key, tile_photos in tiles.items():
                for photo in _photos_in(tile_photos, near, filters):
                    photos.setdefault(photo.id, (photo, key))
            if filters.min_quality <= 0:
                return [photo for photo, _ in photos.values()]
            for photo, key in photos.values():
                origins.setdefault(photo.sequence_id, set()).add(key)
        attributes = self._lookup_many([SequenceAttributes(sequence_id) for sequence_id in origins])
        lines = self._lines([SequencePhotos(sequence_id) for sequence_id in origins]) if layer_type == SEQUENCES else {}
        sequences, tracks = {}, []
        for sequence_id, keys in origins.items():
            sequence = self._use(SequenceAttributes(sequence_id), attributes, keys, states, schedule)
            if sequence is not None and not filters.accepts_sequence(sequence):
                continue
            # Both requests at once: the line need not wait for the attributes.
            line = (self._use(SequencePhotos(sequence_id), lines, keys, states, schedule)
                    if layer_type == SEQUENCES else None)
            if sequence is None:
                continue
            sequences[sequence_id] = sequence
            if line is not None:
                tracks.append(self.track(sequence, line))
        if layer_type == PHOTOS:
            return [photo for photo, _ in photos.values() if photo.sequence_id in sequences]
        return tracks

    def _use(self, job_key, found, origins, states, schedule=True):
        """The value of a job found by _lookup_many (None if not), scheduling the job unless fresh."""
        entry = found.get(job_key)
        if entry is None or not entry.fresh:
            states.add(self._schedule(job_key, origins) if schedule else LOADING)
        return None if entry is None else entry.value

    def sequence_track(self, sequence_id, schedule=True):
        """The SequenceTrack of an id if known (None otherwise, scheduling it unless told not to)."""
        states = set()
        origins = {_ALWAYS} if schedule else None
        sequence = self._known(SequenceAttributes(sequence_id), origins, states)
        line = self._known(SequencePhotos(sequence_id), origins, states, line=True)
        if sequence is None or line is None:
            return None
        return self.track(sequence, line)

    def _known(self, job_key, origins, states, line=False):
        entry = self._lines([job_key]).get(job_key) if line else self._lookup(job_key)
        if origins is not None and (entry is None or not entry.fresh):
            states.add(self._schedule(job_key, origins))
        return None if entry is None else entry.value

    def _lookup(self, job_key, kind=None):
        """The store's Entry of a job's data (or of its `kind` companion), or None. See _lookup_many."""
        return self._lookup_many([job_key], kind).get(job_key)

    def _lookup_many(self, job_keys, kind=None) -> dict:
        """{job key: Entry} of the jobs whose data (or its `kind` companion: a tile's index, a
        photo list's line) is known: from memory, or else the disk cache (one query for all) unless the
        job is in flight (memory then holds what the disk had), so renders and fetches while loading make
        no SQLite query per sequence."""
        found = {}
        for store_kind in {kind or job_key.store_kind for job_key in job_keys}:
            jobs = {job_key.store_key: job_key for job_key in job_keys if (kind or job_key.store_kind) == store_kind}
            entries = self.store.get_many(store_kind, list(jobs), disk=False)
            with self._lock:
                lacking = [key for key, job_key in jobs.items() if key not in entries and job_key not in self._inflight]
            if lacking:
                entries.update(self.store.get_many(store_kind, lacking))
            found.update((jobs[key], entry) for key, entry in entries.items())
        return found

    def _lines(self, job_keys) -> dict:
        """{SequencePhotos: Entry of its TrackLine} of the sequences whose line is known; a line missing from a
        cache written before lines were is made from the photo list (in memory only, see _derived_index)."""
        found = self._lookup_many(job_keys, LINES)
        for job_key in job_keys:
            if job_key not in found:
                photos = self._lookup(job_key)
                if photos is not None:
                    found[job_key] = Entry(TrackLine.of(photos.value), photos.fresh)
                    self.store.put_memory(LINES, job_key.store_key, *found[job_key])
        return found

    def known(self, layer_type, filters=Filters()) -> list:
        """Every record in memory now (requests without a rectangle, views too large to load)."""
        if layer_type == SEQUENCES:
            lines = dict(self.store.memory_items(LINES))
            records = []
            for sequence_id, (sequence, _) in self.store.memory_items(SEQUENCE_RECORDS):
                if sequence is not None and sequence_id in lines and filters.accepts_sequence(sequence):
                    records.append(self.track(sequence, lines[sequence_id].value))
            return records
        day = filters.since.isoformat() if filters.since else ""
        if layer_type == COVERAGE:
            tiles = [value for key, (value, _) in self.store.memory_items(TILES) if isinstance(key, CoverageTile)]
        else:
            tiles = [value for key, (value, _) in self.store.memory_items(TILES)
                     if isinstance(key, PhotoTile) and key.day == day]
        if layer_type == COVERAGE:
            return _unique([s for segments in tiles for s in segments], lambda s: s.element_id)
        sequences = dict(self.store.memory_items(SEQUENCE_RECORDS))
        photos = _unique([p for tile in tiles for p in tile if filters.accepts_photo(p)], lambda p: p.id)
        if filters.min_quality > 0:
            known = {sequence_id: entry.value for sequence_id, entry in sequences.items()
                     if entry.value is not None}
            photos = [p for p in photos if p.sequence_id in known and filters.accepts_sequence(known[p.sequence_id])]
        return photos

    def track(self, sequence, line, photos=None) -> SequenceTrack:
        """The (memoised) SequenceTrack of a sequence and its TrackLine, or of its photo list (a PhotoList
        by index; line None then). A track made from a line reads its photos from the cache when asked."""
        source = line if photos is None else photos
        with self._lock:
            built = self._built.get(sequence.id)
            if built is not None and built.sequence is sequence and built.memo.get("source") is source:
                return built
        memo = {"source": source}
        if photos is None:
            read_photos = partial(self._positioned_photos, sequence.id)
        else:
            read_photos, memo["photos"] = PhotoList, photos.positioned()  # the photos are at hand
            line = TrackLine.of(memo["photos"])
        thumbnail = self.client.image_url(line.head, "th") if line.head is not None else None
        built = SequenceTrack(sequence, line, self.client.web_url(sequence.id), thumbnail, read_photos, memo)
        with self._lock:
            self._built[sequence.id] = built
        return built

    def _positioned_photos(self, sequence_id) -> PhotoList:
        """A sequence's positioned photos from memory or the disk cache (empty once the cache is cleared)."""
        entry = self.store.get(PHOTO_LISTS, sequence_id)
        return PhotoList() if entry is None else entry.value.positioned()


_loaders_lock = threading.Lock()
_loaders = {}


def default_loader() -> Loader:
    """The loader of the configured API address and cache folder (one per pair, kept for the session)."""
    settings = Settings()
    key = (settings.api_url.rstrip("/"), str(settings.cache_dir))
    with _loaders_lock:
        loader = _loaders.get(key)
        if loader is None:
            try:
                cache = shared_cache().scoped(settings.api_url)  # never another server's entries
            except (OSError, sqlite3.Error) as error:  # an unwritable profile: work without a disk cache
                log_warning("KartaView: no disk cache ({}); data is kept in memory only.".format(error))
                cache = None
            loader = _loaders[key] = Loader(make_client(base_url=settings.api_url, max_workers=WORKERS), cache)
        return loader


def fetch_sequences(extent, filters=None, *, progress=None, cancel=None, warn=None) -> list:
    """Every KartaView sequence whose line touches `extent`, complete, waiting for the network.

    extent: (min_lng, min_lat, max_lng, max_lat) in EPSG:4326. filters: uri.Filters or None.
    progress: optional callable(percent 0-100); cancel: optional callable() -> True to give up.
    Returns [SequenceTrack] sorted by sequence id: .sequence (client Sequence: attributes),
    .photos (positioned Photos by index), .coordinates ((lng, lat), ...), .first_shot, .last_shot, .url.
    Uses and fills the on-disk cache. Raises client.errors.Cancelled when cancelled and a
    KartaViewError when part of the data could not be loaded (and was not cached before).
    warn: optional callable(message) told when part of the data was cut or rejected (see Loader.fetch).
    Call it from a worker thread (Processing does): it blocks.
    """
    return default_loader().fetch(SEQUENCES, extent, filters or Filters(), progress=progress, cancel=cancel,
                                  warn=warn)
