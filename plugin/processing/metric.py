"""Geometries between QGIS and the analysis: a local metric CRS, and lines as numpy coordinate arrays."""

import struct
from math import cos, radians

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsWkbTypes,
)

WGS84 = "EPSG:4326"  # a CRS object only once QGIS is initialised
WKB_LINESTRING = 2
WKB_MULTILINESTRING = 5
METRES_PER_DEGREE = 111320.0


def local_crs(bbox):
    """Azimuthal equidistant CRS centred on bbox (WGS 84): metres, true distances near the centre."""
    return QgsCoordinateReferenceSystem.fromProj(
        "+proj=aeqd +lat_0={:.7f} +lon_0={:.7f} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs".format(
            (bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2))


def wgs84_bbox(extent, crs, context):
    """(min_lng, min_lat, max_lng, max_lat) of `extent` (a QgsRectangle in `crs`)."""
    to_wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84), context.transformContext())
    rectangle = to_wgs84.transformBoundingBox(extent)
    return rectangle.xMinimum(), rectangle.yMinimum(), rectangle.xMaximum(), rectangle.yMaximum()


def grown(bbox, metres):
    """bbox (WGS 84) grown by at least `metres` on every side (a sequence just outside still covers roads
    inside)."""
    grow = metres / METRES_PER_DEGREE / max(0.01, cos(radians(min(max(abs(bbox[1]), abs(bbox[3])), 89.0))))
    return bbox[0] - grow, bbox[1] - grow, bbox[2] + grow, bbox[3] + grow


def transformed(geometry, transform):
    """A transformed copy of `geometry`; None when it cannot be transformed."""
    geometry = QgsGeometry(geometry)
    try:
        geometry.transform(transform)
    except QgsCsException:
        return None
    return geometry


def parts(geometry):
    """(n x 2) coordinate arrays of the parts of a line geometry (curves segmentized, z and m dropped),
    read from its WKB in bulk: much faster than point by point."""
    if geometry is None or geometry.isEmpty():
        return []
    wkb = bytes(geometry.asWkb())
    if wkb[0] == 1 and struct.unpack_from("<I", wkb, 1)[0] in (WKB_LINESTRING, WKB_MULTILINESTRING):
        return wkb_lines(wkb)  # the common case, told from the WKB: no QGIS enum to make per road
    shape = geometry.constGet()
    if shape.wkbType() not in (QgsWkbTypes.Type.LineString, QgsWkbTypes.Type.MultiLineString):
        shape = shape.segmentize() if QgsWkbTypes.isCurvedType(shape.wkbType()) else shape.clone()
        shape.dropZValue()
        shape.dropMValue()
    return wkb_lines(bytes(shape.asWkb()))


def wkb_lines(wkb, offset=0):
    """The coordinate arrays of a 2D WKB LineString or MultiLineString."""
    order = "<" if wkb[offset] == 1 else ">"
    kind, count = struct.unpack_from(order + "II", wkb, offset + 1)
    if kind == WKB_LINESTRING:
        return [np.frombuffer(wkb, order + "f8", 2 * count, offset + 9).reshape(count, 2)]
    found, offset = [], offset + 9
    for _ in range(count):
        (part,) = wkb_lines(wkb, offset)
        found.append(part)
        offset += 9 + part.nbytes
    return found


def line_geometry(coordinates):
    """A LineString QgsGeometry of (x, y) coordinates, via WKB."""
    points = np.ascontiguousarray(coordinates, dtype="<f8")
    geometry = QgsGeometry()
    geometry.fromWkb(struct.pack("<BII", 1, WKB_LINESTRING, len(points)) + points.tobytes())
    return geometry


def transformed_lines(lines, transform):
    """Each line (a list of (n x 2) arrays) transformed, all vertices in one call as one LineString:
    transforming geometry by geometry was a fifth of the time. A line that cannot be transformed
    becomes [] (counted as empty)."""
    flat = [part for line in lines for part in line]
    if not flat:
        return [[] for _ in lines]
    sizes = np.fromiter((len(part) for part in flat), np.int64, len(flat))
    try:
        vertices = _transformed_vertices(np.concatenate(flat), transform)
    except QgsCsException:  # one bad line: each on its own, so that only it is lost
        return [_transformed_line(line, transform) for line in lines]
    ends = np.cumsum(sizes).tolist()
    done = iter([vertices[end - size:end] for end, size in zip(ends, sizes.tolist())])  # np.split: 5x slower
    return [[next(done) for _ in line] for line in lines]


def _transformed_vertices(vertices, transform):
    geometry = line_geometry(vertices)
    geometry.transform(transform)
    return np.frombuffer(bytes(geometry.constGet().asWkb()), "<f8", 2 * len(vertices), 9).reshape(-1, 2)


def _transformed_line(line, transform):
    try:
        return [_transformed_vertices(part, transform) for part in line]
    except QgsCsException:
        return []
