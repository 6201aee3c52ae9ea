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

import math
import sqlite3
import threading
import time
import traceback
from collections import Counter, OrderedDict, deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial

from qgis.PyQt.QtCore import QCoreApplication

from ..client.errors import Cancelled, KartaViewError, NotFoundError
from ..client.models import PhotoList
from ..client.tiles import MAX_LAT, tile_bbox, tiles_for_bbox
from ..core.cache import LINES, PHOTOS, TILE_INDEXES, TILES, shared_cache
from ..core.cache import SEQUENCES as SEQUENCE_KIND
from ..core.log import log_error, log_info, log_warning
from ..core.messages import user_message
from ..core.network import make_client
from ..core.settings import Settings
from . import geometry
from .signals import hub
from .store import Store
from .tracks import SequenceTrack, TrackLine, tile_index
from .uri import COVERAGE, SEQUENCES, Filters
from .uri import PHOTOS as PHOTOS_LAYER

TILE_ZOOM = 14  # nearby-photos tiles (iD and Rapid use the same grid)
COVERAGE_ZOOM = 12  # road-coverage tiles: coverage is for looking at a whole city
# Views needing more tiles than this are not loaded (the layer says "zoom in"): at most ~2 s of
# requests at 100 ms latency in the benchmark; see tests/bench/bench_provider.py.
MAX_VIEW_TILES = {SEQUENCES: 16, PHOTOS_LAYER: 4, COVERAGE: 24}
IPP = 1000
MAX_PAGES = 20  # 20,000 photos per z14 tile; denser tiles keep their newest sequences only
WORKERS = 12
RETRY_AFTER_S = 30.0  # a failed request is not repeated by the canvas before this
REPORT_INTERVAL_S = 60.0
# Photos are ~10 m apart: one within this margin of a rectangle finds every line crossing it.
MARGIN_DEG = 0.0005
RECENT_VIEWS = 2  # per layer, the last two views stay wanted (a view and an identify, say)
MAX_OWNERS = 64
# A complete view asked again (a repaint, an identify) reuses its result while nothing was stored
# since; this long at most, so entries that expire meanwhile are asked for again soon.
VIEW_MEMO_S = 5.0

READY, LOADING, FAILED, TOO_LARGE = "ready", "loading", "failed", "too_large"
_ALWAYS = "always"  # origin of a job nobody may drop (a feature asked for by id)


@dataclass
class ViewResult:
    items: list  # SequenceTrack, Photo or RoadSegment by layer type
    state: str  # READY, LOADING (more will arrive), FAILED (some could not be loaded), TOO_LARGE


class _ViewMemo:
    """The result of an owner's last complete (READY) view, and what it was computed from."""

    def __init__(self, view, keys, generation, result):
        self.view, self.keys, self.generation, self.result = view, keys, generation, result
        self.at = time.monotonic()

    def serves(self, view, generation) -> bool:
        """Is it the answer to view now? (nothing stored since, and recent)"""
        return (view == self.view and generation == self.generation
                and time.monotonic() - self.at < VIEW_MEMO_S)


def _clip(bbox):
    return (max(-180.0, bbox[0]), max(-MAX_LAT, bbox[1]), min(180.0, bbox[2]), min(MAX_LAT, bbox[3]))


def _store_kind(job_key):
    return {"s": SEQUENCE_KIND, "t": PHOTOS}.get(job_key[0], TILES)


def _store_key(job_key):
    return job_key[1] if job_key[0] in ("s", "t") else job_key


def _unique(records, key):
    return list({key(record): record for record in records}.values())


def _photo_filter(filters):
    """filters.accepts_photo, or None when it takes every photo (it looks at all but the quality):
    then finding the sequences of a tile needs no Photo, only the PhotoList's columns."""
    return None if filters == Filters(min_quality=filters.min_quality) else filters.accepts_photo


def _sequences_in(photos, area, filters) -> set:
    """Ids of the sequences with a photo of the PhotoList in area that the filters accept."""
    rows = geometry.rows_inside(photos.lngs, photos.lats, area)
    accepts = _photo_filter(filters)
    if accepts is None:
        return {photos.sequence_ids[row] for row in rows}
    return {photo.sequence_id for photo in photos.photos_at(rows) if accepts(photo)}


def _indexed_sequences(index, area, filters) -> list:
    """Ids of the sequences of a tile index (tracks.tile_index) with photos around area whose
    sample photo the filters accept."""
    accepts = _photo_filter(filters)
    return [sequence_id for sequence_id, entry in index.items()
            if geometry.intersects(area, entry.bbox) and (accepts is None or accepts(entry.photo()))]


def _photos_in(photos, area, filters) -> list:
    """The photos of the PhotoList in area that the filters accept (built at once)."""
    return [photo for photo in photos.photos_at(geometry.rows_inside(photos.lngs, photos.lats, area))
            if filters.accepts_photo(photo)]


class Loader:
    @staticmethod
    def tr(text):
        return QCoreApplication.translate("Loader", text)

    """Shared by every KartaView layer of one API address; thread-safe."""

    def __init__(self, client, cache=None, workers=WORKERS):
        self.client = client
        self.store = Store(cache)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kartaview-load")
        self._lock = threading.RLock()
        self._inflight = {}  # job key -> Future
        self._origins = {}  # job key -> tile keys (or _ALWAYS) whose view needs it
        self._views = OrderedDict()  # owner -> deque of frozensets of tile keys
        self._memos = {}  # owner -> _ViewMemo of its last complete view
        self._view_keys = frozenset()
        self._blocking = Counter()  # job key -> blocking callers waiting for it
        self._failed = {}  # job key -> time of its last failure
        self._reported_at = None
        self._recovered = True
        self._built = {}  # sequence id -> SequenceTrack of the current records
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
            return [("c",) + tile for tile in tiles_for_bbox(bbox, COVERAGE_ZOOM)]
        day = since.isoformat() if since else ""
        return [("p",) + tile + (day,) for tile in tiles_for_bbox(bbox, TILE_ZOOM)]

    # ---- the canvas: never blocks -----------------------------------------------------------------
    def view(self, owner, layer_type, bbox, filters=Filters()) -> ViewResult:
        """What is known now about bbox (EPSG:4326); what is missing is scheduled."""
        view = (layer_type, bbox, filters)
        with self._lock:
            memo = self._memos.get(owner)
        if memo is not None and memo.serves(view, self.store.generation):
            self._want(owner, memo.keys, view)
            return memo.result
        if self.tile_count(layer_type, bbox) > MAX_VIEW_TILES[layer_type]:
            return ViewResult(self.known(layer_type, filters), TOO_LARGE)
        keys = self.tile_keys(layer_type, bbox, filters.since)
        self._want(owner, keys, view)
        generation = self.store.generation  # before the scan: what arrives during it is seen next time
        result = self._scan(keys, layer_type, bbox, filters)
        if result.state == READY:
            with self._lock:
                if owner in self._views:
                    self._memos[owner] = _ViewMemo(view, keys, generation, result)
        return result

    def _scan(self, keys, layer_type, bbox, filters) -> ViewResult:
        # A sequences view needs only each tile's index (its sequences and where they lie).
        found = self._lookup_many(keys, TILE_INDEXES) if layer_type == SEQUENCES else self._lookup_many(keys)
        tiles, states = {}, set()
        for key in keys:
            entry = found.get(key)
            if entry is None and layer_type == SEQUENCES:
                entry = self._derived_index(key)
            if entry is None or not entry[1]:
                states.add(self._schedule(key, {key}))
            if entry is not None:
                tiles[key] = entry[0]
        if layer_type == COVERAGE:
            items = _unique([s for segments in tiles.values() for s in segments], lambda s: s.element_id)
        else:
            items = self._view_records(layer_type, tiles, bbox, filters, states)
        state = LOADING if LOADING in states else FAILED if FAILED in states else READY
        return ViewResult(items, state)

    def _index(self, key):
        """(the index of a tile (tracks.tile_index), fresh) or None when the tile is not known."""
        entry = self._lookup(key, TILE_INDEXES)
        return self._derived_index(key) if entry is None else entry

    def _derived_index(self, key):
        """A tile's index made from the tile itself (a cache written before indexes were): in memory
        only, so it never outlives the tile's expiry."""
        tile = self._lookup(key)
        if tile is None:
            return None
        entry = (tile_index(tile[0]), tile[1])
        self.store.put_memory(TILE_INDEXES, key, *entry)
        return entry

    def _view_records(self, layer_type, tiles, bbox, filters, states):
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
        attributes = self._lookup_many([("s", sequence_id) for sequence_id in origins])
        lines = self._lines([("t", sequence_id) for sequence_id in origins]) if layer_type == SEQUENCES else {}
        sequences, tracks = {}, []
        for sequence_id, keys in origins.items():
            sequence = self._use(("s", sequence_id), attributes, keys, states)
            if sequence is not None and not filters.accepts_sequence(sequence):
                continue
            # Both requests at once: the line need not wait for the attributes.
            line = self._use(("t", sequence_id), lines, keys, states) if layer_type == SEQUENCES else None
            if sequence is None:
                continue
            sequences[sequence_id] = sequence
            if line is not None:
                tracks.append(self.track(sequence, line))
        if layer_type == PHOTOS_LAYER:
            return [photo for photo, _ in photos.values() if photo.sequence_id in sequences]
        return tracks

    def _use(self, job_key, found, origins, states):
        """The value of a job found by _lookup_many (None if not), scheduling the job unless fresh."""
        entry = found.get(job_key)
        if entry is None or not entry[1]:
            states.add(self._schedule(job_key, origins))
        return None if entry is None else entry[0]

    def sequence_track(self, sequence_id, schedule=True):
        """The SequenceTrack of an id if known (None otherwise, scheduling it unless told not to)."""
        states = set()
        origins = {_ALWAYS} if schedule else None
        sequence = self._known(("s", sequence_id), origins, states)
        line = self._known(("t", sequence_id), origins, states, line=True)
        if sequence is None or line is None:
            return None
        return self.track(sequence, line)

    def _known(self, job_key, origins, states, line=False):
        entry = self._lines([job_key]).get(job_key) if line else self._lookup(job_key)
        if origins is not None and (entry is None or not entry[1]):
            states.add(self._schedule(job_key, origins))
        return None if entry is None else entry[0]

    def _lookup(self, job_key, kind=None):
        """(value, fresh) of a job's data (or of its `kind` companion), or None. See _lookup_many."""
        return self._lookup_many([job_key], kind).get(job_key)

    def _lookup_many(self, job_keys, kind=None) -> dict:
        """{job key: (value, fresh)} of the jobs whose data (or its `kind` companion: a tile's index, a
        photo list's line) is known: from memory, or else the disk cache (one query for all) unless the
        job is in flight (memory then holds what the disk had), so renders and fetches while loading make
        no SQLite query per sequence."""
        found = {}
        for store_kind in {kind or _store_kind(job_key) for job_key in job_keys}:
            jobs = {_store_key(job_key): job_key for job_key in job_keys
                    if (kind or _store_kind(job_key)) == store_kind}
            entries = self.store.get_many(store_kind, list(jobs), disk=False)
            with self._lock:
                lacking = [key for key, job_key in jobs.items() if key not in entries and job_key not in self._inflight]
            if lacking:
                entries.update(self.store.get_many(store_kind, lacking))
            found.update((jobs[key], entry) for key, entry in entries.items())
        return found

    def _lines(self, job_keys) -> dict:
        """{("t", id): (TrackLine, fresh)} of the sequences whose line is known; a line missing from a
        cache written before lines were is made from the photo list (in memory only, see _derived_index)."""
        found = self._lookup_many(job_keys, LINES)
        for job_key in job_keys:
            if job_key not in found:
                photos = self._lookup(job_key)
                if photos is not None:
                    found[job_key] = (TrackLine.of(photos[0]), photos[1])
                    self.store.put_memory(LINES, _store_key(job_key), *found[job_key])
        return found

    def known(self, layer_type, filters=Filters()) -> list:
        """Every record in memory now (requests without a rectangle, views too large to load)."""
        if layer_type == SEQUENCES:
            lines = dict(self.store.memory_items(LINES))
            records = []
            for sequence_id, (sequence, _) in self.store.memory_items(SEQUENCE_KIND):
                if sequence is not None and sequence_id in lines and filters.accepts_sequence(sequence):
                    records.append(self.track(sequence, lines[sequence_id][0]))
            return records
        prefix = "c" if layer_type == COVERAGE else "p"
        day = filters.since.isoformat() if filters.since else ""
        tiles = [value for key, (value, _) in self.store.memory_items(TILES)
                 if key[0] == prefix and (prefix == "c" or key[-1] == day)]
        if layer_type == COVERAGE:
            return _unique([s for segments in tiles for s in segments], lambda s: s.element_id)
        sequences = dict(self.store.memory_items(SEQUENCE_KIND))
        photos = _unique([p for tile in tiles for p in tile if filters.accepts_photo(p)], lambda p: p.id)
        if filters.min_quality > 0:
            photos = [p for p in photos if (sequences.get(p.sequence_id) or (None,))[0] is not None
                      and filters.accepts_sequence(sequences[p.sequence_id][0])]
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
        entry = self.store.get(PHOTOS, sequence_id)
        return PhotoList() if entry is None else entry[0].positioned()

    # ---- Processing and scripts: blocks ------------------------------------------------------------
    def fetch(self, layer_type, bbox, filters=Filters(), progress=None, cancel=None, tally=None) -> list:
        """Complete data of bbox (EPSG:4326), waiting for it, and in the disk cache. See fetch_sequences().

        tally: an optional Counter told where the answers came from ("cached": fresh in the cache,
        "downloaded", "stale": KartaView failed and data cached earlier stood in), for the caller to say."""
        owner = object()
        if layer_type == SEQUENCES:  # as a view meanwhile: each page starts its sequences as it arrives
            self._want(owner, self.tile_keys(layer_type, bbox, filters.since), (layer_type, bbox, filters))
        try:
            items = self._fetch(layer_type, bbox, filters, progress, cancel, tally)
        finally:
            self._unwant(owner)
        self.store.flush()  # written by now (mostly while waiting for the network): a new session finds it
        return items

    def _fetch(self, layer_type, bbox, filters, progress, cancel, tally=None) -> list:
        keys = self.tile_keys(layer_type, bbox, filters.since)
        second_step = layer_type == SEQUENCES or filters.min_quality > 0
        tiles = self._gather(keys, progress, cancel, 0.0, 50.0 if second_step else 100.0, tally)
        if layer_type == COVERAGE:
            segments = _unique([s for key in keys for s in tiles[key]], lambda s: s.element_id)
            return [s for s in segments if geometry.line_intersects(bbox, s.track)]
        if layer_type == SEQUENCES:
            near = geometry.expand(bbox, MARGIN_DEG)
            ids = sorted(set().union(*(_sequences_in(tiles[key], near, filters) for key in keys)))
        else:
            photos = _unique([photo for key in keys for photo in _photos_in(tiles[key], bbox, filters)],
                             lambda p: p.id)
            ids = sorted({photo.sequence_id for photo in photos})
        jobs = [("s", i) for i in ids] + ([("t", i) for i in ids] if layer_type == SEQUENCES else [])
        found = self._gather(jobs, progress, cancel, 50.0, 100.0, tally) if second_step else {}
        if layer_type == PHOTOS_LAYER:
            if second_step:
                photos = [p for p in photos if found[("s", p.sequence_id)] is not None
                          and filters.accepts_sequence(found[("s", p.sequence_id)])]
            return sorted(photos, key=lambda p: p.id)
        tracks = [self.track(found[("s", i)], None, found[("t", i)]) for i in ids if found[("s", i)] is not None]
        return [t for t in tracks if filters.accepts_sequence(t.sequence)
                and geometry.line_intersects(bbox, t.coordinates)]

    def fetch_sequence(self, sequence_id, cancel=None):
        """One SequenceTrack by id, waiting for it; None when KartaView does not know the id."""
        found = self._gather([("s", sequence_id), ("t", sequence_id)], None, cancel, 0.0, 100.0)
        sequence = found[("s", sequence_id)]
        return None if sequence is None else self.track(sequence, None, found[("t", sequence_id)])

    def _gather(self, job_keys, progress, cancel, low, high, tally=None):
        """{job key: value} of every job, fresh from the store or fetched; stale data only as a fallback."""
        job_keys = list(dict.fromkeys(job_keys))
        tally = Counter() if tally is None else tally
        results, waiting = {}, {}
        with self._lock:
            self._blocking.update(job_keys)
        try:
            for key in job_keys:
                entry = self._lookup(key)
                if entry is not None and entry[1]:
                    results[key] = entry[0]
                    tally["cached"] += 1
                else:
                    waiting[key] = (self._start(key), entry, 0)
            while waiting:
                if cancel is not None and cancel():
                    raise Cancelled()
                wait([item[0] for item in waiting.values()], timeout=0.1, return_when=FIRST_COMPLETED)
                for key in [key for key, item in waiting.items() if item[0].done()]:
                    future, stale, restarts = waiting.pop(key)
                    try:
                        results[key] = future.result()
                        tally["downloaded"] += 1
                    except Cancelled:  # dropped by a view just before this caller wanted it: again
                        if restarts >= 3:
                            raise
                        waiting[key] = (self._start(key), stale, restarts + 1)
                    except KartaViewError as error:
                        if stale is None:
                            raise
                        log_warning(self.tr("Using KartaView data cached earlier: {}").format(error))
                        results[key] = stale[0]
                        tally["stale"] += 1
                if progress is not None and job_keys:
                    progress(low + (high - low) * len(results) / len(job_keys))
        finally:
            with self._lock:
                self._blocking.subtract(job_keys)
                self._blocking += Counter()  # drop the zeros
        return results

    # ---- scheduling -------------------------------------------------------------------------------
    def _want(self, owner, keys, view):
        """Remember an owner's view: its tiles stay wanted until two newer views of that owner."""
        with self._lock:
            views = self._views.get(owner)
            if views and views[0][1] == views[-1][1] == view:  # the owner asks again: nothing changes
                self._views.move_to_end(owner)
                return
            views = self._views.pop(owner, None) or deque(maxlen=RECENT_VIEWS)
            views.append((frozenset(keys), view))
            self._views[owner] = views
            while len(self._views) > MAX_OWNERS:
                self._memos.pop(self._views.popitem(last=False)[0], None)
            self._view_keys = frozenset().union(*(k for v in self._views.values() for k, _ in v))

    def _unwant(self, owner):
        with self._lock:
            self._memos.pop(owner, None)
            if self._views.pop(owner, None) is not None:
                self._view_keys = frozenset().union(*(k for v in self._views.values() for k, _ in v))

    def _discover(self, tile_key, photos):
        """A page of a tile arrived: start the sequences the views over it need now (not after the whole
        tile and a repaint), so sequence requests overlap with the tile's other pages. Those known in
        memory or on disk are left to the views (one disk query per kind, not one per sequence)."""
        with self._lock:
            views = [view for owned in self._views.values() for keys, view in owned if tile_key in keys]
        attributes, tracks = set(), set()  # the ids needing "s" jobs, "t" jobs
        for layer_type, bbox, filters in views:
            if layer_type == SEQUENCES or filters.min_quality > 0:
                ids = _sequences_in(photos, geometry.expand(bbox, MARGIN_DEG), filters)
                attributes.update(ids)
                if layer_type == SEQUENCES:
                    tracks.update(ids)
        missing_attributes = set(self.store.missing(SEQUENCE_KIND, attributes))
        missing_tracks = set(self.store.missing(PHOTOS, tracks))
        for sequence_id in sorted(attributes):  # a sequence's two requests side by side
            if sequence_id in missing_attributes:
                self._schedule(("s", sequence_id), {tile_key})
            if sequence_id in missing_tracks:
                self._schedule(("t", sequence_id), {tile_key})

    def _wanted(self, job_key) -> bool:
        with self._lock:
            if self._blocking[job_key] > 0:
                return True
            origins = self._origins.get(job_key, ())
            return _ALWAYS in origins or not self._view_keys.isdisjoint(origins)

    def _schedule(self, job_key, origins) -> str:
        """Start job_key for a view unless it failed lately: LOADING, or FAILED when held back."""
        with self._lock:
            self._origins.setdefault(job_key, set()).update(origins)
            if job_key not in self._inflight:
                failed_at = self._failed.get(job_key)
                if failed_at is not None and time.monotonic() - failed_at < RETRY_AFTER_S:
                    return FAILED
            self._start(job_key)
        return LOADING

    def _start(self, job_key) -> Future:
        with self._lock:
            future = self._inflight.get(job_key)
            if future is None:
                future = self._inflight[job_key] = Future()
                self._pool.submit(self._run, job_key, future)
            return future

    def _run(self, job_key, future):
        try:
            with self._lock:
                if not self._wanted(job_key):  # the view moved on before the job started
                    self._inflight.pop(job_key, None)
                    self._origins.pop(job_key, None)
                    future.set_exception(Cancelled())
                    return
            kind = job_key[0]
            if kind == "p":
                self._run_photo_tile(job_key, future)
            elif kind == "c":
                segments = self.client.road_segments(tile_bbox(*job_key[1:4]), COVERAGE_ZOOM,
                                                     cancel=self._canceller(job_key))
                self._succeed(job_key, future, tuple(segments))
            else:
                self._run_sequence_job(job_key, future)
        except Exception as error:  # noqa: BLE001 - a worker must never die silently
            self._fail(job_key, future, error)

    def _run_sequence_job(self, job_key, future):
        """A sequence's attributes ("s") or its photo list ("t")."""
        cancel = self._canceller(job_key)
        try:
            if job_key[0] == "s":
                value = self.client.sequence(job_key[1], cancel=cancel)
            else:
                value = self.client.sequence_photos(job_key[1], cancel=cancel, lazy=True)
        except NotFoundError:  # deleted on KartaView: remembered, not asked again before expiry
            value = None if job_key[0] == "s" else PhotoList()
        self._succeed(job_key, future, value)

    def _canceller(self, job_key):
        return lambda: not self._wanted(job_key)

    def _run_photo_tile(self, key, future):
        """Page 1, then pages 2..N as separate jobs. A tile is complete when every page has arrived and
        scheduled its sequences, so the loader never looks idle while a page is still scheduling."""
        bbox, day = tile_bbox(*key[1:4]), key[4] or None
        cancel = self._canceller(key)
        first, total = self.client.nearby_photos_page(bbox, page=1, ipp=IPP, date=day, cancel=cancel, lazy=True)
        pages = max(1, min(math.ceil(total / IPP), MAX_PAGES))
        if total > IPP * MAX_PAGES:
            log_info("KartaView tile {} has {} photos; only the newest {} are loaded.".format(
                key[1:4], total, IPP * MAX_PAGES))
        parts, left = {}, [pages]

        def arrived(page, photos):
            with self._lock:
                parts[page] = photos
                left[0] -= 1
                complete = left[0] == 0
            if complete and not future.done():
                self._succeed(key, future, PhotoList.concat([parts[n] for n in sorted(parts)]).unique())

        def page_job(page):
            if future.done():
                return
            try:
                photos, _ = self.client.nearby_photos_page(bbox, page=page, ipp=IPP, date=day, cancel=cancel,
                                                           lazy=True)
                self._discover(key, photos)
            except Exception as error:  # noqa: BLE001 - ends the tile with this error
                self._fail(key, future, error)
                return
            arrived(page, photos)

        for page in range(2, pages + 1):
            self._pool.submit(page_job, page)
        self._discover(key, first)  # after queueing the pages: the pool is first come, first served
        arrived(1, first)

    def _succeed(self, job_key, future, value):
        kind, key = _store_kind(job_key), _store_key(job_key)
        entries = [(kind, key, value)]
        # Their compact companions, made while the JSON is at hand (the disk writer packs it): a tile's
        # index, a photo list's line. Written in the same batch, so they expire with them.
        if job_key[0] == "p":
            entries.append((TILE_INDEXES, key, tile_index(value)))
        elif job_key[0] == "t":
            entries.append((LINES, key, TrackLine.of(value)))
        for entry in entries:
            self.store.put_memory(*entry)
        self.store.put_disk_together(entries)  # queued before the result is set: fetch() can flush() it
        with self._lock:
            if self._inflight.get(job_key) is future:
                del self._inflight[job_key]
            self._origins.pop(job_key, None)
            self._failed.pop(job_key, None)
            back = not self._recovered
            self._recovered = True
        if back:
            self._signals.recovered.emit()  # the message bar's warning of the outage can go
        if not future.done():
            future.set_result(value)
        self._signals.arrived.emit()

    def _fail(self, job_key, future, error):
        dropped = isinstance(error, Cancelled)
        with self._lock:
            if self._inflight.get(job_key) is future:
                del self._inflight[job_key]
            if not dropped:
                self._failed[job_key] = time.monotonic()
            if future.done():
                return
            future.set_exception(error)
        if not dropped:
            self._report(error)
            self._signals.arrived.emit()  # repaint: the views that waited for it now say what failed

    def _report(self, error):
        """Tell the user once per outage (message bar via the hub, and the log), not once per tile."""
        now = time.monotonic()
        with self._lock:
            if self._reported_at is not None and not (
                    self._recovered and now - self._reported_at > REPORT_INTERVAL_S):
                return
            self._reported_at, self._recovered = now, False
        if isinstance(error, KartaViewError):
            log_warning(error.message)  # the technical details: the log; the message bar: one sentence
        else:
            log_error("".join(traceback.format_exception(type(error), error, error.__traceback__)))
        self._signals.problem.emit(self.tr("{} The KartaView layers show what was loaded before and load the rest "
                                           "once KartaView answers.").format(user_message(error)))

    def pending(self) -> int:
        """Requests in flight or queued (0 when the loader is idle)."""
        with self._lock:
            return len(self._inflight)

    def shutdown(self, wait=False):
        """Stop: queued requests are dropped; wait: until the threads have ended (and the cache is written)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)
        self.store.close(wait)

    # ---- a layer's Reload ---------------------------------------------------------------------------
    def refresh(self, layer_type, areas, filters=Filters()) -> list:
        """Ask the server again for the tiles covering `areas` (EPSG:4326 bboxes) and the sequences
        seen there, even what memory or the disk cache hold as fresh; held-back failures are retried.
        What is known stays served until the answers replace it (each arrival repaints as usual), so
        a reload never blanks the layer, nor empties it offline. Returns the requests' futures."""
        jobs = {}
        needs_sequences = layer_type == SEQUENCES or (layer_type == PHOTOS_LAYER and filters.min_quality > 0)
        for bbox in areas:
            keys = self.tile_keys(layer_type, bbox, filters.since)
            jobs.update(dict.fromkeys(keys))
            near = geometry.expand(bbox, MARGIN_DEG)
            for key in keys if needs_sequences else ():
                entry = self._index(key)
                for sequence_id in _indexed_sequences(entry[0], near, filters) if entry else ():
                    jobs[("s", sequence_id)] = None
                    if layer_type == SEQUENCES:
                        jobs[("t", sequence_id)] = None
        with self._lock:
            for job_key in jobs:
                self._failed.pop(job_key, None)
                self._origins.setdefault(job_key, set()).add(_ALWAYS)  # asked for: never dropped
            return [self._start(job_key) for job_key in jobs]


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


def fetch_sequences(extent, filters=None, *, progress=None, cancel=None) -> list:
    """Every KartaView sequence whose line touches `extent`, complete, waiting for the network.

    extent: (min_lng, min_lat, max_lng, max_lat) in EPSG:4326. filters: uri.Filters or None.
    progress: optional callable(percent 0-100); cancel: optional callable() -> True to give up.
    Returns [SequenceTrack] sorted by sequence id: .sequence (client Sequence: attributes),
    .photos (positioned Photos by index), .coordinates ((lng, lat), ...), .first_shot, .last_shot, .url.
    Uses and fills the on-disk cache. Raises client.errors.Cancelled when cancelled and a
    KartaViewError when part of the data could not be loaded (and was not cached before).
    Call it from a worker thread (Processing does): it blocks.
    """
    return default_loader().fetch(SEQUENCES, extent, filters or Filters(), progress=progress, cancel=cancel)
