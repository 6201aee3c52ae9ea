"""A GPS track as times and positions: where something was at a time, which way it was heading,
and the moments it had travelled every N metres (kartaview:geotagphotos, kartaview:samplevideo).

Pure Python (no QGIS). Times are seconds since the Unix epoch, UTC; positions WGS 84. The track is
held in flat arrays (24 bytes a fix plus 8 for the distance), so a 20,000-fix track takes under
1 MB and each look-up is a binary search.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Tuple, Union

EARTH_RADIUS_M = 6371008.8
# A heading is taken over at least this much travel: over less, GPS noise decides the direction.
MIN_HEADING_M = 1.0
# ...looking at most this far (seconds) before and after the time asked for.
HEADING_WINDOW_S = 30.0
# Below this speed a fix-to-fix step counts as standing still (GPS wander of a parked receiver is
# typically a few decimetres a second), so no video frames are taken while not moving.
STANDING_SPEED_MPS = 0.5

BEFORE_TRACK = "before_track"
AFTER_TRACK = "after_track"
TRACK_GAP = "track_gap"

NO_FIXES = "no_fixes"
ONE_TIME = "one_time"


class TrackError(ValueError):
    """The fixes do not make a usable track: `code` is NO_FIXES or ONE_TIME."""

    def __init__(self, code: str, count: int = 0):
        super().__init__(code)
        self.code = code
        self.count = count


@dataclass(frozen=True)
class Fix:
    """A position on the track at a time; `heading` None when the track did not move around then."""

    lat: float
    lng: float
    heading: Optional[float]
    gap: float  # seconds between the two fixes around the time (0 on a fix)


@dataclass(frozen=True)
class Miss:
    """Why the track does not cover a time: `reason` BEFORE_TRACK, AFTER_TRACK or TRACK_GAP; `seconds`
    how far before the start / after the end, or the length of the gap."""

    reason: str
    seconds: float


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bearing(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Initial bearing from the first point to the second, degrees clockwise from north in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lng2 - lng1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


class Track:
    """Fixes (time, lat, lng) in any order; fixes repeating an earlier time are dropped (the first
    one counts), so times strictly increase."""

    def __init__(self, fixes: Iterable[Tuple[float, float, float]], max_gap: float = math.inf):
        ordered = sorted((float(t), float(lat), float(lng)) for t, lat, lng in fixes
                         if t is not None and lat is not None and lng is not None)
        if not ordered:
            raise TrackError(NO_FIXES)
        self.max_gap = max_gap
        self.times, self.lats, self.lngs = array("d"), array("d"), array("d")
        for t, lat, lng in ordered:
            if self.times and t == self.times[-1]:
                continue
            self.times.append(t)
            self.lats.append(lat)
            self.lngs.append(lng)
        if len(self.times) < 2:
            raise TrackError(ONE_TIME, len(ordered))
        # Distance travelled up to each fix, counting neither standing still (slower than
        # STANDING_SPEED_MPS) nor the unknown path through gaps longer than max_gap.
        self.moved = array("d", [0.0])
        for i in range(1, len(self.times)):
            step = distance_m(self.lats[i - 1], self.lngs[i - 1], self.lats[i], self.lngs[i])
            seconds = self.times[i] - self.times[i - 1]
            if seconds > max_gap or step < STANDING_SPEED_MPS * seconds:
                step = 0.0
            self.moved.append(self.moved[-1] + step)

    def __len__(self) -> int:
        return len(self.times)

    @property
    def start(self) -> float:
        return self.times[0]

    @property
    def end(self) -> float:
        return self.times[-1]

    @property
    def length_m(self) -> float:
        """Distance travelled while moving (see `moved`)."""
        return self.moved[-1]

    def locate(self, t: float) -> Union[Fix, Miss]:
        """The position at time t, interpolated linearly between the fixes around it."""
        times = self.times
        if t < times[0]:
            return Miss(BEFORE_TRACK, times[0] - t)
        if t > times[-1]:
            return Miss(AFTER_TRACK, t - times[-1])
        i = bisect_right(times, t) - 1  # times[i] <= t
        if times[i] == t:
            return Fix(self.lats[i], self.lngs[i], self.heading(t), 0.0)
        gap = times[i + 1] - times[i]
        if gap > self.max_gap:
            return Miss(TRACK_GAP, gap)
        f = (t - times[i]) / gap
        lat = self.lats[i] + f * (self.lats[i + 1] - self.lats[i])
        lng = self.lngs[i] + f * (self.lngs[i + 1] - self.lngs[i])
        return Fix(lat, lng, self.heading(t), gap)

    def heading(self, t: float) -> Optional[float]:
        """The direction of travel at time t: over the fixes around t, widened symmetrically until they
        span MIN_HEADING_M of travel (within HEADING_WINDOW_S); None when the track did not move."""
        times = self.times
        last = len(times) - 1
        before = max(0, min(last - 1, bisect_right(times, t) - 1))
        after = before + 1
        while True:
            if distance_m(self.lats[before], self.lngs[before], self.lats[after], self.lngs[after]) >= MIN_HEADING_M:
                return bearing(self.lats[before], self.lngs[before], self.lats[after], self.lngs[after])
            can_back = before > 0 and t - times[before - 1] <= HEADING_WINDOW_S
            can_ahead = after < last and times[after + 1] - t <= HEADING_WINDOW_S
            if not (can_back or can_ahead):
                return None
            if can_back:
                before -= 1
            if can_ahead:
                after += 1

    def every(self, spacing_m: float, start: Optional[float] = None,
              end: Optional[float] = None) -> Iterator[float]:
        """The times, between start and end (default: the whole track), at which the distance moved
        since `start` reaches 0, spacing_m, 2 × spacing_m, ... Standing still and gaps add no distance,
        so no time falls in them (a stop gives nothing until moving again)."""
        if spacing_m <= 0:
            raise ValueError("spacing_m must be positive")
        start = self.start if start is None else max(start, self.start)
        end = self.end if end is None else min(end, self.end)
        if start > end:
            return
        times, moved = self.times, self.moved
        target = self._moved_at(start)
        limit = self._moved_at(end)
        yield start  # the first moment covered, moving or not
        target += spacing_m
        while target <= limit + 1e-9:
            # the first fix that has moved at least `target`: the crossing is in the step before it
            j = bisect_left(moved, target - 1e-9)
            step = moved[j] - moved[j - 1]
            f = (target - moved[j - 1]) / step if step > 0 else 1.0
            t = times[j - 1] + f * (times[j] - times[j - 1])
            if t > end:
                return
            yield t
            target += spacing_m

    def _moved_at(self, t: float) -> float:
        times, moved = self.times, self.moved
        i = bisect_right(times, t) - 1
        if i < 0:
            return 0.0
        if i >= len(times) - 1:
            return moved[-1]
        f = (t - times[i]) / (times[i + 1] - times[i])
        return moved[i] + f * (moved[i + 1] - moved[i])
