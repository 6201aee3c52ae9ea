"""A tiny hostile HTTP server of a test's own (stdlib http.server on 127.0.0.1:0).

It plays what the sandbox cannot: a KartaView (or OpenStreetMap) that redirects requests, a second
host that records whatever reaches it, a proxy on the way that reads plain http. Every request is
kept whole (request line, headers, body), so a test can grep it for a secret.
"""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import requests


@dataclass
class Seen:
    method: str
    target: str  # as sent: a path, or a whole URL when the server is used as a proxy
    path: str
    headers: dict = field(repr=False)
    body: bytes = field(repr=False)

    @property
    def form(self) -> dict:
        return dict(parse_qsl(self.body.decode("utf-8", "replace")))

    @property
    def raw(self) -> bytes:
        head = "{} {}\r\n".format(self.method, self.target) + "".join(
            "{}: {}\r\n".format(k, v) for k, v in self.headers.items())
        return head.encode("utf-8", "replace") + b"\r\n" + self.body


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)


def redirect(status, location):
    return Answer(status, b"", {"Location": location})


def json_ok(text):
    return Answer(200, text.encode(), {"Content-Type": "application/json"})


class HostileServer:
    """Routes: path -> function(Seen) -> Answer; unknown paths get a 404 page. Use as a context manager."""

    def __init__(self, forward_to=None):
        """forward_to: the address (e.g. the sandbox's) that requests of no route are passed on to,
        as a proxy in front of it would."""
        self.forward_to = forward_to
        self.routes = {}
        self.received = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.hostile = self
        self.url = "http://127.0.0.1:{}/".format(self._server.server_address[1])

    def route(self, path, answer):
        self.routes[path] = answer if callable(answer) else (lambda seen: answer)

    def everything(self) -> bytes:
        with self._lock:
            return b"\n".join(seen.raw for seen in self.received)

    def _answer(self, seen):
        with self._lock:
            self.received.append(seen)
        handler = self.routes.get(seen.path)
        if handler:
            return handler(seen)
        if self.forward_to:
            passed = requests.request(seen.method, self.forward_to.rstrip("/") + seen.target, data=seen.body,
                                      headers={k: v for k, v in seen.headers.items() if k.lower() == "content-type"},
                                      allow_redirects=False, timeout=60)
            return Answer(passed.status_code, passed.content,
                          {"Content-Type": passed.headers.get("Content-Type", "application/octet-stream")})
        return Answer(404, b"<html>not here</html>", {"Content-Type": "text/html"})

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _serve(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        seen = Seen(self.command, self.path, urlsplit(self.path).path, dict(self.headers), body)
        answer = self.server.hostile._answer(seen)
        self.send_response(answer.status)
        headers = {"Content-Type": "text/plain", **answer.headers, "Content-Length": str(len(answer.body))}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_HEAD = _serve  # noqa: N815 (http.server's naming)
