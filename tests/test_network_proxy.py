"""QGIS's own proxy settings (Settings ▸ Options ▸ Network) apply to the plugin's requests."""

import base64
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from qgis.core import QgsNetworkAccessManager, QgsSettings

from kartaview.plugin.core import network

CLUJ = (23.55, 46.74, 23.65, 46.80)
HOP_HEADERS = {"proxy-authorization", "proxy-connection", "connection", "keep-alive", "transfer-encoding"}


class _ProxyHandler(BaseHTTPRequestHandler):
    """A plain HTTP forward proxy that records what went through it."""

    def _forward(self):
        self.server.seen.append((self.command, self.path, self.headers.get("Proxy-Authorization")))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        target = urlsplit(self.path)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        path = target.path + ("?" + target.query if target.query else "")
        connection.request(self.command, path, body=body, headers=headers)
        reply = connection.getresponse()
        data = reply.read()
        self.send_response(reply.status)
        for key, value in reply.getheaders():
            if key.lower() not in HOP_HEADERS | {"content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    do_GET = do_POST = _forward  # noqa: N815 (http.server handler names)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ProxyHandler)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def qgis_proxy(qgis_app, monkeypatch):
    """Set QGIS's proxy the way its Network options page stores it; put it back afterwards."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    manager = QgsNetworkAccessManager.instance()

    def configure(**values):
        settings = QgsSettings()
        settings.setValue("proxy/proxyEnabled", True)
        for key, value in values.items():
            settings.setValue("proxy/" + key, value)
        manager.setupDefaultProxyAndCache()

    yield configure
    QgsSettings().remove("proxy")
    manager.setupDefaultProxyAndCache()


def test_no_proxy_configured_means_direct(qgis_proxy):
    QgsSettings().remove("proxy")
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    assert network.qgis_proxies() == {}


def test_the_client_goes_through_the_qgis_http_proxy_with_its_credentials(sandbox, qgis_proxy, proxy_server):
    host, port = proxy_server.server_address
    qgis_proxy(proxyType="HttpProxy", proxyHost=host, proxyPort=str(port),
               proxyUser="kv user", proxyPassword="p@ss:word")

    client = network.make_client()
    try:
        photos, total = client.nearby_photos_page(CLUJ, ipp=10)
    finally:
        client.close()

    assert photos and total >= len(photos), "the answer came back through the proxy"
    assert proxy_server.seen, "no request went through QGIS's proxy"
    expected_auth = "Basic " + base64.b64encode(b"kv user:p@ss:word").decode()
    for _method, url, auth in proxy_server.seen:
        assert url.startswith(sandbox.url)
        assert auth == expected_auth


def test_urls_excluded_in_qgis_bypass_the_proxy(sandbox, qgis_proxy, proxy_server):
    host, port = proxy_server.server_address
    qgis_proxy(proxyType="HttpProxy", proxyHost=host, proxyPort=str(port),
               proxyExcludedUrls=[sandbox.url])

    assert network.qgis_proxies(sandbox.url) == {}
    assert network.qgis_proxies("https://api.openstreetcam.org/") != {}
    client = network.make_client()
    try:
        photos, _ = client.nearby_photos_page(CLUJ, ipp=10)
    finally:
        client.close()
    assert photos
    assert proxy_server.seen == []


def test_socks_proxy_resolves_names_through_the_proxy(qgis_proxy):
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="socks.example", proxyPort="1080")
    assert network.qgis_proxies() == {"http": "socks5h://socks.example:1080",
                                      "https": "socks5h://socks.example:1080"}


def test_the_shared_client_follows_a_proxy_change(sandbox, qgis_proxy, proxy_server):
    QgsSettings().remove("proxy")
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    direct = network.shared_client()
    host, port = proxy_server.server_address
    qgis_proxy(proxyType="HttpProxy", proxyHost=host, proxyPort=str(port))

    proxied = network.shared_client()
    assert proxied is not direct
    proxied.nearby_photos_page(CLUJ, ipp=10)
    assert proxy_server.seen
