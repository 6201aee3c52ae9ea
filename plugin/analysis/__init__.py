"""Pure-Python coverage-gap analysis (shapely and its numpy): no qgis import; coordinates already in metres."""

from .coverage import add_totals, analyse_coverage, totals
from .models import AnalysisCancelled, CoverageTotals, Gap, RoadCoverage, SequenceTrack

__all__ = ["add_totals", "analyse_coverage", "totals", "AnalysisCancelled", "CoverageTotals", "Gap", "RoadCoverage",
           "SequenceTrack"]
