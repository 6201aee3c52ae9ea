"""The KartaView filters shared by the Processing algorithms (plugin/processing/filters.py)."""

from datetime import date

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException

from kartaview.plugin.processing.coverage_gaps import CoverageGapsAlgorithm
from kartaview.plugin.processing.download_sequences import DownloadSequencesAlgorithm
from kartaview.plugin.processing.filters import filters_from_parameters
from kartaview.plugin.provider.uri import Filters

FILTER_NAMES = ["SINCE", "UNTIL", "USERNAME", "MIN_QUALITY", "ONLY_360"]


def _algorithm(algorithm_class=DownloadSequencesAlgorithm):
    algorithm = algorithm_class()
    algorithm.initAlgorithm()
    return algorithm


def _filter_definitions(algorithm):
    return [parameter.toVariantMap() for parameter in algorithm.parameterDefinitions()
            if parameter.name() in FILTER_NAMES]


def test_both_algorithms_offer_the_same_filters(kv_app):
    download, coverage = _algorithm(DownloadSequencesAlgorithm), _algorithm(CoverageGapsAlgorithm)
    assert [definition["name"] for definition in _filter_definitions(download)] == FILTER_NAMES
    assert _filter_definitions(download) == _filter_definitions(coverage)


@pytest.mark.parametrize("parameters, expected", [
    ({}, Filters()),
    ({"SINCE": "2020-02-03", "UNTIL": "2021-01-01", "USERNAME": "  bob ", "MIN_QUALITY": 40, "ONLY_360": True},
     Filters(since=date(2020, 2, 3), until=date(2021, 1, 1), username="bob", min_quality=40, only_360=True)),
    ({"SINCE": "2020-02-03", "UNTIL": "2020-02-03"}, Filters(since=date(2020, 2, 3), until=date(2020, 2, 3))),
])
def test_filters_from_parameters(kv_app, parameters, expected):
    assert filters_from_parameters(_algorithm(), parameters, QgsProcessingContext()) == expected


def test_dates_the_wrong_way_round_are_refused(kv_app):
    with pytest.raises(QgsProcessingException, match="later than"):
        filters_from_parameters(_algorithm(), {"SINCE": "2021-01-02", "UNTIL": "2021-01-01"}, QgsProcessingContext())
