"""The map canvas's look-ahead renders (after drawing its view, QGIS draws the eight areas around it,
ahead of a pan) ask KartaView for nothing and leave the view's own requests be: with them counted as
views, a slow server's view lost its requests to them and its layer stayed unfinished (the desktop
side: tests/test_desktop_first_layer.py)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
)

from kartaview.plugin.provider.loader import READY
from tests.provider_support import CENTRE, expected_sequences, ids, open_layer, rect_request, wait_until

MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")


def canvas_request(bbox, view):
    """A render's request for bbox from a map whose view is `view` (both EPSG:4326), as the canvas makes
    it: the map's extent in its expression context, in the map's CRS (Web Mercator here)."""
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), MERCATOR, QgsProject.instance())
    scope = QgsExpressionContextScope()
    scope.setVariable("map_extent", QgsGeometry.fromRect(to_map.transformBoundingBox(QgsRectangle(*view))))
    scope.setVariable("map_crs", MERCATOR.authid())
    context = QgsExpressionContext()
    context.appendScope(scope)
    return rect_request(bbox).setExpressionContext(context)


def around(view):
    width, height = view[2] - view[0], view[3] - view[1]
    return [(view[0] + dx * width, view[1] + dy * height, view[2] + dx * width, view[3] + dy * height)
            for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (dx, dy) != (0, 0)]


def test_look_ahead_renders_ask_for_nothing_and_the_view_loads_whole(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=200)
    layer = open_layer("type=sequences")
    provider = layer.dataProvider()
    list(layer.getFeatures(canvas_request(CENTRE, CENTRE)))  # the view: its requests start
    assert provider.status.state == "loading"
    for bbox in around(CENTRE):  # then the canvas looks ahead, eight times, while the view loads
        list(layer.getFeatures(canvas_request(bbox, CENTRE)))
    wait_until(lambda: provider.loader.pending() == 0, 60)
    asked = {entry["params"].get("bbTopLeft") for entry in fresh_sandbox.request_log
             if "nearby-photos" in entry["path"]}
    drawn = ids(layer.getFeatures(canvas_request(CENTRE, CENTRE)))
    assert provider.status.state_at(((CENTRE[0] + CENTRE[2]) / 2, (CENTRE[1] + CENTRE[3]) / 2)) == READY
    assert drawn == expected_sequences(fresh_sandbox.world, CENTRE)
    # only the view's tiles were asked for (the tiles of the areas around it were not)
    assert len(asked) == provider.loader.tile_count("sequences", CENTRE)


def test_a_look_ahead_render_shows_what_is_known_there(kv_app, fresh_sandbox):
    layer = open_layer("type=sequences")
    east = around(CENTRE)[6]
    list(layer.getFeatures(canvas_request(east, east)))  # looked at once: loaded
    wait_until(lambda: layer.dataProvider().loader.pending() == 0, 60)
    known = ids(layer.getFeatures(canvas_request(east, east)))
    fresh_sandbox.reset_log()
    assert ids(layer.getFeatures(canvas_request(east, CENTRE))) == known and known
    assert fresh_sandbox.request_log == []
