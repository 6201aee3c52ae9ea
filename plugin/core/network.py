"""The plugin's KartaView clients, built with the API address and proxy QGIS is configured with.

`requests` ignores QGIS's network settings, so the proxy of Settings ▸ Options ▸ Network is
translated here into the `proxies` mapping of the client's session.
"""

import threading
from urllib.parse import quote

from qgis.core import QgsNetworkAccessManager
from qgis.PyQt.QtNetwork import QNetworkProxy

from ..client.client import KartaViewClient
from .settings import Settings

_SCHEMES = {
    QNetworkProxy.HttpProxy: "http",
    QNetworkProxy.HttpCachingProxy: "http",
    QNetworkProxy.Socks5Proxy: "socks5h",
}

_lock = threading.Lock()
_shared = None


def qgis_proxies() -> dict:
    """The `requests` proxies mapping equivalent to QGIS's proxy settings ({} for none)."""
    manager = QgsNetworkAccessManager.instance()
    proxy = manager.fallbackProxy()
    scheme = _SCHEMES.get(proxy.type())
    if scheme is None or not proxy.hostName():
        return {}
    credentials = ""
    if proxy.user():
        credentials = "{}:{}@".format(quote(proxy.user(), safe=""), quote(proxy.password(), safe=""))
    address = "{}://{}{}:{}".format(scheme, credentials, proxy.hostName(), proxy.port())
    proxies = {"http": address, "https": address}
    excluded = [url for url in manager.fallbackProxyExcludeList() if url]
    if excluded:
        proxies["no_proxy"] = ",".join(excluded)
    return proxies


def make_client(**client_kwargs) -> KartaViewClient:
    """A new client for the configured API address, through QGIS's proxy."""
    client_kwargs.setdefault("base_url", Settings().api_url)
    client_kwargs.setdefault("proxies", qgis_proxies())
    return KartaViewClient(**client_kwargs)


def shared_client() -> KartaViewClient:
    """The process-wide client (thread-safe), rebuilt when the API address changes."""
    global _shared
    url = Settings().api_url
    with _lock:
        if _shared is None or _shared.base_url.rstrip("/") != url.rstrip("/"):
            if _shared is not None:
                _shared.close()
            _shared = make_client(base_url=url)
        return _shared
