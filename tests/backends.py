"""The client's two ways of sending, for tests that must hold on both: `requests` (the pure client,
and the plugin inside QGIS) and QGIS's network access manager (plugin/core/qgis_http.py, for
requests without secrets; not used by the plugin yet)."""

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
        return network.make_client(base_url=url, backend=QgisBackend(), **kwargs)

    return make


