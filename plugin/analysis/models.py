"""What the coverage analysis takes and gives: plain data, all lengths in metres."""

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import numpy as np


@dataclass(frozen=True, eq=False)  # compared by identity: its line may be numpy arrays
class DrivenSequence:
    """A KartaView sequence as driven: its line in the analysis' metric CRS and what dates it."""

    sequence_id: int
    line: object  # shapely (Multi)LineString or list of (n x 2) coordinate arrays (parts), metres
    first_capture: Optional[datetime] = None
    last_capture: Optional[datetime] = None
    is_360: bool = False


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



@dataclass(eq=False)
class CoverageTable:
    """The coverage of roads 0..n-1 as arrays, without an object per road or gap. Gaps are sorted by road,
    in order along each."""

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

    def totals(self):
        newest = [dating.newest_capture for dating in self.dated.values() if dating.newest_capture is not None]
        oldest = [dating.oldest_capture for dating in self.dated.values() if dating.oldest_capture is not None]
        return CoverageTotals(sum(self.length_m.tolist()), sum(self.covered_m.tolist()),
                              sum(self.gap_length_m.tolist()), max(newest, default=None), min(oldest, default=None))


class AnalysisCancelled(Exception):
    """The caller's `cancel` callable returned True."""
