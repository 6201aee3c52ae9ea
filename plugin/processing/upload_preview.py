"""The plan of kartaview:uploadphotos on the map: the planned sequences as lines (one per sequence, with
its photo count, length, time span and whether it goes as 360°), and the styles that colour the report's
photo points by sequence (the same colour as their line) and by skip reason, so that the user sees the
splits before sending and can change the gap settings.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, Qt

from ..core.compat import BOOL, DATETIME, DOUBLE, INT, INT64, STRING, new_field
from ..upload import plan_types, uploader
from ..upload.journal_errors import JournalError

SEQUENCE_FIELDS = (("sequence", INT), ("photos", INT), ("photos_360", INT), ("is_360", BOOL),
                   ("length_m", DOUBLE), ("first_shot", DATETIME), ("last_shot", DATETIME),
                   ("duration_s", DOUBLE), ("group", STRING), ("sequence_id", INT64), ("url", STRING))

# ColorBrewer "Set1" and "Dark2" without their greys: consecutive sequences differ clearly.
PALETTE = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#1b9e77",
           "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
SKIP_COLOURS = {
    plan_types.REASON_NEAR_DUPLICATE: "#9e9e9e", plan_types.REASON_NO_POSITION: "#000000",
    plan_types.REASON_NO_TIME: "#5d4037", plan_types.REASON_MISSING_FILE: "#b71c1c",
    plan_types.REASON_NOT_JPEG: "#880e4f", plan_types.REASON_CORRUPT_JPEG: "#4a148c",
    plan_types.REASON_TOO_LARGE: "#0d47a1", plan_types.REASON_SAME_FILE: "#616161",
    plan_types.REASON_SAME_PHOTO: "#424242", plan_types.REASON_NO_PATH: "#212121",
}
FAILED_COLOUR = "#d50000"
DONE_COLOUR = "#757575"

# The class of a report row: what its colour says. A categorized renderer on this expression.
REPORT_CLASS = ("CASE WHEN \"status\" = 'skipped' THEN 'skipped:' || coalesce(\"reason_code\", '')"
                " WHEN \"status\" = 'failed' THEN 'failed'"
                " WHEN \"sequence\" IS NOT NULL THEN 'sequence:' || to_string(\"sequence\")"
                " ELSE coalesce(\"status\", '') END")


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files a module tr() here


def sequence_colour(number) -> str:
    return PALETTE[(int(number) - 1) % len(PALETTE)]


def sequence_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in SEQUENCE_FIELDS:
        fields.append(new_field(name, kind))
    return fields


def duration_text(seconds) -> str:
    seconds = int(round(seconds or 0))
    return "{}:{:02d}:{:02d}".format(seconds // 3600, seconds // 60 % 60, seconds % 60)


def describe(sequence) -> str:
    """One line about a planned sequence, for the log."""
    seconds = _seconds(sequence)
    text = tr("Sequence {}: {} photo(s), {:.0f} m, {} ({}).").format(
        sequence.number, sequence.size, sequence.length_m, duration_text(seconds),
        tr("360°") if sequence.is_360 else (tr("{} of them 360°").format(sequence.spheres) if sequence.spheres
                                            else tr("flat")))
    return text


def write_sequences(sink, plan, journal, client) -> int:
    """A line per planned sequence through its photos (WGS 84), in upload order; the number written.
    A sequence of one photo is a line of two equal points (it still has a place on the map)."""
    fields = sequence_fields()
    written = 0
    for sequence in plan.sequences():
        points = [QgsPointXY(photo.lng, photo.lat) for photo in plan.photos(sequence)]
        if len(points) == 1:
            points.append(QgsPointXY(points[0]))
        sequence_id = None
        try:
            record = journal.sequence(sequence.key) if journal is not None else None
            sequence_id = record.sequence_id if record is not None else None
        except JournalError:
            pass  # the run already said what is wrong with the journal; the line is drawn without the id
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPolylineXY(points))
        feature.setAttributes([
            sequence.number, sequence.size, sequence.spheres, sequence.is_360, round(sequence.length_m, 1),
            _qdatetime(sequence.first_shot), _qdatetime(sequence.last_shot), round(_seconds(sequence), 1),
            sequence.group, sequence_id, client.web_url(sequence_id) if sequence_id else None,
        ])
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        written += 1
    return written


def _seconds(sequence) -> float:
    if sequence.first_shot is None or sequence.last_shot is None:
        return 0.0
    return (sequence.last_shot - sequence.first_shot).total_seconds()


def _qdatetime(moment):
    if moment is None:
        return None
    value = QDateTime(moment)
    value.setTimeSpec(Qt.TimeSpec.UTC)
    return value


# -- styles ---------------------------------------------------------------------------------------

def skip_labels() -> dict:
    return {
        plan_types.REASON_NO_PATH: tr("Skipped: no photo file"),
        plan_types.REASON_MISSING_FILE: tr("Skipped: file missing or unreadable"),
        plan_types.REASON_NOT_JPEG: tr("Skipped: not a JPEG"),
        plan_types.REASON_CORRUPT_JPEG: tr("Skipped: corrupt JPEG"),
        plan_types.REASON_TOO_LARGE: tr("Skipped: larger than 20 MB"),
        plan_types.REASON_NO_POSITION: tr("Skipped: no position"),
        plan_types.REASON_NO_TIME: tr("Skipped: no capture time"),
        plan_types.REASON_SAME_FILE: tr("Skipped: the same file twice"),
        plan_types.REASON_SAME_PHOTO: tr("Skipped: a copy of another photo"),
        plan_types.REASON_NEAR_DUPLICATE: tr("Skipped: near-duplicate"),
    }


def style_report(layer) -> None:
    """The report's points coloured by sequence (as their lines) and by skip reason; failures in red."""
    expression = QgsExpression(REPORT_CLASS)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expression.prepare(context)
    classes = set()
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    for feature in layer.getFeatures(request):
        context.setFeature(feature)
        classes.add(str(expression.evaluate(context) or ""))

    def order(value):
        kind, _, rest = value.partition(":")
        return ({"sequence": 0, "": 1, "failed": 2, "skipped": 3}.get(kind, 1),
                int(rest) if kind == "sequence" and rest.isdigit() else 0, value)

    labels = skip_labels()
    categories = []
    for value in sorted(classes, key=order):
        kind, _, rest = value.partition(":")
        if kind == "sequence" and rest.isdigit():
            symbol = _marker("circle", sequence_colour(rest), "2.4")
            label = tr("Sequence {}").format(rest)
        elif kind == "skipped":
            symbol = _marker("cross2", SKIP_COLOURS.get(rest, "#000000"), "2.8")
            label = labels.get(rest, tr("Skipped"))
        elif kind == "failed":
            symbol = _marker("triangle", FAILED_COLOUR, "3.0")
            label = tr("Failed")
        else:  # already uploaded by an earlier run (a dry run has no sequence number for them)
            symbol = _marker("circle", DONE_COLOUR, "2.0")
            label = {uploader.ALREADY_UPLOADED: tr("Already uploaded")}.get(value, value or tr("Not reached"))
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer(REPORT_CLASS, categories))
    layer.triggerRepaint()


def style_sequences(layer) -> None:
    """The sequence lines in their sequence's colour; 360° sequences dashed and wider."""
    categories = []
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    rows = sorted(((f["sequence"], f) for f in layer.getFeatures(request)), key=lambda item: item[0])
    for number, feature in rows:
        is_360 = bool(feature["is_360"])
        symbol = QgsLineSymbol.createSimple({
            "line_color": sequence_colour(number), "line_width": "1.4" if is_360 else "0.9",
            "line_style": "dash" if is_360 else "solid", "capstyle": "round", "joinstyle": "round"})
        label = tr("Sequence {}: {} photo(s), {:.0f} m, {}").format(
            number, feature["photos"], feature["length_m"] or 0.0, duration_text(feature["duration_s"]))
        if is_360:
            label += " " + tr("(360°)")
        categories.append(QgsRendererCategory(number, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("sequence", categories))
    layer.triggerRepaint()


def _marker(shape, colour, size):
    return QgsMarkerSymbol.createSimple({"name": shape, "color": colour, "size": size,
                                         "outline_color": colour if shape == "cross2" else "#ffffff",
                                         "outline_width": "0.4" if shape == "cross2" else "0.2"})
