"""A CoverageTable read road by road, so the analysis' tests can say what each road got."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

import numpy as np
from shapely.geometry import LineString

from kartaview.plugin.analysis import Dating
from kartaview.plugin.analysis.lines import split_vertices


@dataclass(frozen=True, eq=False)
class Gap:
    road: int  # index of the road in the input list
    coordinates: object  # numpy array (n x 2), metres
    length_m: float
    distance_to_covered_m: Optional[float]  # None when nothing is covered

    @property
    def geometry(self):
        return LineString(self.coordinates)


@dataclass
class RoadCoverage:
    length_m: float = 0.0
    covered_m: float = 0.0
    sequence_ids: tuple = ()
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


def road_results(table):
    """A RoadCoverage per road of the table, its gaps in order."""
    results = []
    for road, (length, covered) in enumerate(zip(table.length_m.tolist(), table.covered_m.tolist())):
        dating = table.dated.get(road, Dating())
        results.append(RoadCoverage(length, covered, dating.sequence_ids, dating.newest_capture,
                                    dating.oldest_capture, dating.has_360))
    lines = split_vertices(table.gap_vertices, table.gap_sizes)
    for road, line, length, distance in zip(table.gap_road.tolist(), lines, table.gap_length_m.tolist(),
                                            table.gap_distance_m.tolist()):
        results[road].gaps.append(Gap(road, line, length, None if np.isnan(distance) else distance))
    return results
