"""The pure geotagging parts: the track (positions, headings, distance sampling), the EXIF time reader
and the FFmpeg frame extraction, checked against a journey whose positions are known exactly."""

import json
import shutil
from datetime import datetime, timedelta, timezone

import pytest

from kartaview.plugin.analysis.track import (
    AFTER_TRACK,
    BEFORE_TRACK,
    NO_FIXES,
    ONE_TIME,
    TRACK_GAP,
    Fix,
    Miss,
    Track,
    TrackError,
)
from kartaview.plugin.upload import video
from kartaview.plugin.upload.exif import ExifError, parse_camera_time, read_exif
from tests.geotag_support import (
    EAST_END,
    NORTH_END,
    SPEED,
    STAND_END,
    T0,
    fixes,
    ground_m,
    journey,
    make_photo,
    make_video,
)

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="FFmpeg is not installed (make setup)")


def journey_track(step=1.0, **kwargs):
    return Track(((when.timestamp(), lat, lng) for when, lat, lng in fixes(step)), **kwargs)


@pytest.mark.parametrize("seconds", [0.0, 0.4, 12.25, 59.9, 65.0, 80.0, 80.5, 101.7, 139.99, 140.0])
def test_positions_within_2_m_of_the_journey(seconds):
    track = journey_track(step=2.0)  # fixes every 2 s: most times fall between fixes
    place = track.locate(T0.timestamp() + seconds)
    assert isinstance(place, Fix)
    assert ground_m((place.lat, place.lng), journey(seconds)[:2]) < 2.0


@pytest.mark.parametrize("seconds, heading", [(0.0, 90.0), (30.3, 90.0), (59.0, 90.0), (85.0, 0.0), (140.0, 0.0)])
def test_headings_follow_the_direction_of_travel(seconds, heading):
    place = journey_track().locate(T0.timestamp() + seconds)
    assert abs((place.heading - heading + 180) % 360 - 180) < 1.0


def test_standing_still_takes_the_heading_of_the_movement_around_it_or_none():
    track = journey_track()
    # in the middle of the 20 s stop, within 30 s: the fixes before and after span the corner
    assert track.locate(T0.timestamp() + 70).heading is not None
    parked = Track([(t, 46.77, 23.59) for t in range(0, 200)])
    assert parked.locate(100.5).heading is None


def test_times_outside_or_in_a_gap_are_misses_with_the_reason():
    points = [(when.timestamp(), lat, lng) for when, lat, lng in fixes(skip=[(20.5, 49.5)])]
    track = Track(points, max_gap=10)
    start = T0.timestamp()
    assert track.locate(start - 3) == Miss(BEFORE_TRACK, 3)
    assert track.locate(start + NORTH_END + 2.5) == Miss(AFTER_TRACK, 2.5)
    assert track.locate(start + 30) == Miss(TRACK_GAP, 30)
    assert isinstance(track.locate(start + 19.5), Fix)
    # without a gap limit the 30 s hole is interpolated
    assert isinstance(Track(points).locate(start + 30), Fix)


def test_unsorted_and_repeated_fixes_and_bad_tracks():
    track = Track([(2, 0.0, 2.0), (0, 0.0, 0.0), (1, 0.0, 1.0), (1, 5.0, 5.0)])
    assert list(track.times) == [0, 1, 2] and list(track.lngs) == [0, 1, 2]
    with pytest.raises(TrackError) as empty:
        Track([(None, 1.0, 2.0)])
    assert empty.value.code == NO_FIXES
    with pytest.raises(TrackError) as one:
        Track([(5, 1.0, 2.0), (5, 1.0, 2.0)])
    assert one.value.code == ONE_TIME


def test_every_n_metres_of_travel_and_nothing_while_standing():
    track = journey_track()
    start = T0.timestamp()
    times = [t - start for t in track.every(3.0)]
    # 300 m east then 300 m north: a time every 3 m, the first at the start
    assert len(times) == 201
    assert times[0] == 0
    assert not any(EAST_END + 0.01 < t < STAND_END for t in times)
    for earlier, later in zip(times, times[1:]):
        travelled = ground_m(journey(earlier)[:2], journey(later)[:2])
        if later <= EAST_END or earlier >= STAND_END:
            assert travelled == pytest.approx(3.0, abs=0.05)
    # a window of the track
    window = [t - start for t in track.every(10.0, start + 100, start + 110)]
    assert window[0] == pytest.approx(100) and window[-1] == pytest.approx(110)
    assert len(window) == int(SPEED * 10 / 10) + 1


def test_gps_wander_while_parked_gives_no_samples():
    # a parked receiver wandering 0.2 m back and forth each second
    wander = [(t, 46.77 + (0.2 / 111_195.0) * (t % 2), 23.59) for t in range(0, 300)]
    assert list(Track(wander).every(3.0)) == [0]


def test_exif_times_with_and_without_a_zone(tmp_path):
    path = make_photo(tmp_path / "a.jpg", camera_time="2026:05:01 12:00:05", subsec="25", offset="-03:30",
                      direction=359.5)
    exif = read_exif(path)
    assert exif.camera_time == datetime(2026, 5, 1, 12, 0, 5, 250000,
                                        tzinfo=timezone(-timedelta(hours=3, minutes=30)))
    assert exif.direction == 359.5
    plain = read_exif(make_photo(tmp_path / "b.jpg", camera_time="2026:05:01 12:00:05"))
    assert plain.camera_time == datetime(2026, 5, 1, 12, 0, 5) and plain.direction is None
    assert read_exif(make_photo(tmp_path / "c.jpg")).camera_time is None
    assert parse_camera_time("0000:00:00 00:00:00") is None  # what cameras write when the clock is unset
    (tmp_path / "d.jpg").write_bytes(b"not a jpeg at all")
    with pytest.raises(ExifError):
        read_exif(tmp_path / "d.jpg")
    with pytest.raises(ExifError):
        read_exif(tmp_path / "missing.jpg")


def test_the_selection_expression_is_a_search_tree():
    expression = video.selection([float(t) for t in range(1000)])
    depth = deepest = 0
    for character in expression:
        depth += {"(": 1, ")": -1}.get(character, 0)
        deepest = max(deepest, depth)
    # a frame costs about log2(1000) = 10 comparisons per side, not 1000
    assert deepest <= 2 * 12
    assert expression.count("lt(t,") == 1000


@needs_ffmpeg
def test_extract_writes_the_first_frame_at_or_after_each_time_in_one_run(tmp_path, monkeypatch):
    path = make_video(tmp_path / "v.mp4", 6, rate=10)
    info = video.probe("ffprobe", path)
    assert (info.width, info.height, info.frame_rate) == (320, 240, 10)
    assert info.created == T0 and not info.spherical
    assert info.ffmpeg_version >= (4, 0)
    runs = []
    real_popen = video.subprocess.Popen
    monkeypatch.setattr(video.subprocess, "Popen", lambda *a, **k: runs.append(a) or real_popen(*a, **k))
    frames = video.extract("ffmpeg", path, [0.0, 1.0, 1.01, 2.55, 5.85, 5.95, 9.0], str(tmp_path / "out"), "v",
                           ffmpeg_version=info.ffmpeg_version)
    assert len(runs) == 1  # one run for all frames
    assert [round(f.video_time, 2) for f in frames] == [0.0, 1.0, 1.1, 2.6, 5.9]  # 5.95, 9: past the last frame
    assert all((tmp_path / "out" / "v_{:06d}.jpg".format(i + 1)).exists() for i in range(len(frames)))
    assert not list((tmp_path / "out").glob(".*"))  # the filter script is removed


@needs_ffmpeg
def test_unreadable_video_and_missing_programs(tmp_path, monkeypatch):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 1000)
    with pytest.raises(video.VideoError):
        video.probe("ffprobe", str(bad))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(video.FFmpegMissing) as missing:
        video.find_program("ffmpeg")
    assert missing.value.program == "ffmpeg" and not missing.value.configured
    with pytest.raises(video.FFmpegMissing) as configured:
        video.find_program("ffprobe", str(tmp_path / "nowhere" / "ffprobe"))
    assert configured.value.configured.endswith("ffprobe")


def test_probe_reads_360_metadata_rotation_and_version(tmp_path):
    """What ffprobe says of a phone video turned upright and of a 360 camera's file (Spherical Video V2),
    given by a stand-in ffprobe printing that answer."""
    answer = {
        "program_version": {"version": "4.4.2-0ubuntu0.22.04.1"},
        "streams": [{"width": 3840, "height": 1920, "avg_frame_rate": "30000/1001", "duration": "12.5",
                     "start_time": "0.033", "tags": {"creation_time": "2026-05-01T10:00:00.000000Z"},
                     "side_data_list": [{"side_data_type": "Spherical Mapping", "projection": "equirectangular"},
                                        {"side_data_type": "Display Matrix", "rotation": -90}]}],
        "format": {"duration": "12.6"},
    }
    fake = tmp_path / "ffprobe"
    fake.write_text("#!/bin/sh\ncat <<'EOF'\n{}\nEOF\n".format(json.dumps(answer)))
    fake.chmod(0o755)
    info = video.probe(str(fake), "any.mp4")
    assert info.spherical and (info.width, info.height) == (1920, 3840)  # upright after the rotation
    assert info.frame_rate == pytest.approx(29.97, abs=0.01) and info.start == 0.033 and info.duration == 12.5
    assert info.created == T0 and info.ffmpeg_version == (4, 4)
    answer["streams"][0]["side_data_list"] = [{"side_data_type": "Spherical Mapping", "projection": "cubemap"}]
    fake.write_text("#!/bin/sh\ncat <<'EOF'\n{}\nEOF\n".format(json.dumps(answer)))
    assert not video.probe(str(fake), "any.mp4").spherical  # only equirectangular goes as SPHERE
