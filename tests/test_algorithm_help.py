"""Every Processing algorithm of the plugin explains itself in the Processing dialog."""

import pytest

from kartaview.plugin.processing.provider import ALGORITHMS, KartaViewProcessingProvider


def test_the_provider_offers_algorithms():
    assert ALGORITHMS, "no algorithm is registered in plugin/processing/provider.py"


@pytest.mark.parametrize("algorithm_class", ALGORITHMS, ids=lambda cls: cls.__name__)
def test_algorithm_names_and_help(kv_app, algorithm_class):
    algorithm = algorithm_class()
    algorithm.initAlgorithm()
    assert algorithm.name() and algorithm.name() == algorithm.name().lower()
    assert algorithm.displayName().strip()
    help_text = algorithm.shortHelpString()
    assert help_text and len(help_text.strip()) >= 40, "shortHelpString is missing or too short"
    assert type(algorithm.createInstance()) is algorithm_class
    for parameter in algorithm.parameterDefinitions():
        assert parameter.description().strip(), "parameter {} has no label".format(parameter.name())


def test_algorithm_ids_are_unique(kv_app):
    provider = KartaViewProcessingProvider()
    names = [cls().name() for cls in ALGORITHMS]
    assert len(names) == len(set(names))
    assert provider.id() == "kartaview"
