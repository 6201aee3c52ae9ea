"""Small spherical-earth helpers for the photo dock (WGS 84 degrees, metres)."""

import math

EARTH_RADIUS_M = 6371008.8


def distance_m(lng1, lat1, lng2, lat2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def destination(lng, lat, bearing_deg, distance):
    """The (lng, lat) `distance` metres from (lng, lat) along the compass bearing."""
    lat1, lng1, bearing = math.radians(lat), math.radians(lng), math.radians(bearing_deg)
    angular = distance / EARTH_RADIUS_M
    lat2 = math.asin(math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing))
    lng2 = lng1 + math.atan2(math.sin(bearing) * math.sin(angular) * math.cos(lat1),
                             math.cos(angular) - math.sin(lat1) * math.sin(lat2))
    return math.degrees(lng2), math.degrees(lat2)
