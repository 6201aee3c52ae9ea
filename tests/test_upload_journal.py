"""The upload journal: resuming the same sequences, sticky assignments, threads, namespaces."""

import sqlite3
import threading

from kartaview.plugin.upload import journal as j
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.planner import PlanOptions, plan_upload
from tests.upload_support import track


def test_register_records_the_plan_and_resumes_it(tmp_path):
    photos = track(tmp_path, 4)
    plan = plan_upload(photos)
    sequence = plan.sequences[0]
    with Journal(tmp_path / "j.sqlite", "http://a/") as journal:
        places = journal.register(plan)
        assert {k: (r.sequence_key, r.sequence_index, r.state) for k, r in places.items()} == {
            p.key: (sequence.key, p.index, j.PENDING) for p in sequence.photos}
        assert journal.sequence(sequence.key).state == j.PLANNED
        journal.creating(sequence.key)
        journal.created(sequence.key, 77)
        journal.sending(sequence.photos[0].key)
        journal.confirmed(sequence.photos[0].key, 5, False)
        journal.sending(sequence.photos[1].key)
        journal.failed(sequence.photos[1].key, "timeout")
        journal.sending(sequence.photos[2].key)
    with Journal(tmp_path / "j.sqlite", "http://a/") as journal:  # a new process
        places = journal.register(plan_upload(photos))
        assert [places[p.key].state for p in sequence.photos] == [j.CONFIRMED, j.FAILED, j.SENDING, j.PENDING]
        assert places[sequence.photos[0].key].photo_id == 5
        record = journal.sequence(sequence.key)
        assert (record.sequence_id, record.state) == (77, j.CREATED)
        journal.finishing(sequence.key)
        journal.finished(sequence.key)
        assert journal.sequence(sequence.key).state == j.FINISHED
        assert [r.state for r in journal.sequence_photos(sequence.key)] == [
            j.CONFIRMED, j.FAILED, j.SENDING, j.PENDING]


def test_photos_that_may_be_on_the_server_keep_their_sequence_when_the_plan_changes(tmp_path):
    photos = track(tmp_path, 4)
    whole = plan_upload(photos)
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        journal.register(whole)
        old = whole.sequences[0]
        journal.creating(old.key)
        journal.created(old.key, 1)
        journal.sending(old.photos[0].key)
        journal.confirmed(old.photos[0].key, 10, False)
        journal.sending(old.photos[1].key)  # outcome unknown: maybe stored as index 1 of sequence 1
        split = plan_upload(photos, PlanOptions(max_photos=2))
        places = journal.register(split)
        assert (places[old.photos[0].key].sequence_key, places[old.photos[0].key].state) == (old.key, j.CONFIRMED)
        assert (places[old.photos[1].key].sequence_key, places[old.photos[1].key].sequence_index) == (old.key, 1)
        second = split.sequences[1]
        assert [(places[p.key].sequence_key, places[p.key].sequence_index) for p in second.photos] == [
            (second.key, 0), (second.key, 1)]


def test_pending_photos_of_a_sequence_never_created_follow_the_new_plan(tmp_path):
    photos = track(tmp_path, 3)
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        journal.register(plan_upload(photos))
        split = plan_upload(photos, PlanOptions(max_photos=1))
        places = journal.register(split)
        assert [places[s.photos[0].key].sequence_key for s in split.sequences] == [s.key for s in split.sequences]


def test_namespaces_are_separate(tmp_path):
    plan = plan_upload(track(tmp_path, 2))
    key = plan.sequences[0].photos[0].key
    with Journal(tmp_path / "j.sqlite", "sandbox") as journal:
        journal.register(plan)
        journal.sending(key)
        journal.confirmed(key, 1, True)
    with Journal(tmp_path / "j.sqlite", "real") as journal:
        assert journal.register(plan)[key].state == j.PENDING


def test_threads_share_one_journal_and_it_uses_wal(tmp_path):
    plan = plan_upload(track(tmp_path, 40))
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        journal.register(plan)

        def confirm(photos):
            for photo in photos:
                journal.sending(photo.key)
                journal.confirmed(photo.key, photo.index, False)

        photos = plan.sequences[0].photos
        threads = [threading.Thread(target=confirm, args=(photos[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert {r.state for r in journal.sequence_photos(plan.sequences[0].key)} == {j.CONFIRMED}
    db = sqlite3.connect(str(tmp_path / "j.sqlite"))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == j.SCHEMA_VERSION
