"""Pure-Python (shapely) coverage-gap analysis: no qgis import; coordinates already in metres."""

from .coverage import analyse_coverage, totals
from .models import AnalysisCancelled, CoverageTotals, Gap, RoadCoverage, SequenceTrack

__all__ = ["analyse_coverage", "totals", "AnalysisCancelled", "CoverageTotals", "Gap", "RoadCoverage",
           "SequenceTrack"]
