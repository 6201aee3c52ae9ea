"""Issue 14, points 2 and 4, on both backends (requests, and QGIS's network access manager), against
the sandbox playing the faults: every answer bounded in size (compressed and inflated) and in total time; 429/503 honour
Retry-After within a retry budget. (The upload's one retry layer: test_upload_algorithm.py.)"""

import resource
import time

import pytest

from kartaview.plugin.client import KartaViewClient, KartaViewError, TransientError
from kartaview.plugin.client import answers as transport
from kartaview.plugin.client.answers import MAX_RETRY_AFTER_S, parse_retry_after
from tests.backends import BACKENDS, client_factory

CLUJ = (23.55, 46.74, 23.65, 46.80)
SEARCH = "/1.0/list/nearby-photos/"


@pytest.fixture(params=BACKENDS)
def make(request):
    """A client factory, make(url, **client kwargs), for each backend."""
    return client_factory(request)


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _searches(sandbox):
    return [entry for entry in sandbox.request_log if entry["path"] == SEARCH]


# --- point 2: bounded answers -------------------------------------------------------------------

def test_a_huge_answer_is_refused_without_being_read(make, fresh_sandbox):
    from tests.sandbox.server import huge_body

    huge_body(100)  # the sandbox (in this process) holds it before the memory is measured
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["huge"], huge_mb=100, paths=[SEARCH])
    client = make(fresh_sandbox.url, retries=0, timeout=10)
    before, started = _peak_rss_mb(), time.monotonic()
    with pytest.raises(KartaViewError, match="larger than 32 MB") as caught:
        client.nearby_photos_page(CLUJ, ipp=10)
    assert not isinstance(caught.value, TransientError), "a too large answer is not retried"
    assert time.monotonic() - started < 5
    assert _peak_rss_mb() - before < 60, "the 100 MB body was read into memory"


def test_a_gzip_bomb_stops_inflating_at_the_limit(make, fresh_sandbox):
    from tests.sandbox.server import gzip_bomb

    assert len(gzip_bomb()) < 1.1 * 2 ** 20  # 1 MB on the wire, 1 GB once inflated
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["gzip_bomb"], paths=[SEARCH])
    client = make(fresh_sandbox.url, retries=0, timeout=10)
    before = _peak_rss_mb()
    with pytest.raises(KartaViewError, match="larger than 32 MB"):
        client.nearby_photos_page(CLUJ, ipp=10)
    assert _peak_rss_mb() - before < 150, "the gzip bomb was inflated far past the limit"


def test_compressed_answers_are_still_understood(make, fresh_sandbox):
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["gzip"], paths=[SEARCH])
    photos, total = make(fresh_sandbox.url, retries=0).nearby_photos_page(CLUJ, ipp=10)
    assert photos and total >= len(photos)
    assert [entry["fault"] for entry in _searches(fresh_sandbox)] == ["gzip"]


@pytest.mark.timeout(30)  # without the deadline the drip takes many minutes: fail, do not hang the suite
def test_a_dripping_answer_ends_at_the_total_deadline(make, fresh_sandbox):
    # One byte every 0.2 s never trips the 5 s read timeout; only the total deadline ends it.
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["drip"], drip_interval_s=0.2, paths=[SEARCH])
    client = make(fresh_sandbox.url, retries=0, timeout=5, deadline=2)
    started = time.monotonic()
    with pytest.raises(TransientError, match="too long"):
        client.nearby_photos_page(CLUJ, ipp=10)
    assert time.monotonic() - started < 4


def test_the_limits_are_named_constants():
    assert transport.MAX_ANSWER_BYTES == 32 * 2 ** 20
    assert transport.READ_DEADLINE_S <= 120 < transport.UPLOAD_DEADLINE_S
    assert KartaViewClient("http://127.0.0.1:1/")._transport.deadline == transport.READ_DEADLINE_S


# --- point 4: Retry-After, one retry layer ----------------------------------------------------------

@pytest.mark.parametrize("kind", ["429", "503"])
def test_429_and_503_are_retried_after_the_time_the_server_asks(make, fresh_sandbox, kind):
    fresh_sandbox.set_faults(error_rate=1.0, kinds=[kind], retry_after="7", paths=[SEARCH])
    sleeps = []
    client = make(fresh_sandbox.url, retries=2, backoff=0.1, max_backoff=0.2, sleep=sleeps.append)
    with pytest.raises(TransientError, match=kind) as caught:
        client.nearby_photos_page(CLUJ, ipp=10)
    assert sleeps == [7.0, 7.0], "the waits are the server's Retry-After, not the short backoff"
    assert caught.value.retry_after == 7.0 and len(_searches(fresh_sandbox)) == 3

    fresh_sandbox.clear_faults()
    photos, _ = client.nearby_photos_page(CLUJ, ipp=10)
    assert photos


def test_a_retry_after_beyond_the_limit_fails_at_once_saying_when(make, fresh_sandbox):
    # Within the retry budget, so only the cap stops the wait.
    asked = int(MAX_RETRY_AFTER_S) + 30
    assert asked < transport.RETRY_BUDGET_S
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["429"], retry_after=str(asked), paths=[SEARCH])
    sleeps = []
    client = make(fresh_sandbox.url, retries=4, sleep=sleeps.append)
    with pytest.raises(TransientError, match="Try again in {} s".format(asked)):
        client.nearby_photos_page(CLUJ, ipp=10)
    assert sleeps == [] and len(_searches(fresh_sandbox)) == 1


def test_the_pauses_of_one_request_stay_within_the_retry_budget(fresh_sandbox):
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["429"], retry_after="100", paths=[SEARCH])
    sleeps = []
    client = KartaViewClient(fresh_sandbox.url, retries=10, sleep=sleeps.append)
    with pytest.raises(TransientError):
        client.nearby_photos_page(CLUJ, ipp=10)
    assert sum(sleeps) <= transport.RETRY_BUDGET_S and sleeps == [100.0]


def test_retry_after_parsing():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
