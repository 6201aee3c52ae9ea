"""The "Show KartaView photo" map tool: clicks on the canvas pick the nearest photo from KartaView
layers (photo points, sequence lines), else from the API radius search; nothing near says so."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest

from kartaview.plugin.client.models import Photo
from kartaview.plugin.gui.background import Background
from kartaview.plugin.gui.map_tool import PhotoMapTool, is_kartaview_layer
from tests.photo_support import no_retry_client_factory, sequence_ids, wait_until

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")


def _photos(sandbox, sequence_id):
    return [p for p in (Photo.from_v1(r) for r in sandbox.world.photos(sequence_id)) if p.has_position]


def _points_source(photos):
    source = QgsVectorLayer("Point?crs=EPSG:4326&field=photo_id:long&field=sequence_id:long"
                            "&field=sequence_index:integer&field=heading:double", "kv photos", "memory")
    features = []
    for photo in photos:
        feature = QgsFeature(source.fields())
        feature.setAttributes([photo.id, photo.sequence_id, photo.sequence_index, photo.heading])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(photo.lng, photo.lat)))
        features.append(feature)
    source.dataProvider().addFeatures(features)
    return source


def _lines_source(sequences):
    source = QgsVectorLayer("LineString?crs=EPSG:4326&field=sequence_id:long", "kv sequences", "memory")
    features = []
    for sequence_id, photos in sequences.items():
        feature = QgsFeature(source.fields())
        feature.setAttributes([sequence_id])
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(p.lng, p.lat) for p in photos]))
        features.append(feature)
    source.dataProvider().addFeatures(features)
    return source


@pytest.fixture
def tool_on_canvas(qgis_app, qgis_canvas, sandbox):
    """A map tool on a 600 px canvas in Web Mercator, and what it emits."""
    window = qgis_canvas.window()
    was_visible = window.isVisible()
    window.show()  # a hidden canvas keeps a tiny viewport
    qgis_canvas.resize(600, 600)
    qgis_canvas.setDestinationCrs(MERCATOR)
    background = Background()
    tool = PhotoMapTool(qgis_canvas, background, client_factory=no_retry_client_factory(sandbox),
                        layer_filter=lambda layer: layer.name().startswith("kv "))
    events = []
    tool.photoPicked.connect(lambda ref: events.append(ref))
    tool.nothingFound.connect(lambda: events.append("nothing"))
    tool.searchFailed.connect(lambda message: events.append(("failed", message)))
    qgis_canvas.setMapTool(tool)
    yield tool, events
    qgis_canvas.unsetMapTool(tool)
    qgis_canvas.setLayers([])
    background.shutdown()
    window.setVisible(was_visible)


def _look_at(canvas, lng, lat, half_width_m=150):
    centre = QgsCoordinateTransform(WGS84, MERCATOR, QgsProject.instance()).transform(QgsPointXY(lng, lat))
    canvas.setExtent(QgsRectangle(centre.x() - half_width_m, centre.y() - half_width_m,
                                  centre.x() + half_width_m, centre.y() + half_width_m))
    canvas.refresh()


def _click(canvas, lng, lat, offset_px=(0, 0)):
    """A real left click on the canvas where (lng, lat) is, moved by offset_px."""
    point = QgsCoordinateTransform(WGS84, MERCATOR, QgsProject.instance()).transform(QgsPointXY(lng, lat))
    pixel = canvas.getCoordinateTransform().transform(point)
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(pixel.x()) + offset_px[0], round(pixel.y()) + offset_px[1]))


def test_click_near_a_photo_point_picks_it(sandbox, tool_on_canvas, qgis_canvas):
    tool, events = tool_on_canvas
    sequence_id = sequence_ids(sandbox)[0]
    photos = _photos(sandbox, sequence_id)
    points = _points_source(photos)
    qgis_canvas.setLayers([points])
    target = photos[len(photos) // 2]
    _look_at(qgis_canvas, target.lng, target.lat)
    _click(qgis_canvas, target.lng, target.lat, offset_px=(3, -2))
    assert len(events) == 1
    assert (events[0].sequence_id, events[0].photo_id, events[0].sequence_index) == (
        sequence_id, target.id, target.sequence_index)


def test_click_on_a_sequence_line_picks_the_nearest_place_on_it(sandbox, tool_on_canvas, qgis_canvas):
    tool, events = tool_on_canvas
    sequence_id = sequence_ids(sandbox)[1]
    photos = _photos(sandbox, sequence_id)
    lines = _lines_source({sequence_id: photos})
    qgis_canvas.setLayers([lines])
    a, b = photos[4], photos[5]
    middle = ((a.lng + b.lng) / 2, (a.lat + b.lat) / 2)
    _look_at(qgis_canvas, *middle)
    _click(qgis_canvas, *middle, offset_px=(2, 2))
    assert len(events) == 1
    assert events[0].sequence_id == sequence_id and events[0].photo_id is None
    lng, lat = events[0].near
    assert lng == pytest.approx(middle[0], abs=2e-5) and lat == pytest.approx(middle[1], abs=2e-5)


def test_a_photo_point_wins_over_the_line_under_it(sandbox, tool_on_canvas, qgis_canvas):
    tool, events = tool_on_canvas
    sequence_id = sequence_ids(sandbox)[2]
    photos = _photos(sandbox, sequence_id)
    sources = [_lines_source({sequence_id: photos}), _points_source(photos)]  # the canvas does not own them
    qgis_canvas.setLayers(sources)
    _look_at(qgis_canvas, photos[3].lng, photos[3].lat)
    _click(qgis_canvas, photos[3].lng, photos[3].lat)
    assert events[0].photo_id == photos[3].id


def test_without_layers_the_api_radius_search_finds_the_photo(sandbox, tool_on_canvas, qgis_canvas):
    tool, events = tool_on_canvas
    target = _photos(sandbox, sequence_ids(sandbox)[3])[6]
    _look_at(qgis_canvas, target.lng, target.lat, half_width_m=60)
    sandbox.reset_log()
    _click(qgis_canvas, target.lng, target.lat)
    wait_until(lambda: events, what="the radius search")
    ref = events[0]
    assert ref.photo is not None and ref.photo.has_position
    searches = [e for e in sandbox.request_log if e["path"].startswith("/1.0/list/nearby-photos")]
    assert len(searches) == 1 and float(searches[0]["params"]["radius"]) <= 10
    world_photo = sandbox.world.photo(ref.photo_id)
    # the nearest photo: the clicked one, or one as close (two sequences can share a spot)
    from kartaview.plugin.gui.geo import distance_m
    assert distance_m(target.lng, target.lat, float(world_photo["lng"]), float(world_photo["lat"])) <= 1.0


def test_nothing_near_is_a_short_message_not_an_error(sandbox, tool_on_canvas, qgis_canvas):
    tool, events = tool_on_canvas
    _look_at(qgis_canvas, 23.0, 46.0)  # far outside the sandbox's city
    _click(qgis_canvas, 23.0, 46.0)
    wait_until(lambda: events, what="the radius search")
    assert events == ["nothing"]


def test_only_kartaview_provider_layers_are_searched(qgis_app):
    memory = QgsVectorLayer("Point?crs=EPSG:4326", "kv photos", "memory")
    assert not is_kartaview_layer(memory)
