"""The Processing model shipped for cameras without GPS: a photo folder + a GPS track → Geotag photos with a GPS
track → upload preview (or upload), in batch over two folders (each row its own camera clock), against the
sandbox: positions within 2 m of the camera's place at each photo's time, the track's headings."""

import hashlib
from datetime import timedelta

import pytest

from tests.geotag_support import NORTH_END, T0, camera_text, fixes, ground_m, journey, make_photo, write_gpx
from tests.test_upload_model import supports_batch

MODEL = "kartaview:photofoldergpxpreview"
# Two cameras of one trip: row 1 on Bucharest summer time, 7 s fast; row 2 on UTC+01:00, 30 s slow.
ROWS = [
    {"zone": "Europe/Bucharest", "hours": 3, "offset": 7.0, "seconds": [2.0, 4.0, 6.5, 8.0]},
    {"zone": "UTC+01:00", "hours": 1, "offset": -30.0, "seconds": [100.0, 103.0, 106.0, NORTH_END + 20]},
]


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def card(folder, row, seed):
    """Photos without GPS taken at the row's journey seconds, their EXIF time on the row's camera clock."""
    folder.mkdir()
    taken = {}
    for index, seconds in enumerate(row["seconds"]):
        wall = T0 + timedelta(seconds=seconds + row["offset"], hours=row["hours"])
        path = make_photo(folder / "IMG_{:04d}.JPG".format(index), seed=seed + index, camera_time=camera_text(wall),
                          subsec="{:03d}".format(int(round((seconds % 1) * 1000))))
        taken[path] = seconds
    return str(folder), taken


def test_the_gpx_model_is_registered_for_batch_runs(kartaview_processing):  # noqa: F811
    model = kartaview_processing.algorithmById(MODEL)
    assert model is not None and model.displayName() == "Photo folder and GPS track to KartaView (upload preview)"
    assert supports_batch(model)
    names = {p.name(): p for p in model.parameterDefinitions()}
    assert {"FOLDER", "RECURSIVE", "TRACK", "TIME_OFFSET", "TIME_ZONE", "DRY_RUN", "MAX_GAP_SECONDS",
            "MAX_GAP_METERS", "DETECT_360_BY_SHAPE", "geotagphotos:UNCOVERED", "uploadphotos:REPORT",
            "uploadphotos:PLANNED_SEQUENCES"} == set(names)
    assert names["DRY_RUN"].defaultValue() is True
    assert names["geotagphotos:UNCOVERED"].description() == "Photos the track does not cover"
    assert [child.algorithmId() for child in sorted(model.childAlgorithms().values(), key=lambda c: c.childId())] \
        == ["kartaview:geotagphotos", "kartaview:uploadphotos"]


def test_batch_over_two_folders_geotags_previews_then_uploads(kartaview_processing, upload_env,  # noqa: F811
                                                              tmp_path):
    import processing

    gpx = write_gpx(tmp_path / "track.gpx", fixes(step=1.0))
    cards = [card(tmp_path / "card{}".format(i), row, 10 * i) for i, row in enumerate(ROWS)]
    outputs = {"geotagphotos:UNCOVERED": "memory:", "uploadphotos:REPORT": "memory:",
               "uploadphotos:PLANNED_SEQUENCES": "memory:"}

    def row_parameters(index, **extra):
        row = ROWS[index]
        return dict(outputs, FOLDER=cards[index][0], TRACK=gpx, TIME_OFFSET=row["offset"], TIME_ZONE=row["zone"],
                    **extra)

    # The batch dialog runs the model once per row: a dry run of each folder first, then the real thing.
    previews = [processing.run(MODEL, row_parameters(i)) for i in range(len(ROWS))]
    assert upload_env.uploads() == {}
    planned = [[f["photos"] for f in result["uploadphotos:PLANNED_SEQUENCES"].getFeatures()] for result in previews]
    assert planned == [[4], [3]]
    assert {f["status"] for f in previews[0]["uploadphotos:REPORT"].getFeatures()} == {"would upload"}
    missed = [[(f["photo"], f["reason"]) for f in result["geotagphotos:UNCOVERED"].getFeatures()]
              for result in previews]
    assert missed[0] == []
    assert len(missed[1]) == 1 and missed[1][0][0].endswith("IMG_0003.JPG")
    assert "20.0 s after the track ends" in missed[1][0][1]

    for index in range(len(ROWS)):
        result = processing.run(MODEL, row_parameters(index, DRY_RUN=False))
        assert {f["status"] for f in result["uploadphotos:REPORT"].getFeatures()} == {"uploaded"}
    stored = [record["photos"] for _, record in sorted(upload_env.uploads().items())]
    assert [len(photos) for photos in stored] == [4, 3]
    held = {digest(photo["file_path"]): photo["fields"] for photos in stored for photo in photos}
    for _folder, taken in cards:
        for path, seconds in taken.items():
            if seconds > NORTH_END:
                continue  # not covered by the track: not sent
            fields = held[digest(path)]
            lat, lng = (float(x) for x in fields["coordinate"].split(","))
            assert ground_m((lat, lng), journey(seconds)[:2]) < 2.0, (path, seconds, fields)
            assert float(fields["headers"]) == pytest.approx(journey(seconds)[2], abs=1.0)
            assert fields["shotDate"] == (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def test_headless_qgis_process_previews_a_folder_with_its_gpx(qgis_process_home, upload_env, tmp_path):  # noqa: F811
    import json
    import os

    from tests.conftest import run_qgis_process

    gpx = write_gpx(tmp_path / "track.gpx", fixes(step=1.0))
    folder, _taken = card(tmp_path / "card", ROWS[0], 0)
    report, lines = tmp_path / "report.geojson", tmp_path / "lines.geojson"
    env = {key: os.environ[key] for key in ("KARTAVIEW_ACCESS_TOKEN", "KARTAVIEW_UPLOAD_JOURNAL", "KARTAVIEW_API_URL")}
    completed = run_qgis_process(qgis_process_home, [
        "run", MODEL, "--FOLDER={}".format(folder), "--TRACK={}".format(gpx), "--TIME_OFFSET=7",
        "--TIME_ZONE=Europe/Bucharest", "--uploadphotos:REPORT={}".format(report),
        "--uploadphotos:PLANNED_SEQUENCES={}".format(lines)], env=env, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert upload_env.uploads() == {}  # the model's default is a dry run
    assert [f["properties"]["status"] for f in json.loads(report.read_text())["features"]] == ["would upload"] * 4
    assert [f["properties"]["photos"] for f in json.loads(lines.read_text())["features"]] == [4]
