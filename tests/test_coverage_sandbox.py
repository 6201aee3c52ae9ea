"""kartaview:coveragegaps against the sandbox KartaView, with the sandbox's own Cluj-Napoca road network as
input: the result must agree with the sandbox's ground truth of which road pieces its sequences drive."""

import json
from math import cos, radians

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from shapely.geometry import LineString
from shapely.ops import unary_union

from tests.conftest import run_qgis_process
from tests.provider_support import roads_layer

ALG = "kartaview:coveragegaps"
EXTENT = (23.560, 46.755, 23.620, 46.785)  # Cluj-Napoca centre (the demo's extent): ~1,000 road pieces
TOLERANCE = 15.0
# A driven piece is sampled every ~10 m with 2.5 m GPS noise (sd), so nearly all of it lies within 15 m
# of the photos; 90 % leaves room for the first photo of a sequence having no position.
DRIVEN_MIN_PCT = 90.0
# An undriven piece farther than this from every driven one cannot be within 15 m of a photo
# (15 m + 4 sd of noise + margin), so it must come out uncovered.
FAR_M = 40.0


@pytest.fixture(scope="module")
def network(sandbox):
    """The sandbox's road pieces lying wholly in EXTENT, as a layer with element_id, in EPSG:4326."""
    return roads_layer(sandbox.world, EXTENT)


def _metres(track):
    """Equirectangular metres around the extent's centre: enough to tell 40 m from 15 m."""
    lat0 = radians((EXTENT[1] + EXTENT[3]) / 2)
    return LineString([(lng * 111320.0 * cos(lat0), lat * 110540.0) for lat, lng in track])


@pytest.fixture(scope="module")
def first_run(kartaview_processing, sandbox, network):
    """One run over the network, loading from the sandbox: it also fills the disk cache."""
    import processing

    return processing.run(ALG, {"INPUT": network, "TOLERANCE_M": TOLERANCE, "OUTPUT": "memory:",
                                "GAPS": "memory:"})


def test_agrees_with_the_ground_truth(sandbox, network, first_run):
    import processing

    result = first_run
    roads = {f["element_id"]: f for f in result["OUTPUT"].getFeatures()}
    assert len(roads) == network.featureCount() > 500
    truth = sandbox.world.ground_truth
    segments = {s.element_id: s for s in sandbox.world.segments}
    driven = [e for e in roads if e in truth]
    assert len(driven) > 50
    short = {e: roads[e]["covered_pct"] for e in driven if roads[e]["covered_pct"] < DRIVEN_MIN_PCT}
    assert short == {}
    # every sequence driving a piece is counted on it (pieces long enough to tell along from across)
    long_driven = [e for e in driven if segments[e].length_m > 3 * TOLERANCE]
    assert all(roads[e]["sequence_count"] >= len(set(truth[e])) for e in long_driven)

    driven_lines = unary_union([_metres(s.track) for e, s in segments.items() if e in truth])
    far = [e for e in roads if e not in truth and _metres(segments[e].track).distance(driven_lines) > FAR_M]
    assert len(far) > 100
    assert {e: roads[e]["covered_m"] for e in far if roads[e]["covered_m"] > 0.01} == {}
    assert all(roads[e]["sequence_count"] == 0 and roads[e]["newest_capture"].isNull() for e in far)
    gap_roads = {g["road_id"] for g in result["GAPS"].getFeatures()}
    assert set(far) <= gap_roads  # element_id is guessed as the road id
    # every gap lies on its road, and its length is its length in metres
    lines = {f.id(): f.geometry() for f in network.getFeatures()}
    measure = QgsDistanceArea()
    measure.setEllipsoid("WGS84")
    for gap in result["GAPS"].getFeatures():
        road = lines[gap["road_fid"]]
        assert all(road.distance(QgsGeometry(vertex.clone())) < 1e-7 for vertex in gap.geometry().vertices())
        assert measure.measureLength(gap.geometry()) == pytest.approx(gap["length_m"], rel=0.002, abs=0.05)

    # again, offline: everything comes from the cache
    sandbox.reset_log()
    again = processing.run(ALG, {"INPUT": network, "OUTPUT": "memory:", "GAPS": "memory:"})
    assert sandbox.request_log == []
    assert again["COVERED_KM"] == pytest.approx(result["COVERED_KM"])


def test_headless_with_qgis_process(sandbox, network, first_run, qgis_process_home, tmp_path):
    """Once the disk cache is filled, qgis_process (another process) needs no network."""
    roads = tmp_path / "roads.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(network, str(roads), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    covered, gaps = tmp_path / "covered.gpkg", tmp_path / "gaps.gpkg"
    sandbox.reset_log()
    completed = run_qgis_process(qgis_process_home, [
        "--json", "run", ALG, "--", "INPUT={}".format(roads), "OUTPUT={}".format(covered),
        "GAPS={}".format(gaps)], timeout=180)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    answer = json.loads(completed.stdout)
    results = answer["results"]
    assert 0 < results["COVERED_KM"] < results["ROAD_KM"]
    assert results["GAP_KM"] == pytest.approx(results["ROAD_KM"] - results["COVERED_KM"])
    assert results["COVERED_KM"] == pytest.approx(first_run["COVERED_KM"])
    assert any(line.startswith("Roads: ") for line in answer["log"]["info"])
    assert QgsVectorLayer(str(covered), "c", "ogr").featureCount() == network.featureCount()
    assert QgsVectorLayer(str(gaps), "g", "ogr").featureCount() == results["GAP_COUNT"] > 0
    assert sandbox.request_log == []


def test_downloaded_sequences_layer_gives_the_same_result(sandbox, network, first_run):
    """kartaview:downloadsequences output as the SEQUENCES input: no network, same coverage."""
    import processing

    extent = "{},{},{},{} [EPSG:4326]".format(EXTENT[0] - 0.001, EXTENT[2] + 0.001, EXTENT[1] - 0.001,
                                               EXTENT[3] + 0.001)
    downloaded = processing.run("kartaview:downloadsequences", {"EXTENT": extent, "OUTPUT": "memory:"})["OUTPUT"]
    sandbox.reset_log()
    result = processing.run(ALG, {"INPUT": network, "SEQUENCES": downloaded, "OUTPUT": "memory:",
                                  "GAPS": "memory:"})
    assert sandbox.request_log == []
    assert result["COVERED_KM"] == pytest.approx(first_run["COVERED_KM"], abs=1e-3)
    assert result["NEWEST_CAPTURE"] == first_run["NEWEST_CAPTURE"]
    assert result["OLDEST_CAPTURE"] == first_run["OLDEST_CAPTURE"]


def test_tiles_give_the_same_result_as_one_piece(sandbox, network, first_run, monkeypatch):
    """Cut into ~20 tiles (as a national network is), from the cache: every road comes out once, with
    the coverage, dates and gaps it has when the whole network is worked on at once."""
    import processing

    from kartaview.plugin.processing import coverage_inputs

    monkeypatch.setattr(coverage_inputs, "TILE_ROADS", network.featureCount() // 20)
    tiled = processing.run(ALG, {"INPUT": network, "TOLERANCE_M": TOLERANCE, "OUTPUT": "memory:",
                                 "GAPS": "memory:"})
    whole_roads = {f["element_id"]: f for f in first_run["OUTPUT"].getFeatures()}
    roads = [f["element_id"] for f in tiled["OUTPUT"].getFeatures()]
    assert len(roads) == len(set(roads)) == len(whole_roads)  # none lost, none twice
    for road in tiled["OUTPUT"].getFeatures():
        whole = whole_roads[road["element_id"]]
        assert road["covered_m"] == pytest.approx(whole["covered_m"], abs=0.02)
        assert (road["sequence_count"], road["newest_capture"], road["oldest_capture"], road["has_360"]) == (
            whole["sequence_count"], whole["newest_capture"], whole["oldest_capture"], whole["has_360"])
    for key in ("COVERED_KM", "GAP_KM", "ROAD_KM"):
        assert tiled[key] == pytest.approx(first_run[key], rel=1e-6)
    assert (tiled["GAP_COUNT"], tiled["NEWEST_CAPTURE"], tiled["OLDEST_CAPTURE"]) == (
        first_run["GAP_COUNT"], first_run["NEWEST_CAPTURE"], first_run["OLDEST_CAPTURE"])

    def gaps(result):
        return sorted((g["road_fid"], g["length_m"], g["dist_to_covered_m"]) for g in result["GAPS"].getFeatures())

    found, expected = gaps(tiled), gaps(first_run)
    assert [(fid, length) for fid, length, _ in found] == pytest.approx(
        [(fid, length) for fid, length, _ in expected], abs=0.02)
    # gap distances come from the roads around a tile: exact up to CONTEXT_M (1 km), the roads' promise
    near = [(a, b) for (_, _, a), (_, _, b) in zip(found, expected) if b is not None and b <= 1000.0]
    assert sum(1 for _, b in near if b > 100.0) > 20
    assert [a for a, _ in near] == pytest.approx([b for _, b in near], abs=0.02)


def test_service_down_is_a_clear_error(kartaview_processing, fresh_sandbox):
    """Nothing cached and KartaView failing: the run fails with a message saying what to do."""
    import processing

    road = QgsVectorLayer("LineString?crs=EPSG:4326", "road", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(23.5900, 46.7700), QgsPointXY(23.5905, 46.7702)]))
    road.dataProvider().addFeatures([feature])
    fresh_sandbox.set_faults(error_rate=1.0, kinds=["500"])
    with pytest.raises(QgsProcessingException) as raised:
        processing.run(ALG, {"INPUT": road, "OUTPUT": "memory:", "GAPS": "memory:"})
    message = str(raised.value)
    assert message.startswith("KartaView data for the roads' extent could not be loaded, and was not cached")
    # one clear sentence (the client's details are in the log), then what to do
    assert "KartaView is busy or has a problem (HTTP 500)." in message and "(gave up after" not in message
    assert message.endswith("give a sequences layer (e.g. from \"Download KartaView sequences, photos or road "
                            "coverage\") instead.")
