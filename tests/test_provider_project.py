"""The layer URI, registration, and KartaView layers surviving a project save and reload."""

import pytest
from qgis.core import QgsProject, QgsProviderRegistry, QgsVectorLayer

from kartaview.plugin.plugin import register_data_provider
from kartaview.plugin.provider import uri as kv_uri
from tests.provider_support import SMALL, expected_sequences, ids, open_layer, rect_request


def test_registration_is_idempotent(kv_app):
    assert register_data_provider() and register_data_provider()
    assert QgsProviderRegistry.instance().providerMetadata("kartaview") is not None


def test_uri_round_trip_through_the_registry(kv_app):
    registry = QgsProviderRegistry.instance()
    parts = registry.decodeUri("kartaview", "type=photos&since=2020-01-02&min_quality=50&only_360=yes&username=a+b")
    assert parts == {"type": "photos", "since": "2020-01-02", "min_quality": 50, "only_360": True, "username": "a b"}
    text = registry.encodeUri("kartaview", parts)
    assert registry.decodeUri("kartaview", text) == parts
    params = kv_uri.params_from_uri(text)
    assert params.layer_type == "photos" and params.filters.min_quality == 50 and params.filters.only_360
    assert kv_uri.uri_for() == "type=sequences"


@pytest.mark.parametrize("bad", ["type=rasters", "since=yesterday", "min_quality=high", "access_token=secret",
                                 "bbox=1,2,3"])
def test_bad_uris_make_invalid_layers_not_crashes(kv_app, bad):
    assert not QgsVectorLayer(bad, "bad", "kartaview").isValid()
    assert QgsProviderRegistry.instance().decodeUri("kartaview", bad) == {}


def test_layers_survive_save_and_reload(kv_app, sandbox, tmp_path):
    project = QgsProject.instance()
    uris = ["type=sequences&min_quality=10&wait=1", "type=photos&wait=1", "type=coverage&wait=1"]
    for number, text in enumerate(uris):
        project.addMapLayer(open_layer(text, "kv{}".format(number)))
    path = str(tmp_path / "kartaview.qgs")
    assert project.write(path)
    project.clear()
    assert project.read(path)
    layers = sorted(project.mapLayers().values(), key=lambda layer: layer.name())
    try:
        assert [layer.source() for layer in layers] == uris
        assert all(layer.isValid() and layer.providerType() == "kartaview" for layer in layers)
        accept = lambda v2: int(v2["quality"]) >= 10  # noqa: E731
        assert ids(layers[0].getFeatures(rect_request(SMALL))) == expected_sequences(sandbox.world, SMALL, accept)
        assert layers[1].wkbType() == 1 and layers[2].fields().names()[-1] == "coverage"
    finally:
        project.clear()
