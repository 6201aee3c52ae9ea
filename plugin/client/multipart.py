"""A multipart/form-data request body that streams its files from disk.

`requests` builds `files=` bodies in memory; photos are several MB and uploads run in parallel, so
this body is a file-like object with a known length: requests sends it with a Content-Length and
http.client reads it block by block. Make a new one for every attempt (it can be read once).
"""

import os
import uuid

_CHUNK = 64 * 1024


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


class MultipartBody:
    def __init__(self, fields, files=()):
        """fields: [(name, text)]; files: [(name, filename, content_type, path)]."""
        self.boundary = uuid.uuid4().hex
        self._parts = []  # bytes, or the path of a file to stream
        for name, value in fields:
            self._parts.append(self._header(name) + b"\r\n" + str(value).encode("utf-8") + b"\r\n")
        for name, filename, content_type, path in files:
            header = self._header(name, '; filename="{}"'.format(_quoted(filename)))
            self._parts.append(header + "Content-Type: {}\r\n\r\n".format(content_type).encode("ascii"))
            self._parts.append(os.fspath(path))
            self._parts.append(b"\r\n")
        self._parts.append("--{}--\r\n".format(self.boundary).encode("ascii"))
        self._length = sum(len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in self._parts)
        self._chunks = self._generate()
        self._buffer = b""

    def _header(self, name: str, extra: str = "") -> bytes:
        return '--{}\r\nContent-Disposition: form-data; name="{}"{}\r\n'.format(
            self.boundary, _quoted(name), extra).encode("utf-8")

    @property
    def content_type(self) -> str:
        return "multipart/form-data; boundary={}".format(self.boundary)

    def __len__(self) -> int:
        return self._length

    def _generate(self):
        for part in self._parts:
            if isinstance(part, bytes):
                yield part
                continue
            with open(part, "rb") as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    yield chunk

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def __iter__(self):
        while True:
            chunk = self.read(_CHUNK)
            if not chunk:
                return
            yield chunk

    def close(self):
        """Close the file being streamed (after a failed attempt it may be half read)."""
        self._chunks.close()
