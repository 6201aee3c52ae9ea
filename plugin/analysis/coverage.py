"""Which stretches of which roads run within a tolerance of a KartaView sequence.

The buffer of a sequence is the union of round buffers of its segments, so each road segment is
compared with the sequence segments near it in closed form (segments.within): exact, with no polygon
overlay, and right for roads that double back on themselves. Candidates come from an STRtree over
~200 m sequence pieces (grown by the tolerance), queried with ~200 m road pieces. Covered stretches
are kept as distances along each road part, so unions, per-sequence lengths and the gaps are interval
arithmetic. Inputs are already in a metric CRS.
"""

from collections import defaultdict

from shapely.geometry import box

from . import intervals
from .lines import Polyline, envelope, line_parts
from .models import AnalysisCancelled, CoverageTotals, Gap, RoadCoverage
from .segments import within
from .spatial_index import SpatialIndex

CHUNK_M = 200.0  # length of the pieces the index holds / is asked with: small boxes, few candidates
# A sequence dates a road (newest/oldest capture, count, 360) when it runs along it, not just across:
# when it covers more of it than a crossing does (2x the tolerance at a right angle, 2.5x at 53 degrees),
# or nearly all of a road too short to tell.
ALONG_TOLERANCES = 2.5
ALONG_SHARE = 0.9
PROGRESS_EVERY = 50


class _SequenceSegments:
    """Sequence segments in pieces: `pieces[i]` = (sequence position, [(c, d, grown envelope)...])."""

    def __init__(self, sequences, tolerance_m):
        boxes, self.pieces = [], []
        for position, sequence in enumerate(sequences):
            for part in line_parts(sequence.line):
                line = Polyline(part)
                for first, last in line.chunks(CHUNK_M):
                    segments = [(c, d, envelope((c, d), tolerance_m))
                                for c, d in zip(line.coords[first:last], line.coords[first + 1:last + 1])]
                    boxes.append(box(*envelope(line.coords[first:last + 1], tolerance_m)))
                    self.pieces.append((position, segments))
        self.index = SpatialIndex(boxes)


def _stretches(line, sequence_segments, tolerance_m):
    """{sequence position: [(start, end) along `line`]} of every sequence running within the tolerance."""
    found = defaultdict(list)
    for first, last in line.chunks(CHUNK_M):
        hits = sequence_segments.index.query(box(*envelope(line.coords[first:last + 1])))
        candidates = [sequence_segments.pieces[index] for index in hits]
        for index in range(first, last if candidates else first):
            a, b = line.coords[index], line.coords[index + 1]
            start, length = line.offsets[index], line.offsets[index + 1] - line.offsets[index]
            min_x, min_y, max_x, max_y = envelope((a, b))
            for position, segments in candidates:
                for c, d, (c_min_x, c_min_y, c_max_x, c_max_y) in segments:
                    if max_x < c_min_x or min_x > c_max_x or max_y < c_min_y or min_y > c_max_y:
                        continue
                    hit = within(a, b, c, d, tolerance_m)
                    if hit is not None:
                        found[position].append((start + hit[0] * length, start + hit[1] * length))
    return found


def _cover_road(road_index, geometry, sequences, sequence_segments, tolerance_m):
    """RoadCoverage of one road (distances of wholly uncovered parts still None) and its covered lines."""
    result, covered_lines = RoadCoverage(), []
    along_m = defaultdict(float)
    for part in line_parts(geometry):
        line = Polyline(part)
        result.length_m += line.length
        stretches = _stretches(line, sequence_segments, tolerance_m)
        for position, found in stretches.items():
            along_m[position] += intervals.total(intervals.merge(found))
        covered = intervals.merge(stretch for found in stretches.values() for stretch in found)
        result.covered_m += intervals.total(covered)
        covered_lines.extend(line.cut(start, end) for start, end in covered)
        # a gap of a partly covered part ends where coverage begins: it touches it
        distance = 0.0 if covered else None
        for start, end in intervals.complement(covered, line.length):
            result.gaps.append(Gap(road_index, line.cut(start, end), end - start, distance))
    dating = [sequences[position] for position, metres in along_m.items()
              if metres > ALONG_TOLERANCES * tolerance_m or metres >= ALONG_SHARE * result.length_m]
    if dating:
        result.sequence_ids = tuple(sorted(sequence.sequence_id for sequence in dating))
        dated = [s for s in dating if s.first_capture or s.last_capture]
        result.newest_capture = max((s.last_capture or s.first_capture for s in dated), default=None)
        result.oldest_capture = min((s.first_capture or s.last_capture for s in dated), default=None)
        result.has_360 = any(sequence.is_360 for sequence in dating)
    return result, covered_lines


def analyse_coverage(roads, sequences, tolerance_m, *, progress=None, cancel=None):
    """RoadCoverage for every road of `roads` (shapely lines in metres, None allowed), in input order.

    `sequences`: SequenceTrack list in the same CRS. `progress(fraction)` is called now and then;
    `cancel()` returning True stops the work with AnalysisCancelled.
    """
    if tolerance_m <= 0:
        raise ValueError("the tolerance must be positive")
    sequences = list(sequences)
    sequence_segments = _SequenceSegments(sequences, tolerance_m)
    results, covered_lines = [], []
    count = max(len(roads), 1)
    for road_index, geometry in enumerate(roads):
        if road_index % PROGRESS_EVERY == 0:
            _checkpoint(road_index / count * 0.9, progress, cancel)
        result, lines = _cover_road(road_index, geometry, sequences, sequence_segments, tolerance_m)
        results.append(result)
        covered_lines.extend(lines)
    _measure_gap_distances(results, covered_lines, progress, cancel)
    return results


def _measure_gap_distances(results, covered_lines, progress, cancel):
    """Distance from each wholly uncovered road part to the nearest covered stretch of any road."""
    index = SpatialIndex(covered_lines)
    count = max(len(results), 1)
    for road_index, result in enumerate(results):
        if road_index % PROGRESS_EVERY == 0:
            _checkpoint(0.9 + 0.1 * road_index / count, progress, cancel)
        for position, gap in enumerate(result.gaps):
            if gap.distance_to_covered_m is None:
                nearest = index.nearest(gap.geometry)
                if nearest is not None:
                    distance = gap.geometry.distance(index.geometries[nearest])
                    result.gaps[position] = Gap(gap.road, gap.geometry, gap.length_m, distance)
    _checkpoint(1.0, progress, cancel)


def _checkpoint(fraction, progress, cancel):
    if cancel is not None and cancel():
        raise AnalysisCancelled()
    if progress is not None:
        progress(fraction)


def totals(results):
    """Road, covered and gap metres over all roads, and the newest / oldest capture among them."""
    newest = [r.newest_capture for r in results if r.newest_capture is not None]
    oldest = [r.oldest_capture for r in results if r.oldest_capture is not None]
    return CoverageTotals(
        road_m=sum(r.length_m for r in results),
        covered_m=sum(r.covered_m for r in results),
        gap_m=sum(gap.length_m for r in results for gap in r.gaps),
        newest_capture=max(newest, default=None),
        oldest_capture=min(oldest, default=None),
    )
