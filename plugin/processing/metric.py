"""Geometries between QGIS and the analysis: a local metric CRS, and lines as numpy coordinate arrays."""

import struct
from math import cos, radians

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsRectangle,
    QgsWkbTypes,
)

from ..analysis import FlatLines
from ..analysis.lines import split_vertices

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


def _transformed_vertices(vertices, transform):
    geometry = line_geometry(vertices)
    geometry.transform(transform)
    return np.frombuffer(bytes(geometry.constGet().asWkb()), "<f8", 2 * len(vertices), 9).reshape(-1, 2)


def flat_lines(geometries):
    """FlatLines of line geometries (QgsGeometry, any line type), read from their WKB in bulk: 2D
    little-endian LineStrings (nearly every road) with no Python work per road, the others one by one."""
    wkbs = [bytes(geometry.asWkb()) for geometry in geometries]  # as bytes: faster than keeping the QByteArrays
    data = np.frombuffer(b"".join(wkbs), np.uint8)
    lengths = np.fromiter(map(len, wkbs), np.int64, len(wkbs))
    starts = np.cumsum(lengths) - lengths
    simple = lengths >= 9
    header = data[starts[simple, None] + np.arange(9)]  # byte order, type, vertices
    kind = np.ascontiguousarray(header[:, 1:5]).view("<u4").ravel()
    count = np.ascontiguousarray(header[:, 5:9]).view("<u4").ravel().astype(np.int64)
    simple[simple] = (header[:, 0] == 1) & (kind == WKB_LINESTRING) & (lengths[simple] == 9 + 16 * count)
    # the coordinates of the simple ones: every byte but their headers and the other geometries
    coordinates = np.ones(len(data), bool)
    coordinates[(starts[simple, None] + np.arange(9)).ravel()] = False
    for start, length in zip(starts[~simple].tolist(), lengths[~simple].tolist()):
        coordinates[start:start + length] = False
    vertices = [data[coordinates].view("<f8").reshape(-1, 2)]
    sizes, owner = [(lengths[simple] - 9) // 16], [np.flatnonzero(simple)]
    for index in np.flatnonzero(~simple).tolist():
        found = parts(geometries[index])
        vertices += found
        sizes.append(np.array([len(part) for part in found], np.int64))
        owner.append(np.full(len(found), index, np.int64))
    return FlatLines(np.concatenate(vertices), np.concatenate(sizes), np.concatenate(owner), len(wkbs))


def lines_parts(lines):
    """The parts ((n x 2) arrays) of each line of FlatLines."""
    found = [[] for _ in range(len(lines))]
    for owner, part in zip(lines.owner.tolist(), split_vertices(lines.vertices, lines.sizes)):
        found[owner].append(part)
    return found


def vertices_extent(vertices):
    """The QgsRectangle around (n x 2) vertices; a null one when there is none."""
    if not len(vertices):
        return QgsRectangle()
    low, high = vertices.min(axis=0), vertices.max(axis=0)
    return QgsRectangle(float(low[0]), float(low[1]), float(high[0]), float(high[1]))


def transformed_flat(lines, transform):
    """(FlatLines transformed, all vertices in one call; a bool per line: could not be transformed, and
    has no part now)."""
    failed = np.zeros(len(lines), bool)
    if not len(lines.vertices):
        return lines, failed
    try:
        vertices = _transformed_vertices(lines.vertices, transform)
        return FlatLines(vertices, lines.sizes, lines.owner, len(lines)), failed
    except QgsCsException:  # one bad line: each part on its own, so that only its line is lost
        pass
    done = []
    for owner, part in zip(lines.owner.tolist(), split_vertices(lines.vertices, lines.sizes)):
        try:
            done.append(_transformed_vertices(part, transform))
        except QgsCsException:
            failed[owner] = True
            done.append(part)
    keep = ~failed[lines.owner]
    vertices = np.concatenate(done)[np.repeat(keep, lines.sizes)]
    return FlatLines(vertices, lines.sizes[keep], lines.owner[keep], len(lines)), failed


def line_geometries(vertices, sizes, transform):
    """A LineString QgsGeometry per line of flat (vertices, sizes), transformed (all vertices in one call,
    then all lines made in one call from a MultiLineString); an empty geometry for a line that cannot be."""
    sizes = np.asarray(sizes, np.int64)
    if not len(sizes):
        return []
    try:
        vertices = _transformed_vertices(vertices, transform)
    except QgsCsException:  # one bad line: each on its own, so that only it is lost
        return [_transformed_geometry(line, transform) for line in split_vertices(vertices, sizes)]
    # a WKB LineString per line (byte order, type, vertices, coordinates), inserted before its coordinates
    header = np.zeros((len(sizes), 9), np.uint8)
    header[:, 0], header[:, 1] = 1, WKB_LINESTRING
    header[:, 5:] = sizes.astype("<u4").view(np.uint8).reshape(-1, 4)
    coordinates = np.ascontiguousarray(vertices, dtype="<f8").view(np.uint8).ravel()
    first = np.cumsum(sizes) - sizes
    body = np.insert(coordinates, np.repeat(16 * first, 9), header.ravel())
    multi = QgsGeometry()
    multi.fromWkb(struct.pack("<BII", 1, WKB_MULTILINESTRING, len(sizes)) + body.tobytes())
    return multi.asGeometryCollection()


def _transformed_geometry(line, transform):
    try:
        return line_geometry(_transformed_vertices(line, transform))
    except QgsCsException:
        return QgsGeometry()
