"""Time (issue 18, point 2): the sequences and photos layers carry their capture time range, the download
algorithm's outputs keep it, and stepping the temporal range shows each frame's features only."""

from datetime import datetime

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDateTimeRange,
    QgsExpression,
    QgsFeatureRequest,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, Qt, QTime
from qgis.PyQt.QtGui import QColor

from kartaview.plugin.gui.layer_actions import prepare
from kartaview.plugin.provider.temporal import TEMPORAL_SET, apply_temporal_once
from kartaview.plugin.provider.uri import encode
from tests.provider_support import CENTRE, expected_sequences, open_layer

YEARS = range(2015, 2028)
EXTENT = "{},{},{},{} [EPSG:4326]".format(CENTRE[0], CENTRE[2], CENTRE[1], CENTRE[3])


def utc(year, month=1, day=1):
    return QDateTime(QDate(year, month, day), QTime(0, 0, 0), Qt.TimeSpec.UTC)


def year_frame(year):
    return QgsDateTimeRange(utc(year), utc(year + 1))


def capture_range(world, sequence_id):
    """(first, last) capture time of a sandbox sequence, from its photos' shot_date."""
    shots = [datetime.strptime(p["shot_date"], "%Y-%m-%d %H:%M:%S") for p in world.photos(sequence_id)]
    return min(shots), max(shots)


def expected_in_year(world, ids, year):
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    return {sid for sid in ids if capture_range(world, sid)[0] <= end and capture_range(world, sid)[1] >= start}


def shown_in_frame(layer, frame, id_field="sequence_id"):
    """The ids of the features QGIS's temporal filter keeps in a frame (what the map draws then)."""
    properties = layer.temporalProperties()
    assert properties.isActive() and properties.isVisibleInTemporalRange(frame)
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = properties.createFilterString(context, frame)
    request = QgsFeatureRequest(QgsExpression(expression))
    return {feature[id_field] for feature in layer.getFeatures(request)}


def sequences_layer():
    layer = open_layer(encode({"type": "sequences", "wait": True, "bbox": CENTRE}))
    prepare(layer)  # what the plugin does to every KartaView layer added to a project
    return layer


def test_sequences_layer_steps_through_the_years_by_capture_time(kv_app, sandbox):
    layer = sequences_layer()
    ids = expected_sequences(sandbox.world, CENTRE)
    assert {f["sequence_id"] for f in layer.getFeatures()} == ids
    frames = {year: shown_in_frame(layer, year_frame(year)) for year in YEARS}
    assert frames == {year: expected_in_year(sandbox.world, ids, year) for year in YEARS}
    assert not frames[2015] and not frames[2027]  # before and after the sandbox's uploads
    assert len([year for year in YEARS if frames[year]]) >= 8  # coverage grows year by year
    # a frame of a single day: just the sequences captured that day
    sid = min(ids)
    first, _last = capture_range(sandbox.world, sid)
    day = QgsDateTimeRange(utc(first.year, first.month, first.day),
                           utc(first.year, first.month, first.day).addDays(1))
    assert sid in shown_in_frame(layer, day)
    # a second in the middle of its drive, after its first capture: it is still being driven then
    first, last = capture_range(sandbox.world, sid)
    midnight = datetime(first.year, first.month, first.day)
    offset = ((first - midnight) + (last - first) / 2).total_seconds()
    middle = utc(first.year, first.month, first.day).addSecs(int(offset))
    assert (last - first).total_seconds() > 10
    assert sid in shown_in_frame(layer, QgsDateTimeRange(middle, middle.addSecs(1)))


def test_photos_layer_is_an_instant_per_photo(kv_app, sandbox):
    bbox = (23.585, 46.765, 23.59, 46.768)
    layer = open_layer(encode({"type": "photos", "wait": True, "bbox": bbox}))
    prepare(layer)
    photos = {f["photo_id"]: f["shot_date"] for f in layer.getFeatures()}
    assert photos
    photo_id, shot = next(iter(photos.items()))
    instant = QgsDateTimeRange(shot, shot)
    assert photo_id in shown_in_frame(layer, instant, "photo_id")
    assert photo_id not in shown_in_frame(layer, QgsDateTimeRange(shot.addSecs(3600), shot.addSecs(7200)), "photo_id")
    per_year = [shown_in_frame(layer, year_frame(year), "photo_id") for year in YEARS]
    assert set().union(*per_year) == set(photos)


def test_road_coverage_has_no_time_and_a_user_setting_is_kept(kv_app, sandbox):
    coverage = open_layer(encode({"type": "coverage", "wait": True, "bbox": CENTRE}))
    prepare(coverage)
    assert not coverage.temporalProperties().isActive()
    layer = sequences_layer()
    assert layer.customProperty(TEMPORAL_SET)
    layer.temporalProperties().setIsActive(False)  # the user turns it off: the plugin leaves it so
    assert not apply_temporal_once(layer, "sequences")
    prepare(layer)
    assert not layer.temporalProperties().isActive()


def drawn_pixels(layer, frame):
    settings = QgsMapSettings()
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    settings.setLayers([layer])
    settings.setOutputSize(QSize(200, 200))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    settings.setExtent(QgsRectangle(*CENTRE))
    settings.setIsTemporal(True)
    settings.setTemporalRange(frame)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    return sum(1 for y in range(200) for x in range(200) if image.pixelColor(x, y).alpha())


@pytest.mark.parametrize("layer_type", [0, 1])
def test_download_outputs_keep_the_time_range(kv_app, sandbox, qgis_processing, layer_tree_view, layer_type):
    import processing
    from qgis.core import QgsApplication

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    registry = QgsApplication.processingRegistry()
    added = registry.providerById("kartaview") is None
    if added:
        registry.addProvider(KartaViewProcessingProvider())
    project = QgsProject.instance()
    try:
        result = processing.runAndLoadResults("kartaview:downloadsequences",
                                              {"EXTENT": EXTENT, "TYPE": layer_type, "OUTPUT": "memory:"})
        output = project.mapLayer(result["OUTPUT"])
        try:
            assert output.temporalProperties().isActive()
            if layer_type == 0:
                live = sequences_layer()
                for year in YEARS:
                    assert shown_in_frame(output, year_frame(year)) == shown_in_frame(live, year_frame(year))
            # the map renderer obeys it: nothing drawn in a year without captures, lines in one with some
            assert drawn_pixels(output, year_frame(2014)) == 0
            assert drawn_pixels(output, QgsDateTimeRange(utc(2015), utc(2027))) > 0
        finally:
            project.removeMapLayer(output.id())
    finally:
        if added:
            registry.removeProvider(registry.providerById("kartaview"))


def test_a_saved_download_opens_with_its_style_and_time_range(kv_app, sandbox, qgis_processing, tmp_path):
    """A GeoPackage written by the algorithm (not loaded), opened later: QGIS loads the style saved
    beside it and the plugin turns its time range back on, which QGIS resets as it opens a file."""
    import processing
    from qgis.core import QgsApplication, QgsVectorLayer

    from kartaview.plugin.gui.layer_actions import KartaViewLayersComponent
    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    registry = QgsApplication.processingRegistry()
    added = registry.providerById("kartaview") is None
    if added:
        registry.addProvider(KartaViewProcessingProvider())
    try:
        path = tmp_path / "cluj.gpkg"
        processing.run("kartaview:downloadsequences", {"EXTENT": EXTENT, "TYPE": 0, "OUTPUT": str(path)})
    finally:
        if added:
            registry.removeProvider(registry.providerById("kartaview"))
    assert (tmp_path / "cluj.qml").is_file()
    opened = QgsVectorLayer(str(path), "cluj", "ogr")
    assert opened.renderer().type() == sequences_layer().renderer().type() != "singleSymbol"
    KartaViewLayersComponent(None).prepare_layers([opened])  # what the plugin does to every layer added
    assert opened.temporalProperties().isActive()
    live = sequences_layer()
    for year in YEARS:
        assert shown_in_frame(opened, year_frame(year)) == shown_in_frame(live, year_frame(year))
    # a range the user turned off in a project stays off
    opened.temporalProperties().setIsActive(False)
    KartaViewLayersComponent(None).prepare_layers([opened])
    assert not opened.temporalProperties().isActive()
