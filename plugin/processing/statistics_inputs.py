"""What kartaview:coveragestatistics measures: the areas, the sequences (from KartaView or a layer) and
the pieces of each sequence inside each area, with their lengths on the ellipsoid."""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorLayer,
)

from ..analysis.statistics import Piece
from ..provider.feature_source import build_record
from ..provider.fields import fields_for
from ..provider.uri import SEQUENCES
from .values import flag, integer, py_datetime, text

WGS84 = "EPSG:4326"


@dataclass
class SequenceLine:
    geometry: QgsGeometry  # WGS 84
    sequence_id: int
    first_capture: datetime | None
    last_capture: datetime | None
    quality: int | None
    device: str | None
    is_360: bool


def ellipsoid_measure(context) -> QgsDistanceArea:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem(WGS84), context.transformContext())
    measure.setEllipsoid("EPSG:7030")  # WGS 84
    return measure


def to_wgs84(crs, context) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84), context.transformContext())


def _line(feature_id, values, geometry):
    added = values.get("date_added")
    first = values.get("first_shot") or added
    last = values.get("last_shot") or first
    sequence_id = values.get("sequence_id")
    return SequenceLine(geometry, feature_id if sequence_id is None else sequence_id, first, last,
                        values.get("quality"), values.get("device"), bool(values.get("is_360")))


_CONVERTERS = (("date_added", py_datetime), ("first_shot", py_datetime), ("last_shot", py_datetime),
               ("username", text), ("is_360", flag), ("quality", integer), ("sequence_id", integer),
               ("device", text))


def layer_sequences(source, filters, context, cancel):
    """SequenceLines of a line layer with the fields of the sequences layer (all optional), filtered as
    the loader filters KartaView's answers."""
    names = set(source.fields().names())
    transform = to_wgs84(source.sourceCrs(), context)
    lines = []
    for feature in source.getFeatures():
        if cancel():
            return None
        values = {name: (convert(feature[name]) if name in names else None) for name, convert in _CONVERTERS}
        attributes = SimpleNamespace(date_added=values["date_added"] or values["first_shot"],
                                     username=values["username"], is_360=bool(values["is_360"]),
                                     quality=values["quality"])
        if not filters.accepts_sequence(attributes):
            continue
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if not transform.isShortCircuited() and geometry.transform(transform) != 0:
            continue
        lines.append(_line(feature.id(), values, geometry))
    return lines


def kartaview_sequences(items, client):
    """SequenceLines of the loader's SequenceTracks, and a memory layer of them (the sequences layer's
    fields) for the road coverage."""
    fields = fields_for(SEQUENCES)
    layer = QgsVectorLayer("LineString?crs={}".format(WGS84), "sequences", "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    lines, features = [], []
    for item in items:
        record = build_record(SEQUENCES, item, client)
        feature = QgsFeature(layer.fields())
        feature.setAttributes(record.attributes)
        feature.setGeometry(record.geometry)
        features.append(feature)
        values = {name: convert(feature[name]) for name, convert in _CONVERTERS}
        lines.append(_line(record.fid, values, QgsGeometry(record.geometry)))
    layer.dataProvider().addFeatures(features)
    return lines, layer


def area_geometries(source, name_field, context, fallback_name):
    """[(name, geometry in WGS 84)] of a polygon layer's features with an area."""
    transform = to_wgs84(source.sourceCrs(), context)
    areas = []
    for feature in source.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty() or geometry.transform(transform) != 0:
            continue
        name = text(feature[name_field]) if name_field else None
        areas.append((name or fallback_name.format(feature.id()), geometry.makeValid()))
    return areas


def bbox_of(geometries) -> tuple:
    extent = QgsRectangle()
    for geometry in geometries:
        extent.combineExtentWith(geometry.boundingBox())
    return extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()


def pieces(areas, lines, measure, cancel):
    """Piece per (area, sequence) with a length inside the area; None when cancelled.

    Most sequences lie wholly inside one area: the prepared area's `contains` (cheap) then spares the
    intersection, and the line's length on the ellipsoid is measured once."""
    index = QgsSpatialIndex()
    for number, line in enumerate(lines):
        index.addFeature(number, line.geometry.boundingBox())
    found, full_km = [], {}
    for area_number, (_name, area) in enumerate(areas):
        engine = QgsGeometry.createGeometryEngine(area.constGet())
        engine.prepareGeometry()
        for number in index.intersects(area.boundingBox()):
            if cancel():
                return None
            line = lines[number]
            geometry = line.geometry.constGet()
            if engine.contains(geometry):
                if number not in full_km:
                    full_km[number] = measure.measureLength(line.geometry) / 1000.0
                km = full_km[number]
            elif engine.intersects(geometry):
                km = measure.measureLength(line.geometry.intersection(area)) / 1000.0
            else:
                continue
            if km > 0:
                found.append(Piece(area_number, line.sequence_id, km, line.first_capture, line.last_capture,
                                   line.quality, line.device, line.is_360))
    return found


def road_lengths(roads, gaps, areas, measure, context):
    """{area index: (road km, covered road km)}: the roads inside each area less their gaps there."""
    def inside(layer, area):
        transform = to_wgs84(layer.crs(), context)
        back = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), layer.crs(), context.transformContext())
        total = 0.0
        for feature in layer.getFeatures(back.transformBoundingBox(area.boundingBox())):
            geometry = QgsGeometry(feature.geometry())
            if geometry.isNull() or geometry.isEmpty() or geometry.transform(transform) != 0:
                continue
            total += measure.measureLength(geometry.intersection(area))
        return total / 1000.0

    lengths = {}
    for number, (_name, area) in enumerate(areas):
        road_km = inside(roads, area)
        lengths[number] = (road_km, max(0.0, road_km - inside(gaps, area)))
    return lengths
