"""Pure-Python coverage-gap analysis (shapely and its numpy): no qgis import; coordinates already in metres."""

from .coverage import add_totals, analyse_coverage, coverage_table, totals
from .lines import FlatLines
from .models import AnalysisCancelled, CoverageTable, CoverageTotals, Dating, DrivenSequence, Gap, RoadCoverage

__all__ = ["add_totals", "analyse_coverage", "coverage_table", "totals", "AnalysisCancelled", "CoverageTable",
           "CoverageTotals", "Dating", "FlatLines", "Gap", "RoadCoverage", "DrivenSequence"]
