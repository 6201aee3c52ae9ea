"""The HTTP side: routing, faults and latency, the request log, and the /__sandbox__/ control routes."""

import gzip
import io
import json
import re
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import routes_files, routes_read, routes_uploads, routes_write
from .envelopes import ApiError, Response, json_response, plain
from .faults import BAD_GATEWAY_PAGE
from .forms import Request
from .records import uploaded_photo_v1, uploaded_sequence_v2

CONTROL_PREFIX = "/__sandbox__/"
_PACE_CHUNK = 64 * 1024  # a limited bandwidth is kept chunk by chunk


class App:
    """Everything a route needs: the world, the upload store, the image cache, users, faults."""

    def __init__(self, world, store, images, faults, demo, url):
        self.world, self.store, self.images, self.faults, self.demo, self.url = world, store, images, faults, demo, url
        self.routes = [(method, re.compile(pattern + "$"), handler)
                       for module in (routes_read, routes_write, routes_files, routes_uploads)
                       for method, pattern, handler in module.ROUTES]
        self.log, self._log_lock = [], threading.Lock()
        self.edits = {}  # sequence id -> v2 fields changed by a test (the shared world stays as generated)
        self.oauth_challenge = None  # the PKCE code_challenge (S256) of the last OSM authorization asked

    # ---- users --------------------------------------------------------------------------------
    def user_for(self, token):
        """The user an access token belongs to (all sign-ins are the demo user's), or None."""
        if not token or self.faults.is_revoked(token):
            return None
        if token == self.demo["token"] or self.store.token_user(token, "kartaview") == self.demo["id"]:
            return self.demo
        return None

    def require_user(self, req):
        user = self.user_for(req.token)
        if user is None:
            raise ApiError(401)
        return user

    # ---- records over the world and the uploads -----------------------------------------------
    def photos_v1(self, sequence_id):
        """The v1 photos of a generated or uploaded sequence, by index; None if there is no such sequence."""
        if self.world.sequence(sequence_id) is not None:
            return self.world.photos(sequence_id)
        if self.store.sequence(sequence_id) is not None:
            return [uploaded_photo_v1(record) for record in self.store.photos(sequence_id)]
        return None

    def photo_v1(self, photo_id):
        photo = self.world.photo(photo_id)
        if photo is None:
            record = self.store.photo(photo_id)
            photo = uploaded_photo_v1(record) if record else None
        return photo

    def projection_yaw(self, photo_v1):
        """The projectionYaw an uploaded photo was sent with (v2 answers carry it, v1 ones do not)."""
        if self.world.photo(int(photo_v1["id"])) is not None:
            return None
        record = self.store.photo(int(photo_v1["id"]))
        return record["fields"].get("projectionYaw") if record else None

    def sequence_v2(self, sequence_id):
        sequence = self.world.sequence(sequence_id)
        if sequence is None:
            record = self.store.sequence(sequence_id)
            if record is not None:
                sequence = uploaded_sequence_v2(record, len(self.store.photos(sequence_id)))
        if sequence is not None and sequence_id in self.edits:
            sequence = dict(sequence, **self.edits[sequence_id])
        return sequence

    # ---- dispatch -----------------------------------------------------------------------------
    def handle(self, req):
        """The Response to send, or None to drop the connection."""
        started = time.time()
        settings = self.faults.settings
        if settings.latency_ms:
            time.sleep(settings.latency_ms / 1000.0)
        can_store = req.method == "POST" and req.path.rstrip("/") in routes_write.STORING_PATHS
        fault = self.faults.pick(req.path, can_store)
        if fault == "stored_then_500":
            # Only a request that really stored something is answered 500; a repeat gets its 660.
            response = self._route(req)
            if response is not None and response.status == 200:
                response = _fault_response("500")
        elif fault == "drip":  # the real answer, sent one byte at a time
            response = self._route(req)
            if response is not None:
                response.drip_s = settings.drip_interval_s
        elif fault == "gzip":  # the real answer, compressed as gateways do
            response = self._route(req)
            if response is not None:
                response.body = gzip.compress(response.body)
                response.headers = dict(response.headers, **{"Content-Encoding": "gzip"})
        elif fault:
            response = _fault_response(fault, req.path.startswith("/2.0/"), settings)
        else:
            response = self._route(req)
        # t: when the request was read whole (then latency and the answer); arrived: when its first
        # line came (before a body sent over a limited bandwidth); bytes: the size of its body.
        entry = {"method": req.method, "path": req.path, "params": req.loggable_params(),
                 "status": response.status if response else None, "api_code": response.api_code if response else None,
                 "fault": fault, "t": started, "duration_ms": round((time.time() - started) * 1000.0, 1),
                 "arrived": getattr(req, "arrived", started), "bytes": getattr(req, "size", 0)}
        with self._log_lock:
            self.log.append(entry)
        return response

    def _route(self, req):
        v2 = req.path.startswith("/2.0/")
        try:
            if self.faults.is_revoked(req.token):
                raise ApiError(401)
            for method, pattern, handler in self.routes:
                match = pattern.match(req.path)
                if match and method == req.method:
                    return handler(self, req, *match.groups())
            return plain(404, "Not Found\n")
        except ApiError as error:
            return error.response(v2)
        except Exception:  # noqa: BLE001 - a sandbox bug answers like the real server's own crashes
            traceback.print_exc(file=sys.stderr)
            return ApiError(690, http_status=500).response(v2)

    # ---- control routes -----------------------------------------------------------------------
    def control(self, req, body):
        name = req.path[len(CONTROL_PREFIX):].strip("/")
        if name == "faults" and req.method == "POST":
            try:
                self.faults.update(**(json.loads(body or b"{}")))
            except (ValueError, TypeError) as error:
                return json_response(400, {"error": str(error)})
            return json_response(200, self.faults.settings.as_dict())
        if name == "faults":
            return json_response(200, self.faults.settings.as_dict())
        if name == "clear_faults" and req.method == "POST":
            self.faults.clear()
            return json_response(200, self.faults.settings.as_dict())
        if name == "log":
            return json_response(200, self.request_log())
        if name == "reset_log" and req.method == "POST":
            self.reset_log()
            return json_response(200, {"ok": True})
        if name == "uploads":
            return json_response(200, {str(key): value for key, value in self.store.all_sequences().items()})
        return plain(404, "Not Found\n")

    def request_log(self):
        with self._log_lock:
            return list(self.log)

    def reset_log(self):
        with self._log_lock:
            self.log.clear()


_bombs, _bombs_lock = {}, threading.Lock()


def gzip_bomb(inflated_mb=1024):
    """gzip of `inflated_mb` MB of zeros: about 1 MB per GB (made once, kept)."""
    with _bombs_lock:
        if inflated_mb not in _bombs:
            zeros, buffer = bytes(1 << 20), io.BytesIO()
            with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as stream:
                for _ in range(inflated_mb):
                    stream.write(zeros)
            _bombs[inflated_mb] = buffer.getvalue()
        return _bombs[inflated_mb]


def huge_body(megabytes):
    """A JSON-ish body of `megabytes` MB (made once, kept)."""
    with _bombs_lock:
        key = ("huge", megabytes)
        if key not in _bombs:
            _bombs[key] = b" " * (megabytes << 20)
        return _bombs[key]


def _fault_response(kind, v2=False, settings=None):
    if kind in ("429", "503"):
        headers = {"Retry-After": settings.retry_after} if settings is not None and settings.retry_after else {}
        text = "Too many requests" if kind == "429" else "Service Unavailable"
        body = json.dumps({"status": {"apiCode": int(kind), "apiMessage": text, "httpCode": int(kind),
                                      "httpMessage": text}})
        return Response(int(kind), body.encode(), "application/json", api_code=int(kind), headers=headers)
    if kind == "huge":
        return Response(200, huge_body(settings.huge_mb if settings is not None else 100), "application/json",
                        api_code=None)
    if kind == "gzip_bomb":
        return Response(200, gzip_bomb(), "application/json", api_code=None, headers={"Content-Encoding": "gzip"})
    if kind == "502html":
        return plain(502, BAD_GATEWAY_PAGE, "text/html", api_code=None)
    if kind in ("690", "408"):
        return ApiError(int(kind)).response(v2)
    if kind == "empty":
        return Response(200, b"", "application/json")
    if kind == "drop":
        return None
    return ApiError(690, http_status=500).response()  # "500"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as clients with a pooled session expect
    server_version = "KartaViewSandbox/1.0"
    timeout = 60  # an idle keep-alive connection does not hold its thread forever
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms.
    disable_nagle_algorithm = True

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._serve()

    def do_POST(self):  # noqa: N802 - http.server's naming
        self._serve()

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self._serve(head=True)

    def _read_body(self, pace):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self._read(size, pace))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self._read(length, pace) if length else b""

    def _read(self, size, pace):
        if pace is None:
            return self.rfile.read(size)
        chunks = []
        while size > 0:
            chunk = self.rfile.read(min(size, _PACE_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            size -= len(chunk)
            pace(len(chunk))
        return b"".join(chunks)

    def _pace(self):
        """A function told each chunk's size that sleeps to keep this exchange within the bandwidth."""
        mbit = self.server.app.faults.settings.bandwidth_mbit
        if not mbit:
            return None
        rate, start, sent = mbit * 1e6 / 8.0, time.monotonic(), [0]

        def pace(size):
            sent[0] += size
            ahead = start + sent[0] / rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        return pace

    def _serve(self, head=False):
        app = self.server.app
        arrived = time.time()
        body = self._read_body(self._pace())
        req = Request("GET" if head else self.command, self.path, self.headers, body)
        req.arrived, req.size = arrived, len(body)
        response = app.control(req, body) if req.path.startswith(CONTROL_PREFIX) else app.handle(req)
        if response is None:  # the "drop" fault: no answer at all
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if head:
            return
        drip = getattr(response, "drip_s", None)
        pace = self._pace()
        try:
            if drip is None and pace is None:
                self.wfile.write(response.body)
                return
            if drip is None:
                for offset in range(0, len(response.body), _PACE_CHUNK):
                    chunk = response.body[offset:offset + _PACE_CHUNK]
                    self.wfile.write(chunk)
                    pace(len(chunk))
                return
            for offset in range(len(response.body)):
                self.wfile.write(response.body[offset:offset + 1])
                self.wfile.flush()
                time.sleep(drip)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up on a drip or a huge answer

    def log_message(self, format, *args):  # noqa: A002 - the request log replaces stderr chatter
        pass


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, app):
        super().__init__(("127.0.0.1", port), Handler)
        self.app = app
