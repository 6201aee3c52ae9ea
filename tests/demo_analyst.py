"""The analyst's part of `make demo` (issue 18): the coverage overview raster, one frame of the Temporal
Controller's animation, and the coverage statistics report, against the demo's sandbox."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDateTimeRange,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, Qt, QTime
from qgis.PyQt.QtGui import QColor

from kartaview.plugin.gui.overview import make_overview_layer
from kartaview.plugin.provider.temporal import apply_temporal
from kartaview.plugin.provider.uri import Filters

FRAME = (2016, 2021)  # the animation frame shown: captures of 2016 up to the end of 2020


def _render(layers, extent, crs, png, temporal_range=None):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1000, 750))
    if temporal_range is not None:
        settings.setIsTemporal(True)
        settings.setTemporalRange(temporal_range)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(png), "PNG")


def overview(sandbox, extent, out):
    """The coverage tiles of a wide area (3x the demo extent) as QGIS's XYZ layer draws them."""
    layer = make_overview_layer(Filters(), sandbox.url)
    QgsProject.instance().addMapLayer(layer)
    width, height = extent[2] - extent[0], extent[3] - extent[1]
    wide = QgsRectangle(extent[0] - width, extent[1] - height, extent[2] + width, extent[3] + height)
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance())
    png = out / "coverage-overview.png"
    _render([layer], to_layer.transformBoundingBox(wide), layer.crs(), png)
    tiles = [entry["path"] for entry in sandbox.request_log if "/sequence/tiles/" in entry["path"]]
    QgsProject.instance().clear()
    return png, len(tiles)


def animation_frame(gpkg, styles, out):
    """The downloaded sequences in one frame of the Temporal Controller (capture years FRAME)."""
    layer = QgsVectorLayer(str(gpkg), "KartaView sequences", "ogr")
    style = styles / "sequences.qml"
    if style.exists():
        layer.loadNamedStyle(str(style))
    apply_temporal(layer, "sequences")
    QgsProject.instance().addMapLayer(layer)
    start = QDateTime(QDate(FRAME[0], 1, 1), QTime(0, 0), Qt.TimeSpec.UTC)
    end = QDateTime(QDate(FRAME[1], 1, 1), QTime(0, 0), Qt.TimeSpec.UTC)
    frame = QgsDateTimeRange(start, end)
    png = out / "animation-frame-{}-{}.png".format(FRAME[0], FRAME[1] - 1)
    _render([layer], layer.extent().buffered(0.002), layer.crs(), png, frame)
    shown = sum(1 for feature in layer.getFeatures()
                if feature["first_shot"] is not None and start <= feature["first_shot"] < end)
    total = layer.featureCount()
    QgsProject.instance().clear()
    return png, shown, total
