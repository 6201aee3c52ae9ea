"""Temporal properties of the sequences and photos layers, so QGIS's Temporal Controller animates coverage.

A sequence lasts from its first to its last capture, a photo is the instant it was taken. Both fall
back to the upload date where the capture time is missing (KartaView stores none for some uploads,
e.g. Grab's 2025 bulk upload), so every feature has a place on the time line. Expressions (not plain
fields) make that fallback possible; the mode exists from QGIS 3.18 on. The same properties suit any
layer with these fields: the live `kartaview` layers and the download algorithm's outputs alike.
"""

from qgis.core import Qgis

from .uri import PHOTOS, SEQUENCES

TEMPORAL_SET = "kartaview/temporal"  # custom property: set once, so a user's own settings are kept

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
    layer.setCustomProperty(TEMPORAL_SET, True)
    return True


def apply_temporal_once(layer, layer_type) -> bool:
    """apply_temporal unless the plugin did so before (the user may have changed it since)."""
    if layer.customProperty(TEMPORAL_SET):
        return False
    return apply_temporal(layer, layer_type)
