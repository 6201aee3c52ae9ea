"""Desktop QGIS (the `qgis` program under Xvfb, real X input): from the camera to KartaView through the
toolbox's dialogs. A folder of photos without GPS plus a GPX (Geotag photos with a GPS track) and a short
2:1 video plus the GPX (Sample a video), each previewed with Upload photos to KartaView (dry run: the planned
sequences in the Layers panel) then uploaded; the sandbox holds each photo within 2 m of the camera's place
at the photo's time, with the track's heading, the video's frames as 360° (SPHERE)."""

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from tests.desktop.session import run_scenario
from tests.geotag_support import (
    T0,
    camera_text,
    fixes,
    ground_m,
    journey,
    make_photo,
    make_video,
    write_gpx,
)
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop

CAMERA_AHEAD = 7.0  # the photo camera's clock is 7 s ahead of the GPS, on Bucharest summer time
BUCHAREST_SUMMER = timedelta(hours=3)
# journey seconds of the photos: 5 going east, then 2 going north after the stop (93 s later: a 2nd sequence)
PHOTO_SECONDS = [1.0, 3.0, 5.5, 7.0, 9.0, 102.0, 104.0]
SPLIT = 5
VIDEO_START, VIDEO_SECONDS = 20.0, 10  # journey seconds; its creation time is on the same fast clock


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def make_inputs(folder):
    card = folder / "card"
    card.mkdir(parents=True)
    photos = {}
    for index, seconds in enumerate(PHOTO_SECONDS):
        wall = T0 + timedelta(seconds=seconds + CAMERA_AHEAD) + BUCHAREST_SUMMER
        path = make_photo(card / "IMG_{:04d}.JPG".format(index), seed=index, camera_time=camera_text(wall),
                          subsec="{:03d}".format(int(round((seconds % 1) * 1000))))
        photos[digest(path)] = seconds
    write_gpx(folder / "track.gpx", fixes(step=1.0))
    # the frame rate puts a frame at each whole second, so the whole-second shotDate is the frame's time
    make_video(folder / "360.mp4", VIDEO_SECONDS, size=(320, 160), rate=5,
               created=T0 + timedelta(seconds=VIDEO_START + CAMERA_AHEAD))
    return photos


def stored_seconds(fields):
    shot = datetime.strptime(fields["shotDate"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    return (shot - T0).total_seconds()


def assert_on_the_track(fields, seconds):
    lat, lng = (float(x) for x in fields["coordinate"].split(","))
    where, heading = journey(seconds)[:2], journey(seconds)[2]
    assert ground_m((lat, lng), where) < 2.0, (fields, seconds)
    assert abs((float(fields["headers"]) - heading + 180) % 360 - 180) < 1.0, (fields, seconds)


def test_photos_and_a_360_video_go_from_the_toolbox_to_kartaview(tmp_path):
    photos = make_inputs(tmp_path / "inputs")
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1) as sandbox:
        run = run_scenario("capture", tmp_path / "qgis", sandbox.url, timeout=150, env={
            "KARTAVIEW_ACCESS_TOKEN": sandbox.token,
            "KARTAVIEW_UPLOAD_JOURNAL": str(tmp_path / "journal.sqlite"),
            "KARTAVIEW_CAPTURE_INPUTS": str(tmp_path / "inputs"),
            "KARTAVIEW_CAPTURE_OFFSET": str(CAMERA_AHEAD),
            "KARTAVIEW_CAPTURE_ZONE": "Europe/Bucharest",
            "KARTAVIEW_CAPTURE_SPLIT": str(SPLIT)})
        stored = [record["photos"] for _, record in sorted(sandbox.uploads().items())]
    run.assert_all_good()
    # three sequences: the photos before the stop, after it, then the video's frames
    assert [len(sequence) for sequence in stored[:2]] == [SPLIT, len(PHOTO_SECONDS) - SPLIT], run.summary()
    held = {digest(photo["file_path"]): photo["fields"] for sequence in stored[:2] for photo in sequence}
    assert set(held) == set(photos)
    for key, seconds in photos.items():
        fields = held[key]
        # the GPS time of the photo (camera time in Bucharest, minus the 7 s the camera is fast)
        assert fields["shotDate"] == (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")
        assert_on_the_track(fields, seconds)
        assert fields.get("projection") is None  # flat photos go as before: no projection field

    frames = stored[2]
    # 50 m of travel in 10 s, one frame every 10 m
    assert len(frames) == 5 == len(run.results["frames"]), run.summary()
    times = sorted(stored_seconds(photo["fields"]) for photo in frames)
    assert times == [VIDEO_START + 2 * i for i in range(5)]
    for photo in frames:
        assert_on_the_track(photo["fields"], stored_seconds(photo["fields"]))
        assert photo["fields"]["projection"] == "SPHERE" and photo["fields"]["fieldOfView"] == "360"
    assert run.results["frames_dry_run_projection"] == ["SPHERE"] * 5
    assert run.results["photos_legend"][0].startswith("Sequence 1: 5 photo(s)"), run.results["photos_legend"]
