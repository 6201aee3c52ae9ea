"""How many requests to keep in flight: as many as allowed while the server copes, fewer when it says
it is overloaded (HTTP 429 Too Many Requests, 503 Service Unavailable), growing back slowly.

Additive increase, multiplicative decrease (as TCP does): an overload answer halves the limit
(never below `minimum`), `grow_after` successes in a row at the current limit add one (never above
`maximum`). The answers of requests sent before a cut do not cut again: ten requests in flight that
all meet the same 429 halve the limit once, not ten times.

Pure Python, no qgis: used by the layer loader's client (every HTTP attempt takes a slot, see
transport.py) and by the uploader (which counts its own requests, see upload/uploader.py).
"""

from __future__ import annotations

import threading
import time
from collections import deque

# How many successes in a row at a limit earn one more slot. At 10 % of the answers being
# overload (a server rate-limiting hard), the limit then keeps falling; at a 429 now and then
# (fewer than one answer in ten) it settles near the maximum.
GROW_AFTER = 10
OVERLOAD_STATUSES = (429, 503)


def is_overload(error) -> bool:
    """Is this error the server saying it has too much to do (429, 503)?"""
    return getattr(error, "http_status", None) in OVERLOAD_STATUSES


class Slot:
    """One request's permission to be in flight; give it back with AdaptiveLimit.release."""

    __slots__ = ("generation", "released")

    def __init__(self, generation):
        self.generation = generation
        self.released = False


class AdaptiveLimit:
    """A concurrency limit between `minimum` and `maximum` that adapts to overload answers.
    Thread-safe. `changes` holds (time, limit) of the latest changes, for tests and benchmarks."""

    def __init__(self, maximum: int, *, minimum: int = 1, grow_after: int = GROW_AFTER, clock=time.monotonic):
        self.maximum = max(1, int(maximum))
        self.minimum = max(1, min(int(minimum), self.maximum))
        self.grow_after = max(1, int(grow_after))
        self._clock = clock
        self._limit = self.maximum
        self._in_flight = 0
        self._successes = 0
        self._generation = 0  # bumped by each cut: slots taken before it do not cut again
        self._condition = threading.Condition()
        self.changes = deque([(clock(), self._limit)], maxlen=1000)  # bounded: a layer lives for a session
        self.lowest = self._limit

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def room(self) -> int:
        """How many more requests may start now."""
        with self._condition:
            return max(0, self._limit - self._in_flight)

    def try_acquire(self):
        """A Slot if one is free now, else None."""
        with self._condition:
            if self._in_flight >= self._limit:
                return None
            self._in_flight += 1
            return Slot(self._generation)

    def acquire(self, cancel=None, poll: float = 0.1):
        """Wait for a Slot; None when `cancel()` became true meanwhile (polled every `poll` s)."""
        with self._condition:
            while self._in_flight >= self._limit:
                if cancel is not None and cancel():
                    return None
                self._condition.wait(poll)
            self._in_flight += 1
            return Slot(self._generation)

    def release(self, slot, *, overload: bool = False, success: bool = False):
        """Give the slot back, telling how its request went: `overload` (429/503) cuts the limit,
        `success` counts towards growing it; neither (another failure, a cancel) changes nothing."""
        with self._condition:
            if slot is None or slot.released:
                return
            slot.released = True
            self._in_flight -= 1
            if overload:
                self._successes = 0
                if slot.generation == self._generation and self._limit > self.minimum:
                    self._set(max(self.minimum, self._limit // 2))
                    self._generation += 1
            elif success:
                self._successes += 1
                if self._successes >= self.grow_after and self._limit < self.maximum:
                    self._successes = 0
                    self._set(self._limit + 1)
            self._condition.notify_all()

    def _set(self, limit):
        self._limit = limit
        self.lowest = min(self.lowest, limit)
        self.changes.append((self._clock(), limit))
