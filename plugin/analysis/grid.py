"""Candidate pairs of overlapping boxes, by hashing both sets into a uniform grid (vectorised).

Faster here than shapely 1.8's STRtree, whose queries call back into Python for every hit.
"""

import numpy as np

MAX_PAIRS = 2_000_000  # per chunk: bounds memory whatever the data
MAX_CELLS_PER_BOX = 64  # on average; beyond, the grid is coarsened (very long segments)


def _cells(low, high):
    """(box index, cell x, cell y) of every grid cell the boxes touch, from the cells (x, y) of their
    corners (low, high)."""
    nx, ny = high[0] - low[0] + 1, high[1] - low[1] + 1
    counts = nx * ny
    owner = np.repeat(np.arange(len(counts)), counts)
    rank = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    row_length = nx[owner]
    return owner, low[0][owner] + rank % row_length, low[1][owner] + rank // row_length


def _corner_cells(boxes, cell, origin):
    """The columns of (n x 4) boxes as contiguous arrays (gathered from many times), and the cells
    (x, y) of their low and high corners."""
    columns = [np.ascontiguousarray(boxes[:, k]) for k in range(4)]
    low = [np.floor((columns[k] - origin[k]) / cell).astype(np.int64) for k in (0, 1)]
    high = [np.floor((columns[k + 2] - origin[k]) / cell).astype(np.int64) for k in (0, 1)]
    return columns, low, high


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
    a, low_a, high_a = _corner_cells(boxes_a, cell, origin)
    b, low_b, high_b = _corner_cells(boxes_b, cell, origin)
    owner_a, xa, ya = _cells(low_a, high_a)
    owner_b, xb, yb = _cells(low_b, high_b)
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
        # a pair shares several cells: keep it only in the cell of its overlap's lower-left corner (the
        # larger of the two boxes' low cells: floor is monotonic); first, on integers, as it drops most
        keep = (np.maximum(low_a[0][ia], low_b[0][ib]) == cell_x) & (np.maximum(low_a[1][ia], low_b[1][ib]) == cell_y)
        ia, ib = ia[keep], ib[keep]
        overlap = (a[0][ia] <= b[2][ib]) & (b[0][ib] <= a[2][ia]) & (a[1][ia] <= b[3][ib]) & (b[1][ib] <= a[3][ia])
        yield ia[overlap], ib[overlap]
