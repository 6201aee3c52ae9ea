"""The Processing model shipped with the provider: a photo folder → Import geotagged photos → upload preview
(or upload), in batch over several folders, against the sandbox."""

from datetime import timedelta

import pytest
from qgis.core import Qgis, QgsProcessingAlgorithm

from tests.upload_support import START, gpano_xmp, make_geotagged_jpeg, offset

MODEL = "kartaview:photofolderpreview"


def supports_batch(algorithm):
    flags = getattr(Qgis, "ProcessingAlgorithmFlag", None)  # QGIS >= 3.36; before, QgsProcessingAlgorithm.Flag
    flag = flags.SupportsBatch if flags is not None else QgsProcessingAlgorithm.Flag.FlagSupportsBatch
    return bool(algorithm.flags() & flag)


def card(folder, count, first, panoramas=False, start=START):
    """A folder of geotagged JPEGs every 10 m and 2 s (2:1 GPano panoramas if asked)."""
    folder.mkdir()
    for i in range(count):
        lat, lng = offset(46.77, 23.59, 0.0, (first + i) * 10.0)
        make_geotagged_jpeg(folder / "img{}.jpg".format(i), first + i, lat, lng, start + timedelta(seconds=2 * i),
                            size=(64, 32) if panoramas else (32, 24), xmp=gpano_xmp(heading=5) if panoramas else None)
    return str(folder)


def test_the_model_is_registered_for_batch_runs(kartaview_processing):
    model = kartaview_processing.algorithmById(MODEL)
    assert model is not None and model.displayName() == "Photo folder to KartaView (upload preview)"
    assert supports_batch(model)
    names = {p.name(): p for p in model.parameterDefinitions()}
    assert {"FOLDER", "RECURSIVE", "DRY_RUN", "MAX_GAP_SECONDS", "MAX_GAP_METERS", "DETECT_360_BY_SHAPE",
            "uploadphotos:REPORT", "uploadphotos:PLANNED_SEQUENCES"} == set(names)
    assert names["DRY_RUN"].defaultValue() is True
    assert names["uploadphotos:PLANNED_SEQUENCES"].description() == "Planned sequences"
    assert [child.algorithmId() for child in sorted(model.childAlgorithms().values(), key=lambda c: c.childId())] \
        == ["native:importphotos", "kartaview:uploadphotos"]
    copy = model.create()  # what a run uses: still the translated, shipped model
    assert copy.displayName() == model.displayName() and len(copy.parameterDefinitions()) == len(names)


def test_batch_over_folders_previews_then_uploads(kartaview_processing, upload_env, tmp_path):
    import processing

    folders = [card(tmp_path / "card1", 4, 0), card(tmp_path / "card2", 3, 10, panoramas=True)]
    # The batch dialog runs the model once per row: a dry run of each folder first, then the real thing.
    previews = [processing.run(MODEL, {"FOLDER": folder, "uploadphotos:REPORT": "memory:",
                                       "uploadphotos:PLANNED_SEQUENCES": "memory:"}) for folder in folders]
    assert upload_env.uploads() == {}
    planned = [[(f["photos"], f["photos_360"]) for f in result["uploadphotos:PLANNED_SEQUENCES"].getFeatures()]
               for result in previews]
    assert planned == [[(4, 0)], [(3, 3)]]
    assert {f["status"] for f in previews[0]["uploadphotos:REPORT"].getFeatures()} == {"would upload"}

    for folder in folders:
        result = processing.run(MODEL, {"FOLDER": folder, "DRY_RUN": False, "uploadphotos:REPORT": "memory:",
                                        "uploadphotos:PLANNED_SEQUENCES": "memory:"})
        assert {f["status"] for f in result["uploadphotos:REPORT"].getFeatures()} == {"uploaded"}
    stored = [record["photos"] for _, record in sorted(upload_env.uploads().items())]
    assert [len(photos) for photos in stored] == [4, 3]
    assert [p["fields"].get("projection") for p in stored[1]] == ["SPHERE"] * 3
    assert [float(p["fields"]["projectionYaw"]) for p in stored[1]] == [5.0] * 3
    lat, lng = (float(x) for x in stored[0][1]["fields"]["coordinate"].split(","))
    assert (lat, lng) == pytest.approx(offset(46.77, 23.59, 0.0, 10.0), abs=1e-5)


def test_headless_qgis_process_previews_a_folder(qgis_process_home, upload_env, tmp_path):
    import json
    import os

    from tests.conftest import run_qgis_process

    folder = card(tmp_path / "card", 3, 0, panoramas=True)
    report, lines = tmp_path / "report.geojson", tmp_path / "lines.geojson"
    env = {key: os.environ[key] for key in ("KARTAVIEW_ACCESS_TOKEN", "KARTAVIEW_UPLOAD_JOURNAL", "KARTAVIEW_API_URL")}
    completed = run_qgis_process(qgis_process_home, [
        "run", MODEL, "--FOLDER={}".format(folder), "--uploadphotos:REPORT={}".format(report),
        "--uploadphotos:PLANNED_SEQUENCES={}".format(lines)], env=env, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert upload_env.uploads() == {}  # the model's default is a dry run
    assert [f["properties"]["status"] for f in json.loads(report.read_text())["features"]] == ["would upload"] * 3
    planned = [f["properties"] for f in json.loads(lines.read_text())["features"]]
    assert [(p["photos"], p["is_360"]) for p in planned] == [(3, True)]
