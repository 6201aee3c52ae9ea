"""The upload keeps the pipe full (issue 16): a failed create stops nothing else, the next sequence is
created ahead, a finish runs beside the next sequence's photos, and 429s shrink the requests in flight
(issue 14) before they grow back. Read from the sandbox's own log (when each request came and how long
it took) and from the report rows."""

import threading
import time

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.client.errors import TransientError
from kartaview.plugin.upload import uploader as up
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PlanOptions
from tests.test_concurrency import peak_in_flight
from tests.test_upload_algorithm import photos_source, report, run_alg
from tests.test_upload_uploader import assert_all_stored_once
from tests.upload_support import plan_upload, track

PHOTO, CREATE, FINISH = "/1.0/photo", "/1.0/sequence", "/1.0/sequence/finished-uploading"


def requests_to(log, path, **params):
    return [e for e in log if e["path"].rstrip("/") == path
            and all(str(e["params"].get(k)) == str(v) for k, v in params.items())]


def end(entry):
    return entry["t"] + entry["duration_ms"] / 1000.0


def upload(client, sandbox, plan, tmp_path, **kwargs):
    results, events = [], []
    with client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        summary = up.Uploader(client, journal, sandbox.token, on_photo=results.append, on_sequence=events.append,
                              **kwargs).run(plan)
    return summary, results, events


def test_a_failed_create_stops_nothing_else(fresh_sandbox, tmp_path):
    """The second sequence's create fails once (its answer lost): while it waits to be made again, the
    first sequence's photos keep going (the whole run used to pause for the retry delay)."""
    plan = plan_upload(track(tmp_path, 24), PlanOptions(max_photos=12))
    fresh_sandbox.set_faults(latency_ms=100)
    failed_at = []

    class LosingOneCreate(KartaViewClient):
        def create_sequence(self, *args, **kwargs):
            if len(requests_to(fresh_sandbox.request_log, CREATE)) == 1 and not failed_at:
                time.sleep(0.1)
                failed_at.append(time.time())
                raise TransientError("The connection to KartaView lost the connection while creating a sequence.")
            return super().create_sequence(*args, **kwargs)

    summary, results, events = upload(LosingOneCreate(fresh_sandbox.url, retries=0, timeout=10), fresh_sandbox,
                                      plan, tmp_path, concurrency=2, retry_delay=0.4)
    assert summary.counts == {up.UPLOADED: 24} and summary.finished == 2
    assert [e.kind for e in events if e.kind != up.EVENT_FINISHED] == [up.EVENT_CREATED, up.EVENT_RECREATED]
    log = fresh_sandbox.request_log
    first_id = next(r.sequence_id for r in results if r.sequence_number == 1)
    during = [e for e in requests_to(log, PHOTO, sequenceId=first_id) if failed_at[0] <= e["t"] <= failed_at[0] + 0.4]
    assert len(during) >= 2, "{} photos sent while the create waited to be made again".format(len(during))
    assert_all_stored_once(fresh_sandbox, plan)


def test_the_next_sequence_is_created_ahead_and_a_finish_runs_beside_photos(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 30), PlanOptions(max_photos=10))
    fresh_sandbox.set_faults(latency_ms=100)
    summary, results, _ = upload(KartaViewClient(fresh_sandbox.url, retries=0, timeout=10), fresh_sandbox, plan,
                                 tmp_path, concurrency=3)
    assert summary.counts == {up.UPLOADED: 30} and summary.finished == 3
    log = fresh_sandbox.request_log
    ids = sorted({r.sequence_id for r in results})
    creates = requests_to(log, CREATE)
    for earlier, later in zip(ids, ids[1:]):
        photos = requests_to(log, PHOTO, sequenceId=earlier)
        # created while the previous sequence still had photos to send ...
        assert creates[ids.index(later)]["t"] < max(end(e) for e in photos) - 0.15
        # ... and the previous one finished while the next one's photos were being sent
        [finish] = requests_to(log, FINISH, sequenceId=earlier)
        beside = [e for e in requests_to(log, PHOTO, sequenceId=later) if e["t"] < end(finish) and end(e) > finish["t"]]
        assert beside, "finishing sequence {} held up the photos of {}".format(earlier, later)
        assert finish["t"] >= max(end(e) for e in photos)  # never before its last photo was stored
    assert_all_stored_once(fresh_sandbox, plan)


def test_429s_shrink_the_uploads_in_flight_and_they_grow_back(kartaview_processing, upload_env, tmp_path):  # noqa: F811
    """For 1.2 s every photo is answered 429 (Retry-After: 1): the sandbox then sees fewer uploads at
    once, every report row still says uploaded, and the uploads in flight grow back to 10 after."""
    sandbox = upload_env
    kv_vl = photos_source(track(tmp_path, 160))
    sandbox.set_faults(latency_ms=100)
    window = []

    def rate_limit_for_a_while():
        while len(requests_to(sandbox.request_log, PHOTO)) < 30:
            time.sleep(0.02)
        window.append(time.time())
        sandbox.set_faults(error_rate=1.0, kinds=["429"], retry_after="1", paths=["/1.0/photo/"])
        time.sleep(1.2)
        sandbox.set_faults(error_rate=0.0)
        window.append(time.time())

    thread = threading.Thread(target=rate_limit_for_a_while, daemon=True)
    thread.start()
    rows = report(run_alg({"INPUT": kv_vl, "CONCURRENCY": 10}))
    thread.join(5)
    assert [r["status"] for r in rows] == ["uploaded"] * 160  # what the user sees: nothing lost
    log = sandbox.request_log
    limited = [e for e in log if e["fault"] == "429"]
    assert len(limited) >= 10
    before = [e for e in log if e["t"] < window[0]]
    shrunk = [e for e in log if window[1] <= e["t"] <= window[1] + 1.0]
    last = sorted(log, key=lambda e: e["t"])[-40:]
    assert peak_in_flight(before) >= 9
    assert shrunk and peak_in_flight(shrunk) <= 5, "{} uploads at once after the 429s".format(
        peak_in_flight(shrunk))
    assert peak_in_flight(last) >= 9  # grown back
