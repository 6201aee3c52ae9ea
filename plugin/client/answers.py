"""Answers read within bounds: the limits of one exchange, the bounded read and decoder, the
watchdog that ends an exchange past its deadline, and the server's Retry-After.

Split from .transport (which sends, classifies and retries) so that each stays readable.
"""

import itertools
import logging
import socket
import threading
import time
import zlib
from email.utils import parsedate_to_datetime

import requests
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ReadTimeoutError

from .errors import TransientError, scrub

log = logging.getLogger(__name__)

# The largest real answers are 360° proc images (5-15 MB) and 1000-item pages (~1 MB); 32 MB leaves
# room for both and, with the loader's 12 requests in flight, caps answer memory near 400 MB where a
# 100 MB tile or a gzip bomb (1 MB inflating to GBs) once took QGIS down. Applies on the wire and
# again after decompression.
MAX_ANSWER_BYTES = 32 * 1024 * 1024
# Total time of one exchange (connect, send, whole answer, redirects), not only the time between
# two bytes: a server dripping a byte every 5 s kept a read open forever. A page or an image takes
# seconds; two minutes is far beyond a working server.
READ_DEADLINE_S = 120.0
# An upload sends a photo first: a 15 MB panorama over a 0.5 Mbit/s uplink takes about 4 minutes.
UPLOAD_DEADLINE_S = 600.0
# A Retry-After longer than this is not waited for: the request fails now and says when to retry
# (a loader or a Processing run must not sit silently for minutes).
MAX_RETRY_AFTER_S = 120.0
# Total pause between the attempts of one request (backoff and Retry-After together).
RETRY_BUDGET_S = 180.0
# The codings `inflate` decodes; requests would also announce br/zstd when those libraries are
# installed, and decode them without a bound.
ACCEPT_ENCODING = "gzip, deflate"


class AnswerTooLarge(Exception):
    """The answer is over MAX_ANSWER_BYTES (declared, received, or once decompressed)."""


class ExchangeStopped(Exception):
    """The watchdog cut the exchange: reason is "deadline" or "cancelled"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class _Received:
    """What Answer reads from a requests Response, for answers received otherwise."""

    __slots__ = ("status_code", "headers", "url", "encoding")


class Answer:
    """An HTTP answer read completely: what `classify` and the other answer handlers look at."""

    __slots__ = ("status_code", "headers", "url", "encoding", "content")

    def __init__(self, response, content: bytes):
        self.status_code = response.status_code
        self.headers = response.headers
        self.url = response.url
        self.encoding = response.encoding
        self.content = content

    @classmethod
    def of(cls, status: int, headers: dict, url: str, content: bytes):
        """An answer a backend other than `requests` received (content already decoded and bounded)."""
        shim = _Received()
        shim.status_code, shim.url = int(status), url
        shim.headers = CaseInsensitiveDict(headers)
        shim.encoding = get_encoding_from_headers(shim.headers)
        return cls(shim, content)

    @property
    def text(self) -> str:
        """The body as text (for messages only: no charset guessing)."""
        try:
            return self.content.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")


def inflate(content: bytes, coding: str, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The body decoded from its Content-Encoding, never more than `limit` bytes (a gzip bomb stops
    at the limit instead of filling memory). Unknown codings are left as they are."""
    codings = [c.strip().lower() for c in (coding or "").split(",") if c.strip()]
    for name in reversed(codings):
        if name == "identity":
            continue
        if name in ("gzip", "x-gzip"):
            candidates = (16 + zlib.MAX_WBITS,)
        elif name == "deflate":  # the standard says zlib-wrapped; some servers send it raw
            candidates = (zlib.MAX_WBITS, -zlib.MAX_WBITS)
        else:
            return content
        for number, wbits in enumerate(candidates):
            decoder = zlib.decompressobj(wbits)
            try:
                out = decoder.decompress(content, limit + 1)
                if len(out) <= limit and not decoder.unconsumed_tail:
                    out += decoder.flush()
            except zlib.error as error:
                if number + 1 < len(candidates):
                    continue
                raise requests.exceptions.ContentDecodingError("a damaged {} body ({})".format(name, error)) from None
            if len(out) > limit or decoder.unconsumed_tail:
                raise AnswerTooLarge()
            content = out
            break
    return content


def read_answer(response, watch, max_bytes: int = MAX_ANSWER_BYTES) -> Answer:
    """The whole answer, at most max_bytes on the wire and decoded, and the connection handed back.

    One read up to the limit: requests' iter_content reads 10 kB chunks, and each read releases and
    re-takes the GIL; while other loader threads parse JSON every re-take can wait a switch interval
    (5 ms), which stretched a 700 kB page to 100-200 ms. Read errors become the requests exceptions
    that `.content` would have raised; a read the watchdog cut raises ExchangeStopped.
    """
    try:
        declared = (response.headers.get("Content-Length") or "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            raise AnswerTooLarge()
        try:
            content = response.raw.read(max_bytes + 1, decode_content=False) or b""
        except ReadTimeoutError as error:
            raise watch.stopped() or requests.exceptions.ReadTimeout(str(error)) from None
        except (Urllib3Error, OSError) as error:
            raise watch.stopped() or requests.ConnectionError(str(error)) from None
        if watch.stopped():  # the socket was cut: what arrived is partial
            raise watch.stopped()
        if len(content) > max_bytes:
            raise AnswerTooLarge()
        if declared.isdigit() and len(content) < int(declared):
            raise requests.ConnectionError("the answer ended after {} of {} bytes".format(len(content), declared))
        return Answer(response, inflate(content, response.headers.get("Content-Encoding", ""), max_bytes))
    finally:
        response.close()


def parse_retry_after(value, now=None):
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = str(value).strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def rate_limit_error(answer, what, secrets=()):
    """A TransientError for a 429 or 503 answer, carrying its Retry-After; None for other answers."""
    if answer.status_code not in (429, 503):
        return None
    wait = parse_retry_after(answer.headers.get("Retry-After"))
    if answer.status_code == 429:
        text = "KartaView asks the plugin to slow down (HTTP 429 Too Many Requests) while {}.".format(what)
    else:
        text = "KartaView is unavailable for now (HTTP 503) while {}.".format(what)
    text += " Try again in {:.0f} s.".format(wait) if wait is not None else " Try again in a few minutes."
    return TransientError(scrub(text, secrets), http_status=answer.status_code, retry_after=wait)


def _shutdown(response):
    """Cut the socket under a streamed response: a blocked read returns at once."""
    raw = getattr(response, "raw", None)
    sock = getattr(getattr(raw, "_connection", None), "sock", None)
    if sock is None:
        fp = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(fp, "raw", None), "_sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Watch:
    """One exchange under the watchdog; `response` is set once the headers have arrived."""

    __slots__ = ("deadline", "cancel", "response", "reason", "key")

    def stopped(self):
        """ExchangeStopped when the watchdog cut this exchange, else None."""
        return ExchangeStopped(self.reason) if self.reason else None


class Watchdog:
    """One daemon thread that cuts exchanges past their deadline or cancelled.

    A blocking read cannot watch the clock itself: a drip of one byte every few seconds never trips
    the socket's read timeout, which restarts with each byte.
    """

    POLL_S = 0.05  # how soon a cancel or an expired deadline takes effect

    def __init__(self):
        self._lock = threading.Condition()
        self._watches = {}
        self._keys = itertools.count()
        self._thread = None

    def watch(self, deadline, cancel) -> Watch:
        entry = Watch()
        entry.deadline, entry.cancel, entry.response, entry.reason = deadline, cancel, None, None
        entry.key = next(self._keys)
        with self._lock:
            self._watches[entry.key] = entry
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="kartaview-watchdog", daemon=True)
                self._thread.start()
            self._lock.notify()
        return entry

    def unwatch(self, entry: Watch):
        with self._lock:
            self._watches.pop(entry.key, None)

    @staticmethod
    def _expired(entry, now):
        if now >= entry.deadline:
            return "deadline"
        try:
            if entry.cancel is not None and entry.cancel():
                return "cancelled"
        except Exception:  # noqa: BLE001 - a broken cancel callable must not kill the watchdog
            log.exception("cancel callable failed")
        return None

    def _run(self):
        while True:
            with self._lock:
                while not self._watches:
                    self._lock.wait()
                entries = list(self._watches.values())
            now = time.monotonic()
            for entry in entries:
                reason = self._expired(entry, now)
                if reason is None:
                    continue
                # Cut under the lock: once unwatch() returns, the cut has happened or never will,
                # so the exchange may hand its connection back to the pool.
                with self._lock:
                    if self._watches.pop(entry.key, None) is None:
                        continue  # finished meanwhile
                    entry.reason = reason
                    if entry.response is not None:
                        _shutdown(entry.response)
            time.sleep(self.POLL_S)


WATCHDOG = Watchdog()
