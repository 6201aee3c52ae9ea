"""The plugin's KartaView clients, built with the API address and the network QGIS is configured with.

Requests without secrets (searches, photo lists, images, coverage pages) go through QGIS's network
access manager (.qgis_http): QGIS's proxies of every kind, SSL settings and CA certificates, the
Network Logger. Requests carrying a secret (the access token, the OpenStreetMap sign-in code) go
through `requests`, because the Network Logger would show their bodies; for each of them QGIS's
current proxy and the CA certificates QGIS trusts, its authentication database's included, are read
again (`requests_options`): a change in QGIS's options applies at once to both kinds.
"""

import atexit
import os
import tempfile
import threading
from urllib.parse import quote

from qgis.core import QgsApplication, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QCoreApplication, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

from ..client.client import KartaViewClient
from ..client.errors import KartaViewError
from .settings import Settings


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files a module tr() here


_HTTP_TYPES = (QNetworkProxy.ProxyType.HttpProxy, QNetworkProxy.ProxyType.HttpCachingProxy)
# No proxy for a URL: None for every key `requests` looks up, so that it takes none from the
# environment either (its Session.merge_environment_settings only fills keys that are absent, then
# drops those set to None); QGIS's own requests do not read http_proxy and the like themselves.
_DIRECT = {"http": None, "https": None, "all": None}

_lock = threading.Lock()
_shared = None
_shared_key = None
_main_manager = None


def _in_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def remember_main_manager():
    """Keep QGIS's main network manager (the one QGIS reconfigures when the settings change); called
    from the main thread (at import, which happens there)."""
    global _main_manager
    if _in_main_thread():
        _main_manager = QgsNetworkAccessManager.instance()


def main_manager():
    """QGIS's main network manager (None before the plugin was imported in the main thread)."""
    return _main_manager


def _listed_proxies(manager, url: str) -> list:
    """The proxies QGIS's proxy factory (QgsNetworkProxyFactory::queryProxy, QGIS 3.22) lists for
    url: none for its no-proxy and excluded URLs (each entry a prefix of the URL), the
    system's for *Use system proxy* (Qt reads the system settings and PAC on Windows and macOS,
    http_proxy/https_proxy/no_proxy on Linux), else the proxy of QGIS's settings. (QGIS would first
    ask the factories other plugins inserted into its manager; it has none by default.)"""
    query = QNetworkProxyQuery(QUrl(url))
    address = query.url().toString()
    if any(address.startswith(prefix) for prefix in manager.noProxyList() if prefix.strip()):
        return [QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)]
    if any(address.startswith(prefix) for prefix in manager.excludeList() if prefix.strip()):
        return [QNetworkProxy(QNetworkProxy.ProxyType.DefaultProxy)]  # direct, even with Use system proxy
    if manager.useSystemProxy():
        system = QNetworkProxyFactory.systemProxyForQuery(query)
        if system:
            return system
    return [manager.fallbackProxy()]


def _can_carry(proxy: QNetworkProxy, https: bool) -> bool:
    """Whether Qt's HTTP access uses this proxy for a request (QNetworkReplyHttpImpl): a tunnel (a
    SOCKS or HTTP proxy, or none) for any; an HTTP (caching) proxy also for plain http."""
    capabilities = proxy.capabilities()
    if capabilities & QNetworkProxy.Capability.TunnelingCapability:
        return True
    return (not https and proxy.type() in _HTTP_TYPES
            and bool(capabilities & QNetworkProxy.Capability.CachingCapability))


def _address(proxy: QNetworkProxy) -> str:
    if proxy.type() == QNetworkProxy.ProxyType.Socks5Proxy:
        # Qt lets a SOCKS 5 proxy resolve host names when it says it can (those of QGIS's settings do)
        lookup = proxy.capabilities() & QNetworkProxy.Capability.HostNameLookupCapability
        scheme = "socks5h" if lookup else "socks5"
    else:
        scheme = "http"
    credentials = ""
    if proxy.user():
        credentials = "{}:{}@".format(quote(proxy.user(), safe=""), quote(proxy.password(), safe=""))
    host = proxy.hostName()
    if ":" in host:  # an IPv6 address
        host = "[{}]".format(host)
    return "{}://{}{}:{}".format(scheme, credentials, host, proxy.port())


def qgis_proxies(url: str = "") -> dict:
    """The `requests` proxies mapping for url: the proxy QGIS's own requests would use for it, or
    None values for none (so that `requests` does not take one from the environment either). Qt
    takes the first listed proxy that can carry the request; so does this.

    Raises KartaViewError where QGIS has no proxy it could use for url (its own requests fail there).
    """
    # The main manager: QGIS applies a settings change to it, not to the managers of running threads.
    manager = main_manager() or QgsNetworkAccessManager.instance()
    https = url.lower().startswith("https:")
    for proxy in _listed_proxies(manager, url):
        if not _can_carry(proxy, https):
            continue
        # DefaultProxy: what QGIS lists for its excluded URLs, and has when its proxy is off; Qt 5.15
        # connects directly then (checked with QGIS 3.22). No host: a proxy form left half filled.
        if proxy.type() in (QNetworkProxy.ProxyType.NoProxy, QNetworkProxy.ProxyType.DefaultProxy) \
                or not proxy.hostName():
            return dict(_DIRECT)
        address = _address(proxy)
        return {"http": address, "https": address}
    raise KartaViewError(tr("QGIS's network settings give no proxy that can carry {} (an HTTP caching proxy serves "
                            "only http:// addresses; Qt cannot use a socks5h:// system proxy): QGIS itself could not "
                            "reach it either. Choose another proxy type in Settings > Options > Network.")
                         .format(url.split("?")[0]))


_ca_lock = threading.Lock()
_ca_certs = None
_ca_path = None
_ca_paths = []  # every bundle written; removed at exit (a request may still be opening an older one)


def _remove_ca_bundles():
    for path in _ca_paths:
        try:
            os.unlink(path)
        except OSError:
            pass


atexit.register(_remove_ca_bundles)


def qgis_ca_bundle():
    """A PEM file of the CA certificates QGIS trusts now (the system's and those of its
    authentication database, minus those marked untrusted), for `requests`' verify; True (requests'
    own CAs) when QGIS's authentication system is off. Rewritten only when the set changes (comparing
    the lists takes 0.04 ms, writing them out 1 ms)."""
    global _ca_certs, _ca_path
    manager = QgsApplication.authManager()
    if manager is None or manager.isDisabled():
        return True
    certificates = manager.trustedCaCertsCache()
    if not certificates:
        return True
    with _ca_lock:
        if certificates != _ca_certs:
            handle, path = tempfile.mkstemp(prefix="kartaview-ca-", suffix=".pem")
            with os.fdopen(handle, "wb") as stream:
                stream.write(b"".join(bytes(certificate.toPem()) for certificate in certificates))
            _ca_paths.append(path)
            _ca_certs, _ca_path = certificates, path
        return _ca_path


def requests_options(url: str) -> dict:
    """The keyword arguments for one `requests` call to url: QGIS's proxy and trusted CAs of now."""
    proxies = qgis_proxies(url)
    if any(address and address.startswith("socks") for address in proxies.values()):
        try:
            import socks  # noqa: F401 - what `requests` needs for a SOCKS proxy
        except ImportError:
            raise KartaViewError(tr("QGIS's network settings name a SOCKS proxy, and the KartaView plugin needs the "
                                    "Python package PySocks to use one (Debian/Ubuntu: apt install python3-socks; "
                                    "elsewhere: pip install PySocks in QGIS's Python).")) from None
    return {"proxies": proxies, "verify": qgis_ca_bundle()}


def make_client(**client_kwargs) -> KartaViewClient:
    """A new client for the configured API address: requests without secrets through QGIS's network
    access manager, the others on QGIS's proxy and CAs (both read per request: nothing to rebuild
    when the network settings change). backend=None sends everything through `requests`."""
    client_kwargs.setdefault("base_url", Settings().api_url)
    client_kwargs.setdefault("allow_insecure_http", Settings().allow_insecure_http)
    client_kwargs.setdefault("request_options", requests_options)
    if "backend" not in client_kwargs:
        from .qgis_http import QgisBackend  # it reads main_manager() from here

        client_kwargs["backend"] = QgisBackend()
    return KartaViewClient(**client_kwargs)


def shared_client() -> KartaViewClient:
    """The process-wide client (thread-safe), rebuilt when the API address or its settings change."""
    global _shared, _shared_key
    url = Settings().api_url
    insecure = Settings().allow_insecure_http
    key = (url.rstrip("/"), insecure)
    with _lock:
        if _shared is None or _shared_key != key:
            if _shared is not None:
                _shared.close()
            _shared = make_client(base_url=url, allow_insecure_http=insecure)
            _shared_key = key
        return _shared


remember_main_manager()
