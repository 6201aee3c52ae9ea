"""The map marker: at the photo's position, its arrow along the heading in any CRS and canvas
rotation; the sequence highlight; gone from the canvas when removed."""

import math

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject, QgsRectangle

from kartaview.plugin.gui.map_marker import PhotoMarkers
from tests.photo_support import drawn_heading

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
LNG, LAT = 23.59, 46.77


@pytest.fixture
def shown_canvas(qgis_app, qgis_canvas):
    window = qgis_canvas.window()
    was_visible = window.isVisible()
    window.show()
    qgis_canvas.resize(600, 600)
    yield qgis_canvas
    qgis_canvas.setRotation(0)
    window.setVisible(was_visible)


def _look_at(canvas, crs, half_width_m):
    canvas.setDestinationCrs(crs)
    centre = QgsCoordinateTransform(WGS84, crs, QgsProject.instance()).transform(QgsPointXY(LNG, LAT))
    half = half_width_m if crs.mapUnits() != WGS84.mapUnits() else half_width_m / 80000.0
    canvas.setExtent(QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half))
    return centre


@pytest.mark.parametrize("epsg, rotation, heading, expected", [
    (3857, 0, 90, 90),
    (3857, 30, 90, 120),  # the canvas turned 30° clockwise turns the arrow with it
    # plate carrée: a degree of longitude is cos(lat) of one of latitude, so 45° looks steeper
    (4326, 0, 45, math.degrees(math.atan(1 / math.cos(math.radians(LAT))))),
    # Stereo 70 (Romania, centred on 25°E): west of it, true north leans ≈ (25 - 23.59) * sin(46.77)
    # ≈ 1° clockwise of grid north
    (3844, 0, 0, 1.03),
])
def test_marker_sits_on_the_photo_and_points_along_the_heading(shown_canvas, epsg, rotation, heading, expected):
    crs = QgsCoordinateReferenceSystem("EPSG:{}".format(epsg))
    centre = _look_at(shown_canvas, crs, 200)
    shown_canvas.setRotation(rotation)
    markers = PhotoMarkers(shown_canvas)
    try:
        markers.show_photo(LNG, LAT, heading)
        pixel = shown_canvas.getCoordinateTransform().transform(centre)
        assert markers.marker.pos().x() == pytest.approx(pixel.x(), abs=0.5)
        assert markers.marker.pos().y() == pytest.approx(pixel.y(), abs=0.5)
        assert drawn_heading(markers.marker) == pytest.approx(expected, abs=0.1)
    finally:
        markers.remove()


def test_without_heading_only_the_dot_is_drawn(shown_canvas):
    _look_at(shown_canvas, QgsCoordinateReferenceSystem("EPSG:3857"), 200)
    markers = PhotoMarkers(shown_canvas)
    try:
        markers.show_photo(LNG, LAT, None)
        assert markers.marker.isVisible() and drawn_heading(markers.marker) is None
    finally:
        markers.remove()


def test_sequence_highlight_and_removal(shown_canvas):
    _look_at(shown_canvas, QgsCoordinateReferenceSystem("EPSG:3857"), 200)
    markers = PhotoMarkers(shown_canvas)
    items = markers.items()
    markers.show_sequence([(LNG, LAT), (LNG + 0.001, LAT), (LNG + 0.002, LAT + 0.001)])
    assert markers.highlight.numberOfVertices() == 3 and markers.highlight.isVisible()
    markers.clear()
    assert markers.highlight.numberOfVertices() == 0 and not markers.marker.isVisible()
    markers.remove()
    scene_items = shown_canvas.scene().items()
    assert not [item for item in items if item in scene_items]
