"""Slippy-map (XYZ, Web Mercator) tile math. BBox = (min_lng, min_lat, max_lng, max_lat), EPSG:4326."""

import math

MAX_LAT = 85.0511287798066  # Web Mercator's latitude limit: tiles are square only up to here


def _tile_x(lng: float, n: int) -> int:
    return min(n - 1, max(0, int(math.floor((lng + 180.0) / 360.0 * n))))


def _tile_y(lat: float, n: int) -> int:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    rad = math.radians(lat)
    y = (1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n
    return min(n - 1, max(0, int(math.floor(y))))


def _tile_lat(y: int, n: int) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y / n))))


def tile_bbox(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """The (min_lng, min_lat, max_lng, max_lat) of tile z/x/y."""
    n = 2 ** z
    return (x / n * 360.0 - 180.0, _tile_lat(y + 1, n), (x + 1) / n * 360.0 - 180.0, _tile_lat(y, n))


def tiles_for_bbox(bbox, z: int) -> list[tuple[int, int, int]]:
    """Every (z, x, y) tile that intersects `bbox`, row by row from the north-west corner.

    A bbox edge lying exactly on a tile boundary does not pull in the neighbouring tile.
    """
    min_lng, min_lat, max_lng, max_lat = bbox
    if min_lng > max_lng or min_lat > max_lat:
        raise ValueError("bbox must be (min_lng, min_lat, max_lng, max_lat), got {!r}".format(bbox))
    n = 2 ** z
    x0, x1 = _tile_x(min_lng, n), _tile_x(max_lng, n)
    y0, y1 = _tile_y(max_lat, n), _tile_y(min_lat, n)
    # Exclusive east/south edges: a max on a boundary belongs to the tile before it.
    if x1 > x0 and math.isclose(tile_bbox(z, x1, 0)[0], max_lng, abs_tol=1e-12):
        x1 -= 1
    if y1 > y0 and math.isclose(tile_bbox(z, 0, y1)[3], min_lat, abs_tol=1e-12):
        y1 -= 1
    return [(z, x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
