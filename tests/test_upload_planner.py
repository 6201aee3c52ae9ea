"""The upload planner: validation reasons, ordering, splitting, near-duplicates, stable keys, streaming.

Every test runs with the planner reading its database back one row at a time and with its real page
size, so that splitting and reading across page boundaries is covered with small inputs."""

import hashlib
import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import timedelta, timezone

import pytest

from kartaview.plugin.upload import photo_checks, plan_types, planner, scratch
from kartaview.plugin.upload.plan_types import PhotoInput, PlanOptions
from tests.upload_support import START, make_jpeg, offset, plan_upload, planned_photos, sequences, track


@pytest.fixture(autouse=True, params=[1, scratch.PAGE], ids=["page1", "page"])
def page_size(request, monkeypatch):
    monkeypatch.setattr(scratch, "PAGE", request.param)
    return request.param


def reasons(plan):
    return {skip.ref: skip.reason for skip in plan.skipped()}


def refs(plan):
    """[[ref of each photo] of each sequence]."""
    return [[p.ref for p in photos] for _, photos in sequences(plan)]


def test_a_regular_track_is_one_sequence_in_time_order(tmp_path):
    photos = track(tmp_path, 5)
    plan = plan_upload(reversed(photos))  # any iterable, read once
    assert (plan.sequence_count, plan.photo_count, plan.skipped_count) == (1, 5, 0)
    assert not list(plan.skipped())
    [(sequence, planned)] = sequences(plan)
    assert [p.ref for p in planned] == [0, 1, 2, 3, 4]
    assert [p.index for p in planned] == [0, 1, 2, 3, 4]
    assert (sequence.number, sequence.size) == (1, 5)
    assert (sequence.lat, sequence.lng) == (photos[0].lat, photos[0].lng)
    assert all(os.path.isabs(p.path) for p in planned)
    assert [p.captured_at for p in planned] == [p.captured_at for p in photos]
    assert [p.heading for p in planned] == [90.0] * 5


def test_equal_times_are_ordered_by_file_name(tmp_path):
    photos = track(tmp_path, 3)
    same_time = [PhotoInput(p.ref, p.path, p.lat, p.lng, START, p.heading) for p in photos]
    plan = plan_upload(list(reversed(same_time)))
    assert refs(plan) == [[0, 1, 2]]


def test_split_on_time_gap_distance_gap_and_max_photos(tmp_path):
    first = track(tmp_path, 3)
    later = track(tmp_path, 3, first=3, start=START + timedelta(minutes=10),
                  origin=offset(first[-1].lat, first[-1].lng, 0, 10))
    far = track(tmp_path, 3, first=6, start=START + timedelta(minutes=10, seconds=6),
                origin=offset(later[-1].lat, later[-1].lng, 0, 500))
    plan = plan_upload(first + later + far)
    assert refs(plan) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    assert all([p.index for p in photos] == [0, 1, 2] for _, photos in sequences(plan))

    plan = plan_upload(first + later + far, PlanOptions(max_gap_seconds=3600, max_gap_meters=1000))
    assert plan.sequence_count == 1
    plan = plan_upload(first + later + far, PlanOptions(max_gap_seconds=3600, max_gap_meters=1000, max_photos=4))
    assert [(s.size, len(photos)) for s, photos in sequences(plan)] == [(4, 4), (4, 4), (1, 1)]
    assert [s.number for s in plan.sequences()] == [1, 2, 3]
    assert [[p.index for p in photos] for _, photos in sequences(plan)] == [[0, 1, 2, 3], [0, 1, 2, 3], [0]]


def test_grouping_field_decides_the_sequences(tmp_path):
    photos = track(tmp_path, 6, step_m=300)  # far apart: gap splitting would make 6 sequences
    grouped = [PhotoInput(p.ref, p.path, p.lat, p.lng, p.captured_at, p.heading, group="b" if p.ref % 2 else "a")
               for p in photos]
    plan = plan_upload(grouped, PlanOptions(use_groups=True))
    assert refs(plan) == [[0, 2, 4], [1, 3, 5]]
    assert [s.group for s in plan.sequences()] == ["a", "b"]
    # Groups follow each other in the order of their first photo; no group is a group too.
    later_first = [replace(p, group={0: None, 1: "b", 2: "a"}[p.ref % 3]) for p in photos]
    plan = plan_upload(later_first, PlanOptions(use_groups=True, max_photos=1))
    assert refs(plan) == [[0], [3], [1], [4], [2], [5]]
    assert [s.group for s in plan.sequences()] == [None, None, "b", "b", "a", "a"]


def test_near_duplicates_are_skipped_unless_kept(tmp_path):
    base = track(tmp_path, 2)
    lat, lng = base[0].lat, base[0].lng
    still = [PhotoInput(10 + i, make_jpeg(tmp_path / "still{}.jpg".format(i), 10 + i), *offset(lat, lng, 0.1 * i, 0),
                        START + timedelta(seconds=0.2 * i), 90.0 + i) for i in range(1, 4)]
    turned = PhotoInput(20, make_jpeg(tmp_path / "turned.jpg", 20), lat, lng, START + timedelta(seconds=0.8), 180.0)
    plan = plan_upload(base + still + [turned])
    assert reasons(plan) == {11: plan_types.REASON_NEAR_DUPLICATE, 12: plan_types.REASON_NEAR_DUPLICATE,
                             13: plan_types.REASON_NEAR_DUPLICATE}
    assert refs(plan) == [[0, 20, 1]]
    assert {s.ref: s.detail for s in plan.skipped()} == {11: "0", 12: "0", 13: "0"}
    kept = plan_upload(base + still + [turned], PlanOptions(keep_duplicates=True))
    assert kept.skipped_count == 0 and kept.photo_count == 6


def test_headings_across_north_are_close(tmp_path):
    a = PhotoInput(1, make_jpeg(tmp_path / "a.jpg", 1), 46.7, 23.5, START, 358.0)
    b = PhotoInput(2, make_jpeg(tmp_path / "b.jpg", 2), 46.7, 23.5, START + timedelta(seconds=1), 2.0)
    assert reasons(plan_upload([a, b])) == {2: plan_types.REASON_NEAR_DUPLICATE}


def test_every_bad_input_gets_its_reason_and_the_rest_are_planned(tmp_path):
    good = track(tmp_path, 2)
    lat, lng = good[0].lat, good[0].lng
    t = START + timedelta(seconds=1)
    not_jpeg = tmp_path / "notes.jpg"
    not_jpeg.write_text("hello")
    png = tmp_path / "image.jpg"
    from PIL import Image
    Image.new("RGB", (8, 8)).save(str(png), "PNG")
    truncated = tmp_path / "truncated.jpg"
    whole = open(make_jpeg(tmp_path / "whole.jpg", 5, size=(200, 150)), "rb").read()
    truncated.write_bytes(whole[: len(whole) // 2])
    broken_header = tmp_path / "header.jpg"
    broken_header.write_bytes(whole[:4] + b"\x00" * 40)
    huge = tmp_path / "huge.jpg"
    with open(huge, "wb") as stream:
        stream.write(whole)
        stream.truncate(photo_checks.MAX_PHOTO_BYTES + 1)
    bad = [
        PhotoInput("missing", str(tmp_path / "nope.jpg"), lat, lng, t),
        PhotoInput("empty path", "", lat, lng, t),
        PhotoInput("no path", None, lat, lng, t),
        PhotoInput("text", str(not_jpeg), lat, lng, t),
        PhotoInput("png", str(png), lat, lng, t),
        PhotoInput("truncated", str(truncated), lat, lng, t),
        PhotoInput("header", str(broken_header), lat, lng, t),
        PhotoInput("huge", str(huge), lat, lng, t),
        PhotoInput("no position", make_jpeg(tmp_path / "np.jpg", 6), None, None, t),
        PhotoInput("zero", make_jpeg(tmp_path / "zero.jpg", 7), 0.0, 0.0, t),
        PhotoInput("nan", make_jpeg(tmp_path / "nan.jpg", 8), float("nan"), 3.0, t),
        PhotoInput("no time", make_jpeg(tmp_path / "nt.jpg", 9), lat, lng, None),
        PhotoInput("twice", good[0].path, lat, lng, t),
        PhotoInput("twice via other spelling", str(tmp_path / "." / os.path.basename(good[1].path)), lat, lng, t),
        PhotoInput("directory", str(tmp_path), lat, lng, t),
    ]
    plan = plan_upload(good + bad)
    assert reasons(plan) == {
        "missing": plan_types.REASON_MISSING_FILE, "empty path": plan_types.REASON_NO_PATH,
        "no path": plan_types.REASON_NO_PATH, "text": plan_types.REASON_NOT_JPEG, "png": plan_types.REASON_NOT_JPEG,
        "truncated": plan_types.REASON_CORRUPT_JPEG, "header": plan_types.REASON_CORRUPT_JPEG,
        "huge": plan_types.REASON_TOO_LARGE, "no position": plan_types.REASON_NO_POSITION,
        "zero": plan_types.REASON_NO_POSITION, "nan": plan_types.REASON_NO_POSITION,
        "no time": plan_types.REASON_NO_TIME,
        "twice": plan_types.REASON_SAME_FILE, "twice via other spelling": plan_types.REASON_SAME_FILE,
        "directory": plan_types.REASON_MISSING_FILE,
    }
    assert [s.detail for s in plan.skipped() if s.ref == "twice"] == ["0"]
    assert [s.ref for s in plan.skipped()] == [b.ref for b in bad]  # in input order
    assert plan.skipped_count == len(bad)
    assert [p.ref for p in planned_photos(plan)] == [0, 1]


def test_a_trailer_after_the_image_and_an_exif_thumbnail_are_fine(tmp_path):
    path = make_jpeg(tmp_path / "a.jpg", 1)
    with open(path, "ab") as stream:
        stream.write(b"SEFH" + b"\x01" * 1000)
    assert photo_checks.check_file(path)[0] is not None
    # A header whose own EOI (an embedded thumbnail) comes before a truncated scan is still corrupt.
    data = open(make_jpeg(tmp_path / "b.jpg", 2, size=(300, 200)), "rb").read()
    thumbnail = b"\xff\xd8\xff\xd9"
    app1 = b"\xff\xe1" + (len(thumbnail) + 2).to_bytes(2, "big") + thumbnail
    (tmp_path / "c.jpg").write_bytes(data[:2] + app1 + data[2: len(data) // 2])
    assert photo_checks.check_file(str(tmp_path / "c.jpg"))[1] == plan_types.REASON_CORRUPT_JPEG


def test_aware_times_are_converted_to_utc(tmp_path):
    photo = track(tmp_path, 1)[0]
    aware = START.replace(tzinfo=timezone(timedelta(hours=3)))
    plan = plan_upload([PhotoInput(1, photo.path, photo.lat, photo.lng, aware)])
    assert planned_photos(plan)[0].captured_at == START - timedelta(hours=3)


def test_keys_are_the_photos_content_not_their_path_or_time(tmp_path):
    photos = track(tmp_path, 4)
    first = sequences(plan_upload(photos))
    assert sequences(plan_upload(list(reversed(photos))))[0][0].key == first[0][0].key
    # The key of a sequence is the hash of its photos' keys.
    assert first[0][0].key == hashlib.sha1("\n".join(p.key for p in first[0][1]).encode()).hexdigest()
    assert first[0][1][0].key == "sha256:" + hashlib.sha256(open(photos[0].path, "rb").read()).hexdigest()
    os.utime(photos[2].path, ns=(1, 1))  # touched: the same photo
    assert sequences(plan_upload(photos))[0][0].key == first[0][0].key
    moved = tmp_path / "card-again"
    moved.mkdir()
    copies = [replace(p, path=shutil.copy(p.path, moved / "copy_{}.jpg".format(p.ref))) for p in photos]
    assert [p.key for p in sequences(plan_upload(copies))[0][1]] == [p.key for p in first[0][1]]
    make_jpeg(photos[2].path, 99)  # other bytes: another photo
    changed = sequences(plan_upload(photos))
    assert changed[0][0].key != first[0][0].key
    assert changed[0][1][0].key == first[0][1][0].key


def test_a_copy_of_a_photo_under_another_name_is_skipped_as_the_same_photo(tmp_path):
    photos = track(tmp_path, 2)
    copy = replace(photos[1], ref=7, path=shutil.copy(photos[1].path, tmp_path / "copy.jpg"))
    plan = plan_upload(photos + [copy])
    assert [p.ref for p in planned_photos(plan)] == [0, 1]
    assert [(s.ref, s.reason, s.detail) for s in plan.skipped()] == [(7, plan_types.REASON_SAME_PHOTO, "1")]


@pytest.mark.parametrize("heading,expected", [(None, None), (-90, 270.0), (720.5, 0.5), ("x", None)])
def test_headings_are_normalised(heading, expected):
    assert photo_checks.heading(heading) == expected


def test_distance():
    assert photo_checks.distance_m(46.77, 23.59, 46.77, 23.59) == 0
    assert photo_checks.distance_m(0, 0, 0, 1) == pytest.approx(111_195, rel=1e-3)


def test_only_a_valid_photo_claims_its_file(tmp_path):
    photo = track(tmp_path, 1)[0]
    no_time = PhotoInput("no time", photo.path, photo.lat, photo.lng, None)
    again = PhotoInput("again", photo.path, photo.lat, photo.lng, START + timedelta(seconds=5))
    plan = plan_upload([no_time, photo, again])
    assert reasons(plan) == {"no time": plan_types.REASON_NO_TIME, "again": plan_types.REASON_SAME_FILE}
    assert [p.ref for p in planned_photos(plan)] == [0]


def test_the_plan_is_read_only_once_split_and_closes_its_database(tmp_path):
    with planner.Plan() as plan:
        plan.add(track(tmp_path, 1)[0])
        with pytest.raises(RuntimeError):
            list(plan.sequences())
        plan.split()
        with pytest.raises(RuntimeError):
            plan.add(track(tmp_path, 1, first=1)[0])
        assert plan.photo_count == 1
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        list(plan.sequences())
