"""The coverage overview: KartaView's coverage raster tiles as a native QGIS XYZ layer ("wms" provider),
and the "KartaView coverage" group that shows the raster zoomed out and the sequences zoomed in.

The sequences layer stops loading at about city-district scale (the loader's MAX_VIEW_TILES); the
raster tiles cost one small PNG per tile at any scale, so the two layers of the group switch at
SWITCH_SCALE by their scale-based visibility: QGIS itself then draws one or the other.
"""

from qgis.core import QgsDataSourceUri, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..client.tiles import COVERAGE_TILES_MAX_ZOOM, coverage_tiles_url
from ..core.settings import Settings
from ..provider.uri import SEQUENCES, Filters

RASTER_PROVIDER = "wms"  # QGIS's XYZ tiles are served by its WMS provider, with type=xyz
# 1:10,000: a 1920 px wide canvas then spans ~5 km, 3-4 z14 tiles across, within the sequences
# layer's limit of 16 z14 tiles; zoomed out beyond it the sequences layer would only say "zoom in".
SWITCH_SCALE = 10000.0
OVERVIEW_PROPERTY = "kartaview/overview"  # custom property marking the plugin's raster layers


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files module tr() here


def overview_title() -> str:
    return tr("KartaView coverage overview")


def group_title() -> str:
    return tr("KartaView coverage")


def overview_source(filters: Filters = Filters(), base_url: str | None = None) -> str:
    """The "wms" provider source of the XYZ layer; username and minimum quality are not filters the
    tiles endpoint takes, so they are left out (the raster shows all of their coverage)."""
    template = coverage_tiles_url(base_url or Settings().api_url, filters.since, filters.until, filters.only_360)
    uri = QgsDataSourceUri()
    uri.setParam("type", "xyz")
    uri.setParam("url", template)
    uri.setParam("zmin", "0")
    uri.setParam("zmax", str(COVERAGE_TILES_MAX_ZOOM))
    return bytes(uri.encodedUri()).decode("utf-8")


def make_overview_layer(filters: Filters = Filters(), base_url: str | None = None) -> QgsRasterLayer:
    layer = QgsRasterLayer(overview_source(filters, base_url), overview_title(), RASTER_PROVIDER)
    layer.setCustomProperty(OVERVIEW_PROPERTY, True)
    return layer


def apply_scale_switch(raster, sequences, scale=SWITCH_SCALE):
    """The raster drawn when zoomed out beyond 1:scale, the sequences when zoomed in to it.

    QGIS's "maximum scale" is the most zoomed-in scale a layer shows at, its "minimum scale" the most
    zoomed-out one (both as denominators; 0 means no limit)."""
    raster.setScaleBasedVisibility(True)
    raster.setMaximumScale(scale)
    raster.setMinimumScale(0.0)
    sequences.setScaleBasedVisibility(True)
    sequences.setMinimumScale(scale)
    sequences.setMaximumScale(0.0)


def add_coverage_group(filters: Filters, make_vector_layer, project=None):
    """The "KartaView coverage" group at the top of the layer tree: the overview raster and the
    sequences layer (made by make_vector_layer(SEQUENCES, filters)) with the scale switch.
    Returns (group, raster, sequences); nothing is added if either layer is invalid."""
    project = project or QgsProject.instance()
    raster = make_overview_layer(filters)
    sequences = make_vector_layer(SEQUENCES, filters)
    if not raster.isValid() or not sequences.isValid():
        return None, raster, sequences
    apply_scale_switch(raster, sequences)
    group = project.layerTreeRoot().insertGroup(0, group_title())
    for layer in (sequences, raster):  # sequences drawn above the raster where both would show
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return group, raster, sequences
