"""Incoming requests: query string, url-encoded or multipart body, and the access token wherever it is.

KartaView reads 1.0 parameters from the body, but clients also send access_token in the query (and
X-Auth-Token on 2.0), so `params` merges query and body and `token` looks in all three places.
"""

from email.message import Message
from urllib.parse import parse_qsl, urlsplit


class Request:
    def __init__(self, method, target, headers, body):
        parts = urlsplit(target)
        self.method, self.path, self.headers = method, parts.path, headers
        self.query = dict(parse_qsl(parts.query, keep_blank_values=True))
        self.form, self.files = {}, {}  # files: name -> (file name, bytes)
        content_type = headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            self._parse_multipart(content_type, body)
        elif body:
            self.form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        self.params = {**self.query, **self.form}
        self.token = self.params.get("access_token") or headers.get("X-Auth-Token") or None

    def _parse_multipart(self, content_type, body):
        header = Message()
        header["Content-Type"] = content_type
        boundary = header.get_param("boundary")
        if not boundary:
            return
        for part in body.split(b"--" + boundary.encode())[1:]:
            if part.startswith(b"--"):
                break
            head, _, content = part.partition(b"\r\n\r\n")
            if content.endswith(b"\r\n"):
                content = content[:-2]
            disposition = Message()
            for line in head.decode("utf-8", "replace").strip().split("\r\n"):
                name, _, value = line.partition(":")
                disposition[name.strip()] = value.strip()
            field = disposition.get_param("name", header="Content-Disposition")
            filename = disposition.get_param("filename", header="Content-Disposition")
            if field is None:
                continue
            if filename is not None:
                self.files[field] = (filename, content)
            else:
                self.form[field] = content.decode("utf-8", "replace")

    def loggable_params(self):
        """The parameters for the request log: no file bytes, no token."""
        params = {key: ("***" if key == "access_token" else value) for key, value in self.params.items()}
        for field, (filename, content) in self.files.items():
            params[field] = {"filename": filename, "size": len(content)}
        return params
