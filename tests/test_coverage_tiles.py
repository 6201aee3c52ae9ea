"""The tile plan of the coverage analysis: every road in exactly one tile, inside that tile's fetch box."""

import numpy as np
import pytest

from kartaview.plugin.analysis.tiles import TileGrid, centres


def _roads(count, seed=1):
    """Boxes of roads: dense in a "city", sparse around it, a few long ones."""
    rng = np.random.default_rng(seed)
    city = rng.normal(5000.0, 800.0, (count // 2, 2))
    country = rng.uniform(0.0, 50000.0, (count - count // 2, 2))
    start = np.concatenate([city, country])
    size = rng.exponential(60.0, (count, 2)) * rng.choice([-1, 1], (count, 2))
    size[::997] *= 200  # long roads, reaching kilometres from their centres
    end = start + size
    return np.column_stack([np.minimum(start, end), np.maximum(start, end)])[:, [0, 1, 2, 3]]


@pytest.mark.parametrize("max_roads", [500, 3000, 10**9])
def test_every_road_in_one_tile_that_holds_it(max_roads):
    boxes = _roads(20000)
    grid = TileGrid((0.0, 0.0, 50000.0, 50000.0))
    for chunk in np.array_split(boxes, 7):  # added in batches, as the first pass does
        grid.add(chunk)
    tiles = grid.tiles(max_roads)
    owner = grid.tile_of(boxes)
    assert (owner >= 0).all()
    counts = np.bincount(owner, minlength=len(tiles))
    assert [tile.roads for tile in tiles] == counts.tolist()
    assert counts.sum() == len(boxes)
    assert counts.max() <= max(max_roads, int(grid.count.max()))
    if max_roads == 10**9:
        assert len(tiles) == 1
    else:
        assert len(tiles) >= len(boxes) / max_roads
    fetch = np.array([tiles[number].fetch_box for number in owner])
    inside = (fetch[:, 0] <= boxes[:, 0]) & (fetch[:, 1] <= boxes[:, 1]) & (boxes[:, 2] <= fetch[:, 2]) & (
        boxes[:, 3] <= fetch[:, 3])
    assert inside.all()


def test_roads_outside_the_grid_extent_still_belong_to_a_tile():
    """The layer's extent can be stale: centres outside it go to the border cells, whose fetch boxes
    still hold them."""
    boxes = np.array([[-500.0, -500.0, -400.0, -390.0], [10.0, 10.0, 20.0, 20.0], [900.0, 2000.0, 950.0, 2100.0]])
    grid = TileGrid((0.0, 0.0, 100.0, 100.0))
    grid.add(boxes)
    tiles = grid.tiles(1)
    owner = grid.tile_of(boxes)
    assert sorted(owner.tolist()) == [0, 1, 2]
    for box, number in zip(boxes, owner):
        fetch = tiles[number].fetch_box
        assert fetch[0] <= box[0] and fetch[1] <= box[1] and box[2] <= fetch[2] and box[3] <= fetch[3]


def test_centres_are_those_of_the_boxes():
    x, y = centres([[0.0, 2.0, 4.0, 6.0]])
    assert (x.tolist(), y.tolist()) == ([2.0], [4.0])
