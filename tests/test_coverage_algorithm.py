"""kartaview:coveragegaps in QGIS Processing: exact built overlaps in other CRSs, selection, filters."""

from datetime import datetime
from math import sqrt

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt

ALG = "kartaview:coveragegaps"
TOLERANCE = 15.0
ORIGIN = (392000.0, 586000.0)  # Cluj-Napoca in Stereo 70 (EPSG:3844), whose metres are within 0.03% of true
REACH = sqrt(TOLERANCE ** 2 - 5 ** 2)  # beyond its ends, a sequence 5 m off covers this much more
# road id -> (name, parts in metres from ORIGIN, expected covered metres)
ROADS = {
    1: ("Parallel 10 m", [[(0, 0), (500, 0)]], 500.0),
    2: ("Parallel 30 m", [[(0, 1000), (500, 1000)]], 0.0),
    3: ("Crossed", [[(0, 2000), (500, 2000)]], 2 * TOLERANCE),
    4: ("Partly", [[(0, 3000), (500, 3000)]], 200 + 2 * REACH),
    5: ("Reversed", [[(0, 4000), (500, 4000)]], 500.0),
    6: ("Multi-part", [[(0, 5000), (300, 5000)], [(0, 5100), (300, 5100)]], 300.0),
}
# (sequence_id, coordinates, date_added, is_360, quality, username)
SEQUENCES = [
    (11, [(-20, 10), (520, 10)], datetime(2020, 3, 1), False, 80, "ana"),
    (12, [(-20, 1030), (520, 1030)], datetime(2021, 3, 1), False, 80, "ana"),
    (13, [(250, 1800), (250, 2200)], datetime(2024, 3, 1), True, 90, "ana"),
    (14, [(100, 3005), (300, 3005)], datetime(2019, 3, 1), False, 20, "bob"),
    (15, [(520, 3992), (-20, 3992)], datetime(2022, 3, 1), True, 60, "ana"),
    (16, [(-50, 5005), (350, 5005)], datetime(2023, 3, 1), False, 70, "ana"),
]


def _geometry(parts, crs):
    """Parts in metres from ORIGIN in EPSG:3844, as a geometry in `crs`."""
    geometry = QgsGeometry.fromMultiPolylineXY(
        [[QgsPointXY(ORIGIN[0] + x, ORIGIN[1] + y) for x, y in part] for part in parts])
    if len(parts) == 1:
        geometry = QgsGeometry.fromPolylineXY(geometry.asMultiPolyline()[0])
    geometry.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3844"),
                                              QgsCoordinateReferenceSystem(crs), QgsProject.instance()))
    return geometry


@pytest.fixture
def roads_source(request):
    """The ROADS in EPSG:3844, or in the CRS a test asks for (indirect parametrization)."""
    crs = getattr(request, "param", "EPSG:3844")
    kv_vl = QgsVectorLayer("MultiLineString?crs={}&field=id:integer&field=name:string".format(crs), "roads",
                           "memory")
    features = []
    for road_id, (name, parts, _) in ROADS.items():
        feature = QgsFeature(kv_vl.fields())
        feature.setGeometry(_geometry(parts, crs))
        feature.setAttributes([road_id, name])
        features.append(feature)
    kv_vl.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(kv_vl)
    yield kv_vl
    QgsProject.instance().removeMapLayer(kv_vl.id())


@pytest.fixture
def sequences_source():
    """What kartaview:downloadsequences writes, in EPSG:4326."""
    kv_vl = QgsVectorLayer("LineString?crs=EPSG:4326&field=sequence_id:integer&field=date_added:datetime"
                           "&field=is_360:boolean&field=quality:integer&field=username:string", "seq", "memory")
    features = []
    for sequence_id, coords, added, is_360, quality, username in SEQUENCES:
        feature = QgsFeature(kv_vl.fields())
        feature.setGeometry(_geometry([coords], "EPSG:4326"))
        feature.setAttributes([sequence_id, utc(added), is_360, quality, username])
        features.append(feature)
    kv_vl.dataProvider().addFeatures(features)
    return kv_vl


def utc(moment):
    return QDateTime(moment.date(), moment.time(), Qt.TimeSpec.UTC)


def run(roads, sequences, **parameters):
    import processing

    return processing.run(ALG, dict(INPUT=roads, SEQUENCES=sequences, OUTPUT="memory:", GAPS="memory:",
                                     **parameters))


def by_road(result):
    return {f["id"]: f for f in result["OUTPUT"].getFeatures()}


def gaps_of(result, road_id):
    return sorted((f for f in result["GAPS"].getFeatures() if f["road_id"] == str(road_id)),
                  key=lambda f: f.geometry().boundingBox().xMinimum())


@pytest.mark.parametrize("roads_source", ["EPSG:3844", "EPSG:3857"], indirect=True)
def test_known_overlaps_in_other_crss(kartaview_processing, roads_source, sequences_source):
    """Roads in Stereo 70 or Web Mercator (lengths x1.46 here), sequences in WGS 84: true metres."""
    result = run(roads_source, sequences_source)
    roads = by_road(result)
    crs = roads_source.crs().authid()
    assert result["OUTPUT"].crs().authid() == crs and result["GAPS"].crs().authid() == crs
    for road_id, (name, _, covered) in ROADS.items():
        assert roads[road_id]["name"] == name
        assert roads[road_id]["covered_m"] == pytest.approx(covered, abs=1), name
    assert roads[1]["covered_pct"] == pytest.approx(100, abs=0.2)
    assert roads[6]["covered_pct"] == pytest.approx(50, abs=0.2)
    # dated only by sequences running along: not the crossing one, not the one 30 m away
    assert [roads[i]["sequence_count"] for i in sorted(roads)] == [1, 0, 0, 1, 1, 1]
    assert roads[5]["has_360"] and not roads[3]["has_360"]
    assert roads[1]["newest_capture"] == utc(datetime(2020, 3, 1))
    assert roads[1]["oldest_capture"] == roads[1]["newest_capture"]
    assert roads[2]["newest_capture"] is None or roads[2]["newest_capture"].isNull()

    assert [round(g["length_m"]) for g in gaps_of(result, 3)] == [235, 235]
    assert all(g["dist_to_covered_m"] == pytest.approx(0) and g["road_name"] == "Crossed" for g in gaps_of(result, 3))
    (whole,) = gaps_of(result, 2)
    assert whole["length_m"] == pytest.approx(500, abs=1) and whole["dist_to_covered_m"] == pytest.approx(1000, abs=2)
    (part,) = gaps_of(result, 6)
    assert part["length_m"] == pytest.approx(300, abs=1) and part["dist_to_covered_m"] == pytest.approx(100, abs=1)
    assert [round(g["length_m"]) for g in gaps_of(result, 4)] == [round(100 - REACH), round(200 - REACH)]
    assert gaps_of(result, 1) == [] and gaps_of(result, 5) == []
    assert result["ROAD_KM"] == pytest.approx(3.1, abs=0.002)
    assert result["GAP_KM"] == pytest.approx(result["ROAD_KM"] - result["COVERED_KM"], abs=1e-6)
    assert result["NEWEST_CAPTURE"].startswith("2023-03-01") and result["OLDEST_CAPTURE"].startswith("2019-03-01")
    assert result["SEQUENCE_COUNT"] == len(SEQUENCES)


def test_selected_roads_only(kartaview_processing, roads_source, sequences_source):
    roads_source.selectByIds([f.id() for f in roads_source.getFeatures() if f["id"] in (3, 5)])
    result = run(QgsProcessingFeatureSourceDefinition(roads_source.id(), selectedFeaturesOnly=True),
                 sequences_source)
    assert sorted(by_road(result)) == [3, 5]
    assert {g["road_id"] for g in result["GAPS"].getFeatures()} == {"3"}


@pytest.mark.parametrize("filters, covered_roads", [
    ({"ONLY_360": True}, {3, 5}),
    ({"MIN_QUALITY": 50}, {1, 3, 5, 6}),
    ({"USERNAME": "BOB"}, {4}),
    ({"SINCE": "2022-01-01"}, {3, 5, 6}),
    ({"SINCE": "2021-01-01", "UNTIL": "2023-01-01"}, {5}),
], ids=["360", "quality", "user", "since", "until"])
def test_filters_apply_to_a_sequences_layer(kartaview_processing, roads_source, sequences_source, filters,
                                            covered_roads):
    roads = by_road(run(roads_source, sequences_source, **filters))
    assert {road_id for road_id, f in roads.items() if f["covered_m"] > 1} == covered_roads


def test_chosen_fields_and_a_missing_field(kartaview_processing, roads_source, sequences_source):
    result = run(roads_source, sequences_source, ROAD_ID_FIELD="name", ROAD_NAME_FIELD="id")
    assert {g["road_id"] for g in result["GAPS"].getFeatures()} == {"Parallel 30 m", "Crossed", "Partly",
                                                                    "Multi-part"}
    with pytest.raises(QgsProcessingException):
        run(roads_source, sequences_source, ROAD_ID_FIELD="nope")


def test_cancel_stops_without_results(kartaview_processing, roads_source, sequences_source):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(ALG)
    context = QgsProcessingContext()
    parameters = dict(INPUT=roads_source, SEQUENCES=sequences_source, OUTPUT="memory:", GAPS="memory:")
    assert algorithm.prepare(parameters, context, feedback)
    assert algorithm.runPrepared(parameters, context, feedback) == {}


def test_results_loaded_into_the_project_are_styled(kartaview_processing, roads_source, sequences_source,
                                                     layer_tree_view):
    import processing

    result = processing.runAndLoadResults(ALG, dict(INPUT=roads_source, SEQUENCES=sequences_source,
                                                    OUTPUT="memory:", GAPS="memory:"))
    project = QgsProject.instance()
    roads, gaps = project.mapLayer(result["OUTPUT"]), project.mapLayer(result["GAPS"])
    try:
        assert roads.renderer().type() == "RuleRenderer"
        labels = [rule.label() for rule in roads.renderer().rootRule().children()]
        # the age classes of the sequences layer (one vocabulary), and no imagery in red as the gaps
        assert labels[:5] == ["Less than a year old", "1 to 3 years old", "3 to 6 years old", "More than 6 years old",
                              "Date unknown"]
        no_imagery = next(r for r in roads.renderer().rootRule().children() if r.label() == "No imagery")
        assert no_imagery.symbol().color().name() == gaps.renderer().symbol().color().name() == "#e31a1c"
        assert gaps.renderer().symbol().color().name() == "#e31a1c"
        tree = project.layerTreeRoot()
        assert tree.findLayer(roads.id()) is not None and tree.findLayer(gaps.id()) is not None
    finally:
        project.removeMapLayers([roads.id(), gaps.id()])


@pytest.mark.parametrize("tile_roads", [None, 1])
def test_no_road_to_analyse_is_a_clear_error(kartaview_processing, sequences_source, monkeypatch, tile_roads):
    """Roads without geometry only: a clear error, whether the layer is read in one piece or planned in tiles."""
    from kartaview.plugin.processing import coverage_inputs

    if tile_roads:
        monkeypatch.setattr(coverage_inputs, "TILE_ROADS", tile_roads)
    empty = QgsVectorLayer("LineString?crs=EPSG:3844&field=id:integer", "empty", "memory")
    features = []
    for road_id in (1, 2):
        feature = QgsFeature(empty.fields())
        feature.setAttributes([road_id])  # and no geometry
        features.append(feature)
    empty.dataProvider().addFeatures(features)
    with pytest.raises(QgsProcessingException, match="There are no roads to analyse"):
        run(empty, sequences_source)


def test_the_cycle_collector_is_off_during_a_run_only(kartaview_processing, roads_source, sequences_source,
                                                      monkeypatch):
    import gc

    from kartaview.plugin.processing import coverage_gaps

    seen = []
    analyse = coverage_gaps.coverage_table

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return analyse(*args, **kwargs)

    monkeypatch.setattr(coverage_gaps, "coverage_table", spy)
    assert gc.isenabled()
    run(roads_source, sequences_source)
    assert seen == [False] and gc.isenabled()


def test_overlapping_runs_turn_the_cycle_collector_on_again_only_at_the_end_and_only_if_it_was():
    import gc

    from kartaview.plugin.processing.coverage_gaps import cyclic_gc_paused

    first, second = cyclic_gc_paused(), cyclic_gc_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first run ends while the second goes on
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()


def test_roads_of_single_points_are_counted_with_no_length(kartaview_processing, sequences_source):
    """Lines of one vertex each (let through when Processing does not check geometries) have no segment
    (and the tile no extent): roads of no length, with nothing covered and no gap."""
    import processing
    from qgis.core import Qgis, QgsFeatureRequest

    # the enum moved to Qgis in QGIS 3.36
    no_check = (Qgis.InvalidGeometryCheck.NoCheck if hasattr(Qgis, "InvalidGeometryCheck")
                else QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    layer = QgsVectorLayer("LineString?crs=EPSG:3844&field=id:integer", "points", "memory")
    features = []
    for road_id in (1, 2):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt("LineString ({} {})".format(ORIGIN[0] + 10 * road_id, ORIGIN[1])))
        feature.setAttributes([road_id])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    assert all(f.geometry().constGet().nCoordinates() == 1 for f in layer.getFeatures())
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(no_check)
    result = processing.run(ALG, dict(INPUT=layer, SEQUENCES=sequences_source, OUTPUT="memory:", GAPS="memory:"),
                            context=context)
    assert sorted(by_road(result)) == [1, 2] and result["ROAD_KM"] == 0 and result["GAP_COUNT"] == 0
    assert all(f["covered_m"] == 0 for f in result["OUTPUT"].getFeatures())
