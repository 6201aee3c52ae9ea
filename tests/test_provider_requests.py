"""Feature requests on the `kartaview` provider return exactly the sandbox's features."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)

from tests.provider_support import CENTRE, SMALL, expected_sequences, ids, open_layer, positions, rect_request


@pytest.fixture
def kv_sequences(kv_app, sandbox):
    return open_layer("type=sequences&wait=1")


def test_extent_request_returns_exactly_the_sequences_crossing_it(kv_sequences, sandbox):
    for bbox in (CENTRE, SMALL):
        got = ids(kv_sequences.getFeatures(rect_request(bbox)))
        assert got == expected_sequences(sandbox.world, bbox)
        assert got


def test_attributes_and_geometry_match_the_sandbox(kv_sequences, sandbox):
    feature = next(kv_sequences.getFeatures(rect_request(SMALL)))
    truth = sandbox.world.sequence(feature.id())
    assert feature["sequence_id"] == feature.id()
    assert feature["country_code"] == truth["countryCode"]
    assert feature["quality"] == int(truth["quality"])
    assert feature["distance_km"] == pytest.approx(float(truth["distance"]))
    assert feature["photo_count"] == int(truth["countActivePhotos"])
    assert feature["username"] == truth["username"]
    assert feature["date_added"].toString("yyyy-MM-dd HH:mm:ss") == truth["dateAdded"]
    shots = sorted(p["shot_date"] for p in sandbox.world.photos(feature.id()))
    assert feature["first_shot"].toString("yyyy-MM-dd HH:mm:ss") == shots[0]
    assert feature["last_shot"].toString("yyyy-MM-dd HH:mm:ss") == shots[-1]
    assert feature["url"].endswith("details/{}".format(feature.id()))
    line = [(p.x(), p.y()) for p in feature.geometry().asPolyline()]
    assert line == pytest.approx(positions(sandbox.world, feature.id()))


def test_rectangles_asked_in_turn_each_get_exactly_their_sequences(kv_sequences, sandbox):
    """A canvas layer's records remember whether they touch the last rectangle: the next one is asked anew."""
    list(kv_sequences.getFeatures(rect_request(CENTRE)))  # loaded: the canvas layer below answers from memory
    canvas = open_layer("type=sequences")
    for bbox in (CENTRE, SMALL, CENTRE, SMALL, (SMALL[0], SMALL[1], CENTRE[2], CENTRE[3])):
        assert ids(canvas.getFeatures(rect_request(bbox))) == expected_sequences(sandbox.world, bbox)


def test_a_request_for_some_attributes_gets_them_and_what_its_expression_and_order_read(kv_sequences, sandbox):
    fields = kv_sequences.fields()
    full = {f.id(): f for f in kv_sequences.getFeatures(rect_request(CENTRE))}
    request = rect_request(CENTRE).setSubsetOfAttributes(["quality"], fields)
    partial = list(kv_sequences.dataProvider().getFeatures(request))
    assert {f.id() for f in partial} == set(full)
    assert all(f["quality"] == full[f.id()]["quality"] for f in partial)
    assert all(f.geometry().equals(full[f.id()].geometry()) for f in partial)
    # The provider reads what the filter expression and the ordering need, though not in the subset.
    username = full[min(full)]["username"]
    request.setFilterExpression('"username" = {}'.format(QgsExpression.quotedValue(username)))
    request.addOrderBy('"distance_km"', ascending=False)
    got = list(kv_sequences.dataProvider().getFeatures(request))
    assert {f.id() for f in got} == {i for i, f in full.items() if f["username"] == username}
    assert [f["distance_km"] for f in got] == sorted((full[f.id()]["distance_km"] for f in got), reverse=True)
    again = {f.id(): f.attributes() for f in kv_sequences.getFeatures(rect_request(CENTRE))}
    assert again == {i: f.attributes() for i, f in full.items()}  # a request for all still gets all


def test_single_and_multi_id_requests(kv_sequences, sandbox):
    wanted = sorted(int(v2["id"]) for v2 in sandbox.world.sequences)[5:9]
    single = list(kv_sequences.getFeatures(QgsFeatureRequest(wanted[2])))
    assert [f.id() for f in single] == [wanted[2]]
    assert ids(kv_sequences.getFeatures(QgsFeatureRequest().setFilterFids(wanted))) == set(wanted)
    assert list(kv_sequences.getFeatures(QgsFeatureRequest(123))) == []  # unknown to KartaView


def test_expression_request(kv_sequences, sandbox):
    request = rect_request(CENTRE).setFilterExpression('"quality" >= 50 AND "is_360" = false')
    expected = expected_sequences(sandbox.world, CENTRE, lambda v2: int(v2["quality"]) >= 50
                                  and v2["fieldOfView"] != "360")
    assert ids(kv_sequences.getFeatures(request)) == expected


@pytest.mark.parametrize("uri,accept", [
    ("min_quality=60", lambda v2: int(v2["quality"]) >= 60),
    ("only_360=1", lambda v2: v2["fieldOfView"] == "360"),
    ("username=Cluj_Driver", lambda v2: v2["username"] == "cluj_driver"),
    ("since=2020-01-01&until=2023-12-31", lambda v2: "2020-01-01" <= v2["dateAdded"][:10] <= "2023-12-31"),
])
def test_filters(kv_app, sandbox, uri, accept):
    filtered = open_layer("type=sequences&wait=1&" + uri)
    assert ids(filtered.getFeatures(rect_request(CENTRE))) == expected_sequences(sandbox.world, CENTRE, accept)


def test_since_goes_to_the_server(kv_app, fresh_sandbox):
    open_layer("wait=1&since=2021-05-01").getFeatures(rect_request(SMALL))
    nearby = [e for e in fresh_sandbox.request_log if "nearby-photos" in e["path"]]
    assert nearby and all(e["params"].get("date") == "2021-05-01" for e in nearby)


def test_destination_crs_other_than_4326(kv_sequences):
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_mercator = QgsCoordinateTransform(kv_sequences.crs(), mercator, QgsProject.instance())
    rect = to_mercator.transformBoundingBox(QgsRectangle(*SMALL))
    request = QgsFeatureRequest().setFilterRect(rect).setDestinationCrs(mercator, QgsProject.instance()
                                                                       .transformContext())
    projected = list(kv_sequences.getFeatures(request))
    assert projected
    plain = {f.id(): f for f in kv_sequences.getFeatures(QgsFeatureRequest().setFilterFids(sorted(ids(projected))))}
    for feature in projected:
        assert feature.geometry().boundingBox().xMinimum() > 2e6  # metres, not degrees
        back = to_mercator.transform(plain[feature.id()].geometry().vertexAt(0).x(),
                                     plain[feature.id()].geometry().vertexAt(0).y())
        assert feature.geometry().vertexAt(0).x() == pytest.approx(back.x())


def test_photos_layer(kv_app, sandbox):
    photos = open_layer("type=photos&wait=1")
    got = {f.id(): f for f in photos.getFeatures(rect_request(SMALL))}
    expected = {int(p["id"]) for p in sandbox.world.photos_in_bbox((SMALL[1], SMALL[0], SMALL[3], SMALL[2]))}
    assert set(got) == expected
    feature = next(iter(got.values()))
    truth = sandbox.world.photo(feature.id())
    assert feature["sequence_id"] == int(truth["sequence_id"])
    assert feature["sequence_index"] == int(truth["sequence_index"])
    assert feature["thumbnail_url"].endswith(truth["th_name"])
    assert photos.wkbType() == 1  # Point


def test_coverage_layer(kv_app, sandbox):
    coverage = open_layer("type=coverage&wait=1")
    features = list(coverage.getFeatures(rect_request(SMALL)))
    truth = dict((s.element_id, c) for s, c in sandbox.world.covered_segments_in_bbox(
        (SMALL[1], SMALL[0], SMALL[3], SMALL[2])))
    got = {f["element_id"]: f["coverage"] for f in features}
    assert got and set(got) <= set(truth)
    assert all(got[k] == truth[k] for k in got)
    again = list(coverage.getFeatures(QgsFeatureRequest(features[0].id())))
    assert [f["element_id"] for f in again] == [features[0]["element_id"]]
