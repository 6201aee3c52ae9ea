"""Inside QGIS the plugin's requests use QGIS's network settings (issue 14, point 5): QGIS's proxy of
every kind (a real HTTP proxy that requires authentication: Debian's tinyproxy; a real SOCKS 5 proxy:
Debian's microsocks; *Use system proxy*, which Qt reads from the environment on Linux), changes
applied at once, and the CA certificates of QGIS's authentication database. The plugin's requests
without secrets go through QGIS's network access manager (plugin/core/qgis_http.py), those carrying
the token through `requests` configured from QGIS for each request: both kinds are tested. Where it
matters, a request QGIS itself sends is the control: the plugin's go where QGIS's go. The Network
Logger sees the first kind and never the second.
PAC files are not tested: Debian's Qt 5 is built without libproxy, so QGIS here cannot use one.
"""

import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from qgis.core import (
    QgsApplication,
    QgsBlockingNetworkRequest,
    QgsNetworkAccessManager,
    QgsNetworkReplyContent,
    QgsNetworkRequestParameters,
    QgsSettings,
)
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest, QSslCertificate

from kartaview.plugin.client import KartaViewClient, KartaViewError, TransientError
from kartaview.plugin.core import network
from tests.sandbox import Sandbox

CLUJ = (23.55, 46.74, 23.65, 46.80)
PROXY_USER, PROXY_PASSWORD = "kvuser", "Pr0xy-s3cret"
SOCKS_USER, SOCKS_PASSWORD = "kv socks", "p@ss:w/rd%"  # characters a proxy URL must escape
WORKER_WAIT_S = 60  # a worker that waits longer than this for an answer is hung


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _ProxyProcess:
    """A Debian proxy program on a free port, its output in a log file, until stop()."""

    name = ""

    def _binary(self):
        binary = shutil.which(self.name) or "/usr/bin/" + self.name
        if not Path(binary).exists():
            pytest.fail("{} is not installed: run `make setup` (it is in the Makefile's APT_PACKAGES)"
                        .format(self.name))
        return binary

    def _start(self, command):
        """Run command (logging to self.log_path) and wait until self.port answers."""
        self._log = open(self.log_path, "w")  # noqa: SIM115 - open for the proxy's lifetime
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        pytest.fail("{} did not start: {}".format(self.name, self.log_path.read_text()))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


class TinyProxy(_ProxyProcess):
    """Debian's tinyproxy on a free port, with Basic authentication; its log says what went through."""

    name = "tinyproxy"

    def __init__(self, directory: Path):
        binary = self._binary()
        self.port = _free_port()
        self.log_path = directory / "tinyproxy.log"
        config = directory / "tinyproxy.conf"
        config.write_text("\n".join([
            "Port {}".format(self.port), "Listen 127.0.0.1", "Timeout 30", "MaxClients 50", "Allow 127.0.0.1",
            "BasicAuth {} {}".format(PROXY_USER, PROXY_PASSWORD), "DisableViaHeader Yes", "LogLevel Connect",
            "User nobody", "Group nogroup", ""]))
        self._start([binary, "-d", "-c", str(config)])

    def requests_for(self, url_prefix):
        """The request lines the proxy received for URLs starting with url_prefix."""
        self._log.flush()
        return [line for line in self.log_path.read_text().splitlines()
                if "Request (file descriptor" in line and " " + url_prefix in line]

    def tunnels_to(self, host_port):
        """The CONNECT request lines (an https:// tunnel) the proxy received for host:port."""
        return [line for line in self.log_path.read_text().splitlines()
                if "Request (file descriptor" in line and " CONNECT {} ".format(host_port) in line]

    def url(self, user=PROXY_USER, password=PROXY_PASSWORD):
        """The proxy's address as http_proxy gives it, with credentials."""
        return "http://{}:{}@127.0.0.1:{}".format(quote(user, safe=""), quote(password, safe=""), self.port)



@pytest.fixture
def tinyproxy(tmp_path):
    proxy = TinyProxy(tmp_path)
    yield proxy
    proxy.stop()


class MicroSocks(_ProxyProcess):
    """Debian's microsocks, a SOCKS 5 proxy, on a free port (with a user and password when given); it
    logs each connection it makes for a client, naming the target as the client sent it."""

    name = "microsocks"

    def __init__(self, directory: Path, user=None, password=None):
        binary = self._binary()
        self.port = _free_port()
        self.log_path = directory / "microsocks-{}.log".format(self.port)
        command = [binary, "-i", "127.0.0.1", "-p", str(self.port)]
        if user is not None:
            command += ["-u", user, "-P", password]
        self._start(command)

    def targets(self):
        """host:port of every connection the proxy made for a client, as the client named it."""
        return [line.rsplit(" connected to ", 1)[1] for line in self.log_path.read_text().splitlines()
                if " connected to " in line]



@pytest.fixture
def microsocks(tmp_path):
    proxy = MicroSocks(tmp_path)
    yield proxy
    proxy.stop()


@pytest.fixture
def microsocks_with_password(tmp_path):
    proxy = MicroSocks(tmp_path, SOCKS_USER, SOCKS_PASSWORD)
    yield proxy
    proxy.stop()


@pytest.fixture
def qgis_proxy(qgis_app, monkeypatch):
    """Set QGIS's proxy the way its Network options page stores and applies it; put it back afterwards."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    manager = QgsNetworkAccessManager.instance()

    def configure(**values):
        settings = QgsSettings()
        settings.remove("proxy")
        settings.setValue("proxy/proxyEnabled", bool(values))
        for key, value in values.items():
            settings.setValue("proxy/" + key, value)
        manager.setupDefaultProxyAndCache()

    configure()
    yield configure
    QgsSettings().remove("proxy")
    manager.setupDefaultProxyAndCache()


def _search(client=None):
    """A request without secret (the plugin sends it through QGIS's network access manager)."""
    client = client or network.make_client()
    photos, total = client.nearby_photos_page(CLUJ, ipp=10)
    assert photos and total >= len(photos)
    return photos


def _check_token(sandbox, client=None):
    """A request carrying the token (through `requests`, configured from QGIS's settings)."""
    client = client or network.make_client()
    client.check_token(sandbox.token)


def _in_worker(function, *args):
    """Run on a loader-like Python worker thread (not a QThread), as the layer's loader does."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args).result(timeout=WORKER_WAIT_S)


def _token_requests(proxy, sandbox):
    return [line for line in proxy.requests_for(sandbox.url) if "/1.0/list/my-list/" in line]


def test_no_proxy_configured_means_direct(qgis_proxy):
    # None, not absent: `requests` would fill absent keys from http_proxy and the like
    assert network.qgis_proxies() == {"http": None, "https": None, "all": None}


def test_socks_proxy_resolves_names_through_the_proxy(qgis_proxy):
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="socks.example", proxyPort="1080")
    assert network.qgis_proxies() == {"http": "socks5h://socks.example:1080",
                                      "https": "socks5h://socks.example:1080"}


def test_a_socks_proxy_without_pysocks_says_what_to_install(sandbox, qgis_proxy, microsocks, monkeypatch):
    monkeypatch.setitem(sys.modules, "socks", None)  # as where PySocks is not installed
    _search()  # without a SOCKS proxy the plugin needs no PySocks
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="127.0.0.1", proxyPort=str(microsocks.port))
    # Only the token's requests need PySocks: the others go through Qt, which speaks SOCKS itself.
    started = time.monotonic()
    with pytest.raises(KartaViewError, match="PySocks.*apt install python3-socks"):
        _check_token(sandbox, network.make_client(retries=0))
    assert time.monotonic() - started < 2
    _search(network.make_client(retries=0))
    assert microsocks.targets()  # through the proxy, by Qt


def test_both_kinds_of_request_go_through_qgis_authenticated_proxy_from_main_and_worker_threads(
        sandbox, qgis_proxy, tinyproxy):
    qgis_proxy(proxyType="HttpProxy", proxyHost="127.0.0.1", proxyPort=str(tinyproxy.port),
               proxyUser=PROXY_USER, proxyPassword=PROXY_PASSWORD)
    _search()
    _in_worker(_search)
    searches = [line for line in tinyproxy.requests_for(sandbox.url) if "/1.0/list/nearby-photos/" in line]
    # Qt sends each first without credentials, then again with them after the proxy's 407.
    assert len(searches) >= 2, "the requests did not go through QGIS's proxy: " + tinyproxy.log_path.read_text()
    _check_token(sandbox)
    _in_worker(_check_token, sandbox)
    assert len(_token_requests(tinyproxy, sandbox)) == 2, tinyproxy.log_path.read_text()


def test_a_proxy_asking_for_credentials_qgis_lacks_fails_quickly_in_a_worker_too(sandbox, qgis_proxy, tinyproxy):
    """QGIS would make a worker wait for the main thread to ask the user (and, in qgis_process, wait
    forever): the plugin's workers get the proxy's refusal instead."""
    qgis_proxy(proxyType="HttpProxy", proxyHost="127.0.0.1", proxyPort=str(tinyproxy.port))
    for run in (lambda f: f(), _in_worker):
        started = time.monotonic()
        with pytest.raises(KartaViewError, match="proxy"):
            run(lambda: network.make_client(retries=0).nearby_photos_page(CLUJ, ipp=10))
        # `requests` gets tinyproxy's 407 only as a reset connection while it still sends the form
        with pytest.raises(KartaViewError):
            run(lambda: _check_token(sandbox, network.make_client(retries=0)))
        assert time.monotonic() - started < 10


def test_urls_excluded_in_qgis_bypass_the_proxy(sandbox, qgis_proxy, tinyproxy):
    qgis_proxy(proxyType="HttpProxy", proxyHost="127.0.0.1", proxyPort=str(tinyproxy.port),
               proxyUser=PROXY_USER, proxyPassword=PROXY_PASSWORD, noProxyUrls=[sandbox.url])
    _search()
    _in_worker(_search)
    _check_token(sandbox)
    assert tinyproxy.requests_for(sandbox.url) == []


def test_a_proxy_change_applies_at_once_even_to_a_running_worker_thread(sandbox, qgis_proxy, tinyproxy):
    client = network.shared_client()
    with ThreadPoolExecutor(1) as worker:  # the same thread before and after the change, as a loader's
        worker.submit(_search, client).result(timeout=WORKER_WAIT_S)
        worker.submit(_check_token, sandbox, client).result(timeout=WORKER_WAIT_S)
        assert tinyproxy.requests_for(sandbox.url) == []
        qgis_proxy(proxyType="HttpProxy", proxyHost="127.0.0.1", proxyPort=str(tinyproxy.port),
                   proxyUser=PROXY_USER, proxyPassword=PROXY_PASSWORD)
        assert network.shared_client() is client, "nothing to rebuild: the settings are read per request"
        worker.submit(_search, client).result(timeout=WORKER_WAIT_S)
        worker.submit(_check_token, sandbox, client).result(timeout=WORKER_WAIT_S)
        through_proxy = len(tinyproxy.requests_for(sandbox.url))
        assert through_proxy >= 2 and len(_token_requests(tinyproxy, sandbox)) == 1
        qgis_proxy()  # and back to no proxy
        worker.submit(_search, client).result(timeout=WORKER_WAIT_S)
        worker.submit(_check_token, sandbox, client).result(timeout=WORKER_WAIT_S)
        assert len(tinyproxy.requests_for(sandbox.url)) == through_proxy


# --- SOCKS 5 ---------------------------------------------------------------------------------------

class _Ipv6Loopback:
    """[::1]:port forwarded to 127.0.0.1:port, so that a sandbox answers at "localhost" whichever
    address the proxy takes for it (Debian trixie's /etc/hosts names ::1 first; microsocks tries the
    first address only)."""

    def __init__(self, port):
        self.listener = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("::1", port))
        self.listener.listen(16)
        self.port = port
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(("127.0.0.1", self.port))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        try:  # wakes the thread blocked in accept(), so that the port is free for the next test's
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()


@pytest.fixture
def names_only_the_proxy_resolves(monkeypatch):
    """As on a network whose DNS only the proxy reaches: this process cannot resolve "localhost" (a
    direct request to it fails), the proxy, a process of its own, can. The base URL to use."""
    real_getaddrinfo = socket.getaddrinfo
    forwarders = []

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, (str, bytes)) and (host.decode() if isinstance(host, bytes) else host) == "localhost":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (only the proxy resolves it)")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    def base_url(server):
        port = urlsplit(server.url).port
        try:
            forwarders.append(_Ipv6Loopback(port))
        except OSError:  # no IPv6 loopback here: "localhost" is 127.0.0.1 alone
            pass
        return "http://localhost:{}/".format(port)
    yield base_url
    for forwarder in forwarders:
        forwarder.close()


def test_direct_requests_to_a_name_only_the_proxy_resolves_fail(sandbox, qgis_proxy, names_only_the_proxy_resolves):
    """The control of the SOCKS tests below: without the proxy, that name cannot be reached by
    `requests` (the token's requests; Qt resolves names itself, so only these can show it)."""
    with pytest.raises(KartaViewError):
        _check_token(sandbox, network.make_client(base_url=names_only_the_proxy_resolves(sandbox), retries=0))


def test_both_kinds_of_request_go_through_qgis_socks5_proxy_with_its_credentials_and_its_name_resolution(
        sandbox, qgis_proxy, microsocks_with_password, names_only_the_proxy_resolves):
    """QGIS's Socks5Proxy with a user and password: every request, from the main thread and a
    worker, goes through it, host names resolved by the proxy (socks5h) as QGIS's own requests do."""
    proxy = microsocks_with_password
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="127.0.0.1", proxyPort=str(proxy.port),
               proxyUser=SOCKS_USER, proxyPassword=SOCKS_PASSWORD)
    base_url = names_only_the_proxy_resolves(sandbox)
    target = urlsplit(base_url).netloc
    paths = [entry["path"] for entry in sandbox.request_log]
    for run in (lambda f, *a: f(*a), _in_worker):
        client = network.make_client(base_url=base_url, retries=0)  # each on its own connection
        run(_search, client)
        run(_check_token, sandbox, client)
    new = [entry["path"] for entry in sandbox.request_log][len(paths):]
    assert new.count("/1.0/list/nearby-photos/") == 2 and new.count("/1.0/list/my-list/") == 2, new
    assert proxy.targets() and set(proxy.targets()) == {target}, proxy.log_path.read_text()


def test_a_socks_proxy_refusing_the_credentials_fails_at_once_with_a_clear_message(
        sandbox, qgis_proxy, microsocks_with_password):
    """Wrong credentials, or none where the proxy wants some: a message naming the proxy's user and
    password, at once (nothing retried: a retry cannot mend it), in the main thread and a worker."""
    for credentials in ({"proxyUser": SOCKS_USER, "proxyPassword": "wrong"}, {}):
        qgis_proxy(proxyType="Socks5Proxy", proxyHost="127.0.0.1", proxyPort=str(microsocks_with_password.port),
                   **credentials)
        for run in (lambda f, *a: f(*a), _in_worker):
            started = time.monotonic()
            client = network.make_client()  # with its usual retries
            for request, args in ((_search, (client,)), (_check_token, (sandbox, client))):
                with pytest.raises(KartaViewError, match="proxy refused the user name and password") as error:
                    run(request, *args)
                assert not isinstance(error.value, TransientError)
            assert time.monotonic() - started < 2
    assert microsocks_with_password.targets() == []


@pytest.mark.parametrize("setting", ["noProxyUrls", "proxyExcludedUrls"])
def test_urls_excluded_in_qgis_bypass_the_socks_proxy(sandbox, qgis_proxy, microsocks, setting):
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="127.0.0.1", proxyPort=str(microsocks.port),
               **{setting: [sandbox.url]})
    _search()
    _in_worker(_search)
    _check_token(sandbox)
    _in_worker(_check_token, sandbox)
    assert microsocks.targets() == []
    qgis_proxy(proxyType="Socks5Proxy", proxyHost="127.0.0.1", proxyPort=str(microsocks.port))  # the control
    _search()
    assert microsocks.targets() == [urlsplit(sandbox.url).netloc]


# --- HTTPS: a CA that only QGIS's authentication database knows -----------------------------------

@pytest.fixture(scope="module")
def private_ca(tmp_path_factory):
    """A CA of our own and a certificate for localhost signed by it (openssl)."""
    directory = tmp_path_factory.mktemp("private-ca")

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)

    # The extensions of a real CA and server certificate: Python >= 3.13 verifies strictly
    # (VERIFY_X509_STRICT), and refuses a CA without keyUsage (seen on Debian sid).
    (directory / "ca.cnf").write_text(
        "[req]\ndistinguished_name=dn\nx509_extensions=v3_ca\nprompt=no\n[dn]\nCN=KartaView test CA\n"
        "[v3_ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-config", "ca.cnf",
            "-keyout", "ca.key", "-out", "ca.pem")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
            "-out", "server.csr")
    (directory / "server.cnf").write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-extfile", "server.cnf", "-out", "server.pem")
    return directory


@pytest.fixture
def https_sandbox(private_ca, tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1,
                 tls=(str(private_ca / "server.pem"), str(private_ca / "server.key"))) as server:
        yield server


@pytest.fixture
def ca_in_qgis(qgis_app, private_ca):
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master", True)
    certificate = QSslCertificate((private_ca / "ca.pem").read_bytes())
    assert not certificate.isNull()
    assert manager.storeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    yield certificate
    manager.removeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()


def test_https_with_a_ca_known_only_to_qgis_auth_database(https_sandbox, ca_in_qgis):
    client = network.make_client(base_url=https_sandbox.url, retries=0)
    _search(client)
    _in_worker(_search, client)
    _check_token(https_sandbox, client)
    _in_worker(_check_token, https_sandbox, client)
    paths = [entry["path"] for entry in https_sandbox.request_log]
    assert paths.count("/1.0/list/nearby-photos/") == 2 and paths.count("/1.0/list/my-list/") == 2
    # The CA really is unknown outside QGIS: the pure client (requests and its own CAs) refuses.
    with KartaViewClient(https_sandbox.url, retries=0) as outside:
        with pytest.raises(TransientError, match="(?i)certificate"):
            outside.nearby_photos_page(CLUJ, ipp=10)


def test_https_without_the_ca_fails_cleanly_and_at_once_in_a_worker(https_sandbox, qgis_app):
    """QGIS's SSL-error handler would make a worker wait for the main thread (forever, in
    qgis_process, whose main thread waits for the workers): the plugin's workers fail instead."""
    client = network.make_client(base_url=https_sandbox.url, retries=0)
    for run in (lambda f: f(), _in_worker):
        started = time.monotonic()
        with pytest.raises(TransientError, match="(?i)ssl|certificate|handshake"):
            run(lambda: _search(client))
        with pytest.raises(TransientError, match="(?i)ssl|certificate"):
            run(lambda: _check_token(https_sandbox, client))
        assert time.monotonic() - started < 10


# --- the Network Logger ---------------------------------------------------------------------------

class _LoggerSignals:
    """Everything QGIS's Network Logger (F12) is told: it listens to these signals of the manager."""

    def __init__(self):
        self.manager = QgsNetworkAccessManager.instance()
        self.requests, self.finished = [], []

    def on_request(self, parameters):
        self.requests.append((parameters.request().url().toString(), parameters.initiatorClassName(),
                              bytes(parameters.content()),
                              [bytes(name) + b": " + bytes(parameters.request().rawHeader(name))
                               for name in parameters.request().rawHeaderList()]))

    def on_finished(self, reply):
        self.finished.append(reply.request().url().toString())

    def __enter__(self):
        self.manager.requestAboutToBeCreated[QgsNetworkRequestParameters].connect(self.on_request)
        self.manager.finished[QgsNetworkReplyContent].connect(self.on_finished)
        return self

    def wait_for(self, count, prefix):
        deadline = time.monotonic() + 10
        while len([url for url in self.finished if url.startswith(prefix)]) < count and time.monotonic() < deadline:
            QgsApplication.processEvents()  # a worker's signals come queued
            time.sleep(0.01)

    def __exit__(self, *exc):
        self.manager.requestAboutToBeCreated[QgsNetworkRequestParameters].disconnect(self.on_request)
        self.manager.finished[QgsNetworkReplyContent].disconnect(self.on_finished)


def test_the_plugins_requests_without_secrets_show_in_the_network_logger_and_the_token_never(sandbox, qgis_proxy):
    """The plugin's own clients (the layer's shared one, a Processing run's), from the main thread and
    a loader-like worker: searches and images show, with the plugin as initiator; the token's calls
    never (the logger shows request bodies and headers)."""
    network.shared_client()  # built before the logger listens, as the layer's is
    with _LoggerSignals() as logger:
        photos = _search(network.shared_client())
        _in_worker(_search, network.make_client())
        network.shared_client().fetch_image(photos[0], "th")
        _check_token(sandbox, network.shared_client())
        _in_worker(_check_token, sandbox, network.make_client())
        logger.wait_for(3, sandbox.url)
        QgsApplication.processEvents()
    searches = [entry for entry in logger.requests if entry[0].startswith(sandbox.url + "1.0/list/nearby-photos/")]
    assert len(searches) == 2, logger.requests
    images = [entry for entry in logger.requests if entry[0] == network.shared_client().image_url(photos[0], "th")]
    assert len(images) == 1, logger.requests
    assert all(initiator == "KartaView plugin" for _url, initiator, _body, _headers in searches)
    # The logger shows request bodies (this is why a token never goes through QGIS's manager).
    assert all(b"bbTopLeft" in body for _url, _initiator, body, _headers in searches)
    token = sandbox.token.encode()
    for url, _initiator, body, headers in logger.requests:
        assert "my-list" not in url
        assert token not in url.encode() and token not in body and all(token not in line for line in headers)
    assert len([url for url in logger.finished if url.startswith(sandbox.url + "1.0/list/nearby-photos/")]) >= 2


# --- Use system proxy, and proxies named in the environment ----------------------------------------
# QGIS's own requests are the control: on Linux, Qt reads http_proxy, https_proxy (falling back to
# http_proxy) and no_proxy for *Use system proxy* only; `requests` would read them (and their
# upper-case forms, and all_proxy) whatever QGIS says, and differently.

_ENVIRONMENT_PROXIES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def _qgis_get(url):
    """A request QGIS itself sends, through its network access manager; its error message."""
    request = QgsBlockingNetworkRequest()
    request.get(QNetworkRequest(QUrl(url)))
    return request.errorMessage()


def test_with_qgis_proxy_off_no_proxy_of_the_environment_is_used(sandbox, qgis_proxy, tinyproxy, monkeypatch):
    for name in _ENVIRONMENT_PROXIES:
        monkeypatch.setenv(name, tinyproxy.url())
    qgis_proxy()  # off
    # QGIS's own request goes direct: a name no DNS knows fails at once, the proxy never sees it.
    assert "not found" in _qgis_get("http://kartaview-control.invalid/")
    assert tinyproxy.requests_for("http://kartaview-control.invalid/") == []
    _search()
    _in_worker(_search)
    _check_token(sandbox)
    _in_worker(_check_token, sandbox)
    assert tinyproxy.requests_for(sandbox.url) == [], tinyproxy.log_path.read_text()


def test_use_system_proxy_takes_the_proxy_qt_reads_for_each_url(
        sandbox, qgis_proxy, tinyproxy, monkeypatch, names_only_the_proxy_resolves):
    """http_proxy (with credentials) for localhost, which only the proxy resolves; none for
    127.0.0.1, which no_proxy names: for QGIS's requests and for the plugin's alike."""
    monkeypatch.setenv("http_proxy", tinyproxy.url())
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    qgis_proxy(proxyType="DefaultProxy")
    proxied = names_only_the_proxy_resolves(sandbox)
    _qgis_get(proxied + "control-qgis/")
    _qgis_get(sandbox.url + "control-qgis/")
    # (Qt sends the proxy's credentials once it has asked for them: twice through it)
    assert tinyproxy.requests_for(proxied + "control-qgis/") and tinyproxy.requests_for(sandbox.url) == []
    client = network.make_client(base_url=proxied, retries=0)
    _search(client)
    _in_worker(_search, client)
    _check_token(sandbox, client)
    _in_worker(_check_token, sandbox, client)
    # (searches go through Qt, which sends the proxy's credentials once asked for them: 2 to 4 lines)
    assert len(tinyproxy.requests_for(proxied + "1.0/list/nearby-photos/")) >= 2
    assert len(tinyproxy.requests_for(proxied + "1.0/list/my-list/")) == 2
    _search()
    _check_token(sandbox)
    assert tinyproxy.requests_for(sandbox.url) == [], tinyproxy.log_path.read_text()


def test_use_system_proxy_tunnels_https_through_http_proxy_as_qt_does(
        https_sandbox, ca_in_qgis, qgis_proxy, tinyproxy, monkeypatch, names_only_the_proxy_resolves):
    """No https_proxy: Qt takes http_proxy for https:// too (`requests` alone would go direct)."""
    monkeypatch.setenv("http_proxy", tinyproxy.url())
    qgis_proxy(proxyType="DefaultProxy")
    host_port = urlsplit(https_sandbox.url).netloc
    assert _qgis_get(https_sandbox.url + "control-qgis/").endswith("Not Found")  # the sandbox's 404, through the tunnel
    by_qgis = len(tinyproxy.tunnels_to(host_port))
    assert by_qgis, tinyproxy.log_path.read_text()
    client = network.make_client(base_url=https_sandbox.url, retries=0)  # localhost: only the proxy resolves it
    _search(client)
    _in_worker(_search, client)
    _check_token(https_sandbox, client)
    _in_worker(_check_token, https_sandbox, client)
    assert len(tinyproxy.tunnels_to(host_port)) > by_qgis


def test_use_system_proxy_with_a_socks_proxy_in_the_environment(
        sandbox, qgis_proxy, microsocks, monkeypatch, names_only_the_proxy_resolves):
    """http_proxy=socks5://...: Qt lets that proxy resolve names, so does the plugin."""
    monkeypatch.setenv("http_proxy", "socks5://127.0.0.1:{}".format(microsocks.port))
    qgis_proxy(proxyType="DefaultProxy")
    base_url = names_only_the_proxy_resolves(sandbox)
    _qgis_get(base_url + "control-qgis/")
    assert len(microsocks.targets()) == 1
    client = network.make_client(base_url=base_url, retries=0)
    _search(client)
    _check_token(sandbox, client)
    assert set(microsocks.targets()) == {urlsplit(base_url).netloc}


def test_urls_excluded_in_qgis_go_direct_with_use_system_proxy_too(sandbox, qgis_proxy, tinyproxy, monkeypatch):
    monkeypatch.setenv("http_proxy", tinyproxy.url())
    qgis_proxy(proxyType="DefaultProxy", proxyExcludedUrls=[sandbox.url])
    _qgis_get(sandbox.url + "control-qgis/")
    _search()
    _check_token(sandbox)
    assert tinyproxy.requests_for(sandbox.url) == [], tinyproxy.log_path.read_text()


def test_an_http_caching_proxy_carries_plain_http_only_in_qgis_and_in_the_plugin(
        sandbox, https_sandbox, ca_in_qgis, qgis_proxy, tinyproxy):
    qgis_proxy(proxyType="HttpCachingProxy", proxyHost="127.0.0.1", proxyPort=str(tinyproxy.port),
               proxyUser=PROXY_USER, proxyPassword=PROXY_PASSWORD)
    assert "No suitable proxy found" in _qgis_get(https_sandbox.url + "control-qgis/")
    for request in (_search, lambda client: _check_token(https_sandbox, client)):  # through Qt, through requests
        with pytest.raises(KartaViewError, match="no proxy that can carry") as error:
            request(network.make_client(base_url=https_sandbox.url, retries=0))
        assert not isinstance(error.value, TransientError)
    _search()  # through Qt, which sends the proxy's credentials once asked for them: 1 or 2 lines
    assert 1 <= len(tinyproxy.requests_for(sandbox.url + "1.0/list/nearby-photos/")) <= 2
    _check_token(sandbox)
    assert len(tinyproxy.requests_for(sandbox.url + "1.0/list/my-list/")) == 1


def test_a_socks5h_proxy_in_the_environment_is_refused_as_qt_refuses_it(sandbox, qgis_proxy, microsocks, monkeypatch):
    """Qt gives a socks5h:// system proxy no tunnelling capability, so QGIS cannot use it."""
    monkeypatch.setenv("http_proxy", "socks5h://127.0.0.1:{}".format(microsocks.port))
    qgis_proxy(proxyType="DefaultProxy")
    assert "No suitable proxy found" in _qgis_get(sandbox.url + "control-qgis/")
    for request in (_search, lambda client: _check_token(sandbox, client)):  # through Qt, through requests
        with pytest.raises(KartaViewError, match="no proxy that can carry") as error:
            request(network.make_client(retries=0))
        assert not isinstance(error.value, TransientError)
    assert microsocks.targets() == []
