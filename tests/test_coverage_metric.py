"""Lines between QGIS and the coverage analysis in bulk (processing/metric.py): read from many WKBs at
once, transformed in one call, turned back into one geometry per line; a line that cannot be
transformed is lost alone."""

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProject,
)

from kartaview.plugin.processing import metric

GEOMETRIES = [
    "LineString (0 0, 10 0, 10 10)",
    "MultiLineString ((0 5, 5 5), (7 7, 8 8, 9 7))",
    "LineString Z (1 1 5, 2 3 6)",  # z dropped
    "CompoundCurve ((0 0, 1 0), CircularString (1 0, 2 1, 3 0))",  # segmentized
    "LineString (4 4, 4 4)",
    "MultiLineString ((1 2, 3 4))",
    "LineString M (0 0 1, 3 4 2, 6 0 3)",
]


def _by_line(lines):
    """{line: [its parts as lists of (x, y)]} of FlatLines."""
    found = {}
    ends = np.cumsum(lines.sizes)
    for owner, end, size in zip(lines.owner.tolist(), ends.tolist(), lines.sizes.tolist()):
        found.setdefault(owner, []).append(lines.vertices[end - size:end].tolist())
    return found


def test_flat_lines_read_every_kind_of_line_as_parts_does():
    geometries = [QgsGeometry.fromWkt(wkt) for wkt in GEOMETRIES * 3]
    lines = metric.flat_lines(geometries)
    assert len(lines) == len(geometries)
    expected = {index: [part.tolist() for part in metric.parts(geometry)] for index, geometry in enumerate(geometries)}
    assert _by_line(lines) == expected
    assert _by_line(lines)[1] == [[[0, 5], [5, 5]], [[7, 7], [8, 8], [9, 7]]]
    assert len(_by_line(lines)[3][0]) > 4  # the arc as many vertices
    assert metric.flat_lines([]).count == 0 and len(metric.flat_lines([]).vertices) == 0


def _transform():
    return QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3844"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                  QgsProject.instance())


def _one_by_one(line, transform):
    geometry = metric.line_geometry(line)
    geometry.transform(transform)
    return geometry


def test_line_geometries_are_each_line_transformed():
    rng = np.random.default_rng(1)
    sizes = rng.integers(2, 9, 200)
    vertices = rng.uniform(0, 5000, (sizes.sum(), 2)) + (392000.0, 586000.0)
    transform = _transform()
    made = metric.line_geometries(vertices, sizes, transform)
    assert len(made) == len(sizes)
    ends = np.cumsum(sizes)
    for geometry, end, size in zip(made, ends, sizes):
        expected = _one_by_one(vertices[end - size:end], transform)
        assert geometry.asWkt(9) == expected.asWkt(9)
    assert metric.line_geometries(np.empty((0, 2)), [], transform) == []


@pytest.fixture
def failing_far_east(monkeypatch):
    """Transforms that fail (as QGIS does when PROJ cannot) for any vertex east of x = 1000."""
    transform_vertices = metric._transformed_vertices

    def failing(vertices, transform):
        if (vertices[:, 0] > 1000).any():
            raise QgsCsException("out of reach")
        return transform_vertices(vertices, transform)

    monkeypatch.setattr(metric, "_transformed_vertices", failing)


def test_a_line_that_cannot_be_transformed_is_lost_alone(failing_far_east):
    transform = QgsCoordinateTransform()  # none: coordinates kept
    geometries = [QgsGeometry.fromWkt(wkt) for wkt in (
        "LineString (0 0, 10 0)", "MultiLineString ((0 5, 5 5), (2000 7, 2001 8))", "LineString (3 3, 4 4, 5 3)")]
    lines, failed = metric.transformed_flat(metric.flat_lines(geometries), transform)
    assert failed.tolist() == [False, True, False]
    assert _by_line(lines) == {0: [[[0, 0], [10, 0]]], 2: [[[3, 3], [4, 4], [5, 3]]]} and len(lines) == 3
    assert [[part.tolist() for part in line] for line in metric.lines_parts(lines)] == [
        [[[0, 0], [10, 0]]], [], [[[3, 3], [4, 4], [5, 3]]]]

    made = metric.line_geometries(np.array([[0, 0], [10, 0], [2000, 7], [2001, 8], [3, 3], [4, 4]], float),
                                  [2, 2, 2], transform)
    assert [geometry.asWkt(0) for geometry in made] == ["LineString (0 0, 10 0)", "", "LineString (3 3, 4 4)"]
