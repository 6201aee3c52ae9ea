"""Small polyline helpers on coordinate lists (faster than shapely.ops.substring on shapely 1.8)."""

from bisect import bisect_right
from math import hypot

from shapely.geometry import LineString


def line_parts(geometry):
    """The LineStrings of a (Multi)LineString or collection, empty and zero-length ones dropped."""
    if geometry is None or geometry.is_empty:
        return []
    if geometry.geom_type == "LineString":
        return [geometry] if geometry.length > 0 else []
    if hasattr(geometry, "geoms"):
        return [line for part in geometry.geoms for line in line_parts(part)]
    return []


class Polyline:
    """A line's 2D coordinates with the distance along it of each vertex."""

    def __init__(self, line):
        self.coords = [(point[0], point[1]) for point in line.coords]
        self.offsets = [0.0]
        for (x0, y0), (x1, y1) in zip(self.coords, self.coords[1:]):
            self.offsets.append(self.offsets[-1] + hypot(x1 - x0, y1 - y0))

    @property
    def length(self):
        return self.offsets[-1]

    def point_at(self, distance):
        index = min(max(bisect_right(self.offsets, distance) - 1, 0), len(self.coords) - 2)
        span = self.offsets[index + 1] - self.offsets[index]
        share = (distance - self.offsets[index]) / span if span > 0 else 0.0
        (x0, y0), (x1, y1) = self.coords[index], self.coords[index + 1]
        return x0 + share * (x1 - x0), y0 + share * (y1 - y0)

    def cut(self, start, end):
        """The LineString from `start` to `end` metres along the line."""
        inner = [point for point, offset in zip(self.coords, self.offsets) if start < offset < end]
        return LineString([self.point_at(start), *inner, self.point_at(end)])

    def chunks(self, chunk_m):
        """Vertex index ranges (first, last) of consecutive pieces about `chunk_m` long."""
        ranges, first = [], 0
        for index in range(1, len(self.coords)):
            if self.offsets[index] - self.offsets[first] >= chunk_m or index == len(self.coords) - 1:
                ranges.append((first, index))
                first = index
        return ranges


def envelope(coords, margin=0.0):
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin
