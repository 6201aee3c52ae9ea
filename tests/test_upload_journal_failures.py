"""The upload journal's failures, as a user meets them in kartaview:uploadphotos: each message names
the journal file and says what to do; nothing is uploaded again behind the user's back; on a full
disk the report of what was uploaded so far is still written."""

import os
import sqlite3
import subprocess
from contextlib import contextmanager

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from kartaview.plugin.processing import upload_photos
from kartaview.plugin.upload.journal import Journal
from tests.test_upload_algorithm import ALG, photos_source, report, run_alg
from tests.test_upload_uploader import assert_all_stored_once, stored
from tests.upload_support import plan_upload, track


@pytest.fixture
def uploaded(fresh_sandbox, tmp_path, monkeypatch, kartaview_processing):  # noqa: F811
    """Three photos uploaded once through the algorithm, with the journal in `tmp_path/journal`."""
    folder = tmp_path / "journal"
    folder.mkdir(exist_ok=True)
    journal = folder / "journal.sqlite"
    monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", fresh_sandbox.token)
    monkeypatch.setenv("KARTAVIEW_UPLOAD_JOURNAL", str(journal))
    layer = photos_source(track(tmp_path, 3))
    assert {r["status"] for r in report(run_alg({"INPUT": layer}))} == {"uploaded"}
    return fresh_sandbox, layer, journal


def assert_refused_and_nothing_sent_again(sandbox, layer, journal, *words):
    before = stored(sandbox)
    sandbox.reset_log()
    with pytest.raises(QgsProcessingException) as raised:
        run_alg({"INPUT": layer})
    message = str(raised.value)
    assert str(journal) in message, message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and "sqlite3" not in message
    assert stored(sandbox) == before
    assert sandbox.request_log == []  # refused before any request
    return message


def test_a_journal_truncated_to_nothing_is_never_a_silent_fresh_start(uploaded):
    sandbox, layer, journal = uploaded
    journal.write_bytes(b"")
    assert_refused_and_nothing_sent_again(sandbox, layer, journal, "empty", "uploaded twice",
                                          "move it aside")
    assert journal.read_bytes() == b""  # left as it was for the user to restore


def test_a_journal_with_a_damaged_header_names_the_file(uploaded):
    sandbox, layer, journal = uploaded
    with open(journal, "r+b") as stream:
        stream.write(b"this is no longer SQLite")
    assert_refused_and_nothing_sent_again(sandbox, layer, journal, "damaged", "Restore the file from a backup")


@contextmanager
def read_only(folder):
    """Make `folder` read-only as it would be for the user: a read-only mount when root (root ignores
    permissions), else permissions."""
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root without the right to remount: cannot make a folder read-only")
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
    else:
        modes = {path: path.stat().st_mode for path in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)


@pytest.fixture
def mountable(tmp_path):
    """tmp_path/journal as a file system of its own when root (so that it can be made read-only)."""
    folder = tmp_path / "journal"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "none", str(folder)], capture_output=True).returncode == 0
    yield
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_journal_in_a_read_only_folder_says_how_to_fix_it(mountable, uploaded, monkeypatch):
    sandbox, layer, journal = uploaded
    with read_only(journal.parent):
        assert_refused_and_nothing_sent_again(sandbox, layer, journal, "cannot be written",
                                              "KARTAVIEW_UPLOAD_JOURNAL")
        monkeypatch.setenv("KARTAVIEW_UPLOAD_JOURNAL", str(journal.with_name("new.sqlite")))  # not made yet
        assert_refused_and_nothing_sent_again(sandbox, layer, journal.with_name("new.sqlite"), "cannot be written")


class _DiskFillsUp:
    """The journal's connection, whose commits fail with SQLite's "database or disk is full" once
    `commits` have gone through (as when the disk fills up mid-upload)."""

    def __init__(self, db, commits):
        self._db = db
        self.commits = commits

    def execute(self, sql, *args):
        if sql == "COMMIT":
            if self.commits <= 0:
                raise sqlite3.OperationalError("database or disk is full")
            self.commits -= 1
        return self._db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


class _Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API names)
        self.errors.append(error)
        super().reportError(error, fatalError)


def test_a_disk_full_mid_upload_still_writes_the_report_and_says_where_the_journal_is(
        fresh_sandbox, tmp_path, monkeypatch, kartaview_processing):  # noqa: F811
    import processing

    journal = tmp_path / "journal.sqlite"
    monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", fresh_sandbox.token)
    monkeypatch.setenv("KARTAVIEW_UPLOAD_JOURNAL", str(journal))
    photos = track(tmp_path, 10)
    layer = photos_source(photos)

    class FillingJournal(Journal):
        def __init__(self, *args):
            super().__init__(*args)
            self._db = _DiskFillsUp(self._db, 14)  # a few photos in

    monkeypatch.setattr(upload_photos, "Journal", FillingJournal)
    feedback = _Feedback()
    result = processing.run(ALG, {"INPUT": layer, "CONCURRENCY": 1, "OUTPUT": "memory:"}, feedback=feedback)
    rows = report(result)
    assert len(rows) == 10
    statuses = [r["status"] for r in rows]
    assert "uploaded" in statuses and "failed" in statuses, statuses
    assert set(statuses) == {"uploaded", "failed"}
    assert all("journal could not be written" in r["reason"] for r in rows if r["status"] == "failed"), rows
    on_server = len([p for _, _, ps in stored(fresh_sandbox) for p in ps])
    assert statuses.count("uploaded") == on_server  # the report tells exactly what KartaView has
    message = " ".join(feedback.errors)
    assert str(journal) in message and "full" in message and "Free some space" in message, message
    assert "Traceback" not in message and "sqlite3" not in message

    monkeypatch.setattr(upload_photos, "Journal", Journal)  # space freed: the next run completes it
    again = report(run_alg({"INPUT": layer, "CONCURRENCY": 1}))
    assert {r["status"] for r in again} <= {"uploaded", "already uploaded"}
    assert_all_stored_once(fresh_sandbox, plan_upload(photos))
