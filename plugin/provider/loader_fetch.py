"""The loader's blocking side, for Processing, scripts and the coverage-gaps analysis: complete data
of an extent, waiting for the network, with progress and cancel."""

from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import NamedTuple, Optional

from qgis.PyQt.QtCore import QCoreApplication

from ..client.errors import Cancelled, KartaViewError
from ..core.log import log_warning
from . import geometry
from .jobs import SequenceAttributes, SequencePhotos
from .loader_base import (
    MARGIN_DEG,
    MAX_FETCH_TILES,
    _photos_in,
    _sequences_in,
    _unique,
)
from .store import Entry
from .uri import COVERAGE, PHOTOS, SEQUENCES, Filters


class _Waiting(NamedTuple):
    """A job a blocking fetch waits for."""
    future: Future
    stale: Optional[Entry]  # what the cache had, to stand in if KartaView fails
    restarts: int  # times it was dropped by a view and started again


class LoaderFetch:
    """Blocking fetches of the Loader (a part of Loader; see loader.py)."""

    @staticmethod
    def tr(text):
        return QCoreApplication.translate("LoaderFetch", text)

    # ---- Processing and scripts: blocks ------------------------------------------------------------
    def fetch(self, layer_type, bbox, filters=Filters(), progress=None, cancel=None, warn=None, tally=None) -> list:
        """Complete data of bbox (EPSG:4326), waiting for it, and in the disk cache. See fetch_sequences().
        warn: optional callable(message) told what the user should know of the data (a page cap cut it,
        records were rejected). An extent of more than MAX_FETCH_TILES tiles raises KartaViewError at once.
        tally: an optional Counter told where the answers came from ("cached": fresh in the cache,
        "downloaded", "stale": KartaView failed and data cached earlier stood in), for the caller to say."""
        self.check_extent(layer_type, bbox)
        owner = object()
        if layer_type == SEQUENCES:  # as a view meanwhile: each page starts its sequences as it arrives
            self._want(owner, self.tile_keys(layer_type, bbox, filters.since), (layer_type, bbox, filters))
        try:
            items = self._fetch(layer_type, bbox, filters, progress, cancel, tally)
        finally:
            self._unwant(owner)
        self.store.flush()  # written by now (mostly while waiting for the network): a new session finds it
        note = self.note(self.tile_keys(layer_type, bbox, filters.since))
        if note and warn is not None:
            warn(note)
        return items

    def check_extent(self, layer_type, bbox):
        """Raise KartaViewError when bbox needs more than MAX_FETCH_TILES tiles (counted, never listed)."""
        count = self.tile_count(layer_type, bbox)
        if count > MAX_FETCH_TILES:
            raise KartaViewError(self.tr(
                "The extent is too large to download from KartaView at once: it covers {} map tiles, and at "
                "most {} are downloaded in one run (a metropolitan area). Choose a smaller extent, or split it "
                "into parts and run the download on each.").format(count, MAX_FETCH_TILES))

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
        jobs = [SequenceAttributes(i) for i in ids]
        if layer_type == SEQUENCES:
            jobs += [SequencePhotos(i) for i in ids]
        found = self._gather(jobs, progress, cancel, 50.0, 100.0, tally) if second_step else {}
        if layer_type == PHOTOS:
            if second_step:
                photos = [p for p in photos if found[SequenceAttributes(p.sequence_id)] is not None
                          and filters.accepts_sequence(found[SequenceAttributes(p.sequence_id)])]
            return sorted(photos, key=lambda p: p.id)
        tracks = [self.track(found[SequenceAttributes(i)], None, found[SequencePhotos(i)]) for i in ids
                  if found[SequenceAttributes(i)] is not None]
        return [t for t in tracks if filters.accepts_sequence(t.sequence)
                and geometry.line_intersects(bbox, t.coordinates)]

    def fetch_sequence(self, sequence_id, cancel=None):
        """One SequenceTrack by id, waiting for it; None when KartaView does not know the id."""
        record, photos = SequenceAttributes(sequence_id), SequencePhotos(sequence_id)
        found = self._gather([record, photos], None, cancel, 0.0, 100.0)
        return None if found[record] is None else self.track(found[record], None, found[photos])

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
                if entry is not None and entry.fresh:
                    results[key] = entry.value
                    tally["cached"] += 1
                else:
                    waiting[key] = _Waiting(self._start(key), entry, 0)
            while waiting:
                if cancel is not None and cancel():
                    raise Cancelled()
                wait([item.future for item in waiting.values()], timeout=0.1, return_when=FIRST_COMPLETED)
                for key in [key for key, item in waiting.items() if item.future.done()]:
                    future, stale, restarts = waiting.pop(key)
                    try:
                        results[key] = future.result()
                        tally["downloaded"] += 1
                    except Cancelled:  # dropped by a view just before this caller wanted it: again
                        if restarts >= 3:
                            raise
                        waiting[key] = _Waiting(self._start(key), stale, restarts + 1)
                    except KartaViewError as error:
                        if stale is None:
                            raise
                        log_warning(self.tr("Using KartaView data cached earlier: {}").format(error))
                        results[key] = stale.value
                        tally["stale"] += 1
                if progress is not None and job_keys:
                    progress(low + (high - low) * len(results) / len(job_keys))
        finally:
            with self._lock:
                self._blocking.subtract(job_keys)
                self._blocking += Counter()  # drop the zeros
        return results

