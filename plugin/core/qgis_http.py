"""The client's backend inside QGIS: requests without secrets through QGIS's network access manager.

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
subclass) and every Qt object made here is deleted here: Qt calling back into Python while holding
its own locks deadlocked on the GIL under load. Nothing waits on the main thread without a bound:
in the plugin's own worker threads, QGIS's SSL-error and authentication handlers (which make the
thread wait, without a time limit, for the main thread) are disconnected, so such a request fails
at once with a message instead of hanging `qgis_process`, whose main thread waits for the workers.
"""

import threading
import time

import requests
from qgis.core import QgsNetworkAccessManager, QgsNetworkRequestParameters
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QEventLoop, QThread, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..client.answers import Answer, AnswerTooLarge, inflate
from ..client.transport import NotSent
from .compat import enum_value

_TICK_MS = 50  # how often an exchange reads what arrived (size, deadline, inactivity) while it waits
_Error = QNetworkReply.NetworkError
# Failures before the request can have reached the server: retrying is always safe.
_UNREACHABLE = {_Error.ConnectionRefusedError, _Error.HostNotFoundError, _Error.ProxyConnectionRefusedError,
                _Error.ProxyNotFoundError, _Error.TemporaryNetworkFailureError, _Error.NetworkSessionFailedError,
                _Error.UnknownProxyError}
_TIMEOUT = {_Error.TimeoutError, _Error.ProxyTimeoutError, _Error.OperationCanceledError}
_PROXY = {_Error.ProxyAuthenticationRequiredError, _Error.ProxyConnectionClosedError}
_SSL = {_Error.SslHandshakeFailedError}

_main_manager = None
_local = threading.local()
# Deleting a Qt object and wrapping a new one are serialised: sip deletes a reply with the GIL
# released, and a reply another thread got meanwhile at the same address came back as the deleted
# one's Python wrapper ("wrapped C/C++ object of type QNetworkReply has been deleted").
_wrappers = threading.Lock()


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
    main = _main_manager
    if main is None or manager is main:
        return manager
    key = _proxy_key(main)
    if getattr(_local, "proxy_key", None) != key:
        manager.setFallbackProxyAndExcludes(main.fallbackProxy(), main.excludeList(), main.noProxyList())
        _local.proxy_key = key
    if _own_thread() and not getattr(_local, "unhandled", False):
        # QGIS relays a worker's authentication requests to the main thread and waits for the answer
        # (proxy credentials: a blocking queued call; a server's: a wait condition), without a time
        # limit. The plugin's threads go without: a proxy refusing QGIS's credentials fails at once.
        for signal in (manager.proxyAuthenticationRequired, manager.authenticationRequired):
            try:
                signal.disconnect()
            except TypeError:  # nothing connected
                pass
        _local.unhandled = True
    return manager


def _decode_header(value) -> str:
    return bytes(value).decode("latin-1")


class QgisBackend:
    """Exchanges through QGIS's network access manager; usable from any thread."""

    initiator = "KartaView plugin"

    def exchange(self, method, url, *, headers, data, params, timeout, watch, max_bytes) -> Answer:
        # The same URL and body `requests` would send (query and form encoding alike).
        prepared = requests.Request(method, url, params=params, data=data, headers=headers).prepare()
        body = prepared.body.encode("utf-8") if isinstance(prepared.body, str) else prepared.body
        idle_limit = float(timeout[1] if isinstance(timeout, tuple) else timeout)
        # The event loop first: it gives a Python thread the event dispatcher the reply's timers need.
        loop = QEventLoop()
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
        manager = _manager()
        verb = QByteArray(method.encode("ascii"))
        with _wrappers:
            if body is not None:
                reply = manager.sendCustomRequest(request, verb, QByteArray(bytes(body)))
            else:
                reply = manager.sendCustomRequest(request, verb)
        if _own_thread():
            # QGIS's handler makes a worker wait for the main thread without a time limit (which, in
            # qgis_process, waits for the workers): without it the reply fails with the SSL error.
            try:
                reply.sslErrors.disconnect()
            except TypeError:
                pass
        # No Python slot on the reply: a Python slot proxy destroyed in one thread while another holds
        # the GIL and connects deadlocked under load. The loop wakes on `finished` and on a short timer
        # (to read what arrived and check the size, the deadline and the watchdog's verdict).
        reply.finished.connect(loop.quit)
        ticker = QTimer()
        ticker.setInterval(_TICK_MS)
        ticker.timeout.connect(loop.quit)
        ticker.start()
        chunks, received = [], 0
        last_progress, headers_seen = time.monotonic(), False
        try:
            while True:
                finished = reply.isFinished()
                if not finished and not watch.reason:
                    # In the main thread, no user input meanwhile (no click re-entering the plugin).
                    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
                    finished = reply.isFinished()
                now = time.monotonic()
                declared = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
                if declared is not None and int(declared) > max_bytes:
                    reply.abort()
                    raise AnswerTooLarge()
                if not headers_seen and reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) is not None:
                    headers_seen, last_progress = True, now
                chunk = bytes(reply.readAll())
                if chunk:
                    received += len(chunk)
                    last_progress = now
                    if received > max_bytes:
                        chunks.clear()
                        reply.abort()
                        raise AnswerTooLarge()
                    chunks.append(chunk)
                if watch.reason:
                    reply.abort()
                    raise watch.stopped()
                if finished:
                    break
                if now - last_progress > idle_limit:  # as `requests`' read timeout: nothing came for so long
                    reply.abort()
                    raise requests.Timeout("no answer for {:.0f} s".format(idle_limit))
            return self._answer(reply, chunks, max_bytes)
        finally:
            ticker.stop()
            if not reply.isFinished():
                reply.abort()
            # Deleted here, in this thread, holding the GIL (not later in some event loop).
            with _wrappers:
                sip.delete(reply)
                sip.delete(ticker)
                sip.delete(loop)
                # And no Python reference left: a deleted object's wrapper stays in sip's map while
                # referenced, and a new reply at the same address would come back as it.
                reply = ticker = loop = None

    @staticmethod
    def _answer(reply, chunks, max_bytes) -> Answer:
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        error = reply.error()
        # With a status, an error code only names the HTTP status (400 is "ProtocolInvalidOperation"):
        # the answer is the server's, for the transport to classify. A proxy's 407 is not.
        if status is None or error in _PROXY:
            raise _failure(reply, error)
        if error in (_Error.RemoteHostClosedError, _Error.UnknownNetworkError):
            raise requests.ConnectionError("the answer was cut short ({})".format(reply.errorString()))
        headers = {_decode_header(name): _decode_header(reply.rawHeader(name)) for name in reply.rawHeaderList()}
        content = b"".join(chunks)
        declared = headers.get("Content-Length", "").strip()
        coding = next((value for name, value in headers.items() if name.lower() == "content-encoding"), "")
        if declared.isdigit() and len(content) < int(declared):
            raise requests.ConnectionError("the answer ended after {} of {} bytes".format(len(content), declared))
        return Answer.of(int(status), headers, bytes(reply.url().toEncoded()).decode("ascii"),
                         inflate(content, coding, max_bytes))

    def close(self):
        pass


def _failure(reply, error) -> Exception:
    """What `requests` would raise for a reply that has no HTTP answer."""
    message = reply.errorString()
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


remember_main_manager()
