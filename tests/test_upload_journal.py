"""The upload journal: resuming the same sequences, sticky assignments, threads, namespaces."""

import sqlite3
import threading

from kartaview.plugin.upload import journal as j
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PlanOptions
from tests.upload_support import plan_upload, register, sequences, track


def test_register_records_the_plan_and_resumes_it(tmp_path):
    photos = track(tmp_path, 4)
    plan = plan_upload(photos)
    [(sequence, planned)] = sequences(plan)
    with Journal(tmp_path / "j.sqlite", "http://a/") as journal:
        places = register(journal, plan)
        assert {k: (r.sequence_key, r.sequence_index, r.state) for k, r in places.items()} == {
            p.key: (sequence.key, p.index, j.PENDING) for p in planned}
        record = journal.sequence(sequence.key)
        assert (record.state, record.lat, record.lng) == (j.PLANNED, photos[0].lat, photos[0].lng)
        assert journal.unconfirmed(sequence.key) == 4
        journal.creating(sequence.key)
        journal.created(sequence.key, 77)
        journal.sending(planned[0].key)
        journal.confirmed(planned[0].key, 5, False)
        journal.sending(planned[1].key)
        journal.failed(planned[1].key, "timeout")
        journal.sending(planned[2].key)
    with Journal(tmp_path / "j.sqlite", "http://a/") as journal:  # a new process
        places = register(journal, plan_upload(photos))
        assert [places[p.key].state for p in planned] == [j.CONFIRMED, j.FAILED, j.SENDING, j.PENDING]
        assert places[planned[0].key].photo_id == 5
        record = journal.sequence(sequence.key)
        assert (record.sequence_id, record.state) == (77, j.CREATED)
        assert journal.unconfirmed(sequence.key) == 3
        journal.finishing(sequence.key)
        journal.finished(sequence.key)
        assert journal.sequence(sequence.key).state == j.FINISHED


def test_photos_that_may_be_on_the_server_keep_their_sequence_when_the_plan_changes(tmp_path):
    photos = track(tmp_path, 4)
    whole = plan_upload(photos)
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        register(journal, whole)
        [(old, old_photos)] = sequences(whole)
        journal.creating(old.key)
        journal.created(old.key, 1)
        journal.sending(old_photos[0].key)
        journal.confirmed(old_photos[0].key, 10, False)
        journal.sending(old_photos[1].key)  # outcome unknown: maybe stored as index 1 of sequence 1
        split = plan_upload(photos, PlanOptions(max_photos=2))
        places = register(journal, split)
        assert (places[old_photos[0].key].sequence_key, places[old_photos[0].key].state) == (old.key, j.CONFIRMED)
        assert (places[old_photos[1].key].sequence_key, places[old_photos[1].key].sequence_index) == (old.key, 1)
        second, second_photos = sequences(split)[1]
        assert [(places[p.key].sequence_key, places[p.key].sequence_index) for p in second_photos] == [
            (second.key, 0), (second.key, 1)]


def test_pending_photos_of_a_sequence_never_created_follow_the_new_plan(tmp_path):
    photos = track(tmp_path, 3)
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        register(journal, plan_upload(photos))
        split = sequences(plan_upload(photos, PlanOptions(max_photos=1)))
        places = register(journal, plan_upload(photos, PlanOptions(max_photos=1)))
        assert [places[p[0].key].sequence_key for _, p in split] == [s.key for s, _ in split]


def test_namespaces_are_separate(tmp_path):
    plan = plan_upload(track(tmp_path, 2))
    key = sequences(plan)[0][1][0].key
    with Journal(tmp_path / "j.sqlite", "sandbox") as journal:
        register(journal, plan)
        journal.sending(key)
        journal.confirmed(key, 1, True)
    with Journal(tmp_path / "j.sqlite", "real") as journal:
        assert register(journal, plan)[key].state == j.PENDING


def test_threads_share_one_journal_and_it_uses_wal(tmp_path):
    plan = plan_upload(track(tmp_path, 40))
    [(sequence, photos)] = sequences(plan)
    with Journal(tmp_path / "j.sqlite", "ns") as journal:
        register(journal, plan)

        def confirm(photos):
            for photo in photos:
                journal.sending(photo.key)
                journal.confirmed(photo.key, photo.index, False)

        threads = [threading.Thread(target=confirm, args=(photos[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert journal.unconfirmed(sequence.key) == 0
        assert {journal.photo(p.key).state for p in photos} == {j.CONFIRMED}
    db = sqlite3.connect(str(tmp_path / "j.sqlite"))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == j.SCHEMA_VERSION


# The schema of the journals written by version 1 (a photo known by path|size|mtime).
_V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS sequences (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    sequence_id INTEGER,
    state TEXT NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
CREATE TABLE IF NOT EXISTS photos (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    sequence_key TEXT NOT NULL,
    sequence_index INTEGER NOT NULL,
    state TEXT NOT NULL,
    photo_id INTEGER,
    duplicate INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
CREATE INDEX IF NOT EXISTS photos_by_sequence ON photos (namespace, sequence_key);
"""


def test_a_journal_of_the_previous_version_keeps_its_photos_uploaded(fresh_sandbox, tmp_path):
    """Photos uploaded with a journal of version 1 are still known (by their contents now): an
    upgrade of the plugin never uploads them again."""
    from kartaview.plugin.client.client import KartaViewClient
    from kartaview.plugin.upload import uploader as up
    from kartaview.plugin.upload.identity import DigestCache

    photos = track(tmp_path, 3)
    path = tmp_path / "journal.sqlite"
    old = sqlite3.connect(str(path))
    old.executescript(_V1_SCHEMA)
    old.execute("PRAGMA user_version=1")
    with KartaViewClient(fresh_sandbox.url) as client:
        namespace = client.base_url
    old.execute("INSERT INTO sequences VALUES (?, 'old-sequence', 41, 'finished', 0, 0, 'then')", (namespace,))
    for index, photo in enumerate(photos):
        stat = (tmp_path / photo.path).stat()
        key = "{}|{}|{}".format(photo.path, stat.st_size, stat.st_mtime_ns)
        old.execute("INSERT INTO photos VALUES (?,?,?,'old-sequence',?,'confirmed',?,0,NULL,'then')",
                    (namespace, key, photo.path, index, 100 + index))
    old.commit()
    old.close()
    fresh_sandbox.reset_log()
    results = []
    with KartaViewClient(fresh_sandbox.url) as client, Journal(path, client.base_url) as journal:
        plan = plan_upload(photos, PlanOptions(), DigestCache(journal))
        summary = up.Uploader(client, journal, fresh_sandbox.token, on_photo=results.append).run(plan)
    assert summary.counts == {up.ALREADY_UPLOADED: 3}
    assert [(r.sequence_id, r.sequence_index) for r in results] == [(41, 0), (41, 1), (41, 2)]
    assert fresh_sandbox.request_log == []
