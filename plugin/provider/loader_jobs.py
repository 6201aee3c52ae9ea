"""The loader's jobs: which requests the views want, running them on the pool (a photo tile's pages,
a coverage tile, a sequence's attributes or photo list), storing what arrives and telling the user
once per outage, and a layer's Reload."""

import time
import traceback
from collections import deque
from concurrent.futures import Future
from typing import NamedTuple

from qgis.PyQt.QtCore import QCoreApplication

from ..client import paging
from ..client.errors import Cancelled, KartaViewError, NotFoundError
from ..client.models import PhotoList
from ..client.tiles import tile_bbox
from ..core.cache import LINES, PHOTO_LISTS, SEQUENCE_RECORDS, TILE_INDEXES
from ..core.log import log_error, log_warning
from ..core.messages import user_message
from . import geometry
from .jobs import CoverageTile, PhotoTile, SequenceAttributes, SequencePhotos
from .loader_base import (
    _ALWAYS,
    COVERAGE_ZOOM,
    FAILED,
    IPP,
    LOADING,
    MARGIN_DEG,
    MAX_OWNERS,
    MAX_PAGES,
    RECENT_VIEWS,
    REPORT_INTERVAL_S,
    RETRY_AFTER_S,
    _indexed_sequences,
    _sequences_in,
)
from .tracks import TrackLine, tile_index
from .uri import PHOTOS, SEQUENCES, Filters


class _WantedView(NamedTuple):
    """A view an owner asked for lately: its tiles stay wanted."""
    keys: frozenset
    view: tuple  # (layer type, bbox, Filters)


class LoaderJobs:
    """Scheduling and running of the Loader's requests (a part of Loader; see loader.py)."""

    @staticmethod
    def tr(text):
        return QCoreApplication.translate("LoaderJobs", text)

    # ---- scheduling -------------------------------------------------------------------------------
    def _want(self, owner, keys, view):
        """Remember an owner's view: its tiles stay wanted until two newer views of that owner."""
        with self._lock:
            views = self._views.get(owner)
            if views and views[0].view == views[-1].view == view:  # the owner asks again: nothing changes
                self._views.move_to_end(owner)
                return
            views = self._views.pop(owner, None) or deque(maxlen=RECENT_VIEWS)
            views.append(_WantedView(frozenset(keys), view))
            self._views[owner] = views
            while len(self._views) > MAX_OWNERS:
                self._memos.pop(self._views.popitem(last=False)[0], None)
            self._view_keys = frozenset().union(*(wanted.keys for v in self._views.values() for wanted in v))

    def _unwant(self, owner):
        with self._lock:
            self._memos.pop(owner, None)
            if self._views.pop(owner, None) is not None:
                self._view_keys = frozenset().union(*(wanted.keys for v in self._views.values() for wanted in v))

    def _discover(self, tile_key, photos):
        """A page of a tile arrived: start the sequences the views over it need now (not after the whole
        tile and a repaint), so sequence requests overlap with the tile's other pages. Those known in
        memory or on disk are left to the views (one disk query per kind, not one per sequence)."""
        with self._lock:
            views = [wanted.view for owned in self._views.values() for wanted in owned if tile_key in wanted.keys]
        attributes, tracks = set(), set()  # the ids needing SequenceAttributes jobs, SequencePhotos jobs
        for layer_type, bbox, filters in views:
            if layer_type == SEQUENCES or filters.min_quality > 0:
                ids = _sequences_in(photos, geometry.expand(bbox, MARGIN_DEG), filters)
                attributes.update(ids)
                if layer_type == SEQUENCES:
                    tracks.update(ids)
        missing_attributes = set(self.store.missing(SEQUENCE_RECORDS, attributes))
        missing_tracks = set(self.store.missing(PHOTO_LISTS, tracks))
        for sequence_id in sorted(attributes):  # a sequence's two requests side by side
            if sequence_id in missing_attributes:
                self._schedule(SequenceAttributes(sequence_id), {tile_key})
            if sequence_id in missing_tracks:
                self._schedule(SequencePhotos(sequence_id), {tile_key})

    def _wanted(self, job_key) -> bool:
        with self._lock:
            if self._closed:  # shut down: requests under way give up at their next check
                return False
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
            if isinstance(job_key, PhotoTile):
                self._run_photo_tile(job_key, future)
            elif isinstance(job_key, CoverageTile):
                segments = self.client.road_segments(tile_bbox(job_key.zoom, job_key.x, job_key.y), COVERAGE_ZOOM,
                                                     max_pages=MAX_PAGES, cancel=self._canceller(job_key))
                self._note(job_key, segments.paging)
                self._succeed(job_key, future, tuple(segments))
            else:
                self._run_sequence_job(job_key, future)
        except Exception as error:  # noqa: BLE001 - a worker must never die silently
            self._fail(job_key, future, error)

    def _run_sequence_job(self, job_key, future):
        """A sequence's attributes (SequenceAttributes) or its photo list (SequencePhotos)."""
        cancel = self._canceller(job_key)
        record = isinstance(job_key, SequenceAttributes)
        try:
            if record:
                value = self.client.sequence(job_key.sequence_id, cancel=cancel)
            else:
                value = self.client.sequence_photos(job_key.sequence_id, cancel=cancel, lazy=True)
        except NotFoundError:  # deleted on KartaView: remembered, not asked again before expiry
            value = None if record else PhotoList()
        self._succeed(job_key, future, value)

    def _canceller(self, job_key):
        return lambda: not self._wanted(job_key)

    def _run_photo_tile(self, key, future):
        """Page 1, then pages 2..N as separate jobs. A tile is complete when every page has arrived and
        scheduled its sequences, so the loader never looks idle while a page is still scheduling."""
        bbox, day = tile_bbox(key.zoom, key.x, key.y), key.day or None
        cancel = self._canceller(key)
        first, total = self.client.nearby_photos_page(bbox, page=1, ipp=IPP, date=day, cancel=cancel, lazy=True)
        # Pages follow the items page 1 really held (a server may cap them below IPP) and the total.
        size = len(first) + first.rejected
        pages, cut = paging.plan(size, total, IPP, MAX_PAGES)
        parts, left = {}, [pages]

        def arrived(page, photos):
            with self._lock:
                parts[page] = photos
                left[0] -= 1
                complete = left[0] == 0
            if complete and not future.done():
                counts = [len(parts[n]) + parts[n].rejected for n in sorted(parts)]
                # cut only if the last page was still full: a shorter one is the end of the list
                self._note(key, paging.Paging(total, sum(counts), sum(parts[n].rejected for n in parts), pages,
                                              cut and counts[-1] >= size > 0))
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

    def _note(self, job_key, seen):
        """Remember what the user must be told of a job's data (a client.paging.Paging): the page cap
        cut it, or records were rejected. Kept for the session, with the data it speaks of."""
        with self._lock:
            if seen.cut or seen.rejected:
                self._notes[job_key] = seen
            else:
                self._notes.pop(job_key, None)

    def note(self, job_keys) -> str:
        """One sentence for the user about the data of these jobs ("" when it is whole)."""
        with self._lock:
            seen = [self._notes[key] for key in job_keys if key in self._notes]
        if not seen:
            return ""
        total = sum(seen, paging.Paging())
        parts = []
        cut = [one for one in seen if one.cut]
        if cut:
            parts.append(self.tr("KartaView has more data in {} map tile(s) than the plugin reads per tile ({} pages): "
                                 "{} of the {} records it reported there were loaded, the newest first.").format(
                len(cut), MAX_PAGES, sum(one.received for one in cut), sum(one.claimed or 0 for one in cut)))
        if total.rejected:
            parts.append(self.tr("{} record(s) KartaView sent could not be read (a missing or out-of-range id) "
                                 "and were left out.").format(total.rejected))
        return " ".join(parts)

    def _succeed(self, job_key, future, value):
        key = job_key.store_key
        entries = [(job_key.store_kind, key, value)]
        # Their compact companions, made while the JSON is at hand (the disk writer packs it): a tile's
        # index, a photo list's line. Written in the same batch, so they expire with them.
        if isinstance(job_key, PhotoTile):
            entries.append((TILE_INDEXES, key, tile_index(value)))
        elif isinstance(job_key, SequencePhotos):
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
            settled = future.done()
            if not settled:
                future.set_exception(error)
            # A view may have asked for the job between its cancel check and now: that view counts it as
            # loading and waits for it, so it runs again rather than leave the layer loading for ever.
            if dropped and self._wanted(job_key):
                try:
                    self._start(job_key)
                except RuntimeError:  # the loader is shutting down
                    pass
        if not dropped and not settled:
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
        """Stop: queued requests are dropped, those under way give up (their retries too); wait: until
        the threads have ended (and the cache is written)."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)
        self.store.close(wait)

    # ---- a layer's Reload ---------------------------------------------------------------------------
    def refresh(self, layer_type, areas, filters=Filters()) -> list:
        """Ask the server again for the tiles covering `areas` (EPSG:4326 bboxes) and the sequences
        seen there, even what memory or the disk cache hold as fresh; held-back failures are retried.
        What is known stays served until the answers replace it (each arrival repaints as usual), so
        a reload never blanks the layer, nor empties it offline. Returns the requests' futures."""
        jobs = {}
        needs_sequences = layer_type == SEQUENCES or (layer_type == PHOTOS and filters.min_quality > 0)
        for bbox in areas:
            keys = self.tile_keys(layer_type, bbox, filters.since)
            jobs.update(dict.fromkeys(keys))
            near = geometry.expand(bbox, MARGIN_DEG)
            for key in keys if needs_sequences else ():
                entry = self._index(key)
                for sequence_id in _indexed_sequences(entry.value, near, filters) if entry else ():
                    jobs[SequenceAttributes(sequence_id)] = None
                    if layer_type == SEQUENCES:
                        jobs[SequencePhotos(sequence_id)] = None
        with self._lock:
            for job_key in jobs:
                self._failed.pop(job_key, None)
                self._origins.setdefault(job_key, set()).add(_ALWAYS)  # asked for: never dropped
            return [self._start(job_key) for job_key in jobs]
