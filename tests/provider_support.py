"""Helpers of the provider tests: the sandbox's ground truth, layers of the `kartaview` provider, waiting."""

import time

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from shapely.geometry import LineString, Point, box

# Cluj-Napoca centre (lon/lat): a view of a few z14 tiles with dozens of sandbox sequences.
CENTRE = (23.575, 46.762, 23.605, 46.778)
SMALL = (23.585, 46.765, 23.595, 46.771)


def positions(world, sequence_id):
    """(lng, lat) of a sequence's positioned photos, by index, as the sandbox serves them."""
    points = []
    for photo in world.photos(sequence_id):
        lat, lng = float(photo["lat"]), float(photo["lng"])
        if (lat, lng) != (0.0, 0.0):
            points.append((lng, lat))
    return points


def sequence_shape(world, sequence_id):
    points = positions(world, sequence_id)
    return Point(points[0]) if len(points) == 1 else LineString(points)


def expected_sequences(world, bbox, accept=lambda v2: True):
    """Ids of the sandbox sequences whose line touches bbox (and that `accept` keeps)."""
    area = box(*bbox)
    return {int(v2["id"]) for v2 in world.sequences
            if accept(v2) and sequence_shape(world, int(v2["id"])).intersects(area)}


def open_layer(uri, name="kartaview"):
    vector = QgsVectorLayer(uri, name, "kartaview")
    assert vector.isValid(), uri
    return vector


def rect_request(bbox):
    return QgsFeatureRequest().setFilterRect(QgsRectangle(*bbox))


def ids(features):
    return {feature.id() for feature in features}


def wait_until(predicate, timeout=20.0):
    """Process Qt events until predicate() is true; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def roads_layer(world, bbox):
    """The sandbox world's road pieces lying wholly inside bbox (EPSG:4326), as a memory layer with
    element_id: the road network of the coverage tests."""
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=element_id:string", "roads", "memory")
    features = []
    for segment in world.segments:
        if len(set(segment.track)) < 2 or not all(bbox[0] <= lng <= bbox[2] and bbox[1] <= lat <= bbox[3]
                                                  for lat, lng in segment.track):
            continue
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(lng, lat) for lat, lng in segment.track]))
        feature.setAttributes([segment.element_id])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer
