"""One photo is one photo whatever happens to its file: a card's folder copied again, touched or
moved is not uploaded again; and its identity (a hash of the bytes) is computed once per file."""

import os
import shutil
from dataclasses import replace
from pathlib import Path

from kartaview.plugin.upload import identity
from kartaview.plugin.upload.identity import DigestCache
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PlanOptions
from tests.test_upload_algorithm import photos_source, report, run_alg
from tests.test_upload_uploader import stored
from tests.upload_support import plan_upload, planned_photos, track


def test_a_card_copied_again_touched_and_moved_is_not_uploaded_again(kartaview_processing, upload_env,  # noqa: F811
                                                                      tmp_path):
    card = tmp_path / "DCIM"
    card.mkdir()
    photos = track(card, 6)
    first = report(run_alg({"INPUT": photos_source(photos), "MAX_PHOTOS": 4}))
    assert [r["status"] for r in first] == ["uploaded"] * 6
    # The card is copied onto the disk again (new paths, new times), the first copy deleted.
    again = tmp_path / "import-2"
    shutil.copytree(card, again, copy_function=shutil.copyfile)
    for path in again.iterdir():
        os.utime(path, ns=(1_800_000_000_000_000_000, 1_800_000_000_000_000_000))
    shutil.rmtree(card)
    moved = [replace(p, path=str(again / Path(p.path).name)) for p in photos]
    rows = report(run_alg({"INPUT": photos_source(moved), "MAX_PHOTOS": 4}))
    assert [r["status"] for r in rows] == ["already uploaded"] * 6
    assert {r["reason"] for r in rows} == {"Uploaded by an earlier run."}
    assert [r["sequence_id"] for r in rows] == [r["sequence_id"] for r in first]
    assert [len(p) for _, _, p in stored(upload_env)] == [4, 2]  # still 6 photos on KartaView


def test_unchanged_files_are_hashed_once(tmp_path, monkeypatch):
    photos = track(tmp_path, 5)
    hashed = []
    real = identity.file_key
    monkeypatch.setattr(identity, "file_key", lambda path: hashed.append(path) or real(path))
    with Journal(tmp_path / "journal.sqlite", "https://example.invalid/") as journal:
        keys = [p.key for p in planned_photos(plan_upload(photos, PlanOptions(), DigestCache(journal)))]
        assert len(hashed) == 5
        again = [p.key for p in planned_photos(plan_upload(photos, PlanOptions(), DigestCache(journal)))]
        assert (again, len(hashed)) == (keys, 5)  # nothing read again
        os.utime(photos[3].path, ns=(1, 1))
        touched = [p.key for p in planned_photos(plan_upload(photos, PlanOptions(), DigestCache(journal)))]
        assert (touched, hashed[5:]) == (keys, [photos[3].path])  # only the touched file, same key
