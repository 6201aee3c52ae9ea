"""Temporal properties of the sequences and photos layers, so QGIS's Temporal Controller animates coverage.

A sequence lasts from its first to its last capture, a photo is the instant it was taken. Both fall
back to the upload date where the capture time is missing (KartaView stores none for some uploads,
e.g. Grab's 2025 bulk upload), so every feature has a place on the time line. Expressions (not plain
fields) make that fallback possible; the mode exists from QGIS 3.18 on. The same properties suit any
layer with these fields: the live `kartaview` layers and the download algorithm's outputs alike.
"""

from qgis.core import Qgis

from .uri import PHOTOS, SEQUENCES

# custom property: the layer type whose time range was set (once, so a user's own settings are kept);
# saved in the layer's style, so a downloaded file's .qml carries it too (see restore_temporal)
TEMPORAL_SET = "kartaview/temporal"

EXPRESSIONS = {  # layer type -> (start, end)
    SEQUENCES: ('coalesce("first_shot", "date_added")', 'coalesce("last_shot", "first_shot", "date_added")'),
    PHOTOS: ('coalesce("shot_date", "date_added")', 'coalesce("shot_date", "date_added")'),
}


def apply_temporal(layer, layer_type) -> bool:
    """Give a sequences or photos layer its capture time range; False for other types (road coverage
    has no time) or a layer lacking the fields."""
    expressions = EXPRESSIONS.get(layer_type)
    if expressions is None or not layer.isValid():
        return False
    names = set(layer.fields().names())
    if not {"date_added", "first_shot" if layer_type == SEQUENCES else "shot_date"} <= names:
        return False
    properties = layer.temporalProperties()
    properties.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions)
    properties.setStartExpression(expressions[0])
    properties.setEndExpression(expressions[1])
    # A photo starts and ends at the same instant: it belongs to the frame it falls in, ends included.
    properties.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginIncludeEnd)
    properties.setIsActive(True)
    layer.setCustomProperty(TEMPORAL_SET, layer_type)
    return True


def restore_temporal(layer) -> bool:
    """Turn the time range of a saved download back on as QGIS opens it (False when nothing to do).

    The download algorithm saves its output's style, time range included, beside the file (.qml).
    QGIS loads that style as it opens the file, then resets the time range to what the data source
    offers (nothing, for a file): the expressions stay, the mode goes back to a fixed range and it
    is turned off. Only that reset is undone; a range the user changed or turned off in a project
    keeps its mode and is left alone."""
    layer_type = layer.customProperty(TEMPORAL_SET)
    expressions = EXPRESSIONS.get(layer_type) if isinstance(layer_type, str) else None
    if expressions is None or not layer.isValid():
        return False
    properties = layer.temporalProperties()
    if properties.isActive() or properties.mode() != Qgis.VectorTemporalMode.FixedTemporalRange \
            or properties.startExpression() != expressions[0]:
        return False
    return apply_temporal(layer, layer_type)


def apply_temporal_once(layer, layer_type) -> bool:
    """apply_temporal unless the plugin did so before (the user may have changed it since)."""
    if layer.customProperty(TEMPORAL_SET):
        return False
    return apply_temporal(layer, layer_type)
