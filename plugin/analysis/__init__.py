"""Pure-Python coverage-gap analysis (shapely and its numpy): no qgis import; coordinates already in metres."""

from .coverage import add_totals, coverage_table
from .lines import FlatLines
from .models import AnalysisCancelled, CoverageTable, CoverageTotals, Dating, DrivenSequence

__all__ = ["add_totals", "coverage_table", "AnalysisCancelled", "CoverageTable", "CoverageTotals", "Dating",
           "FlatLines", "DrivenSequence"]
