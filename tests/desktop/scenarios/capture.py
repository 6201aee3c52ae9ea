"""From the camera to KartaView in desktop QGIS, through the toolbox's dialogs: Geotag photos with a GPS
track on a folder of photos without GPS plus a GPX, Sample a video on a short 2:1 (360°) video plus the
GPX, then Upload photos to KartaView on each of their output layers, as a dry run first (its planned
sequences land in the Layers panel, named in the legend) and then for real. The inputs are made by the
pytest side (tests/test_desktop_capture.py), which also checks what the sandbox stored."""

import os

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QApplication, QDialog, QPushButton, QTextEdit

GEOTAGGED = "Geotagged photos"
UNCOVERED = "Photos the track does not cover"
FRAMES = "Video frames"
REPORT = "Upload report"
PLANNED = "Planned sequences"


def dialog_on_screen():
    found = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and isinstance(w, QDialog) and type(w).__name__ == "AlgorithmDialog"]
    return found[0] if len(found) == 1 else None


def button(dialog, text):
    return next((b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text().replace("&", "") == text),
                None)


def layers(name):
    return QgsProject.instance().mapLayersByName(name)


def new_reports(before):
    """The upload reports added since `before` (ids): the panel's order is not the order of the runs."""
    return [lyr for lyr in layers(REPORT) if lyr.id() not in before]


def run_from_dialog(desk, algorithm, label, parameters, log_says=()):
    """Yields: the algorithm's dialog with these parameters, a click on Run, its log read, Close."""
    import processing

    dialog = processing.createAlgorithmDialog("kartaview:" + algorithm, parameters)
    dialog.show()
    yield from desk.wait_for("{}: the dialog is on screen".format(label), dialog_on_screen, 15)
    yield 0.3
    log = dialog.findChild(QTextEdit, "txtLog")
    yield from desk.click(button(dialog, "Run"))
    yield from desk.wait_for("{}: the log says the algorithm finished".format(label),
                             lambda: "Execution completed" in log.toPlainText(), 60, lambda: log.toPlainText()[-1500:])
    text = log.toPlainText()
    desk.check("{}: no error in the log".format(label), "Error" not in text and "Traceback" not in text, text[-2000:])
    for expected in log_says:
        desk.check("{}: the log says '{}'".format(label, expected), expected in text, text[-2000:])
    close = button(dialog, "Close")
    if close is not None:
        yield from desk.click(close)
    yield from desk.wait_for("{}: Close closes the dialog".format(label), lambda: dialog_on_screen() is None, 10)


def upload(desk, label, layer, sequences, legend_tail, log_says=()):
    """Yields: uploadphotos on layer, a dry run (the planned sequences shown, nothing sent), then for real."""
    before = {lyr.id() for lyr in layers(REPORT)}
    yield from run_from_dialog(desk, "uploadphotos", label + " dry run", {"INPUT": layer.id(), "DRY_RUN": True},
                               log_says)
    yield from desk.wait_for("{} dry run: the planned sequences are in the Layers panel".format(label),
                             lambda: len(layers(PLANNED)) == 1 and len(new_reports(before)) == 1, 15,
                             lambda: [lyr.name() for lyr in QgsProject.instance().mapLayers().values()])
    if len(layers(PLANNED)) == 1:
        lines = layers(PLANNED)[0]
        planned = [(f["photos"], bool(f["is_360"])) for f in lines.getFeatures()]
        desk.check("{} dry run: the planned sequences".format(label), planned == sequences, planned)
        legend = desk.legend_texts(lines)
        desk.results[label + "_legend"] = legend
        desk.check("{} dry run: the legend names each sequence".format(label),
                   len(legend) == len(sequences) and all(text.startswith("Sequence {}: {} photo(s)".format(i + 1, n))
                                                        for i, (text, (n, _)) in enumerate(zip(legend, sequences)))
                   and all(text.endswith(legend_tail) for text in legend), legend)
        report = new_reports(before)[0]
        before.add(report.id())
        statuses = sorted({f["status"] for f in report.getFeatures()})
        desk.check("{} dry run: nothing was sent".format(label), statuses == ["would upload"], statuses)
        desk.results[label + "_dry_run_projection"] = [f["projection"] for f in report.getFeatures()]
        # the user has seen the plan: off the map before the real run (which makes its own)
        QgsProject.instance().removeMapLayers([lines.id()])
    yield from run_from_dialog(desk, "uploadphotos", label, {"INPUT": layer.id(), "DRY_RUN": False})
    yield from desk.wait_for("{}: its report is in the Layers panel".format(label),
                             lambda: len(new_reports(before)) == 1, 15)
    if len(new_reports(before)) == 1:
        statuses = sorted({f["status"] for f in new_reports(before)[0].getFeatures()})
        desk.check("{}: every photo uploaded".format(label), statuses == ["uploaded"], statuses)
    QgsProject.instance().removeMapLayers([lyr.id() for lyr in layers(PLANNED)])


def run(desk):
    inputs = os.environ["KARTAVIEW_CAPTURE_INPUTS"]
    card, gpx, video = (os.path.join(inputs, name) for name in ("card", "track.gpx", "360.mp4"))
    offset, zone = float(os.environ["KARTAVIEW_CAPTURE_OFFSET"]), os.environ["KARTAVIEW_CAPTURE_ZONE"]
    photo_count = len(os.listdir(card))
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("KartaViewLayersComponent"), 60)

    yield from run_from_dialog(desk, "geotagphotos", "geotag", {
        "PHOTOS_FOLDER": card, "TRACK": gpx, "TIME_OFFSET": offset, "TIME_ZONE": zone},
        ["Geotagged {} photo(s); 0 not covered by the track.".format(photo_count)])
    yield from desk.wait_for("geotag: the geotagged photos are in the Layers panel",
                             lambda: len(layers(GEOTAGGED)) == 1, 15,
                             lambda: [lyr.name() for lyr in QgsProject.instance().mapLayers().values()])
    yield from run_from_dialog(desk, "samplevideo", "video", {
        "VIDEO": video, "TRACK": gpx, "TIME_OFFSET": offset, "DISTANCE_M": 10,
        "OUTPUT_FOLDER": os.path.join(os.environ["KARTAVIEW_DESKTOP_HOME"], "frames")}, ["360° equirectangular"])
    yield from desk.wait_for("video: the frames are in the Layers panel", lambda: len(layers(FRAMES)) == 1, 15)
    if not (layers(GEOTAGGED) and layers(FRAMES)):
        return
    photos, frames = layers(GEOTAGGED)[0], layers(FRAMES)[0]
    desk.results["frames"] = [{"photo": f["photo"], "timestamp": f["timestamp"], "projection": f["projection"]}
                              for f in frames.getFeatures()]
    desk.save()

    split = int(os.environ["KARTAVIEW_CAPTURE_SPLIT"])  # photos before the stop and after: two sequences
    yield from upload(desk, "photos", photos, [(split, False), (photo_count - split, False)], "")
    frame_count = frames.featureCount()
    # 360° because samplevideo marked them so in their projection field (the 2:1 shape is the fallback)
    yield from upload(desk, "frames", frames, [(frame_count, True)], "(360°)", [
        "360° panoramas (sent as SPHERE): {0} photo(s); from GPano XMP: 0, from the 2:1 shape: 0, from the "
        "projection field: {0}.".format(frame_count)])
    # temporary results would make File ▸ Exit ask whether to discard them, and the driver exits that way
    QgsProject.instance().removeAllMapLayers()
