"""Upload photos to KartaView run from its dialog in desktop QGIS on a layer of flat and 360° photos: first a
dry run (nothing sent) whose report and planned sequences land in the Layers panel styled by sequence, the
360° sequence said so in the legend; then the real upload (the pytest side checks the sandbox got SPHERE)."""

import os
from datetime import timedelta
from pathlib import Path

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime
from qgis.PyQt.QtWidgets import QApplication, QDialog, QPushButton, QTextEdit

from kartaview.plugin.core.compat import DATETIME, DOUBLE, STRING, new_field
from tests.upload_support import START, gpano_xmp, make_jpeg, make_panorama, offset

OUTPUTS = ("Upload report", "Planned sequences")


def photos_layer():
    """3 flat photos then 3 GPano panoramas, every 10 m and 2 s along a street of the sandbox's city."""
    folder = Path(os.environ["KARTAVIEW_DESKTOP_HOME"]) / "photos"
    folder.mkdir(exist_ok=True)
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "photos", "memory")
    layer.dataProvider().addAttributes([new_field("photo", STRING), new_field("timestamp", DATETIME),
                                        new_field("direction", DOUBLE)])
    layer.updateFields()
    features = []
    for i in range(6):
        name = folder / "p{}.jpg".format(i)
        path = make_panorama(name, 300 + i, xmp=gpano_xmp(heading=15)) if i >= 3 else make_jpeg(name, 300 + i)
        lat, lng = offset(46.77, 23.59, 0.0, i * 10.0)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lng, lat)))
        feature.setAttributes([path, QDateTime(START + timedelta(seconds=2 * i)), 90.0])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


def dialog_on_screen():
    found = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and isinstance(w, QDialog) and type(w).__name__ == "AlgorithmDialog"]
    return found[0] if len(found) == 1 else None


def button(dialog, text):
    return next((b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text().replace("&", "") == text),
                None)


def outputs():
    return {name: QgsProject.instance().mapLayersByName(name) for name in OUTPUTS}


def run_from_dialog(desk, label, parameters):
    """Yields: the algorithm's dialog with these parameters, a click on Run, its log read, Close."""
    import processing

    dialog = processing.createAlgorithmDialog("kartaview:uploadphotos", parameters)
    dialog.show()
    yield from desk.wait_for("{}: the dialog is on screen".format(label), dialog_on_screen, 15)
    yield 0.5
    log = dialog.findChild(QTextEdit, "txtLog")
    yield from desk.click(button(dialog, "Run"))
    yield from desk.wait_for("{}: the log says the algorithm finished".format(label),
                             lambda: "Execution completed" in log.toPlainText(), 60, lambda: log.toPlainText()[-1500:])
    text = log.toPlainText()
    desk.check("{}: no error in the log".format(label), "Error" not in text and "Traceback" not in text, text[-2000:])
    desk.check("{}: the log says which photos go as 360°".format(label),
               "360° panoramas (sent as SPHERE): 3 photo(s); from GPano XMP: 3" in text, text[-2000:])
    close = button(dialog, "Close")
    if close is not None:
        yield from desk.click(close)
    yield from desk.wait_for("{}: Close closes the dialog".format(label), lambda: dialog_on_screen() is None, 10)


def run(desk):
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    layer = photos_layer()
    yield 0.5

    yield from run_from_dialog(desk, "dry run", {"INPUT": layer.id(), "DRY_RUN": True})
    yield from desk.wait_for("dry run: the report and the planned sequences are in the Layers panel",
                             lambda: all(outputs().values()), 15, lambda: outputs())
    found = outputs()
    if all(found.values()):
        report, lines = found["Upload report"][0], found["Planned sequences"][0]
        planned = [(f["photos"], f["photos_360"], bool(f["is_360"])) for f in lines.getFeatures()]
        desk.check("dry run: two planned sequences, the second all 360°", planned == [(3, 0, False), (3, 3, True)],
                   planned)
        legend = desk.legend_texts(lines)
        desk.check("dry run: the sequences' legend names each, the 360° one as such",
                   len(legend) == 2 and legend[0].startswith("Sequence 1: 3 photo(s), 20 m")
                   and legend[1].endswith("(360°)"), legend)
        report_legend = desk.legend_texts(report)
        desk.check("dry run: the report's points are coloured by sequence",
                   report.renderer().type() == "categorizedSymbol" and report_legend == ["Sequence 1", "Sequence 2"],
                   report_legend)
        statuses = sorted({f["status"] for f in report.getFeatures()})
        desk.check("dry run: nothing was sent", statuses == ["would upload"], statuses)
        desk.results["dry_run_projection"] = [f["projection"] for f in report.getFeatures()]
        desk.save()

    yield from run_from_dialog(desk, "upload", {"INPUT": layer.id(), "DRY_RUN": False})
    yield from desk.wait_for("upload: its report is in the Layers panel too",
                             lambda: len(outputs()["Upload report"]) == 2, 15)
    reports = outputs()["Upload report"]
    if len(reports) == 2:
        statuses = sorted(sorted({f["status"] for f in report.getFeatures()}) for report in reports)
        desk.check("upload: every photo uploaded (next to the dry run's report)",
                   statuses == [["uploaded"], ["would upload"]], statuses)
    # temporary results would make File ▸ Exit ask whether to discard them, and the driver exits that way
    QgsProject.instance().removeMapLayers([lyr.id() for name in OUTPUTS for lyr in outputs()[name]] + [layer.id()])
