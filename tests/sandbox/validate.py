"""Parameter checks with the 2016 server's codes: 610 missing, 611 wrong type, 612 out of range."""

import re

from .envelopes import ApiError

_INT = re.compile(r"^-?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def required(params, name):
    value = params.get(name)
    if value is None or value.strip() == "":
        raise ApiError(610, name)
    return value.strip()


def integer(params, name, low, high, default=None):
    value = params.get(name)
    if value is None or value.strip() == "":
        if default is None:
            raise ApiError(610, name)
        return default
    if not _INT.match(value.strip()):
        raise ApiError(611, name)
    number = int(value)
    if not low <= number <= high:
        raise ApiError(612, name)
    return number


def number(params, name, low, high, default=None):
    value = params.get(name)
    if value is None or value.strip() == "":
        if default is None:
            raise ApiError(610, name)
        return default
    try:
        result = float(value)
    except ValueError:
        raise ApiError(611, name) from None
    if not low <= result <= high:  # also rejects nan
        raise ApiError(612, name)
    return result


def coordinate(value, name):
    """(lat, lng) from "lat,lng"."""
    try:
        lat, lng = (float(part) for part in value.split(","))
    except ValueError:
        raise ApiError(611, name) from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ApiError(612, name)
    return lat, lng


def corners(params, top_left, bottom_right):
    """(min_lat, min_lng, max_lat, max_lng) from two "lat,lng" corners, whichever way round they are."""
    lat1, lng1 = coordinate(required(params, top_left), top_left)
    lat2, lng2 = coordinate(required(params, bottom_right), bottom_right)
    return min(lat1, lat2), min(lng1, lng2), max(lat1, lat2), max(lng1, lng2)


def date(params, name):
    value = params.get(name, "").strip()
    if not value:
        return None
    if not _DATE.match(value):
        raise ApiError(611, name)
    return value
