"""Candidate pairs of overlapping boxes, by hashing both sets into a uniform grid (vectorised).

Faster here than shapely 1.8's STRtree, whose queries call back into Python for every hit.
"""

import numpy as np

MAX_PAIRS = 2_000_000  # per chunk: bounds memory whatever the data
MAX_CELLS_PER_BOX = 64  # on average; beyond, the grid is coarsened (very long segments)


def _cells(boxes, cell, origin):
    """(box index, cell x, cell y) of every grid cell each box (n x 4: min x, min y, max x, max y) touches."""
    low = np.floor((boxes[:, :2] - origin) / cell).astype(np.int64)
    high = np.floor((boxes[:, 2:] - origin) / cell).astype(np.int64)
    nx, ny = high[:, 0] - low[:, 0] + 1, high[:, 1] - low[:, 1] + 1
    counts = nx * ny
    owner = np.repeat(np.arange(len(boxes)), counts)
    rank = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, low[owner, 0] + rank % nx[owner], low[owner, 1] + rank // nx[owner]


def _cell_size(boxes_a, boxes_b, cell):
    """`cell`, doubled until the boxes touch few enough cells."""
    sizes = np.concatenate([boxes_a[:, 2:] - boxes_a[:, :2], boxes_b[:, 2:] - boxes_b[:, :2]])
    while np.sum(np.prod(np.floor(sizes / cell) + 2, axis=1)) > MAX_CELLS_PER_BOX * len(sizes):
        cell *= 2
    return cell


def overlapping_pairs(boxes_a, boxes_b, cell):
    """Yields (ia, ib) index arrays of every pair of boxes of a and b that overlap, in bounded chunks."""
    if len(boxes_a) == 0 or len(boxes_b) == 0:
        return
    cell = _cell_size(boxes_a, boxes_b, cell)
    origin = np.minimum(boxes_a[:, :2].min(axis=0), boxes_b[:, :2].min(axis=0))
    owner_a, xa, ya = _cells(boxes_a, cell, origin)
    owner_b, xb, yb = _cells(boxes_b, cell, origin)
    rows = int(max(ya.max(), yb.max())) + 1
    key_a, key_b = xa * rows + ya, xb * rows + yb
    order = np.argsort(key_b, kind="stable")
    key_b, owner_b = key_b[order], owner_b[order]
    left = np.searchsorted(key_b, key_a, "left")
    counts = np.searchsorted(key_b, key_a, "right") - left
    ends = np.cumsum(counts)
    first = 0
    while first < len(key_a):  # chunks of cells of a whose pairs fit in MAX_PAIRS
        last = max(int(np.searchsorted(ends, ends[first] - counts[first] + MAX_PAIRS, "right")), first + 1)
        n = counts[first:last]
        ia = np.repeat(owner_a[first:last], n)
        ib = owner_b[np.repeat(left[first:last] - np.cumsum(n) + n, n) + np.arange(n.sum())]
        cell_x, cell_y = np.repeat(xa[first:last], n), np.repeat(ya[first:last], n)
        first = last
        a, b = boxes_a[ia], boxes_b[ib]
        overlap = (a[:, 0] <= b[:, 2]) & (b[:, 0] <= a[:, 2]) & (a[:, 1] <= b[:, 3]) & (b[:, 1] <= a[:, 3])
        # a pair shares several cells: keep it only in the cell of its overlap's lower-left corner
        corner = np.floor((np.maximum(a[:, :2], b[:, :2]) - origin) / cell).astype(np.int64)
        keep = overlap & (corner[:, 0] == cell_x) & (corner[:, 1] == cell_y)
        yield ia[keep], ib[keep]
