"""Which stretches of which roads run within a tolerance of a KartaView sequence.

All roads and sequences become flat arrays of segments; candidate (road segment, sequence segment)
pairs come from a grid; for each pair the stretch of the road segment within the tolerance of the
sequence segment is exact (segments.within: the round buffer itself, no polygon overlay, right for
roads that double back on themselves). Stretches are unions of intervals along each road part, so
covered lengths, per-sequence lengths and gaps are interval arithmetic. numpy (shapely's own
dependency) does the work in bulk. Inputs are already in a metric CRS.
"""

import numpy as np

from . import intervals, segments
from .grid import overlapping_pairs
from .lines import Segments, stretch_vertices
from .models import AnalysisCancelled, CoverageTable, CoverageTotals, Dating

CELL_M = 60.0  # grid cell for road x sequence candidates (coarsened automatically for long segments)
# A sequence dates a road (newest/oldest capture, count, 360) when it runs along it, not just across:
# when it covers more of it than a crossing does (2x the tolerance at a right angle, 2.5x at 53 degrees),
# or nearly all of a road too short to tell.
ALONG_TOLERANCES = 2.5
ALONG_SHARE = 0.9
FIRST_SEARCH_M = 100.0  # gap distances: search this far first, farther for what is left
# gap distances: segments of a gap searched together, by one box; a covered piece farther from the box
# than from one of their vertices is left out before any segment is measured to it
UNIT_SEGMENTS = 8


def _covered_stretches(roads, sequences, tolerance_m, cancel):
    """(road part, sequence index, start, end) arrays: every stretch a sequence segment covers."""
    found = [(np.empty(0, np.int64),) * 2 + (np.empty(0),) * 2]
    sequence_owner = sequences.owner[sequences.part]
    for ia, ib in overlapping_pairs(roads.boxes(), sequences.boxes(tolerance_m), CELL_M):
        _checkpoint(None, None, cancel)
        t0, t1, hit = segments.within(roads.ax[ia], roads.ay[ia], roads.bx[ia], roads.by[ia], sequences.ax[ib],
                                      sequences.ay[ib], sequences.bx[ib], sequences.by[ib], tolerance_m)
        ia, ib, t0, t1 = ia[hit], ib[hit], t0[hit], t1[hit]
        start, length = roads.start[ia], roads.length[ia]
        found.append((roads.part[ia], sequence_owner[ib], start + t0 * length, start + t1 * length))
    return (np.concatenate(column) for column in zip(*found))


def _dating(roads, road_count, part, owner, start, end, count, tolerance_m):
    """{road index: [sequence indexes running along it]}."""
    groups = part * count + owner
    group, first, last = intervals.union(groups, start, end)
    road_owner = roads.owner[group // count] * count + group % count
    keys, inverse = np.unique(road_owner, return_inverse=True)
    metres = np.bincount(inverse, weights=last - first)
    road, sequence = keys // count, keys % count
    road_length = np.bincount(roads.owner[roads.part], weights=roads.length, minlength=road_count)
    along = (metres > ALONG_TOLERANCES * tolerance_m) | (metres >= ALONG_SHARE * road_length[road])
    dating = {}
    for road_index, sequence_index in zip(road[along].tolist(), sequence[along].tolist()):
        dating.setdefault(road_index, []).append(sequence_index)
    return dating


def _gap_distances(roads, covered, gaps, cancel):
    """Distance of every gap to the nearest covered stretch (0 for gaps of partly covered parts)."""
    covered_part, covered_start, covered_end = covered
    gap_part = gaps[0]
    if len(covered_part) == 0:
        return np.full(len(gap_part), np.nan)
    distance = np.where(np.isin(gap_part, covered_part), 0.0, np.inf)
    _, cx0, cy0, cx1, cy1 = roads.stretches(covered_part, covered_start, covered_end)
    covered_boxes = np.column_stack([np.minimum(cx0, cx1), np.minimum(cy0, cy1),
                                     np.maximum(cx0, cx1), np.maximum(cy0, cy1)])
    whole = np.flatnonzero(np.isinf(distance))  # gaps that are whole parts: the part's segments
    unit_gap, unit_first, unit_size = _units(roads, gap_part[whole], whole)
    # a unit's box and first vertex
    rows = np.repeat(unit_first - np.cumsum(unit_size) + unit_size, unit_size) + np.arange(unit_size.sum())
    starts = np.cumsum(unit_size) - unit_size
    boxes = roads.boxes()[rows]
    unit_boxes = np.column_stack([np.minimum.reduceat(boxes[:, 0], starts), np.minimum.reduceat(boxes[:, 1], starts),
                                  np.maximum.reduceat(boxes[:, 2], starts), np.maximum.reduceat(boxes[:, 3], starts)])
    del boxes, rows, starts
    radius = np.full(len(gap_part), FIRST_SEARCH_M)
    pending = np.arange(len(unit_gap))
    while len(pending):
        best = np.full(len(gap_part), np.inf)
        upper = np.full(len(gap_part), np.inf)  # the distance of one vertex of the gap to a covered stretch
        grow = radius[unit_gap[pending]][:, None] * [-1, -1, 1, 1]
        cell = max(CELL_M, float(np.median(radius[unit_gap[pending]])))
        for ia, ib in overlapping_pairs(unit_boxes[pending] + grow, covered_boxes, cell):
            _checkpoint(None, None, cancel)
            unit = pending[ia]
            gap = unit_gap[unit]
            first = unit_first[unit]
            np.minimum.at(upper, gap, segments.point_distance(roads.ax[first], roads.ay[first], cx0[ib], cy0[ib],
                                                               cx1[ib], cy1[ib]))
            # only the pieces whose box is no farther from the unit's than that can be the nearest
            box, piece = unit_boxes[unit], covered_boxes[ib]
            near = np.hypot(np.maximum(np.maximum(piece[:, 0] - box[:, 2], box[:, 0] - piece[:, 2]), 0.0),
                            np.maximum(np.maximum(piece[:, 1] - box[:, 3], box[:, 1] - piece[:, 3]), 0.0)) <= upper[gap]
            unit, ib = unit[near], ib[near]
            size = unit_size[unit]
            rows = np.repeat(unit_first[unit] - np.cumsum(size) + size, size) + np.arange(size.sum())
            ib = np.repeat(ib, size)
            found = segments.distance(roads.ax[rows], roads.ay[rows], roads.bx[rows], roads.by[rows],
                                      cx0[ib], cy0[ib], cx1[ib], cy1[ib])
            np.minimum.at(best, np.repeat(unit_gap[unit], size), found)
        # exact where the nearest found is within the radius searched: nothing nearer was left out;
        # elsewhere what was found bounds the next search, or the radius doubles
        done = best <= radius
        distance[done] = best[done]
        radius = np.where(np.isinf(best), radius * 2, best)
        pending = pending[~done[unit_gap[pending]]]
    return distance


def _units(roads, parts, gaps):
    """(gap, first segment, segments) of the units the gaps that are whole parts are searched by: runs of
    up to UNIT_SEGMENTS segments of a part."""
    first, count = roads.first[parts], roads.end[parts] - roads.first[parts]
    units = -(-count // UNIT_SEGMENTS)
    rank = np.arange(units.sum()) - np.repeat(np.cumsum(units) - units, units)
    unit_first = np.repeat(first, units) + rank * UNIT_SEGMENTS
    unit_size = np.minimum(np.repeat(first + count, units) - unit_first, UNIT_SEGMENTS)
    return np.repeat(gaps, units), unit_first, unit_size


def coverage_table(roads, sequences, tolerance_m, *, keep=None, progress=None, cancel=None):
    """The coverage of every road of `roads` by `sequences`, in input order, as a CoverageTable: arrays,
    no Python object per road or gap (the algorithm writes a tile of tens of thousands of roads at once).

    A road is a shapely (Multi)LineString, a list of parts as (n x 2) coordinate arrays, or None; metres.
    `roads` may also be FlatLines (lines.py). With `keep`, only the first `keep` roads are in the table:
    the others are context (the roads around a tile), whose covered stretches count for the gap distances.

    `sequences`: DrivenSequence list in the same CRS. `progress(fraction)` is called between steps;
    `cancel()` returning True stops the work with AnalysisCancelled.
    """
    if tolerance_m <= 0:
        raise ValueError("the tolerance must be positive")
    sequences = list(sequences)
    road_segments = Segments(roads)
    sequence_segments = Segments([sequence.line for sequence in sequences])
    _checkpoint(0.1, progress, cancel)

    part, owner, start, end = _covered_stretches(road_segments, sequence_segments, tolerance_m, cancel)
    _checkpoint(0.5, progress, cancel)
    dating = _dating(road_segments, len(roads), part, owner, start, end, max(len(sequences), 1), tolerance_m)
    covered = intervals.union(part, start, end)
    gaps = intervals.complement(*covered, road_segments.part_length)
    keep = len(roads) if keep is None else keep
    kept = road_segments.owner[gaps[0]] < keep
    gaps = tuple(column[kept] for column in gaps)
    _checkpoint(0.6, progress, cancel)
    distances = _gap_distances(road_segments, covered, gaps, cancel)
    _checkpoint(0.8, progress, cancel)
    table = _table(keep, road_segments, sequences, dating, covered, gaps, distances)
    _checkpoint(1.0, progress, cancel)
    return table


def _table(keep, road_segments, sequences, dating, covered, gaps, distances):
    road_of_part = road_segments.owner
    kept = road_of_part < keep
    # bincount adds in input order: the same sums as adding part by part
    length = np.bincount(road_of_part[kept], weights=road_segments.part_length[kept], minlength=keep)
    covered_part, covered_start, covered_end = covered
    kept = road_of_part[covered_part] < keep
    covered_m = np.bincount(road_of_part[covered_part][kept], weights=(covered_end - covered_start)[kept],
                            minlength=keep)
    gap_part, gap_start, gap_end = gaps
    gap_road = road_of_part[gap_part]
    # gaps by road (a road's parts are consecutive, so its gaps stay in order along it)
    order = np.argsort(gap_road, kind="stable")
    gap_part, gap_start, gap_end, gap_road = gap_part[order], gap_start[order], gap_end[order], gap_road[order]
    vertices, sizes = stretch_vertices(*road_segments.stretches(gap_part, gap_start, gap_end))
    # the pieces of a street driven along share their sequences: one Dating per set of sequences
    datings, dated = {}, {}
    for road, members in dating.items():
        if road < keep:
            key = tuple(members)
            if key not in datings:
                datings[key] = _date([sequences[index] for index in members])
            dated[road] = datings[key]
    return CoverageTable(length[:keep], covered_m[:keep], dated, gap_road, gap_end - gap_start, distances[order],
                         vertices, sizes)


def _date(chosen):
    dated = [s for s in chosen if s.first_capture or s.last_capture]
    return Dating(sequence_ids=tuple(sorted(sequence.sequence_id for sequence in chosen)),
                  newest_capture=max((s.last_capture or s.first_capture for s in dated), default=None),
                  oldest_capture=min((s.first_capture or s.last_capture for s in dated), default=None),
                  has_360=any(sequence.is_360 for sequence in chosen))


def _checkpoint(fraction, progress, cancel):
    if cancel is not None and cancel():
        raise AnalysisCancelled()
    if progress is not None and fraction is not None:
        progress(fraction)


def add_totals(first, second):
    """The CoverageTotals of two sets of roads together (one tile's and the tiles' before)."""
    if first is None:
        return second
    dates = [value for value in (first.newest_capture, second.newest_capture) if value is not None]
    olds = [value for value in (first.oldest_capture, second.oldest_capture) if value is not None]
    return CoverageTotals(first.road_m + second.road_m, first.covered_m + second.covered_m,
                          first.gap_m + second.gap_m, max(dates, default=None), min(olds, default=None))
