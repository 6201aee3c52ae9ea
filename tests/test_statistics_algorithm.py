"""kartaview:coveragestatistics against the sandbox's ground truth, in process and headless (qgis_process)."""

from datetime import datetime
from math import cos, radians

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessingOutputHtml,
    QgsRectangle,
    QgsVectorLayer,
)
from shapely.affinity import affine_transform
from shapely.geometry import LineString, box

from kartaview.plugin.analysis.statistics import quality_band
from tests.conftest import run_qgis_process
from tests.provider_support import CENTRE, SMALL, roads_layer, sequence_shape

ALG = "kartaview:coveragestatistics"
MIDDLE = (CENTRE[0] + CENTRE[2]) / 2
AREAS = {"West": (CENTRE[0], CENTRE[1], MIDDLE, CENTRE[3]), "East": (MIDDLE, CENTRE[1], CENTRE[2], CENTRE[3])}
SHOT = "%Y-%m-%d %H:%M:%S"


def areas_layer():
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "districts", "memory")
    features = []
    for name, bbox in AREAS.items():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(*bbox)))
        feature.setAttributes([name])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def to_metres(geometry):
    """Equirectangular metres around Cluj: within 0.3 % of the ellipsoid over a few kilometres."""
    lat0 = radians((CENTRE[1] + CENTRE[3]) / 2)
    return affine_transform(geometry, [111320.0 * cos(lat0), 0, 0, 111132.0, 0, 0])


def truth(world, bbox):
    """The statistics of an area computed from the sandbox's own records."""
    area = box(*bbox)
    expected = {"km": 0.0, "ids": set(), "year": {}, "quality": {}, "device": {}, "360": {}, "first": [], "last": []}
    for v2 in world.sequences:
        sid = int(v2["id"])
        inside = sequence_shape(world, sid).intersection(area)
        km = to_metres(inside).length / 1000.0
        if km <= 0:
            continue
        shots = [datetime.strptime(p["shot_date"], SHOT) for p in world.photos(sid)]
        quality = int(v2["quality"]) if v2["quality"] is not None else None
        keys = {"year": str(min(shots).year), "quality": quality_band(quality), "device": v2["deviceName"],
                "360": "360" if v2["fieldOfView"] == "360" else "not 360"}
        for dimension, key in keys.items():
            expected[dimension][key] = expected[dimension].get(key, 0.0) + km
        expected["km"] += km
        expected["ids"].add(sid)
        expected["first"].append(min(shots))
        expected["last"].append(max(shots))
    return expected


def close(a, b):
    return abs(a - b) <= 0.01 * max(a, b) + 0.005


def road_truth(world, roads, bbox):
    """(road km, driven road km) inside bbox from the ground truth of which pieces were driven."""
    area, total, driven = box(*bbox), 0.0, 0.0
    for feature in roads.getFeatures():
        line = LineString([(p.x(), p.y()) for p in feature.geometry().asPolyline()])
        km = to_metres(line.intersection(area)).length / 1000.0
        total += km
        if feature["element_id"] in world.ground_truth:
            driven += km
    return total, driven


def test_statistics_per_area_agree_with_the_sandbox(kv_app, sandbox, kartaview_processing, tmp_path):
    import processing

    world = sandbox.world
    roads = roads_layer(world, CENTRE)
    report = tmp_path / "report.html"
    result = processing.run(ALG, {"EXTENT": "{},{},{},{} [EPSG:4326]".format(CENTRE[0], CENTRE[2], CENTRE[1],
                                                                             CENTRE[3]),
                                  "AREAS": areas_layer(), "AREA_NAME_FIELD": "name", "ROADS": roads,
                                  "OUTPUT": "memory:", "BREAKDOWN": "memory:", "OUTPUT_HTML": str(report)})
    rows = {f["area"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(rows) == {"West", "East", "All areas"}
    breakdown = {(f["area"], f["dimension"], f["category"]): f["km"] for f in result["BREAKDOWN"].getFeatures()}
    for name, bbox in AREAS.items():
        expected, row = truth(world, bbox), rows[name]
        assert expected["ids"] and row["sequence_count"] == len(expected["ids"])
        assert close(row["km"], expected["km"]), (name, row["km"], expected["km"])
        for dimension in ("year", "quality", "device", "360"):
            got = {category: km for (area, dim, category), km in breakdown.items() if area == name and dim == dimension}
            assert set(got) == set(expected[dimension]), (name, dimension)
            for category, km in expected[dimension].items():
                assert close(got[category], km), (name, dimension, category, got[category], km)
        assert abs(row["newest_capture"].toPyDateTime() - max(expected["last"])).total_seconds() <= 5
        assert abs(row["oldest_capture"].toPyDateTime() - min(expected["first"])).total_seconds() <= 5
        road_km, driven_km = road_truth(world, roads, bbox)
        assert close(row["road_km"], road_km)
        # covered: the driven pieces (>= 90 % of each within 15 m) plus bits of undriven ones at junctions
        assert abs(row["road_covered_pct"] - 100.0 * driven_km / road_km) < 6.0, (row["road_covered_pct"],
                                                                                   driven_km / road_km)
    total = rows["All areas"]
    assert close(total["km"], rows["West"]["km"] + rows["East"]["km"])
    assert result["TOTAL_KM"] == pytest.approx(total["km"])
    # the report: an HTML output (the Results Viewer lists it), with its numbers and plotly.js inside
    algorithm = QgsApplication.processingRegistry().algorithmById(ALG)
    assert isinstance(algorithm.outputDefinition("OUTPUT_HTML"), QgsProcessingOutputHtml)
    page = report.read_text(encoding="utf-8")
    assert page.count("<div class=\"chart\"") == 4 and len(page) > 1_000_000 and "<script src" not in page
    assert "<td>{:.2f}</td>".format(total["km"]) in page and "West" in page and "East" in page


def test_a_downloaded_layer_gives_the_same_numbers_without_kartaview(kv_app, sandbox, kartaview_processing):
    import processing

    extent = "{},{},{},{} [EPSG:4326]".format(SMALL[0], SMALL[2], SMALL[1], SMALL[3])
    downloaded = processing.run("kartaview:downloadsequences", {"EXTENT": extent, "OUTPUT": "memory:"})["OUTPUT"]
    loaded = processing.run(ALG, {"EXTENT": extent, "OUTPUT": "memory:", "BREAKDOWN": "memory:",
                                  "OUTPUT_HTML": "TEMPORARY_OUTPUT"})
    sandbox.reset_log()
    given = processing.run(ALG, {"EXTENT": extent, "SEQUENCES": downloaded, "OUTPUT": "memory:",
                                 "BREAKDOWN": "memory:", "OUTPUT_HTML": "TEMPORARY_OUTPUT"})
    assert not sandbox.request_log  # nothing asked of KartaView
    assert given["TOTAL_KM"] == pytest.approx(loaded["TOTAL_KM"]) and given["SEQUENCE_COUNT"] == loaded[
        "SEQUENCE_COUNT"] > 0
    expected = truth(sandbox.world, SMALL)
    assert close(given["TOTAL_KM"], expected["km"]) and given["SEQUENCE_COUNT"] == len(expected["ids"])
    # the layer's filters apply to a given layer as to KartaView's answers
    only_360 = processing.run(ALG, {"EXTENT": extent, "SEQUENCES": downloaded, "ONLY_360": True,
                                    "OUTPUT": "memory:", "BREAKDOWN": "memory:", "OUTPUT_HTML": "TEMPORARY_OUTPUT"})
    assert only_360["TOTAL_KM"] == pytest.approx(sum(km for key, km in expected["360"].items() if key == "360"),
                                                 rel=0.01, abs=0.005)


def test_server_values_are_escaped_in_the_report(kv_app, fresh_sandbox, kartaview_processing, tmp_path):
    import processing

    hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
    sid = next(iter(truth(fresh_sandbox.world, SMALL)["ids"]))
    fresh_sandbox.edit_sequence(sid, deviceName=hostile)
    report = tmp_path / "report.html"
    extent = "{},{},{},{} [EPSG:4326]".format(SMALL[0], SMALL[2], SMALL[1], SMALL[3])
    result = processing.run(ALG, {"EXTENT": extent, "OUTPUT": "memory:", "BREAKDOWN": "memory:",
                                  "OUTPUT_HTML": str(report)})
    assert hostile in {f["category"] for f in result["BREAKDOWN"].getFeatures()}  # the value itself arrived
    page = report.read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_headless_with_qgis_process(kv_app, sandbox, qgis_process_home, tmp_path):
    report, table = tmp_path / "report.html", tmp_path / "stats.gpkg"
    extent = "{},{},{},{} [EPSG:4326]".format(SMALL[0], SMALL[2], SMALL[1], SMALL[3])
    result = run_qgis_process(qgis_process_home, [
        "run", ALG, "--", "EXTENT=" + extent, "OUTPUT={}".format(table), "BREAKDOWN=TEMPORARY_OUTPUT",
        "OUTPUT_HTML={}".format(report)], env={"KARTAVIEW_API_URL": sandbox.url,
                                               "KARTAVIEW_CACHE_DIR": str(tmp_path / "c")})
    assert result.returncode == 0, result.stdout + result.stderr
    expected = truth(sandbox.world, SMALL)
    rows = list(QgsVectorLayer(str(table), "stats", "ogr").getFeatures())
    assert [row["area"] for row in rows] == ["Extent"]
    assert close(rows[0]["km"], expected["km"]) and rows[0]["sequence_count"] == len(expected["ids"])
    page = report.read_text(encoding="utf-8")
    assert page.count("<div class=\"chart\"") == 4 and "<td>{:.2f}</td>".format(rows[0]["km"]) in page
