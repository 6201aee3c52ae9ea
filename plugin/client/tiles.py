"""Slippy-map (XYZ, Web Mercator) tile math. BBox = (min_lng, min_lat, max_lng, max_lat), EPSG:4326."""

import math
from urllib.parse import urlencode

MAX_LAT = 85.0511287798066  # Web Mercator's latitude limit: tiles are square only up to here
# Tile coordinates closer than this to an integer count as on the boundary (float round-off).
_EPSILON = 1e-9


def _x(lng: float, n: int) -> float:
    return (lng + 180.0) / 360.0 * n


def _y(lat: float, n: int) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n


def _tile_lat(y: int, n: int) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y / n))))


def _span(start: float, end: float, n: int) -> range:
    """Tile indexes covering [start, end]; an end exactly on a boundary does not add the next tile."""
    first = min(n - 1, max(0, math.floor(start + _EPSILON)))
    last = min(n - 1, max(first, math.ceil(end - _EPSILON) - 1))
    return range(first, last + 1)


def tile_bbox(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """The (min_lng, min_lat, max_lng, max_lat) of tile z/x/y."""
    n = 2 ** z
    return (x / n * 360.0 - 180.0, _tile_lat(y + 1, n), (x + 1) / n * 360.0 - 180.0, _tile_lat(y, n))


def tiles_for_bbox(bbox, z: int) -> list[tuple[int, int, int]]:
    """Every (z, x, y) tile that intersects `bbox`, row by row from the north-west corner."""
    min_lng, min_lat, max_lng, max_lat = bbox
    if min_lng > max_lng or min_lat > max_lat:
        raise ValueError("bbox must be (min_lng, min_lat, max_lng, max_lat), got {!r}".format(bbox))
    n = 2 ** z
    xs = _span(_x(min_lng, n), _x(max_lng, n), n)
    ys = _span(_y(max_lat, n), _y(min_lat, n), n)  # y grows southwards
    return [(z, x, y) for y in ys for x in xs]


# KartaView's coverage overview: PNG tiles, x and y first and the zoom LAST (real-api-behaviours §E.44).
COVERAGE_TILES_PATH = "2.0/sequence/tiles/{x}/{y}/{z}.png"
COVERAGE_TILES_MAX_ZOOM = 20  # the real tiles have content up to z20


def coverage_tiles_url(base_url: str, since=None, until=None, only_360=False) -> str:
    """The XYZ template of the coverage tiles with the filters the endpoint takes: upload dates
    (startDate/endDate, YYYY-MM-DD) and fieldOfView=360. The braces stay literal for the map client."""
    query = []
    if since is not None:
        query.append(("startDate", since.isoformat()))
    if until is not None:
        query.append(("endDate", until.isoformat()))
    if only_360:
        query.append(("fieldOfView", "360"))
    url = base_url.rstrip("/") + "/" + COVERAGE_TILES_PATH
    return url + ("?" + urlencode(query) if query else "")
