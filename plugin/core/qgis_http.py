"""A client backend sending requests without secrets through QGIS's network access manager.

plugin/core/network.py gives it to every client the plugin makes; the transport tests run on it and
on `requests` alike (tests/backends.py); tests/stress_qgis_network.py loads it as the layer does.

So those requests use what QGIS is configured with (Settings ▸ Options ▸ Network): every proxy kind
Qt supports (HTTP, SOCKS 5, the system's), the proxy's credentials or authentication configuration,
the excluded URLs, the SSL settings and the CA certificates of QGIS's authentication database; and
they show in the Network Logger (F12). Requests carrying the access token never come here: the
Network Logger shows request bodies (and QGIS offers no way to hide one), so they go through
`requests` configured from the same settings (plugin/core/network.py).

Like QgsBlockingNetworkRequest, an exchange runs a local event loop in the calling thread. It is not
QgsBlockingNetworkRequest itself because that follows redirects on its own and buffers whole
answers; here redirects go back to the client's transport (one redirect policy for every backend)
and an answer is cut off as soon as it passes the size limit.

No Python code runs inside Qt's network machinery (no Python slot, proxy factory or QIODevice
subclass): Qt calling back into Python while holding its own locks deadlocked on the GIL under load.
Python deletes no Qt object either (see QgisBackend._exchange). Nothing waits on the main thread without a bound:
in the plugin's own worker threads, QGIS's SSL-error and authentication handlers (which make the
thread wait, without a time limit, for the main thread) are disconnected, so such a request fails
at once with a message instead of hanging `qgis_process`, whose main thread waits for the workers.
"""

import threading
import time

import requests
from qgis.core import QgsNetworkAccessManager, QgsNetworkRequestParameters
from qgis.PyQt.QtCore import QByteArray, QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..client.answers import Answer, AnswerTooLarge, inflate
from ..client.transport import NotSent, NoUsableProxy, ProxyRefusedCredentials
from .compat import enum_value
from .network import main_manager

_TICK_MS = 50  # how often an exchange reads what arrived (size, deadline, inactivity) while it waits
# Qt reads ahead of the exchange at most this much: unbounded, it took a 100 MB answer in whole before
# the exchange saw its size (61 MB of memory in a test); the exchange wakes on each arrival to read it.
_READ_AHEAD_BYTES = 1 << 20
_Error = QNetworkReply.NetworkError
# Failures before the request can have reached the server: retrying is always safe.
_UNREACHABLE = {_Error.ConnectionRefusedError, _Error.HostNotFoundError, _Error.ProxyConnectionRefusedError,
                _Error.TemporaryNetworkFailureError, _Error.NetworkSessionFailedError, _Error.UnknownProxyError}
_TIMEOUT = {_Error.TimeoutError, _Error.ProxyTimeoutError, _Error.OperationCanceledError}
_PROXY = {_Error.ProxyAuthenticationRequiredError, _Error.ProxyConnectionClosedError}
_SSL = {_Error.SslHandshakeFailedError}

_local = threading.local()
_PREPARED = "kartaviewPrepared"  # a dynamic property: this manager's tracking and handlers are set
# False only in tests/stress_qgis_network.py --tracked, which measures the defect _untrack removes.
UNTRACK_REPLIES = True


def _own_thread() -> bool:
    """True in a thread Python started (the plugin's worker pools), False in Qt's threads (QGIS's
    tasks) and the main thread, whose network managers the plugin must leave as QGIS set them."""
    current = threading.current_thread()
    return current is not threading.main_thread() and not isinstance(current, threading._DummyThread)


def _proxy_key(manager):
    proxy = manager.fallbackProxy()
    return (enum_value(proxy.type()), proxy.hostName(), proxy.port(), proxy.user(), proxy.password(),
            tuple(manager.excludeList()), tuple(manager.noProxyList()))


def _manager():
    """The network manager for this thread: QGIS's own (one per thread, made by QGIS so its requests
    reach the Network Logger and QGIS's SSL configuration).

    A thread's manager copies the proxy settings once, when QGIS makes it: before each request the
    main manager's current proxy and exclusions (what the options apply) are copied to it, so a
    change reaches running loader threads at once.
    """
    manager = QgsNetworkAccessManager.instance()
    main = main_manager()
    if main is None or manager is main:
        return manager
    key = _proxy_key(main)
    if getattr(_local, "proxy_key", None) != key:
        manager.setFallbackProxyAndExcludes(main.fallbackProxy(), main.excludeList(), main.noProxyList())
        _local.proxy_key = key
    # Marked on the manager itself: QGIS makes one per thread and deletes it when the thread ends.
    if not manager.property(_PREPARED):
        # The manager is deleted when its thread ends: PyQt's notice of that (see _untrack) must not
        # mark a later object at its address as deleted.
        _untrack(manager)
        if _own_thread():
            # QGIS relays a worker's authentication requests to the main thread and waits for the
            # answer (proxy credentials: a blocking queued call; a server's: a wait condition), without
            # a time limit. The plugin's threads go without: a proxy refusing QGIS's credentials fails
            # at once.
            for signal in (manager.proxyAuthenticationRequired, manager.authenticationRequired):
                try:
                    signal.disconnect()
                except TypeError:  # nothing connected
                    pass
        manager.setProperty(_PREPARED, True)
    return manager


def _untrack(qobject):
    """Stop PyQt's tracking of a QObject that C++ made and will delete, wrapped outside the main thread.

    PyQt learns that such an object was deleted through its `destroyed` signal, queued to the main
    thread; when the main thread gets to it, it marks the wrapper at that address as deleted, which
    by then may be the wrapper of a newer object made at the same address (under load, often the
    next reply of the same thread: "wrapped C/C++ object of type QNetworkReply has been deleted" in
    the middle of an exchange, 1 request in a few thousand). The caller drops its wrappers before the
    object is deleted, so nothing is left for the notice to mark. Qt and QGIS connect nothing of
    their own to these objects' `destroyed`.
    """
    try:
        qobject.destroyed.disconnect()
    except TypeError:  # nothing connected (made or wrapped in the main thread)
        pass


class _Waiter:
    """A thread's event loop and timer for waiting on replies, made once per thread (and nesting
    depth: the main thread's loop may run a second exchange) and never deleted while it runs: no
    Qt object is made or deleted per request but the reply."""

    _local = threading.local()

    def __init__(self):
        # The event loop first: it gives a Python thread the event dispatcher the timer needs.
        self.loop = QEventLoop()
        self.ticker = QTimer()
        self.ticker.setInterval(_TICK_MS)
        self.ticker.timeout.connect(self.loop.quit)

    @classmethod
    def acquire(cls) -> "_Waiter":
        local = cls._local
        if not hasattr(local, "free"):
            local.free = []
        waiter = local.free.pop() if local.free else cls()
        waiter.ticker.start()
        return waiter

    def wait(self):
        # In the main thread, no user input meanwhile (no click re-entering the plugin).
        self.loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def release(self):
        self.ticker.stop()
        self._local.free.append(self)


def _decode_header(value) -> str:
    return bytes(value).decode("latin-1")


class QgisBackend:
    """Exchanges through QGIS's network access manager; usable from any thread."""

    initiator = "KartaView plugin"

    def exchange(self, method, url, *, headers, data, params, timeout, watch, max_bytes) -> Answer:
        # The same URL and body `requests` would send (query and form encoding alike).
        prepared = requests.Request(method, url, params=params, data=data, headers=headers).prepare()
        body = prepared.body.encode("utf-8") if isinstance(prepared.body, str) else prepared.body
        outcome = self._send(prepared, method, body, timeout, watch, max_bytes)
        if isinstance(outcome, Exception):
            raise outcome
        status, headers, answered_url, content = outcome
        declared = headers.get("Content-Length", "").strip()
        if declared.isdigit() and len(content) < int(declared):
            raise requests.ConnectionError("the answer ended after {} of {} bytes".format(len(content), declared))
        coding = next((value for name, value in headers.items() if name.lower() == "content-encoding"), "")
        return Answer.of(status, headers, answered_url, inflate(content, coding, max_bytes))

    def _send(self, prepared, method, body, timeout, watch, max_bytes):
        request = QNetworkRequest(QUrl.fromEncoded(prepared.url.encode("ascii")))
        # Redirects go back to the transport, which decides them for every backend alike.
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.ManualRedirectPolicy)
        # The plugin keeps its own cache; QGIS's must not answer for it nor fill up with photos.
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                             QNetworkRequest.CacheLoadControl.AlwaysNetwork)
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        request.setAttribute(
            QNetworkRequest.Attribute(enum_value(QgsNetworkRequestParameters.RequestAttributes.AttributeInitiatorClass)),
            self.initiator)
        for name, value in prepared.headers.items():
            # Accept-Encoding set here keeps Qt from inflating gzip itself, without a bound: the body is
            # inflated below, within max_bytes, as for `requests`. QGIS replaces the User-Agent with its
            # own (Settings ▸ Options ▸ Network).
            request.setRawHeader(name.encode("latin-1"), str(value).encode("latin-1"))
        waiter = _Waiter.acquire()
        try:
            outcome = self._exchange(_manager(), request, method, body, waiter, watch, max_bytes,
                                     float(timeout[1] if isinstance(timeout, tuple) else timeout))
        finally:
            waiter.release()
        return outcome

    @staticmethod
    def _exchange(manager, request, method, body, waiter, watch, max_bytes, idle_limit):
        """(status, headers, url, body) or the exception to raise, as plain Python values: nothing
        that outlives this call refers to the reply, which Qt deletes later (deleteLater).

        Its wrapper is dropped before Qt deletes the reply, and PyQt's deletion notice for it is
        cut (_untrack): with that notice, a reply's wrapper was found dead after a wait ("wrapped
        C/C++ object of type QNetworkReply has been deleted"), 1 request in 5,000 to 12,000 (12
        worker threads, 150 ms latency; tests/stress_qgis_network.py --tracked)."""
        verb = QByteArray(method.encode("ascii"))
        if body is not None:
            reply = manager.sendCustomRequest(request, verb, QByteArray(bytes(body)))
        else:
            reply = manager.sendCustomRequest(request, verb)
        try:
            reply.setReadBufferSize(_READ_AHEAD_BYTES)
            if UNTRACK_REPLIES:
                _untrack(reply)
            if _own_thread():
                # QGIS's handler makes a worker wait for the main thread without a time limit (which, in
                # qgis_process, waits for the workers): without it the reply fails with the SSL error.
                try:
                    reply.sslErrors.disconnect()
                except TypeError:
                    pass
            # No Python slot on the reply: a Python slot proxy destroyed in one thread while another holds
            # the GIL and connects deadlocked under load. The loop wakes on `finished`, on each arrival
            # (`readyRead`, so that the bounded read-ahead never slows an answer down) and on the
            # waiter's timer (to check the deadline and the watchdog).
            reply.finished.connect(waiter.loop.quit)
            reply.readyRead.connect(waiter.loop.quit)
            chunks, received = [], 0
            last_progress, headers_seen = time.monotonic(), False
            while True:
                finished = reply.isFinished()
                if not finished and not watch.reason:
                    waiter.wait()
                    finished = reply.isFinished()
                now = time.monotonic()
                declared = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
                if declared is not None and int(declared) > max_bytes:
                    return AnswerTooLarge()
                if not headers_seen and reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) is not None:
                    headers_seen, last_progress = True, now
                chunk = bytes(reply.readAll())
                if chunk:
                    received += len(chunk)
                    last_progress = now
                    if received > max_bytes:
                        return AnswerTooLarge()
                    chunks.append(chunk)
                if watch.reason:
                    return watch.stopped()
                if finished:
                    break
                if now - last_progress > idle_limit:  # as `requests`' read timeout: nothing came for so long
                    return requests.Timeout("no answer for {:.0f} s".format(idle_limit))
            status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
            error = reply.error()
            # With a status, an error code only names the HTTP status (400 is "ProtocolInvalidOperation"):
            # the answer is the server's, for the transport to classify. A proxy's 407 is not.
            if status is None or error in _PROXY:
                return _failure(error, reply.errorString())
            if error in (_Error.RemoteHostClosedError, _Error.UnknownNetworkError):
                return requests.ConnectionError("the answer was cut short ({})".format(reply.errorString()))
            headers = {_decode_header(name): _decode_header(reply.rawHeader(name)) for name in reply.rawHeaderList()}
            return int(status), headers, bytes(reply.url().toEncoded()).decode("ascii"), b"".join(chunks)
        finally:
            if not reply.isFinished():
                reply.abort()
            reply.deleteLater()  # by Qt, in this thread's next event loop
            reply = None

    def close(self):
        pass


def _failure(error, message) -> Exception:
    """What `requests` would raise for a reply that has no HTTP answer."""
    if error == _Error.ProxyAuthenticationRequiredError:
        return ProxyRefusedCredentials(message)
    if error == _Error.ProxyNotFoundError:  # "No suitable proxy found": QGIS's own requests fail alike
        return NoUsableProxy(message)
    if error in _UNREACHABLE:
        return NotSent(message)
    if error in _TIMEOUT:  # QGIS's own network timeout aborts a silent request
        return requests.Timeout(message)
    if error in _PROXY:
        return requests.exceptions.ProxyError("the proxy refused the request ({}); check the proxy and its "
                                              "credentials in QGIS's network settings".format(message))
    if error in _SSL:
        return requests.exceptions.SSLError("{}; if the server's certificate is right, add the certificate of its "
                                            "authority to QGIS's authentication settings".format(message))
    return requests.ConnectionError(message)

