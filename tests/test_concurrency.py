"""Adaptive concurrency (plugin/client/concurrency.py): halve on 429/503, grow back slowly; and the layer
loader using it against a sandbox that answers 429 with Retry-After."""

import threading

from kartaview.plugin.client import KartaViewClient
from kartaview.plugin.client.concurrency import AdaptiveLimit, is_overload
from kartaview.plugin.client.errors import KartaViewError, TransientError
from kartaview.plugin.provider import loader_jobs
from kartaview.plugin.provider.loader import Loader
from kartaview.plugin.provider.uri import SEQUENCES
from tests.provider_support import expected_sequences

CITY = (23.555, 46.74, 23.63, 46.80)  # every sequence of the sandbox: ~250 requests a download


def take(limit, count):
    slots = [limit.try_acquire() for _ in range(count)]
    assert all(slots)
    return slots


def test_overload_halves_once_per_round_and_never_below_the_minimum():
    limit = AdaptiveLimit(10)
    slots = take(limit, 10)
    assert limit.try_acquire() is None  # at the limit
    for slot in slots:  # ten requests sent before the cut all meet the same 429: one cut
        limit.release(slot, overload=True)
    assert limit.limit == 5
    for expected in (2, 1, 1):  # a request sent after each cut cuts again, down to the floor
        limit.release(limit.try_acquire(), overload=True)
        assert limit.limit == expected
    assert limit.lowest == 1 and limit.in_flight == 0


def test_it_grows_back_one_slot_per_round_of_successes_up_to_the_maximum():
    limit = AdaptiveLimit(4, grow_after=3)
    limit.release(limit.try_acquire(), overload=True)
    assert limit.limit == 2
    for _ in range(2):
        limit.release(limit.try_acquire(), success=True)
    assert limit.limit == 2  # not yet: 3 successes in a row earn a slot
    limit.release(limit.try_acquire(), success=True)
    assert limit.limit == 3
    limit.release(limit.try_acquire(), success=True)
    limit.release(limit.try_acquire())  # neither (another failure): changes nothing
    limit.release(limit.try_acquire(), success=True)
    assert limit.limit == 3
    for _ in range(20):
        limit.release(limit.try_acquire(), success=True)
    assert limit.limit == 4 == limit.maximum  # never above it
    assert [value for _, value in limit.changes] == [4, 2, 3, 4]


def test_a_slot_is_given_back_once_and_waiters_wake_up():
    limit = AdaptiveLimit(1)
    slot = limit.try_acquire()
    got = []
    waiter = threading.Thread(target=lambda: got.append(limit.acquire()))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # waiting for the slot
    limit.release(slot, success=True)
    limit.release(slot, success=True)  # twice: counted once
    waiter.join(5)
    assert got and got[0] is not None and limit.in_flight == 1
    assert limit.acquire(cancel=lambda: True) is None  # a cancelled wait gives up


def test_only_429_and_503_are_overload():
    assert is_overload(TransientError("slow down", http_status=429))
    assert is_overload(TransientError("unavailable", http_status=503))
    assert not is_overload(TransientError("overloaded", api_code=690, http_status=400))
    assert not is_overload(TransientError("bad gateway", http_status=502))
    assert not is_overload(KartaViewError("no"))


def mean_in_flight(entries):
    """How many requests the sandbox was answering on average, from the first to the last."""
    span = max(e["t"] + e["duration_ms"] / 1000.0 for e in entries) - min(e["t"] for e in entries)
    return sum(e["duration_ms"] / 1000.0 for e in entries) / span


def peak_in_flight(entries):
    """The most requests the sandbox was answering at once, from its own log (start, duration)."""
    edges = sorted([(e["t"], 1) for e in entries] + [(e["t"] + e["duration_ms"] / 1000.0, -1) for e in entries],
                   key=lambda edge: (edge[0], edge[1]))
    peak = current = 0
    for _, step in edges:
        current += step
        peak = max(peak, current)
    return peak


def test_the_loader_backs_off_on_429_with_retry_after_and_grows_back(qgis_app, fresh_sandbox, monkeypatch):
    """A server answering 429 to a quarter of the requests: the loader keeps fewer requests in flight
    (the sandbox sees it), still loads every sequence, and goes back to 12 once the 429s stop."""
    monkeypatch.setattr(loader_jobs, "IPP", 300)  # tiles of several pages: more requests at once
    fresh_sandbox.set_faults(latency_ms=100)
    client = KartaViewClient(fresh_sandbox.url, retries=6, timeout=10)  # real sleeps: Retry-After is waited
    loader = Loader(client)  # no disk cache: each phase below downloads the whole view again

    def phase(extent, **faults):
        loader.store.clear()
        fresh_sandbox.reset_log()
        fresh_sandbox.set_faults(**faults)
        tracks = loader.fetch(SEQUENCES, extent)
        assert {track.id for track in tracks} == expected_sequences(fresh_sandbox.world, extent)  # nothing lost
        return fresh_sandbox.request_log

    try:
        warm = phase(CITY, error_rate=0.0)  # the loader starts with all 12 slots
        limited = phase(CITY, error_rate=0.1, kinds=["429"], retry_after="1", fault_seed=5)
        lowest = loader.limit.lowest
        loader.limit.grow_after = 2  # grow back within the few hundred requests of a test
        recovered = phase(CITY, error_rate=0.0)
    finally:
        loader.shutdown()
    assert peak_in_flight(warm) >= 10
    assert sum(e["fault"] == "429" for e in limited) >= 5
    first_429 = min(e["t"] for e in limited if e["fault"] == "429")
    after = [e for e in limited if e["t"] > first_429 + 1.5]
    assert after and peak_in_flight(after) <= 6 and mean_in_flight(after) <= 3  # as the sandbox saw them
    assert lowest <= 3
    assert peak_in_flight(recovered) >= 10 and mean_in_flight(recovered) >= 8  # and a dozen again after them
    assert loader.limit.limit == 12
