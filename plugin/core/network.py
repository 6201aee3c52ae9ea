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
    QNetworkProxy.ProxyType.HttpProxy: "http",
    QNetworkProxy.ProxyType.HttpCachingProxy: "http",
    QNetworkProxy.ProxyType.Socks5Proxy: "socks5h",
}

_lock = threading.Lock()
_shared = None
_shared_key = None


def qgis_proxies(url: str = "") -> dict:
    """The `requests` proxies mapping equivalent to QGIS's proxy settings for `url` ({} for none).

    QGIS skips its proxy for URLs starting with an entry of its exclude or no-proxy lists.
    """
    manager = QgsNetworkAccessManager.instance()
    proxy = manager.fallbackProxy()
    scheme = _SCHEMES.get(proxy.type())
    if scheme is None or not proxy.hostName():
        return {}
    prefixes = [prefix.strip().lower() for prefix in manager.excludeList() + manager.noProxyList()]
    if url and any(prefix and url.lower().startswith(prefix) for prefix in prefixes):
        return {}
    credentials = ""
    if proxy.user():
        credentials = "{}:{}@".format(quote(proxy.user(), safe=""), quote(proxy.password(), safe=""))
    address = "{}://{}{}:{}".format(scheme, credentials, proxy.hostName(), proxy.port())
    return {"http": address, "https": address}


def make_client(**client_kwargs) -> KartaViewClient:
    """A new client for the configured API address, through QGIS's proxy."""
    client_kwargs.setdefault("base_url", Settings().api_url)
    client_kwargs.setdefault("proxies", qgis_proxies(client_kwargs["base_url"]))
    client_kwargs.setdefault("allow_insecure_http", Settings().allow_insecure_http)
    return KartaViewClient(**client_kwargs)


def shared_client() -> KartaViewClient:
    """The process-wide client (thread-safe), rebuilt when the API address or the proxy changes."""
    global _shared, _shared_key
    url = Settings().api_url
    proxies = qgis_proxies(url)
    insecure = Settings().allow_insecure_http
    key = (url.rstrip("/"), sorted(proxies.items()), insecure)
    with _lock:
        if _shared is None or _shared_key != key:
            if _shared is not None:
                _shared.close()
            _shared = make_client(base_url=url, proxies=proxies, allow_insecure_http=insecure)
            _shared_key = key
        return _shared
