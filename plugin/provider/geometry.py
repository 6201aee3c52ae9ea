"""Pure-Python geometry on (lng, lat) tuples, for the blocking fetch (no QGIS objects there)."""


def expand(bbox, margin):
    min_lng, min_lat, max_lng, max_lat = bbox
    return (max(-180.0, min_lng - margin), max(-90.0, min_lat - margin),
            min(180.0, max_lng + margin), min(90.0, max_lat + margin))


def contains(bbox, lng, lat) -> bool:
    return bbox[0] <= lng <= bbox[2] and bbox[1] <= lat <= bbox[3]


def rows_inside(lngs, lats, bbox) -> list:
    """Row numbers of the points (given as columns; None for no position) inside the closed bbox."""
    min_lng, min_lat, max_lng, max_lat = bbox
    return [row for row, (lng, lat) in enumerate(zip(lngs, lats))
            if lat is not None and min_lng <= lng <= max_lng and min_lat <= lat <= max_lat]


def intersects(a, b) -> bool:
    """Do two bboxes touch?"""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _segment_hits(bbox, a, b) -> bool:
    """Liang-Barsky: does the segment a-b touch the closed rectangle?"""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - bbox[0]), (dx, bbox[2] - x0), (-dy, y0 - bbox[1]), (dy, bbox[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def line_intersects(bbox, coordinates) -> bool:
    """Does the polyline (or single point) touch the bbox?"""
    if not coordinates:
        return False
    if len(coordinates) == 1:
        return contains(bbox, *coordinates[0])
    return any(_segment_hits(bbox, a, b) for a, b in zip(coordinates, coordinates[1:]))


def bounds(coordinates):
    """(min_lng, min_lat, max_lng, max_lat) of points, or None."""
    if not coordinates:
        return None
    lngs = [point[0] for point in coordinates]
    lats = [point[1] for point in coordinates]
    return (min(lngs), min(lats), max(lngs), max(lats))
