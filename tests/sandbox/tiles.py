"""Coverage raster tiles (`GET /2.0/sequence/tiles/{x}/{y}/{z}.png`) drawn from the world's sequences.

The real server takes x, y and zoom LAST (KartaView's Android app; real-api-behaviours §E.44) and the
web site's filters as query parameters. A z/x/y request reads as an impossible tile here (its zoom
is the real y, far above 22, or its y outside the grid) and answers 404, so a client using the wrong
order sees no tiles at all, as against the real server.
"""

import math
import weakref

from . import validate
from .envelopes import ApiError

MAX_TILE_ZOOM = 22
FILTERS = ("startDate", "endDate", "userId", "fieldOfView", "platform", "sequenceType")
_segments_by_element = weakref.WeakKeyDictionary()  # world -> {element_id: segment}


def tile_bbox(x, y, z):
    """(min_lat, min_lng, max_lat, max_lng) of a slippy-map tile."""
    def lat(row):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / 2 ** z))))

    west, east = x / 2 ** z * 360 - 180, (x + 1) / 2 ** z * 360 - 180
    return lat(y + 1), west, lat(y), east


def tile_filters(params):
    """The tile filters of a request, checked like the other routes' parameters (611 for a bad date)."""
    filters = {}
    for name in ("startDate", "endDate"):
        value = validate.date(params, name)
        if value:
            filters[name] = value
    for name in ("userId", "fieldOfView", "platform", "sequenceType"):
        value = (params.get(name) or "").strip()
        if value:
            filters[name] = value
    if "fieldOfView" in filters and filters["fieldOfView"] not in ("360", "plane"):
        raise ApiError(612, "fieldOfView")
    return filters


def sequence_matches(sequence, filters):
    """Does a v2 sequence record pass the tile filters? Dates are upload dates (dateAdded)."""
    day = sequence["dateAdded"][:10]
    if "startDate" in filters and day < filters["startDate"]:
        return False
    if "endDate" in filters and day > filters["endDate"]:
        return False
    if "userId" in filters and sequence["userId"] != filters["userId"]:
        return False
    if "fieldOfView" in filters and (sequence.get("fieldOfView") == "360") != (filters["fieldOfView"] == "360"):
        return False
    if "platform" in filters and (sequence.get("platformName") or "").lower() != filters["platform"].lower():
        return False
    return "sequenceType" not in filters or sequence.get("sequenceType") == filters["sequenceType"]


def tile_lines(world, x, y, z, filters):
    """The tracks ((lat, lng), ...) of the roads driven by the filtered sequences crossing the tile."""
    by_element = _segments_by_element.get(world)
    if by_element is None:
        by_element = _segments_by_element[world] = {s.element_id: s for s in world.segments}
    lines, seen = [], set()
    for sequence in world.sequences_in_bbox(tile_bbox(x, y, z)):
        if not sequence_matches(sequence, filters):
            continue
        for element_id in world.sequence_segments[int(sequence["id"])]:
            if element_id not in seen:
                seen.add(element_id)
                lines.append(by_element[element_id].track)
    return lines


def cache_key(x, y, z, filters):
    return "tile/{}/{}/{}/{}".format(z, x, y, "&".join("{}={}".format(k, filters[k]) for k in sorted(filters)))
