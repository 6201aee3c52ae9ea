"""HTTP for the client: one pooled session, timeouts, answer classification, retries with backoff.

KartaView signals failure in many forms (HTTP 400 with an apiCode, HTML 502 pages from the
gateway, empty bodies, plain-text 401s), so every answer goes through `classify` which turns it
into the payload dict or one exception of .errors. Transient failures are retried with
exponential backoff and full jitter, or after the `Retry-After` the server asked for, within a
total budget; the `sleep` is injectable so tests run fast. Every answer is bounded in size and in
total time (.answers).

Two ways to send. By default every request goes through `requests` (the pure client, without QGIS).
A `backend` (inside QGIS: QGIS's network access manager) sends the requests that carry no secret;
the ones that do (a form with `access_token`) always go through `requests`, with `request_options`
giving the proxy and CA bundle to use for each one. Both ways share the redirect policy (.redirects),
the answer bounds (.answers), the classification and the retries below.
"""

import json
import logging
import random
import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from .answers import (
    ACCEPT_ENCODING,
    MAX_ANSWER_BYTES,
    MAX_RETRY_AFTER_S,
    READ_DEADLINE_S,
    RETRY_BUDGET_S,
    UPLOAD_DEADLINE_S,
    WATCHDOG,
    AnswerTooLarge,
    ExchangeStopped,
    rate_limit_error,
    read_answer,
)
from .errors import (
    AuthenticationError,
    BadRequestError,
    Cancelled,
    DuplicateError,
    KartaViewError,
    NotFoundError,
    TransientError,
    scrub,
)
from .parsing import api_code, api_message, field_in_message
from .redirects import REDIRECT_CODES, check_secure, redirect_target

log = logging.getLogger(__name__)

TRANSIENT_CODES = {690, 408}
DUPLICATE_CODES = {660, 406}
AUTH_CODES = {401, 618}
BAD_REQUEST_CODES = {610, 611, 612, 613}
NOT_FOUND_CODES = {601, 671}
SUCCESS_CODES = {600, 602}
_EXCERPT = 120


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "..."


def check_cancel(cancel):
    if cancel is not None and cancel():
        raise Cancelled()


def classify(response, what: str, *, empty_ok: bool = False, secrets=()) -> dict:
    """The JSON payload of a successful answer (an Answer, or a requests Response); otherwise raise
    the matching KartaViewError.

    empty_ok: apiCode 601 ("empty response") means an empty list rather than "not found".
    """
    status = response.status_code
    try:
        payload = json.loads(response.content.decode("utf-8-sig")) if response.content.strip() else None
    except ValueError:
        payload = None
    code = api_code(payload)
    message = scrub(api_message(payload), secrets)
    said = " (KartaView said: {})".format(message) if message else ""

    def fail(cls, text, **extra):
        raise cls(scrub(text, secrets), api_code=code, http_status=status, **extra)

    if status == 401 or code in AUTH_CODES:
        detail = message or _excerpt(scrub(response.text, secrets)) or "HTTP {}".format(status)
        fail(AuthenticationError, "KartaView did not accept the access token while {} ({}). "
             "Please sign in again to KartaView.".format(what, detail))
    if code in DUPLICATE_CODES or "duplicate entry" in message.lower():
        fail(DuplicateError, "KartaView already has this photo{}; nothing needs to be uploaded again.".format(said))
    if code in BAD_REQUEST_CODES:
        field = field_in_message(message)
        named = "the field '{}'".format(field) if field else "a field"
        fail(BadRequestError, "KartaView rejected {} of the request while {}{}. Check that value; if it "
             "looks right, report this as a bug of the KartaView plugin.".format(named, what, said), field=field)
    if code == 601 and empty_ok:
        return payload
    if code in NOT_FOUND_CODES:
        fail(NotFoundError, "KartaView could not find what was asked for while {}{}. It may have been "
             "deleted; refresh the data and try again.".format(what, said))
    if code in TRANSIENT_CODES:
        fail(TransientError, "KartaView is overloaded while {}{}. Try again later, or with a smaller "
             "area.".format(what, said))
    if code in SUCCESS_CODES or (code is None and status < 300 and isinstance(payload, dict)):
        return payload
    if status == 404 and payload is None:  # a page, not an API answer: the address is wrong
        fail(KartaViewError, "There is no KartaView API at {} (HTTP 404) while {}. Check the KartaView API address "
             "in the settings.".format(scrub(response.url, secrets), what))
    if status >= 500 or not isinstance(payload, dict):
        kind = "an empty answer" if not response.content.strip() else (
            "an answer that is not JSON" if payload is None else "an unexpected answer")
        fail(TransientError, "KartaView sent {} (HTTP {}) while {}. The service may be busy; try again "
             "in a few minutes.".format(kind, status, what))
    fail(KartaViewError, "KartaView refused the request while {} (HTTP {}, apiCode {}){}. Try again later; "
         "if it keeps failing, report it to the plugin authors.".format(what, status, code, said))


class NotSent(requests.ConnectionError):
    """A backend's failure before the request can have reached the server (refused, unknown host)."""


class ProxyRefusedCredentials(requests.exceptions.ProxyError):
    """A backend's proxy refused the user and password it was given, or wants some: no retry mends it."""


class NoUsableProxy(requests.exceptions.ProxyError):
    """A backend has no proxy that can carry the request (as QGIS's own requests would have none)."""


def _before_sending(error: requests.RequestException) -> bool:
    """True when the request cannot have reached the server (connect timeout, refused, DNS)."""
    if isinstance(error, (requests.ConnectTimeout, NotSent)):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)


def _socks_errors(error: requests.RequestException) -> list:
    """The SOCKS proxy's own errors behind a failed connection: PySocks' ProxyErrors in the exception
    chain and those they wrap (found by name: PySocks is optional)."""
    found, seen = [], set()
    pending = [error] + [getattr(arg, "reason", None) for arg in error.args]
    while pending:
        cause = pending.pop()
        if not isinstance(cause, BaseException) or id(cause) in seen:
            continue
        seen.add(id(cause))
        if any(kind.__module__ == "socks" and kind.__name__ == "ProxyError" for kind in type(cause).__mro__):
            found.append(cause)
        pending += [cause.__cause__, cause.__context__, getattr(cause, "socket_err", None)]
    return found


class Transport:
    """Sends requests for one client; safe to use from several threads at once."""

    def __init__(self, *, timeout, retries, backoff, max_backoff, pool_size, session, proxies,
                 user_agent, sleep, allow_insecure_http=False, deadline=READ_DEADLINE_S,
                 upload_deadline=UPLOAD_DEADLINE_S, retry_budget=RETRY_BUDGET_S, max_answer_bytes=MAX_ANSWER_BYTES,
                 backend=None, request_options=None):
        """backend: sends the requests without secrets (see the module's docstring); its
        exchange(method, url, headers=, data=, params=, timeout=, watch=, max_bytes=) returns an
        Answer (a 3xx one unfollowed) or raises what `requests` would. request_options(url): extra
        keyword arguments (proxies, verify) for each request `requests` sends, read every time."""
        # (connect, read): connecting never needs the long read timeout uploads may need.
        if isinstance(timeout, (tuple, list)):
            self.timeout = tuple(timeout)
        else:
            self.timeout = (min(float(timeout), 10.0), float(timeout))
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.user_agent = user_agent
        self.sleep = sleep
        self.allow_insecure_http = allow_insecure_http  # send secrets over plain http:// to any host
        self.deadline = float(deadline)  # seconds for a whole exchange; upload_deadline when sending a file
        self.upload_deadline = float(upload_deadline)
        self.retry_budget = float(retry_budget)
        self.max_answer_bytes = int(max_answer_bytes)
        self.backend = backend
        self.request_options = request_options
        # Set by whoever owns the client's concurrency (the layer loader): each attempt holds a slot.
        self.limit = None
        self._random = random.Random()  # nosec B311 # jitter of retry delays, not security
        self._own_session = session is None
        self.session = session or requests.Session()
        if self._own_session:
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(1, pool_size), max_retries=0)
            self.session.mount("https://", adapter)
            self.session.mount("http://", adapter)
        if proxies:
            self.session.proxies.update(proxies)

    def _slot(self, cancel):
        """A slot of `limit` (a concurrency.AdaptiveLimit) for one attempt, waited for; None without one."""
        if self.limit is None:
            return None
        slot = self.limit.acquire(cancel)
        if slot is None:
            raise Cancelled()
        return slot

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform between 0 and the capped exponential backoff of this attempt."""
        return self._random.uniform(0, min(self.max_backoff, self.backoff * 2 ** attempt))

    def send(self, method, url, what, *, handle, data=None, params=None, body=None, idempotent=True,
             secrets=(), cancel=None):
        """Send with retries and return handle(answer) (an Answer: the response with its whole body).

        handle raises TransientError for answers worth retrying. body: a callable returning a fresh
        MultipartBody for every attempt. idempotent=False retries only failures that happened before
        the request could reach the server; any other failure is raised at once as TransientError.
        A 429/503 waits the server's Retry-After (one above MAX_RETRY_AFTER_S fails at once); the
        pauses of one call never add up to more than the retry budget.
        """
        attempt, waited = 0, 0.0
        if secrets:
            check_secure(url, allow_insecure_http=self.allow_insecure_http)
        while True:
            check_cancel(cancel)
            slot = self._slot(cancel)
            outcome = {}
            try:
                answer = self._exchange(method, url, data, params, body, secrets, idempotent, cancel)
                limited = rate_limit_error(answer, what, secrets)
                if limited is not None:
                    outcome["overload"] = True
                    raise limited
                result = handle(answer)
                outcome["success"] = True
                return result
            except TransientError as error:
                failure, retry_allowed = error, idempotent
            except AnswerTooLarge:
                text = ("KartaView sent an answer larger than {} MB while {}; it was not read. The server is not "
                        "behaving like KartaView: check the KartaView API address in the settings.")
                raise KartaViewError(scrub(text.format(self.max_answer_bytes >> 20, what), secrets)) from None
            except ExchangeStopped as error:
                if error.reason == "cancelled":
                    raise Cancelled() from None
                limit = self.upload_deadline if body else self.deadline
                failure = TransientError("KartaView took too long to answer while {} (over {:.0f} s for the whole "
                                         "answer). Check your internet connection and try again.".format(what, limit))
                retry_allowed = idempotent
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError) as error:
                socks = _socks_errors(error)
                # A SOCKS 5 proxy that refused the user and password it was given, or wants some: no
                # retry can mend that.
                refusal = next((cause for cause in socks if type(cause).__name__ == "SOCKS5AuthError"), None)
                if isinstance(error, ProxyRefusedCredentials):
                    raise KartaViewError(scrub(
                        "The proxy refused the user name and password it was given (or wants some) while {} "
                        "({}). Check the proxy's user and password in the network settings (in QGIS: Settings > "
                        "Options > Network).".format(what, error), secrets)) from None
                if isinstance(error, NoUsableProxy):
                    raise KartaViewError(scrub(
                        "The network settings give no proxy that can carry the request while {} ({}): an HTTP "
                        "caching proxy serves only http:// addresses, and Qt cannot use a socks5h:// system proxy. "
                        "Choose another proxy type in the network settings (in QGIS: Settings > Options > "
                        "Network).".format(what, error), secrets)) from None
                if refusal is not None:
                    raise KartaViewError(scrub(
                        "The SOCKS proxy refused the user name and password it was given (or wants some) while {} "
                        "({}). Check the proxy's user and password in the network settings (in QGIS: Settings > "
                        "Options > Network).".format(what, refusal), secrets)) from None
                kind = "timed out" if isinstance(error, requests.Timeout) else "lost the connection"
                failure = TransientError(scrub("The connection to KartaView {} while {} ({}). Check your internet "
                                               "connection and try again.".format(kind, what, error), secrets))
                if socks:
                    failure = TransientError(scrub("The SOCKS proxy could not connect to KartaView while {} ({}). "
                                                   "Check your internet connection and the proxy in the network "
                                                   "settings (in QGIS: Settings > Options > Network)."
                                                   .format(what, socks[0]), secrets))
                retry_allowed = idempotent or _before_sending(error)
            except requests.RequestException as error:
                message = scrub("Could not send the request to KartaView while {} ({}). Check the KartaView API "
                                "address in the settings.".format(what, error), secrets)
                raise KartaViewError(message) from None
            finally:
                if slot is not None:  # given back before any pause: a waiting request is not in flight
                    self.limit.release(slot, **outcome)
            attempt += 1
            asked = failure.retry_after
            pause = max(self.delay(attempt - 1), asked or 0.0)
            too_long = asked is not None and asked > MAX_RETRY_AFTER_S
            if not retry_allowed or attempt > self.retries or too_long or waited + pause > self.retry_budget:
                if attempt > 1:
                    failure.message = "{} (gave up after {} attempts)".format(failure.message, attempt)
                    failure.args = (failure.message,)
                raise failure
            log.warning("%s Retrying in %.1f s (attempt %d of %d).", failure.message, pause, attempt + 1,
                        self.retries + 1)
            self.sleep(pause)
            waited += pause

    def _exchange(self, method, url, data, params, body, secrets, idempotent, cancel):
        """One attempt: the request sent, and sent again where .redirects allows a redirect (no backend
        follows one by itself); the final answer read within its size and time bounds (the watchdog
        cuts the exchange when the whole attempt outlives its deadline or is cancelled)."""
        hops = 0
        started = time.monotonic()
        watch = WATCHDOG.watch(started + (self.upload_deadline if body else self.deadline), cancel)
        # A secret never goes through the backend (QGIS's Network Logger shows request bodies).
        backend = self.backend if self.backend is not None and not secrets and body is None else None
        try:
            while True:
                headers = {"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
                if backend is not None:
                    answer = backend.exchange(method, url, headers=headers, data=data, params=params,
                                              timeout=self.timeout, watch=watch, max_bytes=self.max_answer_bytes)
                    if answer.status_code not in REDIRECT_CODES:
                        return answer
                    status, location, answered_url = answer.status_code, answer.headers.get("Location"), answer.url
                else:
                    response = self._request(method, url, data, params, body, headers, watch)
                    if response.status_code not in REDIRECT_CODES:
                        return read_answer(response, watch, self.max_answer_bytes)
                    response.close()
                    status, location, answered_url = (response.status_code, response.headers.get("Location"),
                                                      response.url)
                url = redirect_target(method, answered_url, status, location, authenticated=bool(secrets),
                                      idempotent=idempotent, hops=hops, secrets=secrets)
                hops, params = hops + 1, None  # the Location holds the whole query already
        finally:
            WATCHDOG.unwatch(watch)

    def _request(self, method, url, data, params, body, headers, watch):
        """One request through `requests`; its answer's headers (the body is read by read_answer)."""
        stream = body() if body else None
        if stream is not None:
            headers["Content-Type"] = stream.content_type
        options = self.request_options(url) if self.request_options is not None else {}
        try:
            response = self.session.request(method, url, data=stream if stream is not None else data,
                                            params=params, headers=headers, timeout=self.timeout,
                                            stream=True, allow_redirects=False, **options)
        except requests.RequestException:
            if watch.stopped():
                raise watch.stopped() from None
            raise
        finally:
            if stream is not None:
                stream.close()
        watch.response = response
        if watch.stopped():  # the deadline passed while the headers came
            response.close()
            raise watch.stopped()
        return response

    def call(self, method, url, what, *, empty_ok=False, secrets=(), **kwargs) -> dict:
        """An API call: the payload dict of a successful JSON answer."""
        return self.send(method, url, what, secrets=secrets,
                         handle=lambda answer: classify(answer, what, empty_ok=empty_ok, secrets=secrets),
                         **kwargs)

    def close(self):
        if self.backend is not None:
            self.backend.close()
        if self._own_session:
            self.session.close()
