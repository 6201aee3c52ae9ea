"""The coverage overview (issue 18, point 1): the sandbox's coverage tiles, the XYZ raster layer that
draws them, and the "KartaView coverage" group's switch between the raster and the sequences."""

import io
from datetime import date

import requests
from PIL import Image
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from kartaview.plugin.client.tiles import coverage_tiles_url, tiles_for_bbox
from kartaview.plugin.gui.layer_actions import make_layer
from kartaview.plugin.gui.overview import (
    SWITCH_SCALE,
    add_coverage_group,
    make_overview_layer,
    overview_source,
)
from kartaview.plugin.provider.uri import Filters
from tests.provider_support import CENTRE

FAR = (24.40, 46.70, 24.46, 46.74)  # 60 km east of Cluj-Napoca: no sandbox sequence
LATEST_UPLOAD = "2026-06-30"


def tile_image(sandbox, x, y, z, **params):
    answer = requests.get(sandbox.url + "2.0/sequence/tiles/{}/{}/{}.png".format(x, y, z), params=params, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "image/png", answer.text
    return Image.open(io.BytesIO(answer.content)).convert("RGBA")


def opaque_pixels(image):
    return sum(image.getchannel("A").histogram()[1:])  # pixels with any alpha


def covered_tile(world, z=15):
    """(x, y) of a z tile crossed by the first sandbox sequence, found from its photos."""
    photo = next(p for p in world.photos(world.sequences[0]["id"]) if p["lat"] != "0.000000")
    lng, lat = float(photo["lng"]), float(photo["lat"])
    _z, x, y = tiles_for_bbox((lng, lat, lng, lat), z)[0]
    return x, y


# ---- the sandbox's tiles ----------------------------------------------------------------------
def test_sandbox_tiles_are_x_y_then_zoom_and_drawn_from_its_sequences(sandbox):
    x, y = covered_tile(sandbox.world)
    assert opaque_pixels(tile_image(sandbox, x, y, 15)) > 50
    far = tiles_for_bbox(FAR, 15)[0]
    assert opaque_pixels(tile_image(sandbox, far[1], far[2], 15)) == 0
    # the z/x/y order of the same tile is no tile at all, as against the real server
    wrong = requests.get(sandbox.url + "2.0/sequence/tiles/15/{}/{}.png".format(x, y), timeout=10)
    assert wrong.status_code == 404


def test_sandbox_tiles_take_the_filters(sandbox):
    world = sandbox.world
    x, y = covered_tile(world, 12)  # the whole city: sequences of every year and kind
    everything = opaque_pixels(tile_image(sandbox, x, y, 12))
    assert everything > 200
    assert opaque_pixels(tile_image(sandbox, x, y, 12, startDate="2027-01-01")) == 0
    assert opaque_pixels(tile_image(sandbox, x, y, 12, endDate="2015-12-31")) == 0
    recent = opaque_pixels(tile_image(sandbox, x, y, 12, startDate="2025-01-01"))
    only_360 = opaque_pixels(tile_image(sandbox, x, y, 12, fieldOfView="360"))
    assert 0 < recent < everything and 0 < only_360 < everything
    bad = requests.get(sandbox.url + "2.0/sequence/tiles/{}/{}/12.png".format(x, y),
                       params={"startDate": "last year"}, timeout=10)
    assert bad.status_code == 400


# ---- the layer --------------------------------------------------------------------------------
def test_tiles_url_keeps_the_braces_and_passes_the_filters():
    url = coverage_tiles_url("https://api.openstreetcam.org", date(2024, 1, 1), date(2025, 6, 30), True)
    assert url == ("https://api.openstreetcam.org/2.0/sequence/tiles/{x}/{y}/{z}.png"
                   "?startDate=2024-01-01&endDate=2025-06-30&fieldOfView=360")
    assert coverage_tiles_url("http://h:1/").endswith("/2.0/sequence/tiles/{x}/{y}/{z}.png")


def test_overview_is_a_native_xyz_layer_of_the_configured_server(kv_app, sandbox):
    layer = make_overview_layer(Filters(since=date(2024, 1, 1), username="ignored", min_quality=50))
    assert layer.isValid() and layer.providerType() == "wms"
    uri = QgsDataSourceUri()
    uri.setEncodedUri(layer.source())
    assert uri.param("type") == "xyz" and uri.param("zmax") == "20"
    assert uri.param("url") == sandbox.url + "2.0/sequence/tiles/{x}/{y}/{z}.png?startDate=2024-01-01"
    uri.setEncodedUri(overview_source(Filters(until=date(2025, 1, 1), only_360=True)))
    assert uri.param("url").endswith(".png?endDate=2025-01-01&fieldOfView=360")


def render(layers, bbox_wgs84, size=256, scale_extent=None):
    """The image QGIS draws of the layers over bbox (lon/lat) in Web Mercator."""
    settings = QgsMapSettings()
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_mercator = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance())
    settings.setDestinationCrs(mercator)
    settings.setLayers(layers)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    settings.setExtent(to_mercator.transformBoundingBox(QgsRectangle(*bbox_wgs84)))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    pixels = sum(1 for yy in range(0, size, 2) for xx in range(0, size, 2) if image.pixelColor(xx, yy).alpha())
    return pixels, settings.scale()


def test_raster_draws_where_the_sandbox_has_sequences_and_nowhere_else(kv_app, sandbox):
    layer = make_overview_layer(Filters(), sandbox.url)
    drawn, scale = render([layer], CENTRE)
    assert scale > SWITCH_SCALE and drawn > 100
    assert render([layer], FAR)[0] == 0
    # a filter no sequence passes: the same view is empty (the filter reached the tiles)
    assert render([make_overview_layer(Filters(since=date(2027, 1, 1)), sandbox.url)], CENTRE)[0] == 0


def test_coverage_group_shows_the_raster_zoomed_out_and_the_sequences_zoomed_in(kv_app, sandbox):
    project = QgsProject.instance()
    try:
        group, raster, sequences = add_coverage_group(Filters(), make_layer, project)
        assert group is not None and group.name() == "KartaView coverage"
        assert [node.layer() for node in group.findLayers()] == [sequences, raster]
        assert sequences.providerType() == "kartaview" and raster.providerType() == "wms"
        for zoomed_out in (SWITCH_SCALE * 1.5, 500000.0):
            assert raster.isInScaleRange(zoomed_out) and not sequences.isInScaleRange(zoomed_out)
        for zoomed_in in (SWITCH_SCALE / 1.5, 1000.0):
            assert sequences.isInScaleRange(zoomed_in) and not raster.isInScaleRange(zoomed_in)
        # QGIS's renderer obeys the switch: zoomed in over sequences, the raster draws nothing
        middle = ((CENTRE[0] + CENTRE[2]) / 2, (CENTRE[1] + CENTRE[3]) / 2)
        street = (middle[0] - 0.002, middle[1] - 0.0015, middle[0] + 0.002, middle[1] + 0.0015)
        drawn_in, scale_in = render([raster], street)
        assert scale_in < SWITCH_SCALE and drawn_in == 0
        raster.setScaleBasedVisibility(False)  # the same view without the switch has coverage
        assert render([raster], street)[0] > 0
    finally:
        project.removeAllMapLayers()
        project.layerTreeRoot().removeAllChildren()
