"""The planner's checks: of one photo (an uploadable JPEG file, a usable position, time and heading)
and between two photos in upload order (too far apart to share a sequence, a near-duplicate)."""

from __future__ import annotations

import math
import os
from datetime import datetime, timezone
from typing import Optional

from .jpeg import CORRUPT, check_jpeg
from .plan_types import (
    REASON_CORRUPT_JPEG,
    REASON_MISSING_FILE,
    REASON_NOT_JPEG,
    REASON_TOO_LARGE,
    PlanOptions,
)

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # the server's PHP limit ("20M") on the `photo` part
DUPLICATE_METERS = 0.5
DUPLICATE_DEGREES = 5.0


def distance_m(lat1, lng1, lat2, lng2) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))


def check_file(path):
    """(os.stat result, None, "") for an uploadable JPEG; (None, REASON_*, detail) otherwise."""
    try:
        stat = os.stat(path)
    except OSError as error:
        return None, REASON_MISSING_FILE, error.strerror or ""
    if not os.path.isfile(path):
        return None, REASON_MISSING_FILE, "not a file"
    if stat.st_size > MAX_PHOTO_BYTES:
        return None, REASON_TOO_LARGE, "{:.1f} MB".format(stat.st_size / 1024 / 1024)
    try:
        problem = check_jpeg(path)
    except OSError as error:
        return None, REASON_MISSING_FILE, error.strerror or str(error)
    if problem is not None:
        kind, detail = problem
        return None, REASON_CORRUPT_JPEG if kind == CORRUPT else REASON_NOT_JPEG, detail
    return stat, None, ""


def has_position(lat, lng) -> bool:
    if lat is None or lng is None:
        return False
    try:
        lat, lng = float(lat), float(lng)
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return False
    if lat == 0 and lng == 0:  # the "no fix" position of many cameras
        return False
    return -90 <= lat <= 90 and -180 <= lng <= 180


def utc(value) -> Optional[datetime]:
    """A datetime as naive UTC; None for anything else."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def heading(value) -> Optional[float]:
    """Degrees modulo 360; None when missing or not a finite number."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value % 360.0 if math.isfinite(value) else None


def too_far(previous, photo, options: PlanOptions) -> bool:
    """Whether a gap in time or distance starts a new sequence (photos with lat, lng and captured_at)."""
    seconds = (photo.captured_at - previous.captured_at).total_seconds()
    if seconds > options.max_gap_seconds:
        return True
    return distance_m(previous.lat, previous.lng, photo.lat, photo.lng) > options.max_gap_meters


def near_duplicate(a, b) -> bool:
    """Within 0.5 m and 5° of the last kept one (a camera standing at a red light)."""
    if distance_m(a.lat, a.lng, b.lat, b.lng) > DUPLICATE_METERS:
        return False
    if a.heading is None and b.heading is None:
        return True  # no direction known: position alone decides
    if a.heading is None or b.heading is None:
        return False
    turn = abs(a.heading - b.heading) % 360.0
    return min(turn, 360.0 - turn) <= DUPLICATE_DEGREES
