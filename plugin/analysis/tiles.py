"""Spatial tiles, so a road network of any size is analysed a bounded part at a time.

A first pass counts the roads on a fine grid over the layer's extent (by the centre of each road's
bounding box) and notes how far roads reach from their centres. The cells are then split, k-d tree
fashion along the longer side at the median road, into tiles of at most `max_roads` roads. A road
belongs to the one tile holding its centre: roads across tile borders are neither lost nor counted
twice. A tile's roads all lie within its `fetch_box`, the box of its roads' centres grown by the
farthest reach of one of them, so a filter on that box reads every one of them.

Centres must be computed the same way in both passes (`centres`): a road's tile is decided twice.
"""

from dataclasses import dataclass

import numpy as np

CELLS = 512  # grid cells per side: 3 MiB of counters, finer than any tile worth having


@dataclass(frozen=True)
class Tile:
    number: int
    roads: int  # roads centred in it
    fetch_box: tuple  # (min x, min y, max x, max y): every one of its roads lies inside


def centres(boxes):
    """(x, y) arrays of the centres of (n x 4) boxes (min x, min y, max x, max y)."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    return (boxes[:, 0] + boxes[:, 2]) * 0.5, (boxes[:, 1] + boxes[:, 3]) * 0.5


class TileGrid:
    """Road counts on a CELLS x CELLS grid over `extent`; centres outside it go to the border cells."""

    def __init__(self, extent, cells=CELLS):
        x0, y0, x1, y1 = (float(value) for value in extent)
        if not all(np.isfinite([x0, y0, x1, y1])) or x1 < x0 or y1 < y0:
            x0 = y0 = 0.0
            x1 = y1 = 1.0
        self.origin = (x0, y0)
        self.size = (max(x1 - x0, 1e-9) / cells, max(y1 - y0, 1e-9) / cells)
        self.cells = cells
        shape = (cells, cells)
        self.count = np.zeros(shape, np.int64)
        self.reach = np.zeros(shape)  # the farthest a road centred in the cell reaches from its centre
        self.low = np.full((2,) + shape, np.inf)  # box of the centres in the cell
        self.high = np.full((2,) + shape, -np.inf)
        self._owner = None

    def _cells(self, x, y):
        ix = np.clip(np.floor((x - self.origin[0]) / self.size[0]), 0, self.cells - 1).astype(np.int64)
        iy = np.clip(np.floor((y - self.origin[1]) / self.size[1]), 0, self.cells - 1).astype(np.int64)
        return iy, ix

    def add(self, boxes):
        """Count roads by their bounding boxes (n x 4)."""
        boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
        if not len(boxes):
            return
        x, y = centres(boxes)
        cell = self._cells(x, y)
        np.add.at(self.count, cell, 1)
        reach = np.maximum(boxes[:, 2] - x, boxes[:, 3] - y)
        reach = np.maximum(reach, np.maximum(x - boxes[:, 0], y - boxes[:, 1]))
        np.maximum.at(self.reach, cell, reach)
        for axis, values in enumerate((x, y)):
            np.minimum.at(self.low[axis], cell, values)
            np.maximum.at(self.high[axis], cell, values)

    def tiles(self, max_roads):
        """The Tiles, each of at most max_roads roads (unless one cell holds more); empty ones left out."""
        table = np.zeros((self.cells + 1, self.cells + 1), np.int64)
        table[1:, 1:] = self.count.cumsum(0).cumsum(1)

        def total(r0, r1, c0, c1):
            return int(table[r1, c1] - table[r0, c1] - table[r1, c0] + table[r0, c0])

        found, pending = [], [(0, self.cells, 0, self.cells)]
        self._owner = np.full((self.cells, self.cells), -1, np.int64)
        while pending:
            r0, r1, c0, c1 = pending.pop()
            roads = total(r0, r1, c0, c1)
            if roads == 0:
                continue
            if roads <= max_roads or (r1 - r0 == 1 and c1 - c0 == 1):
                self._owner[r0:r1, c0:c1] = len(found)
                found.append(self._tile(len(found), roads, r0, r1, c0, c1))
                continue
            # split the longer side (in map units: cells need not be square) at its median road, keeping
            # both halves non-empty in cells; a row or column of cells is split the only way it can be
            if r1 - r0 == 1 or (c1 - c0 > 1 and (c1 - c0) * self.size[0] >= (r1 - r0) * self.size[1]):
                column = self.count[r0:r1, c0:c1].sum(0).cumsum()
                cut = c0 + int(np.clip(np.searchsorted(column, roads / 2) + 1, 1, c1 - c0 - 1))
                pending += [(r0, r1, c0, cut), (r0, r1, cut, c1)]
            else:
                row = self.count[r0:r1, c0:c1].sum(1).cumsum()
                cut = r0 + int(np.clip(np.searchsorted(row, roads / 2) + 1, 1, r1 - r0 - 1))
                pending += [(r0, cut, c0, c1), (cut, r1, c0, c1)]
        return found

    def _tile(self, number, roads, r0, r1, c0, c1):
        reach = float(self.reach[r0:r1, c0:c1].max())
        low = [float(self.low[axis, r0:r1, c0:c1].min()) - reach for axis in (0, 1)]
        high = [float(self.high[axis, r0:r1, c0:c1].max()) + reach for axis in (0, 1)]
        return Tile(number, roads, (low[0], low[1], high[0], high[1]))

    def tile_of(self, boxes):
        """The tile number of each of the (n x 4) boxes, by its centre (call after tiles())."""
        return self._owner[self._cells(*centres(boxes))]
