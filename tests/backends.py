"""The client's two ways of sending, for tests that must hold on both: `requests` (the pure client,
outside QGIS) and QGIS's network access manager (inside QGIS, for requests without secrets)."""

from kartaview.plugin.client import KartaViewClient

BACKENDS = ["requests", "qgis"]


def client_factory(request):
    """make(url, **client kwargs) for the backend request.param names (a fixture's param)."""
    if request.param == "requests":
        return KartaViewClient
    request.getfixturevalue("qgis_app")
    from kartaview.plugin.core import network
    from kartaview.plugin.core.qgis_http import QgisBackend

    def make(url, **kwargs):
        client = network.make_client(base_url=url, **kwargs)
        assert isinstance(client._transport.backend, QgisBackend)
        return client

    return make


