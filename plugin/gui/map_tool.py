"""The "Show KartaView photo" map tool: a click picks the nearest photo within a few pixels.

First from the KartaView layers on the map (photo points, or sequence lines: then the photo of
that sequence nearest to the click), else from the API's radius search around the click, which
runs on a worker thread. A newer click makes an older search's answer stale.
"""

from dataclasses import dataclass

from qgis.core import (
    NULL,
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..client.models import Photo
from ..core.messages import user_message
from ..core.network import shared_client
from .geo import distance_m

PROVIDER_KEY = "kartaview"
TOLERANCE_PX = 8
MIN_RADIUS_M, MAX_RADIUS_M = 5.0, 5000.0  # the API takes 1..5000 m
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@dataclass(frozen=True)
class PhotoRef:
    """What to show: a photo of a sequence, named by id or index, or the one nearest to `near`."""
    sequence_id: int
    photo_id: int | None = None
    sequence_index: int | None = None
    near: tuple | None = None  # (lng, lat)
    photo: Photo | None = None  # the record when already known (API search, photos-layer feature)


def is_kartaview_layer(layer) -> bool:
    return isinstance(layer, QgsVectorLayer) and layer.isValid() and layer.dataProvider().name() == PROVIDER_KEY


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _attribute(feature, name):
    index = feature.fields().indexOf(name)
    return _int(feature.attribute(index)) if index >= 0 else None


def _value(feature, name, convert):
    """The attribute `name` converted, or None when the field is missing, NULL or unreadable."""
    index = feature.fields().indexOf(name)
    value = feature.attribute(index) if index >= 0 else None
    if value is None or value == NULL:
        return None
    try:
        return convert(value)
    except (TypeError, ValueError, AttributeError):
        return None


def _utc(value):
    """A QDateTime attribute as the naive UTC datetime of the client's records."""
    return value.toUTC().toPyDateTime().replace(tzinfo=None) if value.isValid() else None


def photo_from_feature(feature, sequence_id, photo_id, index):
    """The client Photo a photos-layer feature describes (position, heading, image URLs), so that
    its image loads at once, without first reading the sequence. None when it names no image."""
    image_url = _value(feature, "image_url", str)
    if photo_id is None or index is None or not image_url:
        return None
    point = feature.geometry().asPoint() if feature.hasGeometry() else None
    return Photo(
        id=photo_id, sequence_id=sequence_id, sequence_index=index,
        lat=point.y() if point else None, lng=point.x() if point else None,
        heading=_value(feature, "heading", float), gps_accuracy=_value(feature, "gps_accuracy", float),
        shot_date=_value(feature, "shot_date", _utc), date_added=_value(feature, "date_added", _utc),
        username=_value(feature, "username", str), projection=_value(feature, "projection", str),
        field_of_view="360" if _value(feature, "is_360", bool) else None,
        way_id=None, match_lat=None, match_lng=None,
        proc_path=_value(feature, "full_image_url", str), lth_path=image_url,
        th_path=_value(feature, "thumbnail_url", str))


def ref_for_feature(feature, geometry_type, near=None):
    """The PhotoRef for a feature of a KartaView layer (photo point or sequence line), or None."""
    sequence_id = _attribute(feature, "sequence_id")
    if geometry_type == QgsWkbTypes.GeometryType.PointGeometry:
        photo_id = _attribute(feature, "photo_id")
        index = _attribute(feature, "sequence_index")
        if sequence_id is None or (photo_id is None and index is None):
            return None
        return PhotoRef(sequence_id, photo_id=photo_id, sequence_index=index,
                        photo=photo_from_feature(feature, sequence_id, photo_id, index))
    if sequence_id is None:
        sequence_id = feature.id()  # sequences layer: the feature id is the sequence id
    return PhotoRef(sequence_id, near=near)  # without `near`: the sequence's first photo


def pick_from_layers(layers, map_point, map_crs, tolerance):
    """The PhotoRef nearest to map_point within `tolerance` map units in these layers, or None.
    Photo points win over sequence lines (a point is the more precise pick)."""
    best = None  # (is line, distance, ref)
    click = QgsGeometry.fromPointXY(map_point)
    to_wgs84 = QgsCoordinateTransform(map_crs, WGS84, QgsProject.instance())
    search = QgsRectangle(map_point.x() - tolerance, map_point.y() - tolerance,
                          map_point.x() + tolerance, map_point.y() + tolerance)
    for layer in layers:
        geometry_type = layer.geometryType()
        if geometry_type not in (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.LineGeometry):
            continue
        to_layer = QgsCoordinateTransform(map_crs, layer.crs(), QgsProject.instance())
        request = QgsFeatureRequest().setFilterRect(to_layer.transformBoundingBox(search))
        for feature in layer.getFeatures(request):
            if not feature.hasGeometry():
                continue
            geometry = QgsGeometry(feature.geometry())
            geometry.transform(to_layer, Qgis.TransformDirection.Reverse)
            distance = geometry.distance(click)
            is_line = geometry_type == QgsWkbTypes.GeometryType.LineGeometry
            if distance > tolerance or (best is not None and (is_line, distance) >= best[:2]):
                continue
            near = None
            if is_line:
                nearest = to_wgs84.transform(geometry.nearestPoint(click).asPoint())
                near = (nearest.x(), nearest.y())
            ref = ref_for_feature(feature, geometry_type, near)
            if ref is not None:
                best = (is_line, distance, ref)
    return best[2] if best else None


def nearest_photo(photos, lng, lat, radius_m):
    """The positioned photo nearest to (lng, lat) no further than radius_m, or None."""
    found = [(distance_m(lng, lat, p.lng, p.lat), p) for p in photos if p.has_position]
    found = [(d, p) for d, p in found if d <= radius_m]
    return min(found, key=lambda item: (item[0], item[1].id))[1] if found else None


class PhotoMapTool(QgsMapTool):
    photoPicked = pyqtSignal(object)  # noqa: N815 (Qt signal naming) - a PhotoRef
    nothingFound = pyqtSignal()  # noqa: N815
    searchFailed = pyqtSignal(str)  # noqa: N815

    def __init__(self, canvas, background, client_factory=shared_client, layer_filter=is_kartaview_layer):
        super().__init__(canvas)
        self._background = background
        self._client_factory = client_factory
        self._layer_filter = layer_filter
        self._search = 0  # generation of the API search; older answers are dropped
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        try:
            if event.button() == Qt.MouseButton.LeftButton:
                self.pick(event.mapPoint())
        except Exception as error:  # noqa: BLE001 - never raise into Qt
            self.searchFailed.emit(user_message(error))

    def tolerance(self):
        """The pick tolerance in map units."""
        return TOLERANCE_PX * self.canvas().mapUnitsPerPixel()

    def pick(self, map_point: QgsPointXY):
        canvas = self.canvas()
        map_crs = canvas.mapSettings().destinationCrs()
        layers = [layer for layer in canvas.layers() if self._layer_filter(layer)]
        ref = pick_from_layers(layers, map_point, map_crs, self.tolerance())
        self._search += 1
        if ref is not None:
            self.photoPicked.emit(ref)
            return
        self._search_api(map_point, map_crs)

    def _search_api(self, map_point, map_crs):
        to_wgs84 = QgsCoordinateTransform(map_crs, WGS84, QgsProject.instance())
        centre = to_wgs84.transform(map_point)
        edge = to_wgs84.transform(QgsPointXY(map_point.x() + self.tolerance(), map_point.y()))
        radius = min(max(distance_m(centre.x(), centre.y(), edge.x(), edge.y()), MIN_RADIUS_M), MAX_RADIUS_M)
        generation = self._search
        lng, lat = centre.x(), centre.y()

        def search():
            photos = self._client_factory().nearby_photos(point=(lng, lat), radius_m=radius, max_pages=1)
            return nearest_photo(photos, lng, lat, radius)

        def found(photo):
            if generation != self._search:
                return
            if photo is None:
                self.nothingFound.emit()
            else:
                self.photoPicked.emit(PhotoRef(photo.sequence_id, photo_id=photo.id,
                                               sequence_index=photo.sequence_index, photo=photo))

        def failed(error):
            if generation == self._search:
                self.searchFailed.emit(user_message(error))

        self._background.run(search, found, failed)
