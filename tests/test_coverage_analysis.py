"""The pure coverage analysis on built roads and sequences whose overlaps are known exactly (metres)."""

from datetime import datetime
from math import sqrt

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString

from kartaview.plugin.analysis import AnalysisCancelled, DrivenSequence, coverage_table, segments
from kartaview.plugin.analysis.grid import overlapping_pairs
from kartaview.plugin.analysis.intervals import complement, union
from tests.coverage_results import road_results

TOLERANCE = 15.0
ROAD = LineString([(0, 0), (500, 0)])
JAN, JUN, DEC = datetime(2020, 1, 5), datetime(2021, 6, 1), datetime(2024, 12, 24)


def track(coords, sequence_id=1, first=JAN, last=None, is_360=False):
    return DrivenSequence(sequence_id, LineString(coords), first, last or first, is_360)


def cover(roads, sequences, tolerance=TOLERANCE):
    return road_results(coverage_table(roads, sequences, tolerance))


def test_parallel_at_10_m_covers_the_whole_road():
    (road,) = cover([ROAD], [track([(0, 10), (500, 10)])])
    assert road.length_m == pytest.approx(500)
    assert road.covered_m == pytest.approx(500, abs=1)
    assert road.covered_pct == pytest.approx(100, abs=0.2)
    assert road.gaps == [] and road.sequence_count == 1


def test_parallel_street_30_m_away_is_not_covered():
    (road,) = cover([ROAD], [track([(-50, 30), (550, 30)])])
    assert road.covered_m == 0 and road.sequence_count == 0 and road.newest_capture is None
    (gap,) = road.gaps
    assert gap.length_m == pytest.approx(500) and gap.distance_to_covered_m is None  # nothing covered anywhere


def test_a_crossing_covers_twice_the_tolerance_and_does_not_date_the_road():
    (road,) = cover([ROAD], [track([(250, -200), (250, 200)])])
    assert road.covered_m == pytest.approx(2 * TOLERANCE, abs=1)
    assert road.sequence_count == 0 and road.newest_capture is None and not road.has_360
    assert [round(gap.length_m) for gap in road.gaps] == [235, 235]
    assert all(gap.distance_to_covered_m == pytest.approx(0, abs=1e-6) for gap in road.gaps)


def test_partly_covered_road_has_the_exact_gaps():
    # 5 m off the road, the round buffer ends reach sqrt(15^2 - 5^2) beyond the sequence's ends
    reach = sqrt(TOLERANCE ** 2 - 5 ** 2)
    (road,) = cover([ROAD], [track([(100, 5), (300, 5)])])
    assert road.covered_m == pytest.approx(200 + 2 * reach, abs=1)
    assert [(round(g.geometry.coords[0][0]), round(g.geometry.coords[-1][0])) for g in road.gaps] == [
        (0, round(100 - reach)), (round(300 + reach), 500)]
    assert sum(g.length_m for g in road.gaps) + road.covered_m == pytest.approx(500)


def test_reversed_direction_counts():
    (road,) = cover([ROAD], [track([(520, -8), (-20, -8)])])
    assert road.covered_m == pytest.approx(500, abs=1) and road.sequence_count == 1


def test_multi_part_road():
    roads = [MultiLineString([[(0, 0), (300, 0)], [(0, 100), (300, 100)]])]
    (road,) = cover(roads, [track([(-50, 5), (350, 5)])])
    assert road.length_m == pytest.approx(600)
    assert road.covered_m == pytest.approx(300, abs=1)
    assert road.covered_pct == pytest.approx(50, abs=0.2)
    (gap,) = road.gaps
    assert gap.length_m == pytest.approx(300) and gap.distance_to_covered_m == pytest.approx(100)


def test_overlapping_sequences_are_counted_once_and_date_the_road():
    sequences = [track([(0, 3), (300, 3)], 1, JAN, JUN, is_360=False),
                 track([(200, -3), (500, -3)], 2, DEC, DEC, is_360=True)]
    (road,) = cover([ROAD], sequences)
    assert road.covered_m == pytest.approx(500, abs=1)
    assert road.sequence_ids == (1, 2) and road.has_360
    assert road.newest_capture == DEC and road.oldest_capture == JAN


def test_touching_a_road_end_does_not_date_it_but_a_short_road_driven_whole_does():
    side_street = LineString([(0, 0), (0, 100)])
    short_road = LineString([(200, 0), (220, 0)])
    main_road_drive = track([(-300, 0), (400, 0)])
    side, short = cover([side_street, short_road], [main_road_drive])
    assert side.covered_m == pytest.approx(TOLERANCE, abs=1) and side.sequence_count == 0
    assert short.covered_m == pytest.approx(20) and short.sequence_count == 1


def test_closed_loop_road_covered_across_its_start():
    square = LineString([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)])
    (road,) = cover([square], [track([(-50, 0), (150, 0)])])
    assert road.covered_m == pytest.approx(100 + 2 * TOLERANCE, abs=1)
    (gap,) = road.gaps
    assert gap.length_m == pytest.approx(400 - 130, abs=1)


def test_gap_distance_is_to_the_nearest_covered_piece_of_any_road():
    driven = LineString([(0, 0), (100, 0)])
    far = LineString([(0, 250), (100, 250)])
    _, far_result = cover([driven, far], [track([(0, 0), (100, 0)])])
    assert far_result.gaps[0].distance_to_covered_m == pytest.approx(250)


def test_empty_inputs_and_totals():
    table = coverage_table([None, LineString(), ROAD], [], TOLERANCE)
    results = road_results(table)
    assert [r.length_m for r in results] == [0, 0, 500]
    assert results[0].covered_pct == 0 and results[0].gaps == []
    assert table.totals().gap_m == pytest.approx(500) and table.totals().covered_share == 0
    summary = coverage_table([ROAD, LineString([(0, 200), (500, 200)])], [track([(0, 1), (500, 1)], 7, JAN, JUN)],
                             TOLERANCE).totals()
    assert summary.road_m == pytest.approx(1000)
    assert summary.covered_m == pytest.approx(500, abs=1) and summary.gap_m == pytest.approx(500, abs=1)
    assert summary.covered_share == pytest.approx(0.5, abs=0.002)
    assert (summary.newest_capture, summary.oldest_capture) == (JUN, JAN)


def test_long_sequence_is_indexed_in_pieces_with_the_same_result():
    wiggly = [(x, 4 * ((x // 10) % 2)) for x in range(-20, 2021, 10)]  # 2 km zig-zag, 4 m amplitude
    (road,) = cover([LineString([(0, 0), (2000, 0)])], [track(wiggly)])
    assert road.covered_m == pytest.approx(2000, abs=1) and road.sequence_count == 1


def test_progress_and_cancel():
    seen = []
    cover_roads = [LineString([(0, i * 50), (100, i * 50)]) for i in range(120)]
    coverage_table(cover_roads, [track([(0, 0), (100, 0)])], TOLERANCE, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(AnalysisCancelled):
        coverage_table(cover_roads, [], TOLERANCE, cancel=lambda: True)
    with pytest.raises(ValueError):
        coverage_table(cover_roads, [], 0)


def test_intervals():
    group, start, end = union(np.array([1, 0, 0, 0, 1]), np.array([5.0, 5, 0, 1, 8]), np.array([8.0, 9, 2, 3, 9]))
    assert (group.tolist(), start.tolist(), end.tolist()) == ([0, 0, 1], [0, 5, 5], [3, 9, 9])
    gaps = complement(group, start, end, [10.0, 9.0, 4.0])
    assert [array.tolist() for array in gaps] == [[0, 0, 1, 2], [3, 9, 0, 0], [5, 10, 5, 4]]


def within(a, b, c, d, radius):
    """segments.within for one pair of segments: (t0, t1) or None."""
    t0, t1, hit = segments.within(*(np.array([v], dtype=float) for v in (*a, *b, *c, *d)), radius)
    return (float(t0[0]), float(t1[0])) if hit[0] else None


def test_segment_within_distance_of_segment():
    assert within((0, 0), (10, 0), (-5, 3), (20, 3), 5) == (0, 1)  # parallel, 3 m apart
    assert within((0, 0), (10, 0), (5, -10), (5, 10), 2) == pytest.approx((0.3, 0.7))  # crossing
    assert within((0, 0), (10, 0), (13, 0), (20, 0), 5) == pytest.approx((0.8, 1))  # end disk
    t0, t1 = within((0, 0), (100, 0), (50, 4), (50, 4), 5)  # a single photo: disk only
    assert (t0 * 100, t1 * 100) == pytest.approx((47, 53))
    assert within((0, 0), (10, 0), (0, 30), (10, 30), 15) is None
    assert within((0, 0), (0, 0), (0, 0), (1, 0), 5) is None


def test_segment_distance():
    rows = np.array([[0, 0, 10, 0, 0, 5, 10, 5],  # parallel
                     [0, 0, 10, 0, 5, -5, 5, 5],  # crossing
                     [0, 0, 10, 0, 13, 4, 20, 4],  # end to end
                     [0, 0, 10, 0, 20, 0, 30, 0],  # collinear apart
                     [0, 0, 0, 0, 3, 4, 3, 4]], dtype=float)  # two points
    assert segments.distance(*rows.T).tolist() == pytest.approx([5, 0, 5, 10, 5])


def test_grid_pairs_find_every_overlap_once():
    rng = np.random.default_rng(1)
    low = rng.uniform(0, 1000, (300, 2))
    a = np.column_stack([low, low + rng.uniform(0, 80, (300, 2))])
    low = rng.uniform(0, 1000, (200, 2))
    b = np.column_stack([low, low + rng.uniform(0, 300, (200, 2))])
    b[0] = [0, 0, 5000, 10]  # a very long box coarsens the grid
    expected = {(i, j) for i in range(len(a)) for j in range(len(b))
                if a[i, 0] <= b[j, 2] and b[j, 0] <= a[i, 2] and a[i, 1] <= b[j, 3] and b[j, 1] <= a[i, 3]}
    found = [pair for ia, ib in overlapping_pairs(a, b, 20.0) for pair in zip(ia.tolist(), ib.tolist())]
    assert len(found) == len(set(found)) and set(found) == expected
    assert list(overlapping_pairs(a[:0], b, 20.0)) == []


def test_roads_and_sequences_as_coordinate_arrays():
    """What the Processing algorithm passes: lists of parts as coordinate arrays (z dropped)."""
    roads = [[np.array([(0, 0, 5), (300, 0, 5)]), [(0, 100), (300, 100)]], [], None]
    sequence = DrivenSequence(1, [np.array([(-50, 5), (350, 5)])], JAN, JAN)
    road, empty, missing = cover(roads, [sequence])
    assert road.length_m == pytest.approx(600) and road.covered_m == pytest.approx(300)
    assert road.gaps[0].geometry.equals(LineString([(0, 100), (300, 100)]))
    assert empty.length_m == missing.length_m == 0


def test_union_keeps_precision_with_huge_group_ids():
    group = np.array([10 ** 15, 10 ** 15, 3 * 10 ** 15])
    merged = union(group, np.array([0.0, 0.5, 0.25]), np.array([0.49, 1.0, 0.75]))  # 1 cm apart: two
    assert [array.tolist() for array in merged] == [[10 ** 15, 10 ** 15, 3 * 10 ** 15], [0, 0.5, 0.25],
                                                    [0.49, 1.0, 0.75]]


@pytest.mark.parametrize("seed", [7, 8, 9, 10])
def test_random_networks_agree_with_shapely_buffers(seed):
    """Against the textbook overlay: road ∩ union of fine sequence buffers, and shapely distances."""
    from shapely.ops import unary_union

    rng = np.random.default_rng(seed)

    def polyline(count, step):
        points = np.cumsum(rng.normal(0, step, (count, 2)), axis=0) + rng.uniform(0, 600, 2)
        return LineString(points)

    roads = [polyline(int(rng.integers(2, 7)), 60) for _ in range(40)]
    sequences = [track(list(polyline(int(rng.integers(5, 30)), 25).coords), number) for number in range(8)]
    results = cover(roads, sequences)
    buffers = unary_union([s.line.buffer(TOLERANCE, 64) for s in sequences])
    covered = unary_union([road.intersection(buffers) for road in roads])
    for road, result in zip(roads, results):
        assert result.covered_m == pytest.approx(road.intersection(buffers).length, abs=1)
        assert result.covered_m + sum(gap.length_m for gap in result.gaps) == pytest.approx(road.length)
        for gap in result.gaps:
            assert gap.geometry.length == pytest.approx(gap.length_m)
            assert road.buffer(1e-6).contains(gap.geometry)
            if gap.distance_to_covered_m:
                assert gap.distance_to_covered_m == pytest.approx(gap.geometry.distance(covered), abs=0.01)
    assert sum(r.covered_m for r in results) > 100 and any(g.distance_to_covered_m for r in results for g in r.gaps)


@pytest.mark.parametrize("seed", [3, 4])
def test_gap_distances_of_long_roads_agree_with_shapely(seed):
    """Roads of many segments (searched a few segments at a time, pieces pruned by box): every gap's
    distance to the covered stretches is shapely's."""
    from shapely.ops import unary_union

    rng = np.random.default_rng(seed)

    def polyline(count, step, spread):
        return LineString(np.cumsum(rng.normal(0, step, (count, 2)), axis=0) + rng.uniform(0, spread, 2))

    roads = [polyline(int(rng.integers(2, 40)), 40, 2000) for _ in range(60)]
    sequences = [track(list(polyline(int(rng.integers(5, 30)), 25, 2000).coords), number) for number in range(12)]
    results = cover(roads, sequences)
    covered = unary_union([road.intersection(unary_union([s.line.buffer(TOLERANCE, 64) for s in sequences]))
                           for road in roads])
    distances = [gap.distance_to_covered_m for result in results for gap in result.gaps]
    expected = [gap.geometry.distance(covered) for result in results for gap in result.gaps]
    assert None not in distances and distances == pytest.approx(expected, abs=0.01)
    assert sum(1 for d in distances if d > 200) > 10  # far gaps too: searched in several rounds
    assert max(len(road.coords) for road in roads) > 3 * 8  # parts of several units
