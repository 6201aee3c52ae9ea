"""Many polylines as flat numpy segment arrays, and stretches of them (by distance along) as lines."""

import numpy as np


def line_parts(geometry):
    """Coordinate arrays (n x 2) of the parts of a line: a shapely (Multi)LineString or collection, or
    already a list of parts as (n x 2) array-likes (what the Processing algorithm passes); None is empty."""
    if geometry is None:
        return []
    if hasattr(geometry, "geom_type"):
        if geometry.is_empty:
            return []
        if geometry.geom_type == "LineString":
            return [np.asarray(geometry.coords, dtype=float)[:, :2]]
        return [part for member in getattr(geometry, "geoms", ()) for part in line_parts(member)]
    return [part if _is_xy(part) else np.asarray(part, dtype=float).reshape(len(part), -1)[:, :2]
            for part in geometry if len(part) >= 2]


def _is_xy(part):
    """Already an (n x 2) float array (what the Processing algorithm passes): used as it is."""
    return isinstance(part, np.ndarray) and part.ndim == 2 and part.shape[1] == 2 and part.dtype.kind == "f"


class FlatLines:
    """Many lines as one array of vertices, with no Python object per line or part (what the Processing
    algorithm passes: a national network is millions of roads).

    `vertices` (n x 2); `sizes[p]`: the vertices of part p, parts one after the other in `vertices`;
    `owner[p]`: the index of the line part p belongs to (a line's parts consecutive and in order, lines in
    any order); `count`: the number of lines, some of which may have no part. Parts of fewer than two
    vertices are left out, as line_parts does.
    """

    def __init__(self, vertices, sizes, owner, count):
        vertices = np.asarray(vertices, dtype=float).reshape(-1, 2)
        sizes, owner = np.asarray(sizes, dtype=np.int64), np.asarray(owner, dtype=np.int64)
        short = sizes < 2
        if short.any():
            vertices, sizes, owner = vertices[np.repeat(~short, sizes)], sizes[~short], owner[~short]
        self.vertices, self.sizes, self.owner, self.count = vertices, sizes, owner, int(count)

    def __len__(self):
        return self.count

    @classmethod
    def of(cls, geometries):
        """`geometries` if already FlatLines, else the FlatLines of a list of lines (what line_parts takes)."""
        if isinstance(geometries, cls):
            return geometries
        parts, owner = [], []
        for index, geometry in enumerate(geometries):
            for part in line_parts(geometry):
                parts.append(part)
                owner.append(index)
        vertices = np.concatenate(parts) if parts else np.empty((0, 2))
        return cls(vertices, [len(part) for part in parts], owner, len(geometries))


class Segments:
    """The segments of many polylines (parts): a->b, the part of each, its start along its part.

    `geometries`: FlatLines, or a list of lines (what line_parts takes).
    `owner[p]` is the index in `geometries` of the geometry part p comes from.
    `reach[i]` is the distance along all the parts laid end to end (one metre apart) of segment i's
    start: a stretch of part p from s to e is [base[p] + s, base[p] + e] on that scale.
    """

    def __init__(self, geometries):
        lines = FlatLines.of(geometries)
        self.owner = lines.owner
        vertices = lines.vertices
        vertex_part = np.repeat(np.arange(len(lines.sizes)), lines.sizes)
        inner = np.flatnonzero(vertex_part[:-1] == vertex_part[1:])  # a vertex followed by one of its part
        self.ax, self.ay = vertices[inner, 0], vertices[inner, 1]
        self.bx, self.by = vertices[inner + 1, 0], vertices[inner + 1, 1]
        self.part = vertex_part[inner]
        self.length = np.hypot(self.bx - self.ax, self.by - self.ay)
        # segments of part p: first[p] <= i < end[p]; offsets from one running sum, so a part's first
        # segment starts at exactly 0 and its last one ends at exactly its length
        self.first = np.searchsorted(self.part, np.arange(len(lines.sizes)), "left")
        self.end = np.searchsorted(self.part, np.arange(len(lines.sizes)), "right")
        running = np.concatenate([[0.0], np.cumsum(self.length)])
        self.part_length = running[self.end] - running[self.first]
        self.start = running[:-1] - running[self.first][self.part]
        self.base = np.concatenate([[0.0], np.cumsum(self.part_length + 1.0)[:-1]])
        self.reach = self.base[self.part] + self.start

    def __len__(self):
        return len(self.ax)

    def boxes(self, margin=0.0):
        return np.column_stack([np.minimum(self.ax, self.bx) - margin, np.minimum(self.ay, self.by) - margin,
                                np.maximum(self.ax, self.bx) + margin, np.maximum(self.ay, self.by) + margin])

    def stretches(self, part, start, end):
        """The pieces of segments the stretches (part[k], start[k]..end[k]) are made of.

        Returns (stretch index, ax, ay, bx, by) per piece, pieces of a stretch consecutive and in order.
        """
        low, high = self.base[part] + start, self.base[part] + end
        first = np.clip(np.searchsorted(self.reach, low, "right") - 1, self.first[part], self.end[part] - 1)
        last = np.clip(np.searchsorted(self.reach, high, "left"), first + 1, self.end[part])  # exclusive
        count = last - first
        owner = np.repeat(np.arange(len(part)), count)
        index = np.repeat(first - np.cumsum(count) + count, count) + np.arange(count.sum())
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = np.clip((low[owner] - self.reach[index]) / self.length[index], 0.0, 1.0)
            t1 = np.clip((high[owner] - self.reach[index]) / self.length[index], 0.0, 1.0)
        t0, t1 = np.nan_to_num(t0), np.nan_to_num(t1, nan=1.0)
        ux, uy = self.bx[index] - self.ax[index], self.by[index] - self.ay[index]
        return (owner, self.ax[index] + t0 * ux, self.ay[index] + t0 * uy,
                self.ax[index] + t1 * ux, self.ay[index] + t1 * uy)


def stretch_vertices(owner, ax, ay, bx, by):
    """(vertices (n x 2), vertices per stretch) of the stretches, from the output of Segments.stretches."""
    if len(owner) == 0:
        return np.empty((0, 2)), np.zeros(0, np.int64)
    last = np.flatnonzero(np.append(owner[1:] != owner[:-1], True))  # the last piece of each stretch
    # the start of every piece, and after each stretch's last piece its end
    xs, ys = np.insert(ax, last + 1, bx[last]), np.insert(ay, last + 1, by[last])
    return np.column_stack([xs, ys]), np.diff(np.concatenate([[-1], last])) + 1


def split_vertices(vertices, sizes):
    """One (n x 2) array per line of flat (vertices, sizes)."""
    ends = np.cumsum(sizes).tolist()
    return [vertices[end - size:end] for end, size in zip(ends, np.asarray(sizes).tolist())]  # np.split: 5x slower


def stretch_coordinates(owner, ax, ay, bx, by):
    """One (n x 2) coordinate array per stretch, from the output of Segments.stretches."""
    return split_vertices(*stretch_vertices(owner, ax, ay, bx, by))
