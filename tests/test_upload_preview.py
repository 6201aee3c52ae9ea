"""kartaview:uploadphotos shows its plan: the planned sequences as lines (dry run and real run), the
report's projection, both layers styled by sequence and skip reason; 360° photos sent as SPHERE,
in QGIS and with qgis_process, against the sandbox."""

import json
import os
from datetime import timedelta

import pytest
from qgis.core import (
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime

from kartaview.plugin.core.compat import DATETIME, DOUBLE, STRING, new_field
from tests.conftest import run_qgis_process
from tests.upload_support import START, gpano_xmp, make_jpeg, make_panorama, offset

ALG = "kartaview:uploadphotos"


def photo_layer(rows):
    """A point layer in EPSG:4326 as geotagphotos or Import geotagged photos make, with a projection field:
    rows of (path, lat, lng, time, heading, projection)."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "photos", "memory")
    layer.dataProvider().addAttributes([new_field("photo", STRING), new_field("timestamp", DATETIME),
                                        new_field("direction", DOUBLE), new_field("projection", STRING)])
    layer.updateFields()
    features = []
    for path, lat, lng, moment, heading, projection in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lng, lat)))
        feature.setAttributes([path, QDateTime(moment), heading, projection])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def street(tmp_path):
    """Photos every 10 m and 2 s: 0-2 flat, 3-5 GPano panoramas (yaw 10, 20, 30), then 6 a near-duplicate of
    5, 7 a missing file, and after a 5-minute gap 8-9 flat."""
    rows = []
    for i in range(10):
        lat, lng = offset(46.77, 23.59, 0.0, i * 10.0 if i != 6 else 50.1)
        moment = START + timedelta(seconds=2 * i + (300 if i >= 8 else 0))
        name = tmp_path / "p{:02d}.jpg".format(i)
        if 3 <= i <= 6:
            path = make_panorama(name, i, xmp=gpano_xmp(heading=10 * (i - 2)))
        elif i == 7:
            path = str(tmp_path / "gone.jpg")
        else:
            path = make_jpeg(name, i)
        rows.append((path, lat, lng, moment, 90.0, None))
    return rows


def features(layer):
    names = layer.fields().names()
    return [dict(zip(names, f.attributes()), geometry=f.geometry()) for f in layer.getFeatures()]


def categories(layer):
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol"
    return {str(c.value()): (c.label(), c.symbol().color().name()) for c in renderer.categories()}


def test_a_dry_run_previews_the_sequences_styled_on_the_map(kartaview_processing, upload_env, tmp_path,
                                                            layer_tree_view):
    import processing

    result = processing.runAndLoadResults(ALG, {"INPUT": photo_layer(street(tmp_path)), "DRY_RUN": True,
                                                "OUTPUT": "memory:", "PLANNED_SEQUENCES": "memory:"})
    project = QgsProject.instance()
    report, lines = project.mapLayer(result["OUTPUT"]), project.mapLayer(result["PLANNED_SEQUENCES"])
    try:
        assert upload_env.uploads() == {}  # nothing sent
        assert result["PHOTOS_360"] == 3 and result["SEQUENCES"] == 3
        planned = features(lines)
        assert [(f["sequence"], f["photos"], f["photos_360"], f["is_360"]) for f in planned] == [
            (1, 3, 0, False), (2, 3, 3, True), (3, 2, 0, False)]
        assert [f["length_m"] for f in planned] == pytest.approx([20.0, 20.0, 10.0], abs=0.1)
        assert [f["duration_s"] for f in planned] == [4.0, 4.0, 2.0]
        assert planned[1]["first_shot"].toPyDateTime().replace(tzinfo=None) == START + timedelta(seconds=6)
        assert planned[1]["last_shot"].toPyDateTime().replace(tzinfo=None) == START + timedelta(seconds=10)
        assert [f["geometry"].constGet().numPoints() for f in planned] == [3, 3, 2]
        assert lines.crs().authid() == "EPSG:4326"
        start = planned[1]["geometry"].constGet().startPoint()
        assert (start.y(), start.x()) == pytest.approx(offset(46.77, 23.59, 0.0, 30.0))

        rows = features(report)
        assert [r["projection"] for r in rows] == ["PLANE"] * 3 + ["SPHERE"] * 3 + [None, None, "PLANE", "PLANE"]
        assert [r["reason_code"] for r in rows][6:8] == ["near_duplicate", "missing_file"]

        line_classes, point_classes = categories(lines), categories(report)
        assert sorted(line_classes) == ["1", "2", "3"]
        assert "(360°)" in line_classes["2"][0] and "(360°)" not in line_classes["1"][0]
        assert line_classes["2"][0].startswith("Sequence 2: 3 photo(s), 20 m, 0:00:04")
        assert lines.renderer().categories()[1].symbol().symbolLayer(0).penStyle() != \
            lines.renderer().categories()[0].symbol().symbolLayer(0).penStyle()  # 360° dashed
        # the points of a sequence in the colour of its line, skipped ones by reason
        assert set(point_classes) == {"sequence:1", "sequence:2", "sequence:3", "skipped:near_duplicate",
                                      "skipped:missing_file"}
        for number in ("1", "2", "3"):
            assert point_classes["sequence:" + number] == ("Sequence " + number, line_classes[number][1])
        assert len({colour for _, colour in line_classes.values()}) == 3
        assert point_classes["skipped:near_duplicate"][0] == "Skipped: near-duplicate"
        assert point_classes["skipped:missing_file"][0] == "Skipped: file missing or unreadable"
        # the renderer puts each point where its attributes say (colours are unique among the classes)
        renderer = report.renderer()
        context = QgsRenderContext()
        context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(report))
        renderer.startRender(context, report.fields())
        try:
            colours = []
            for feature in report.getFeatures():
                context.expressionContext().setFeature(feature)  # as the layer renderer does
                colours.append(renderer.symbolForFeature(feature, context).color().name())
        finally:
            renderer.stopRender(context)
        by_colour = {colour: label for label, colour in point_classes.values()}
        assert len(by_colour) == len(point_classes)
        assert [by_colour[colour] for colour in colours] == (
            ["Sequence 1"] * 3 + ["Sequence 2"] * 3 + ["Skipped: near-duplicate", "Skipped: file missing or unreadable"]
            + ["Sequence 3"] * 2)
    finally:
        project.removeMapLayers([report.id(), lines.id()])


def sent(sandbox):
    """[[fields of each stored photo] per stored sequence], in upload order."""
    return [[photo["fields"] for photo in record["photos"]] for _, record in sorted(sandbox.uploads().items())]


def test_a_real_run_sends_the_panoramas_as_spheres_and_draws_its_sequences(kartaview_processing, upload_env,
                                                                            tmp_path):
    import processing

    result = processing.run(ALG, {"INPUT": photo_layer(street(tmp_path)), "OUTPUT": "memory:",
                                  "PLANNED_SEQUENCES": "memory:"})
    assert (result["UPLOADED"], result["SKIPPED"], result["PHOTOS_360"], result["SEQUENCES"]) == (8, 2, 3, 3)
    stored = sent(upload_env)
    assert [(f["projection"], f["fieldOfView"], float(f["projectionYaw"])) for f in stored[1]] == [
        ("SPHERE", "360", 10.0), ("SPHERE", "360", 20.0), ("SPHERE", "360", 30.0)]
    assert not any("projection" in f for f in stored[0] + stored[2])
    rows = features(result["OUTPUT"])
    assert [(r["status"], r["projection"]) for r in rows[3:6]] == [("uploaded", "SPHERE")] * 3
    planned = features(result["PLANNED_SEQUENCES"])
    ids = sorted(upload_env.uploads())
    assert [f["sequence_id"] for f in planned] == ids
    assert planned[1]["url"] == "{}details/{}".format(upload_env.url, ids[1]) and planned[1]["is_360"]
    assert [r["sequence_id"] for r in rows[3:6]] == [ids[1]] * 3


def test_the_shape_guess_can_be_turned_off_and_the_projection_field_wins(kartaview_processing, upload_env,
                                                                         tmp_path):
    import processing

    rows = []
    for i in range(4):
        lat, lng = offset(46.77, 23.59, 0.0, i * 10.0)
        # 2:1 without XMP; the last one is flat by the projection field although its XMP says equirectangular
        path = make_panorama(tmp_path / "s{}.jpg".format(i), i, xmp=gpano_xmp() if i == 3 else None)
        rows.append((path, lat, lng, START + timedelta(seconds=2 * i), 90.0, "PLANE" if i == 3 else None))
    layer = photo_layer(rows)

    def projections(**parameters):
        result = processing.run(ALG, dict({"INPUT": layer, "DRY_RUN": True, "OUTPUT": "memory:"}, **parameters))
        return [r["projection"] for r in features(result["OUTPUT"])], result["PHOTOS_360"]

    assert projections() == (["SPHERE"] * 3 + ["PLANE"], 3)
    assert projections(DETECT_360_BY_SHAPE=False) == (["PLANE"] * 4, 0)
    assert projections(PROJECTION_FIELD="") == (["SPHERE"] * 4, 4)  # the field ignored: the XMP decides


def test_headless_qgis_process_uploads_a_360_photo(qgis_process_home, upload_env, tmp_path):
    photos = street(tmp_path)[2:6]
    geojson = tmp_path / "photos.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lng, lat]},
         "properties": {"photo": path, "timestamp": moment.isoformat(), "direction": heading}}
        for path, lat, lng, moment, heading, _ in photos]}))
    report, lines = tmp_path / "report.geojson", tmp_path / "sequences.geojson"
    env = {key: os.environ[key] for key in ("KARTAVIEW_ACCESS_TOKEN", "KARTAVIEW_UPLOAD_JOURNAL", "KARTAVIEW_API_URL")}
    completed = run_qgis_process(qgis_process_home, [
        "run", ALG, "--INPUT={}".format(geojson), "--OUTPUT={}".format(report),
        "--PLANNED_SEQUENCES={}".format(lines)], env=env, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "PHOTOS_360:\t3" in completed.stdout and "UPLOADED:\t4" in completed.stdout
    assert "from GPano XMP: 3" in completed.stdout + completed.stderr
    rows = [f["properties"] for f in json.loads(report.read_text())["features"]]
    assert [(r["status"], r["projection"]) for r in rows] == [("uploaded", "PLANE")] + [("uploaded", "SPHERE")] * 3
    planned = [f["properties"] for f in json.loads(lines.read_text())["features"]]
    assert [(p["photos"], p["is_360"]) for p in planned] == [(1, False), (3, True)]
    assert [[f.get("projection") for f in fields] for fields in sent(upload_env)] == [[None], ["SPHERE"] * 3]
