"""Where the map opens for the first KartaView layer of an empty project (gui/first_view.py), and the
layer's extent while nothing is loaded: unknown, not the whole world (the desktop side is
tests/test_desktop_first_layer.py)."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle, QgsSettings, QgsVectorLayer
from qgis.gui import QgsMapCanvas

from kartaview.plugin.core.settings import PREFIX, Settings
from kartaview.plugin.gui.first_view import DEFAULT_VIEW, FirstViewComponent, parse_view


class _Plugin:
    def __init__(self, canvas):
        self.iface = type("Iface", (), {"mapCanvas": lambda _self: canvas})()


@pytest.fixture
def canvas(kv_app):
    QgsSettings().remove(PREFIX + "last_view")
    canvas = QgsMapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    yield canvas
    QgsProject.instance().removeAllMapLayers()
    QgsSettings().remove(PREFIX + "last_view")
    canvas.deleteLater()


def centre(canvas):
    point = canvas.extent().center()
    return round(point.x(), 4), round(point.y(), 4)


def test_a_new_layer_knows_no_extent_and_a_map_without_a_view_gets_the_default_one(canvas, fresh_sandbox):
    layer = QgsVectorLayer("type=sequences", "KartaView sequences", "kartaview")  # a new server: nothing loaded
    assert layer.isValid()
    assert layer.dataProvider().extent().isNull()  # nothing loaded yet: not the world
    assert canvas.extent().isEmpty()
    component = FirstViewComponent(_Plugin(canvas))
    component.place_map()
    box = QgsRectangle(*DEFAULT_VIEW)
    assert centre(canvas) == (round(box.center().x(), 4), round(box.center().y(), 4))
    assert canvas.extent().width() < 0.2  # a street scale, not a country


def test_the_map_opens_at_the_last_view_that_showed_a_kartaview_layer(canvas):
    layer = QgsVectorLayer("type=sequences", "KartaView sequences", "kartaview")
    QgsProject.instance().addMapLayer(layer)
    canvas.setLayers([layer])
    component = FirstViewComponent(_Plugin(canvas))
    canvas.setExtent(QgsRectangle(2.33, 48.85, 2.36, 48.87))  # Paris
    component.remember_view()
    paris = Settings().last_view
    assert parse_view(paris) is not None
    canvas.setExtent(QgsRectangle(-170, -80, 170, 80))  # the world: too far out to be worth reopening
    component.remember_view()
    assert Settings().last_view == paris

    other = QgsMapCanvas()  # the next QGIS: a map with no view yet
    other.resize(800, 600)
    other.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    FirstViewComponent(_Plugin(other)).place_map()
    from qgis.core import QgsCoordinateTransform

    back = QgsCoordinateTransform(other.mapSettings().destinationCrs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                  QgsProject.instance()).transform(other.extent().center())
    assert (round(back.x(), 3), round(back.y(), 3)) == (2.345, 48.86)
    other.deleteLater()


def test_a_map_that_has_a_view_keeps_it(canvas):
    canvas.setExtent(QgsRectangle(10, 50, 10.1, 50.1))
    FirstViewComponent(_Plugin(canvas)).place_map()
    assert centre(canvas) == (10.05, 50.05)


@pytest.mark.parametrize("text", ["", "1,2,3", "a,b,c,d", "10,10,5,5", "0,0,200,10"])
def test_a_stored_view_that_is_not_one_is_ignored(text):
    assert parse_view(text) is None
