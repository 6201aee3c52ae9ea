"""The uploader against the sandbox KartaView: full upload, resume, faults, auth, cancel, ambiguity."""

import hashlib
import threading
import time
from pathlib import Path

import pytest

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.upload import journal as states
from kartaview.plugin.upload import uploader as up
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PlanOptions
from tests.upload_support import plan_upload, planned_photos, register, sequences, track


def make_client(sandbox):
    return KartaViewClient(sandbox.url, retries=3, backoff=0.01, max_backoff=0.05, timeout=10)


def run(sandbox, plan, tmp_path, **kwargs):
    results, events = [], []
    kwargs.setdefault("retry_delay", 0.05)
    with make_client(sandbox) as client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        uploader = up.Uploader(client, journal, kwargs.pop("token", sandbox.token), on_photo=results.append,
                               on_sequence=events.append, **kwargs)
        summary = uploader.run(plan)
    return summary, results, events


def stored(sandbox):
    """[(sequence id, finished, [(index, sha1 of the file, fields)])] of what the server holds."""
    out = []
    for sequence_id, sequence in sorted(sandbox.uploads().items()):
        photos = [(p["sequence_index"], hashlib.sha1(Path(p["file_path"]).read_bytes()).hexdigest(), p["fields"])
                  for p in sequence["photos"]]
        out.append((int(sequence_id), sequence["finished"], photos))
    return out


def sha1(path):
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def assert_all_stored_once(sandbox, plan):
    held = [digest for _, _, photos in stored(sandbox) for _, digest, _ in photos]
    expected = sorted(sha1(p.path) for p in planned_photos(plan))
    assert sorted(held) == expected  # every photo, each exactly once
    assert all(finished for _, finished, photos in stored(sandbox) if photos)


def test_full_upload_is_stored_once_with_the_right_fields_and_finished(fresh_sandbox, tmp_path):
    photos = track(tmp_path, 12)
    plan = plan_upload(photos, PlanOptions(max_photos=7))
    summary, results, events = run(fresh_sandbox, plan, tmp_path, concurrency=4)
    assert summary.counts == {up.UPLOADED: 12}
    assert sorted(e.kind for e in events) == sorted([up.EVENT_CREATED] * 2 + [up.EVENT_FINISHED] * 2)
    assert (summary.created, summary.finished, summary.left_open) == (2, 2, 0)
    server = stored(fresh_sandbox)
    assert [(len(p), finished) for _, finished, p in server] == [(7, True), (5, True)]
    by_ref = {r.photo.ref: r for r in results}
    for (_, photos), (sequence_id, _, held) in zip(sequences(plan), server):
        for photo, (index, digest, fields) in zip(photos, held):
            assert (index, digest) == (photo.index, sha1(photo.path))
            assert [float(x) for x in fields["coordinate"].split(",")] == pytest.approx([photo.lat, photo.lng])
            assert fields["shotDate"] == photo.captured_at.strftime("%Y-%m-%d %H:%M:%S")
            assert float(fields["headers"]) == 90.0
            assert (fields["sequenceId"], fields["sequenceIndex"]) == (str(sequence_id), str(photo.index))
            result = by_ref[photo.ref]
            assert (result.sequence_id, result.sequence_index, result.status) == (sequence_id, photo.index,
                                                                                  up.UPLOADED)


def test_a_second_run_sends_nothing(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 5))
    run(fresh_sandbox, plan, tmp_path)
    fresh_sandbox.reset_log()
    summary, results, events = run(fresh_sandbox, plan, tmp_path)
    assert summary.counts == {up.ALREADY_UPLOADED: 5}
    assert {r.reason for r in results} == {up.REASON_JOURNAL} and not events
    assert fresh_sandbox.request_log == []
    assert_all_stored_once(fresh_sandbox, plan)


@pytest.mark.parametrize("kind", ["500", "502html", "690", "stored_then_500", "drop", "empty"])
def test_transient_faults_lose_nothing_and_duplicate_nothing(fresh_sandbox, tmp_path, kind):
    plan = plan_upload(track(tmp_path, 10), PlanOptions(max_photos=5))
    fresh_sandbox.set_faults(error_rate=0.35, kinds=(kind,), fault_seed=3)
    summary, results, _ = run(fresh_sandbox, plan, tmp_path, concurrency=3, attempts=6)
    fresh_sandbox.clear_faults()
    assert [e for e in fresh_sandbox.request_log if e.get("fault") == kind]
    failed = [r for r in results if r.status == up.FAILED]
    if failed:  # creates are never retried blindly: a failing create may need a re-run
        assert {r.reason for r in failed} <= {up.REASON_CREATE_FAILED, up.REASON_SEND_FAILED}
        summary, results, _ = run(fresh_sandbox, plan, tmp_path)
    assert {r.status for r in results} <= {up.UPLOADED, up.ALREADY_UPLOADED}
    assert_all_stored_once(fresh_sandbox, plan)


def test_a_revoked_token_fails_every_photo_with_sign_in_again(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 6), PlanOptions(max_photos=3))
    fresh_sandbox.set_faults(revoked_tokens=[fresh_sandbox.token])
    summary, results, _ = run(fresh_sandbox, plan, tmp_path)
    assert summary.counts == {up.FAILED: 6}
    assert {r.reason for r in results} == {up.REASON_AUTH}
    assert "sign in again" in summary.auth_error.lower()
    assert fresh_sandbox.token not in summary.auth_error
    fresh_sandbox.clear_faults()
    summary, _, _ = run(fresh_sandbox, plan, tmp_path)
    assert summary.counts == {up.UPLOADED: 6}
    assert_all_stored_once(fresh_sandbox, plan)


def test_cancel_returns_within_a_second_and_a_rerun_completes(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 16), PlanOptions(max_photos=6))
    last = list(plan.sequences())[-1]
    fresh_sandbox.set_faults(latency_ms=300)
    cancel_at = []

    def cancel():
        if not cancel_at and len(results) >= 2:
            cancel_at.append(time.monotonic())
        return bool(cancel_at)

    results, events = [], []
    with make_client(fresh_sandbox) as client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        summary = up.Uploader(client, journal, fresh_sandbox.token, concurrency=2, cancel=cancel,
                              on_photo=results.append, on_sequence=events.append).run(plan)
        returned = time.monotonic()
        never_reached = journal.sequence(last.key)
    assert summary.cancelled and returned - cancel_at[0] < 1.0
    assert len(results) == 16 and summary.counts[up.FAILED] >= 10  # every photo is reported
    assert {r.reason for r in results if r.status == up.FAILED} == {up.REASON_CANCELLED}
    assert [(r.sequence_number, r.sequence_index) for r in results if r.photo.ref >= 12] == [
        (3, i) for i in range(4)]
    assert never_reached is None  # the rest of the plan was not recorded
    assert [e.kind for e in events][-1] == up.EVENT_LEFT_OPEN
    time.sleep(0.7)  # let the uploads that were in flight land
    fresh_sandbox.clear_faults()
    summary, results, _ = run(fresh_sandbox, plan, tmp_path)
    assert summary.counts.get(up.FAILED, 0) == 0 and summary.finished == 3
    assert_all_stored_once(fresh_sandbox, plan)


def test_an_interrupted_create_is_created_again_and_nothing_is_sent_to_the_unknown_one(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 3))
    key = next(plan.sequences()).key
    with Journal(tmp_path / "journal.sqlite", fresh_sandbox.url) as journal:
        register(journal, plan)
        journal.creating(key)  # the process died during the create call
    with make_client(fresh_sandbox) as client:  # ... after the server had created it
        orphan = client.create_sequence(fresh_sandbox.token, 46.7, 23.5)
    summary, results, events = run(fresh_sandbox, plan, tmp_path)
    assert [e.kind for e in events] == [up.EVENT_RECREATED, up.EVENT_FINISHED]
    assert summary.counts == {up.UPLOADED: 3}
    server = {sequence_id: (finished, photos) for sequence_id, finished, photos in stored(fresh_sandbox)}
    assert server[orphan] == (False, [])  # the only trace: one empty sequence
    assert_all_stored_once(fresh_sandbox, plan)


def test_an_interrupted_finish_is_finished_again(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 2))
    run(fresh_sandbox, plan, tmp_path)
    key = next(plan.sequences()).key
    with Journal(tmp_path / "journal.sqlite", fresh_sandbox.url) as journal:
        journal.finishing(key)
    summary, results, events = run(fresh_sandbox, plan, tmp_path)
    assert [e.kind for e in events] == [up.EVENT_FINISHED]
    with Journal(tmp_path / "journal.sqlite", fresh_sandbox.url) as journal:
        assert journal.sequence(key).state == states.FINISHED


def test_a_photo_that_keeps_failing_is_reported_and_its_sequence_left_open(fresh_sandbox, tmp_path):
    photos = track(tmp_path, 4)
    plan = plan_upload(photos)
    Path(planned_photos(plan)[2].path).unlink()  # gone between planning and sending
    summary, results, events = run(fresh_sandbox, plan, tmp_path)
    assert summary.counts == {up.UPLOADED: 3, up.FAILED: 1}
    failed = [r for r in results if r.status == up.FAILED][0]
    assert failed.reason == up.REASON_FILE and failed.photo.index == 2
    assert [e.kind for e in events] == [up.EVENT_CREATED, up.EVENT_LEFT_OPEN]
    assert (summary.created, summary.finished, summary.left_open) == (1, 0, 1)
    assert [finished for _, finished, _ in stored(fresh_sandbox)] == [False]


def test_rejected_fields_are_not_retried(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 2))
    calls = []

    class Rejecting(KartaViewClient):
        def upload_photo(self, *args, **kwargs):
            calls.append(args[2])
            from kartaview.plugin.client.errors import BadRequestError
            raise BadRequestError("KartaView rejected the field 'coordinate'", field="coordinate", api_code=612)

    results = []
    with Rejecting(fresh_sandbox.url) as client, Journal(tmp_path / "j.sqlite", client.base_url) as journal:
        summary = up.Uploader(client, journal, fresh_sandbox.token, on_photo=results.append).run(plan)
    assert summary.counts == {up.FAILED: 2} and sorted(calls) == [0, 1]
    assert {r.reason for r in results} == {up.REASON_REJECTED}


def test_concurrency_is_bounded(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 12))
    fresh_sandbox.set_faults(latency_ms=50)
    active, peak, lock = [0], [0], threading.Lock()

    class Counting(KartaViewClient):
        def upload_photo(self, *args, **kwargs):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            try:
                return super().upload_photo(*args, **kwargs)
            finally:
                with lock:
                    active[0] -= 1

    with Counting(fresh_sandbox.url) as client, Journal(tmp_path / "j.sqlite", client.base_url) as journal:
        summary = up.Uploader(client, journal, fresh_sandbox.token, concurrency=3).run(plan)
    assert summary.counts == {up.UPLOADED: 12} and peak[0] == 3


def test_photos_are_read_from_the_plan_only_as_the_upload_window_needs_them(fresh_sandbox, tmp_path):
    plan = plan_upload(track(tmp_path, 30), PlanOptions(max_photos=10))
    keys = [s.key for s in plan.sequences()]
    reads, taken, answered, registered = {}, [0], [0], []
    photos = plan.photos

    def counting_photos(sequence):
        reads[sequence.number] = reads.get(sequence.number, 0) + 1
        for photo in photos(sequence):
            if reads[sequence.number] == 2:  # the first read records the sequence in the journal
                taken[0] += 1
                ahead.append(taken[0] - answered[0])
            yield photo

    ahead = []
    plan.photos = counting_photos
    with make_client(fresh_sandbox) as client, Journal(tmp_path / "j.sqlite", client.base_url) as journal:

        def on_photo(result):
            answered[0] += 1
            if answered[0] == 1:
                registered.extend(journal.sequence(key) is not None for key in keys)

        summary = up.Uploader(client, journal, fresh_sandbox.token, concurrency=3, on_photo=on_photo).run(plan)
    assert summary.counts == {up.UPLOADED: 30} and summary.finished == 3
    assert max(ahead) == 3  # never more photos in hand than the concurrency
    assert registered == [True, False, False]  # later sequences are recorded when the upload reaches them


def test_an_earlier_sequence_holding_photos_is_completed_and_finished_at_the_end(fresh_sandbox, tmp_path):
    photos = track(tmp_path, 4)
    whole = plan_upload(photos)
    [(old, old_photos)] = sequences(whole)
    with make_client(fresh_sandbox) as client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        register(journal, whole)  # an earlier run: created the sequence, stored photo 0, died sending photo 1
        journal.creating(old.key)
        old_id = client.create_sequence(fresh_sandbox.token, old.lat, old.lng)
        journal.created(old.key, old_id)
        first = old_photos[0]
        journal.sending(first.key)
        answer = client.upload_photo(fresh_sandbox.token, old_id, 0, first.lat, first.lng, first.path,
                                     shot_date=first.captured_at, heading=first.heading)
        journal.confirmed(first.key, answer.photo_id, False)
        journal.sending(old_photos[1].key)
    split = plan_upload(photos, PlanOptions(max_photos=2))  # re-run with other splitting options
    summary, results, events = run(fresh_sandbox, split, tmp_path)
    assert summary.counts == {up.UPLOADED: 3, up.ALREADY_UPLOADED: 1}
    assert (summary.created, summary.finished, summary.left_open) == (1, 2, 0)
    by_ref = {r.photo.ref: (r.sequence_id, r.sequence_index) for r in results}
    assert by_ref[0] == (old_id, 0) and by_ref[1] == (old_id, 1)  # the photos that may be there stay there
    assert by_ref[2][0] == by_ref[3][0] != old_id
    assert [(len(p), finished) for _, finished, p in stored(fresh_sandbox)] == [(2, True), (2, True)]
    assert_all_stored_once(fresh_sandbox, split)


def test_a_photo_answered_429_is_sent_again_after_the_servers_retry_after(fresh_sandbox, tmp_path):
    """Issue 14 point 4: the uploader is the retry layer of uploads, so it waits what the server asks
    (Retry-After: 1 s), not its own short delay (0.05 s here)."""
    plan = plan_upload(track(tmp_path, 1))
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["429"], retry_after="1", paths=["/1.0/photo/"])
    with KartaViewClient(fresh_sandbox.url, retries=0, timeout=10) as client, \
            Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        summary = up.Uploader(client, journal, fresh_sandbox.token, attempts=2, retry_delay=0.05).run(plan)
    assert summary.counts == {up.FAILED: 1}
    sends = [entry["t"] for entry in fresh_sandbox.request_log if entry["path"].rstrip("/") == "/1.0/photo"]
    assert len(sends) == 2 and sends[1] - sends[0] >= 0.95, "sent again after {:.2f} s".format(sends[1] - sends[0])
