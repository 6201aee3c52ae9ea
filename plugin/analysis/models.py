"""What the coverage analysis takes and gives: plain data, all lengths in metres."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from shapely.geometry import LineString


@dataclass(frozen=True, eq=False)  # compared by identity: its line may be numpy arrays
class SequenceTrack:
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


class AnalysisCancelled(Exception):
    """The caller's `cancel` callable returned True."""
