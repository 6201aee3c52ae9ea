"""kartaview:geotagphotos and kartaview:samplevideo in QGIS Processing and headless with qgis_process:
photos and test videos placed on a GPX track of a known journey (positions within 2 m of where the
camera was at the photo's time, headings), the bad inputs and their messages, and the output
accepted by kartaview:uploadphotos."""

import hashlib
import json
import os
from datetime import timedelta, timezone

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime

from kartaview.plugin.core.compat import DATETIME, STRING, new_field
from kartaview.plugin.processing.photo_values import utc_time
from kartaview.plugin.processing.track_input import utc_seconds
from tests.conftest import run_qgis_process
from tests.geotag_support import (
    EAST_END,
    NORTH_END,
    STAND_END,
    T0,
    camera_text,
    fixes,
    ground_m,
    journey,
    make_photo,
    make_video,
    write_gpx,
)
from tests.test_geotag import needs_ffmpeg

BUCHAREST_SUMMER = timedelta(hours=3)  # Europe/Bucharest in May (EEST)
CAMERA_AHEAD = 7.0  # the camera clock is 7 s ahead of the GPS



def run(algorithm, parameters):
    import processing

    return processing.run("kartaview:" + algorithm, parameters)


def rows(layer):
    names = layer.fields().names()
    return [dict(zip(names, feature.attributes()), geometry=feature.geometry()) for feature in layer.getFeatures()]


def seconds_of(row):
    return utc_seconds(row["timestamp"]) - T0.timestamp()


def assert_on_the_journey(row):
    point = row["geometry"].asPoint()
    assert ground_m((point.y(), point.x()), journey(seconds_of(row))[:2]) < 2.0, row


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def camera_photos(folder, seconds_list, start=0):
    """Photos taken at these journey seconds by a camera on Bucharest time, CAMERA_AHEAD s fast."""
    paths = []
    for index, seconds in enumerate(seconds_list):
        wall = T0 + timedelta(seconds=seconds + CAMERA_AHEAD) + BUCHAREST_SUMMER
        subsec = "{:03d}".format(int(round((seconds % 1) * 1000)))
        paths.append(make_photo(folder / "IMG_{:04d}.JPG".format(start + index), seed=start + index,
                                camera_time=camera_text(wall), subsec=subsec))
    return paths


@pytest.fixture
def gpx(tmp_path):
    return write_gpx(tmp_path / "track.gpx", fixes(step=1.0))


def test_a_folder_of_photos_on_a_gpx_track(kartaview_processing, gpx, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    covered = [0.5, 10.25, 33.0, 59.5, 70.0, 90.75, 139.0]
    paths = camera_photos(folder, covered)
    before, after = camera_photos(folder, [-20.0, NORTH_END + 15.0], start=100)
    # its own compass direction and its own time zone (UTC-05:00): both win
    own = make_photo(folder / "own.jpg", seed=200, direction=45.0, offset="-05:00",
                     camera_time=camera_text(T0 + timedelta(seconds=40 + CAMERA_AHEAD) - timedelta(hours=5)))
    no_time = make_photo(folder / "notime.jpg", seed=201)
    (folder / "broken.jpg").write_bytes(b"this is no JPEG")
    (folder / "notes.txt").write_text("not a photo")
    before_digests = {path: digest(path) for path in folder.iterdir()}

    result = run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "TIME_OFFSET": CAMERA_AHEAD,
                                  "TIME_ZONE": "Europe/Bucharest", "OUTPUT": "memory:", "UNCOVERED": "memory:"})
    tagged = {row["photo"]: row for row in rows(result["OUTPUT"])}
    assert set(tagged) == set(paths) | {own}
    for path, seconds in zip(paths, covered):
        row = tagged[path]
        assert seconds_of(row) == pytest.approx(seconds, abs=0.002)
        assert_on_the_journey(row)
        expected = journey(seconds)[2]
        if expected is not None:
            assert abs((row["direction"] - expected + 180) % 360 - 180) < 1.0
            assert row["heading_from"] == "track"
    # uploadphotos reads the time as UTC whatever the computer's zone (this machine's may be UTC: the Z)
    first = tagged[paths[0]]["timestamp"]
    assert first.endswith("Z")
    assert utc_time(first) == (T0 + timedelta(seconds=covered[0])).replace(tzinfo=None), first
    assert tagged[own]["direction"] == 45.0 and tagged[own]["heading_from"] == "photo"
    assert seconds_of(tagged[own]) == pytest.approx(40.0)
    assert result["OUTPUT"].crs().authid() == "EPSG:4326"

    missed = {row["photo"]: row["reason"] for row in rows(result["UNCOVERED"])}
    assert set(missed) == {before, after, no_time, str(folder / "broken.jpg")}
    assert "20.0 s before the track starts" in missed[before]
    assert "15.0 s after the track ends" in missed[after]
    assert "no capture time" in missed[no_time]
    assert "cannot be read" in missed[str(folder / "broken.jpg")]
    assert (result["GEOTAGGED"], result["NOT_COVERED"]) == (8, 4)
    # never modifies the photo files
    assert {path: digest(path) for path in folder.iterdir()} == before_digests


def test_the_log_states_the_time_zone_and_the_default_is_the_computers(kartaview_processing, gpx, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, info):  # noqa: N802 (QGIS API name)
            self.lines.append(info)

    folder = tmp_path / "card"
    folder.mkdir()
    camera_photos(folder, [5.0])
    import processing

    feedback = Recorder()
    processing.run("kartaview:geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "OUTPUT": "memory:"},
                   context=QgsProcessingContext(), feedback=feedback)
    assert any("read in" in line and "this computer's time zone" in line for line in feedback.lines)
    feedback = Recorder()
    processing.run("kartaview:geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "OUTPUT": "memory:",
                                              "TIME_ZONE": "UTC+03:00", "TIME_OFFSET": CAMERA_AHEAD},
                   context=QgsProcessingContext(), feedback=feedback)
    assert any("read in UTC+03:00" in line for line in feedback.lines)


def test_a_layer_of_photos_and_a_track_layer_in_another_crs(kartaview_processing, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    paths = camera_photos(folder, [12.0, 95.5])
    # the table "Import geotagged photos" makes of photos without a position: a path field, no geometry
    table = QgsVectorLayer("None", "invalid photos", "memory")
    table.dataProvider().addAttributes([new_field("photo", STRING)])
    table.updateFields()
    for path in paths:
        feature = QgsFeature(table.fields())
        feature.setAttributes([path])
        table.dataProvider().addFeature(feature)
    # the track as Web Mercator points with a date-time field
    track = QgsVectorLayer("Point?crs=EPSG:3857", "track", "memory")
    track.dataProvider().addAttributes([new_field("when", DATETIME)])
    track.updateFields()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_mercator = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                         QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance())
    for when, lat, lng in fixes(step=2.0):
        feature = QgsFeature(track.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(to_mercator.transform(QgsPointXY(lng, lat))))
        feature.setAttributes([QDateTime.fromMSecsSinceEpoch(int(when.timestamp() * 1000))])
        track.dataProvider().addFeature(feature)
    result = run("geotagphotos", {"PHOTOS_LAYER": table, "TRACK": track, "TRACK_TIME_FIELD": "when",
                                  "TIME_OFFSET": CAMERA_AHEAD, "TIME_ZONE": "Europe/Bucharest", "OUTPUT": "memory:"})
    tagged = rows(result["OUTPUT"])
    assert [row["photo"] for row in tagged] == paths
    for row in tagged:
        assert_on_the_journey(row)


def test_bad_tracks_and_photos_outside_the_track_get_clear_messages(kartaview_processing, gpx, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    camera_photos(folder, [5.0, 6.0])
    untimed = write_gpx(tmp_path / "untimed.gpx", fixes(step=5.0), with_times=False)
    with pytest.raises(QgsProcessingException, match="track without times"):
        run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": untimed, "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="No GPS track is given"):
        run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="folder of photos or a layer"):
        run("geotagphotos", {"TRACK": gpx, "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="Unknown time zone 'Mars/Olympus'"):
        run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "TIME_ZONE": "Mars/Olympus",
                             "OUTPUT": "memory:"})
    # the camera's zone forgotten: every photo is 3 h off the track; nothing is lost, all are listed
    result = run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "TIME_ZONE": "UTC",
                                  "OUTPUT": "memory:", "UNCOVERED": "memory:"})
    assert result["GEOTAGGED"] == 0
    reasons = [row["reason"] for row in rows(result["UNCOVERED"])]
    assert len(reasons) == 2 and all("after the track ends" in reason for reason in reasons)


def test_the_output_goes_to_kartaview_with_uploadphotos(kartaview_processing, upload_env, gpx, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    seconds = [1.0, 3.0, 5.0, 7.0, 100.0, 102.0]
    paths = camera_photos(folder, seconds)
    output = tmp_path / "geotagged.gpkg"
    run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": gpx, "TIME_OFFSET": CAMERA_AHEAD,
                         "TIME_ZONE": "Europe/Bucharest", "OUTPUT": str(output)})
    preview = run("uploadphotos", {"INPUT": str(output), "DRY_RUN": True, "OUTPUT": "memory:"})
    assert [row["status"] for row in rows(preview["OUTPUT"])] == ["would upload"] * 6
    # the 93 s between the two groups splits them (uploadphotos' time gap of 60 s): times read as UTC
    assert preview["SEQUENCES"] == 2
    report = run("uploadphotos", {"INPUT": str(output), "OUTPUT": "memory:"})
    assert report["UPLOADED"] == 6
    # what KartaView (the sandbox) holds: each photo at the camera's place at its time, with its heading
    held = {}
    for sequence in upload_env.uploads().values():
        for photo in sequence["photos"]:
            held[digest(photo["file_path"])] = photo["fields"]
    assert len(held) == 6
    for path, second in zip(paths, seconds):
        fields = held[digest(path)]
        lat, lng = (float(x) for x in fields["coordinate"].split(","))
        assert ground_m((lat, lng), journey(second)[:2]) < 2.0
        assert fields["shotDate"] == (T0 + timedelta(seconds=second)).strftime("%Y-%m-%d %H:%M:%S")
        assert float(fields["headers"]) == pytest.approx(journey(second)[2], abs=1.0)


def test_a_line_track_with_times_as_m_values(kartaview_processing, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    paths = camera_photos(folder, [15.5, 110.0])
    vertices = ", ".join("{} {} {}".format(lng, lat, when.timestamp()) for when, lat, lng in fixes(step=5.0))
    lines = QgsVectorLayer("LineStringM?crs=EPSG:4326", "track", "memory")
    feature = QgsFeature(lines.fields())
    feature.setGeometry(QgsGeometry.fromWkt("LineStringM ({})".format(vertices)))
    lines.dataProvider().addFeature(feature)
    result = run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": lines, "TIME_OFFSET": CAMERA_AHEAD,
                                  "TIME_ZONE": "UTC+03:00", "OUTPUT": "memory:"})
    tagged = rows(result["OUTPUT"])
    assert sorted(row["photo"] for row in tagged) == sorted(paths)
    for row in tagged:
        assert_on_the_journey(row)
    plain = QgsVectorLayer("LineString?crs=EPSG:4326", "no times", "memory")
    feature = QgsFeature(plain.fields())
    feature.setGeometry(QgsGeometry.fromWkt("LineString (23.59 46.77, 23.60 46.78)"))
    plain.dataProvider().addFeature(feature)
    with pytest.raises(QgsProcessingException, match="lines carry no times"):
        run("geotagphotos", {"PHOTOS_FOLDER": str(folder), "TRACK": plain, "OUTPUT": "memory:"})


# -- video ------------------------------------------------------------------------------------------


def sample(video, gpx, tmp_path, **extra):
    parameters = {"VIDEO": video, "TRACK": gpx, "OUTPUT_FOLDER": str(tmp_path / "frames"), "OUTPUT": "memory:"}
    parameters.update(extra)
    return run("samplevideo", parameters)


@needs_ffmpeg
def test_a_video_becomes_frames_every_3_m_on_the_track(kartaview_processing, gpx, tmp_path):
    # the camera started recording 5 s into the journey; its clock (creation time) is CAMERA_AHEAD s fast
    video = make_video(tmp_path / "ride.mp4", NORTH_END - 5, size=(160, 120), rate=10,
                       created=T0 + timedelta(seconds=5 + CAMERA_AHEAD))
    result = sample(video, gpx, tmp_path, TIME_OFFSET=CAMERA_AHEAD)
    frames = rows(result["OUTPUT"])
    # 275 m east from second 5 and 300 m north after the stop: a frame every 3 m, none while standing
    assert 190 <= len(frames) <= 196
    assert result["FRAMES"] == len(frames)
    previous = None
    for row in frames:
        seconds = seconds_of(row)
        assert not (EAST_END + 0.11 < seconds < STAND_END), "a frame while standing still"
        assert_on_the_journey(row)
        assert row["video_time"] == pytest.approx(seconds - 5, abs=0.002)
        heading = journey(seconds)[2]
        if heading is not None:
            assert abs((row["direction"] - heading + 180) % 360 - 180) < 1.0
        assert row["projection"] == "PLANE"
        assert os.path.getsize(row["photo"]) > 0 and row["photo"].endswith(".jpg")
        point = row["geometry"].asPoint()
        if previous is not None and not (previous[2] < STAND_END < seconds):
            assert 2.4 < ground_m(previous[:2], (point.y(), point.x())) < 3.6
        previous = (point.y(), point.x(), seconds)
    assert len(list((tmp_path / "frames").glob("*.jpg"))) == len(frames)


@needs_ffmpeg
def test_a_360_video_is_marked_sphere(kartaview_processing, gpx, tmp_path):
    video = make_video(tmp_path / "360.mp4", 20, size=(320, 160), rate=5, created=T0 + timedelta(seconds=20))
    result = sample(video, gpx, tmp_path, DISTANCE_M=10)
    frames = rows(result["OUTPUT"])
    assert len(frames) == 10 and {row["projection"] for row in frames} == {"SPHERE"}
    for row in frames:
        assert_on_the_journey(row)
    flat = sample(video, gpx, tmp_path, DISTANCE_M=10, PROJECTION=2)
    assert {row["projection"] for row in rows(flat["OUTPUT"])} == {"PLANE"}


@needs_ffmpeg
def test_video_bad_inputs(kartaview_processing, gpx, tmp_path, monkeypatch):
    video = make_video(tmp_path / "v.mp4", 4, size=(160, 120), rate=5, created=T0 + timedelta(seconds=10))
    with pytest.raises(QgsProcessingException, match="does not read the GPS data cameras record"):
        sample(video, "", tmp_path)
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(QgsProcessingException, match="FFmpeg cannot read the video"):
        sample(str(bad), gpx, tmp_path)
    with pytest.raises(QgsProcessingException, match="do not overlap in time"):
        sample(video, gpx, tmp_path, TIME_OFFSET=-3600)
    undated = make_video(tmp_path / "undated.mp4", 4, size=(160, 120), rate=5, created=None)
    with pytest.raises(QgsProcessingException, match="no creation time"):
        sample(undated, gpx, tmp_path)
    started = sample(undated, gpx, tmp_path, VIDEO_START=(T0 + timedelta(seconds=10)).isoformat())
    assert started["FRAMES"] == 7  # 20 m in 4 s at 5 m/s: 0, 3, ... 18 m
    monkeypatch.setenv("KARTAVIEW_FFMPEG", str(tmp_path / "no" / "ffmpeg"))
    with pytest.raises(QgsProcessingException, match=r"The path set for ffmpeg .* is not a program.*ffmpeg.org"):
        sample(video, gpx, tmp_path)
    monkeypatch.delenv("KARTAVIEW_FFMPEG")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(QgsProcessingException, match="ffmpeg is not found on the PATH.*Options ▸ KartaView"):
        sample(video, gpx, tmp_path)


@needs_ffmpeg
def test_headless_qgis_process_runs(qgis_process_home, gpx, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    camera_photos(folder, [2.0, 4.0])
    tagged = tmp_path / "tagged.geojson"
    # no TIME_ZONE: the computer's, here Bucharest's
    completed = run_qgis_process(qgis_process_home, [
        "run", "kartaview:geotagphotos", "--PHOTOS_FOLDER={}".format(folder), "--TRACK={}".format(gpx),
        "--TIME_OFFSET={}".format(CAMERA_AHEAD), "--OUTPUT={}".format(tagged)],
        env={"TZ": "Europe/Bucharest"}, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "read in Europe/Bucharest (this computer's time zone)" in completed.stdout
    features = json.loads(tagged.read_text())["features"]
    assert sorted(f["properties"]["timestamp"] for f in features) == [
        (T0 + timedelta(seconds=s)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z") for s in (2, 4)]

    video = make_video(tmp_path / "v.mp4", 6, size=(320, 160), rate=5, created=T0 + timedelta(seconds=100))
    frames = tmp_path / "frames.geojson"
    completed = run_qgis_process(qgis_process_home, [
        "run", "kartaview:samplevideo", "--VIDEO={}".format(video), "--TRACK={}".format(gpx),
        "--OUTPUT_FOLDER={}".format(tmp_path / "frames"), "--OUTPUT={}".format(frames)], timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    features = json.loads(frames.read_text())["features"]
    assert len(features) == 10 and {f["properties"]["projection"] for f in features} == {"SPHERE"}
