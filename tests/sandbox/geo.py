"""Small-distance geodesy on lat/lng degrees: good to centimetres over a city, and fast."""

import math

EARTH_RADIUS_M = 6371008.8
M_PER_DEG_LAT = math.pi * EARTH_RADIUS_M / 180.0


def metres_per_deg_lng(lat):
    return M_PER_DEG_LAT * math.cos(math.radians(lat))


def distance_m(lat1, lng1, lat2, lng2):
    """Haversine distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1, lng1, lat2, lng2):
    """Initial compass bearing from point 1 to point 2, 0..360."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lng2 - lng1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def offset(lat, lng, north_m, east_m):
    """The point `north_m` metres north and `east_m` metres east of (lat, lng)."""
    return lat + north_m / M_PER_DEG_LAT, lng + east_m / metres_per_deg_lng(lat)


def bbox_contains(bbox, lat, lng):
    """bbox = (min_lat, min_lng, max_lat, max_lng)."""
    return bbox[0] <= lat <= bbox[2] and bbox[1] <= lng <= bbox[3]


def bboxes_intersect(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
