"""Turn a list of photos into upload sequences: validation, ordering, splitting, near-duplicates.

Pure and deterministic: the same input gives the same sequences with the same keys, which is what
lets the journal resume an interrupted upload. Reasons are codes (REASON_*) plus an untranslated
detail; the QGIS side turns them into translated messages.
"""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from .jpeg import CORRUPT, check_jpeg

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # the server's PHP limit ("20M") on the `photo` part
DUPLICATE_METERS = 0.5
DUPLICATE_DEGREES = 5.0

REASON_NO_PATH = "no_path"
REASON_MISSING_FILE = "missing_file"
REASON_NOT_JPEG = "not_jpeg"
REASON_CORRUPT_JPEG = "corrupt_jpeg"
REASON_TOO_LARGE = "too_large"
REASON_NO_POSITION = "no_position"
REASON_NO_TIME = "no_time"
REASON_SAME_FILE = "same_file"
REASON_NEAR_DUPLICATE = "near_duplicate"


@dataclass(frozen=True)
class PhotoInput:
    """One input photo. `ref` identifies it for the caller (e.g. a feature id); position in WGS 84."""

    ref: Any
    path: Optional[str]
    lat: Optional[float]
    lng: Optional[float]
    captured_at: Optional[datetime]  # naive UTC, or aware (converted to UTC)
    heading: Optional[float] = None
    group: Optional[str] = None


@dataclass(frozen=True)
class PlannedPhoto:
    ref: Any
    path: str  # absolute, symlinks resolved
    key: str  # path + size + mtime: the photo's identity in the journal
    lat: float
    lng: float
    captured_at: datetime  # naive UTC
    heading: Optional[float]
    index: int  # sequenceIndex within its sequence


@dataclass(frozen=True)
class PlannedSequence:
    number: int  # 1-based, in upload order
    key: str  # hash of the member photos' keys in order
    photos: tuple
    group: Optional[str] = None


@dataclass(frozen=True)
class Skip:
    ref: Any
    path: Optional[str]
    reason: str  # REASON_*
    detail: str = ""


@dataclass
class Plan:
    sequences: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def photo_count(self) -> int:
        return sum(len(s.photos) for s in self.sequences)


@dataclass(frozen=True)
class PlanOptions:
    max_gap_seconds: float = 60.0
    max_gap_meters: float = 100.0
    max_photos: int = 1000
    keep_duplicates: bool = False
    use_groups: bool = False  # split by PhotoInput.group instead of by gaps


def distance_m(lat1, lng1, lat2, lng2) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))


def plan_upload(photos, options: PlanOptions = PlanOptions()) -> Plan:
    plan = Plan()
    valid = _validate(photos, plan.skipped)
    for group, members in _groups(valid, options):
        kept = _drop_near_duplicates(members, options, plan.skipped)
        for chunk in _chunks(kept, max(1, options.max_photos)):
            plan.sequences.append(_sequence(len(plan.sequences) + 1, chunk, group))
    return plan


@dataclass(frozen=True)
class _Valid:
    source: PhotoInput
    path: str
    key: str
    captured_at: datetime
    heading: Optional[float]


def _validate(photos, skipped):
    valid = []
    files = {}  # real path -> (key or None, reason, detail): each file is checked once
    first_ref = {}  # real path -> ref of the first valid photo using it
    for photo in photos:
        if not photo.path or not str(photo.path).strip():
            skipped.append(Skip(photo.ref, photo.path, REASON_NO_PATH))
            continue
        path = os.path.realpath(os.path.expanduser(str(photo.path).strip()))
        if not _has_position(photo.lat, photo.lng):
            skipped.append(Skip(photo.ref, path, REASON_NO_POSITION))
            continue
        captured_at = _utc(photo.captured_at)
        if captured_at is None:
            skipped.append(Skip(photo.ref, path, REASON_NO_TIME))
            continue
        if path not in files:
            files[path] = _check_file(path)
        key, reason, detail = files[path]
        if key is None:
            skipped.append(Skip(photo.ref, path, reason, detail))
            continue
        if path in first_ref:
            skipped.append(Skip(photo.ref, path, REASON_SAME_FILE, str(first_ref[path])))
            continue
        first_ref[path] = photo.ref
        valid.append(_Valid(photo, path, key, captured_at, _heading(photo.heading)))
    return valid


def _check_file(path):
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
    return "{}|{}|{}".format(path, stat.st_size, stat.st_mtime_ns), None, ""


def _has_position(lat, lng) -> bool:
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


def _utc(value) -> Optional[datetime]:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _heading(value) -> Optional[float]:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value % 360.0 if math.isfinite(value) else None


def _order(photo: _Valid):
    # Capture time, then file name: the official uploader's order, stable for equal times.
    return photo.captured_at, os.path.basename(photo.path), photo.path


def _groups(valid, options):
    """[(group value or None, photos in capture order)], each a run of one future sequence."""
    if options.use_groups:
        by_group = {}
        for photo in valid:
            by_group.setdefault(photo.source.group, []).append(photo)
        runs = [(group, sorted(members, key=_order)) for group, members in by_group.items()]
        runs.sort(key=lambda run: (_order(run[1][0]), str(run[0])))
        return runs
    runs = []
    for photo in sorted(valid, key=_order):
        if runs and not _too_far(runs[-1][1][-1], photo, options):
            runs[-1][1].append(photo)
        else:
            runs.append((None, [photo]))
    return runs


def _too_far(previous: _Valid, photo: _Valid, options) -> bool:
    seconds = (photo.captured_at - previous.captured_at).total_seconds()
    if seconds > options.max_gap_seconds:
        return True
    return _distance(previous, photo) > options.max_gap_meters


def _distance(a: _Valid, b: _Valid) -> float:
    return distance_m(float(a.source.lat), float(a.source.lng), float(b.source.lat), float(b.source.lng))


def _drop_near_duplicates(photos, options, skipped):
    """Skip photos within 0.5 m and 5° of the last kept one (a camera standing at a red light)."""
    if options.keep_duplicates:
        return photos
    kept = []
    for photo in photos:
        if kept and _near_duplicate(kept[-1], photo):
            skipped.append(Skip(photo.source.ref, photo.path, REASON_NEAR_DUPLICATE, str(kept[-1].source.ref)))
        else:
            kept.append(photo)
    return kept


def _near_duplicate(a: _Valid, b: _Valid) -> bool:
    if _distance(a, b) > DUPLICATE_METERS:
        return False
    if a.heading is None and b.heading is None:
        return True  # no direction known: position alone decides
    if a.heading is None or b.heading is None:
        return False
    turn = abs(a.heading - b.heading) % 360.0
    return min(turn, 360.0 - turn) <= DUPLICATE_DEGREES


def _chunks(photos, size):
    for start in range(0, len(photos), size):
        yield photos[start:start + size]


def _sequence(number, photos, group) -> PlannedSequence:
    planned = tuple(
        PlannedPhoto(
            ref=p.source.ref,
            path=p.path,
            key=p.key,
            lat=float(p.source.lat),
            lng=float(p.source.lng),
            captured_at=p.captured_at,
            heading=p.heading,
            index=index,
        )
        for index, p in enumerate(photos)
    )
    digest = hashlib.sha1("\n".join(p.key for p in planned).encode("utf-8")).hexdigest()
    return PlannedSequence(number=number, key=digest, photos=planned, group=group)
