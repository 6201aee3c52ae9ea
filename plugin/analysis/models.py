"""What the coverage analysis takes and gives: plain data, all lengths in metres."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

import numpy as np
from shapely.geometry import LineString

from .lines import split_vertices


@dataclass(frozen=True, eq=False)  # compared by identity: its line may be numpy arrays
class DrivenSequence:
    """A KartaView sequence as driven: its line in the analysis' metric CRS and what dates it."""

    sequence_id: int
    line: object  # shapely (Multi)LineString or list of (n x 2) coordinate arrays (parts), metres
    first_capture: Optional[datetime] = None
    last_capture: Optional[datetime] = None
    is_360: bool = False


@dataclass(frozen=True, eq=False)
class Gap:
    """A stretch of a road no sequence runs within the tolerance of."""

    road: int  # index of the road in the input list
    coordinates: object  # numpy array (n x 2), metres
    length_m: float
    distance_to_covered_m: Optional[float]  # to the nearest covered stretch of any road; None if none is

    @property
    def geometry(self):
        return LineString(self.coordinates)


@dataclass
class RoadCoverage:
    length_m: float = 0.0
    covered_m: float = 0.0
    sequence_ids: tuple = ()  # the sequences that run along the road (not merely across or up to it)
    newest_capture: Optional[datetime] = None
    oldest_capture: Optional[datetime] = None
    has_360: bool = False
    gaps: list = field(default_factory=list)

    @property
    def covered_pct(self):
        return 100.0 * self.covered_m / self.length_m if self.length_m > 0 else 0.0

    @property
    def sequence_count(self):
        return len(self.sequence_ids)


@dataclass(frozen=True)
class CoverageTotals:
    road_m: float
    covered_m: float
    gap_m: float
    newest_capture: Optional[datetime]
    oldest_capture: Optional[datetime]

    @property
    def covered_share(self):
        return self.covered_m / self.road_m if self.road_m > 0 else 0.0


@dataclass(frozen=True)
class Dating:
    """What dates a road: the sequences running along it."""

    sequence_ids: tuple = ()
    newest_capture: Optional[datetime] = None
    oldest_capture: Optional[datetime] = None
    has_360: bool = False


UNDATED = Dating()


@dataclass(eq=False)
class CoverageTable:
    """The coverage of roads 0..n-1 as arrays (what RoadCoverage says road by road, without an object per
    road or gap). Gaps are sorted by road, in order along each."""

    length_m: np.ndarray  # per road
    covered_m: np.ndarray  # per road
    dated: dict  # {road index: Dating}, for the roads a sequence runs along
    gap_road: np.ndarray
    gap_length_m: np.ndarray
    gap_distance_m: np.ndarray  # NaN where no stretch is covered
    gap_vertices: np.ndarray  # (n x 2) the gaps' lines one after the other
    gap_sizes: np.ndarray  # vertices per gap

    def __len__(self):
        return len(self.length_m)

    def results(self):
        """A RoadCoverage per road."""
        results = []
        for road, (length, covered) in enumerate(zip(self.length_m.tolist(), self.covered_m.tolist())):
            dating = self.dated.get(road, UNDATED)
            results.append(RoadCoverage(length, covered, dating.sequence_ids, dating.newest_capture,
                                        dating.oldest_capture, dating.has_360))
        lines = split_vertices(self.gap_vertices, self.gap_sizes)
        for road, line, length, distance in zip(self.gap_road.tolist(), lines, self.gap_length_m.tolist(),
                                                self.gap_distance_m.tolist()):
            results[road].gaps.append(Gap(road, line, length, None if np.isnan(distance) else distance))
        return results

    def totals(self):
        newest = [dating.newest_capture for dating in self.dated.values() if dating.newest_capture is not None]
        oldest = [dating.oldest_capture for dating in self.dated.values() if dating.oldest_capture is not None]
        return CoverageTotals(sum(self.length_m.tolist()), sum(self.covered_m.tolist()),
                              sum(self.gap_length_m.tolist()), max(newest, default=None), min(oldest, default=None))


class AnalysisCancelled(Exception):
    """The caller's `cancel` callable returned True."""
