"""The input of kartaview:uploadphotos: its point features, one at a time, as the upload engine's
PhotoInput (position in WGS 84, capture time in UTC) and as the report's rows."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException

from ..upload.plan_types import PhotoInput
from . import photo_values


def read_photos(source, fields, context, feedback, plan, rows):
    """Feed the features to the plan and the report one at a time (a feature iterator, no list)."""
    to_wgs84 = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                      context.transformContext())
    home = context.project().homePath() if context.project() else ""
    total = max(1, source.featureCount())
    for number, feature in enumerate(source.getFeatures()):
        if feedback.isCanceled():
            break
        lat, lng = _position(feature, to_wgs84)
        path = photo_values.photo_path(feature[fields["photo"]], home)
        rows.add(feature.id(), bytes(feature.geometry().asWkb()), path)
        plan.add(PhotoInput(
            ref=feature.id(),
            path=path,
            lat=lat, lng=lng,
            captured_at=photo_values.utc_time(feature[fields["time"]]),
            heading=photo_values.number(feature[fields["heading"]]) if fields["heading"] else None,
            group=photo_values.text(feature[fields["group"]]) if fields["group"] else None,
            projection=photo_values.text(feature[fields["projection"]]) if fields["projection"] else None,
        ))
        feedback.setProgress(5.0 * number / total)


def _position(feature, to_wgs84):
    geometry = feature.geometry()
    if geometry.isNull() or geometry.isEmpty():
        return None, None
    try:
        point = to_wgs84.transform(geometry.vertexAt(0).x(), geometry.vertexAt(0).y())
    except QgsCsException:
        return None, None
    return point.y(), point.x()
