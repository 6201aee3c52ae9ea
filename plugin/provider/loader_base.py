"""What the loader's parts share: the tile grids, the limits (each with its reason), the states of a
view, and the pure helpers that pick a view's records out of tiles."""

from dataclasses import dataclass

from ..client.paging import MAX_PAGES as CLIENT_MAX_PAGES
from ..client.tiles import MAX_LAT
from . import geometry
from .uri import COVERAGE, PHOTOS, SEQUENCES, Filters

TILE_ZOOM = 14  # nearby-photos tiles (iD and Rapid use the same grid)
COVERAGE_ZOOM = 12  # road-coverage tiles: coverage is for looking at a whole city
# Views needing more tiles than this are not loaded (the layer says "zoom in"): at most ~2 s of
# requests at 100 ms latency in the benchmark; see tests/bench/bench_provider.py.
MAX_VIEW_TILES = {SEQUENCES: 16, PHOTOS: 4, COVERAGE: 24}
IPP = 1000
MAX_PAGES = CLIENT_MAX_PAGES  # a tile's pages at most (see client/paging.py); past it the user is told
# A blocking fetch (Processing) lists its tiles, keeps every tile's photos until the end and sends at
# least one request a tile: the world at z14 is 268 million tiles, over 3 GB for their list alone,
# before a single request. 1,024 tiles is a ~55 km square at z14 (a metropolitan area) and a ~220 km
# one at z12 (coverage): over a thousand requests already. Larger extents are refused before anything
# is listed (the count is arithmetic), with a message saying to split them.
MAX_FETCH_TILES = 1024
WORKERS = 12
RETRY_AFTER_S = 30.0  # a failed request is not repeated by the canvas before this
REPORT_INTERVAL_S = 60.0
# Photos are ~10 m apart: one within this margin of a rectangle finds every line crossing it.
MARGIN_DEG = 0.0005
RECENT_VIEWS = 2  # per layer, the last two views stay wanted (a view and an identify, say)
MAX_OWNERS = 64

READY, LOADING, FAILED, TOO_LARGE = "ready", "loading", "failed", "too_large"
_ALWAYS = "always"  # origin of a job nobody may drop (a feature asked for by id)


@dataclass
class ViewResult:
    items: list  # SequenceTrack, Photo or RoadSegment by layer type
    state: str  # READY, LOADING (more will arrive), FAILED (some could not be loaded), TOO_LARGE
    note: str = ""  # what the user should know of the data shown (a page cap cut it, records rejected)


def _clip(bbox):
    return (max(-180.0, bbox[0]), max(-MAX_LAT, bbox[1]), min(180.0, bbox[2]), min(MAX_LAT, bbox[3]))


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
