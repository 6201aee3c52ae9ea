"""Image URLs of a photo: which files to try, in which order, on which host.

v1 records carry paths relative to the API host ("storage5/files/photo/.../lth/x.jpg"). The real
hosts answer those with a redirect to storageN.openstreetcam.org that is broken for some storages
(openstreetcam.org #399), so for the real API the URL is rewritten to the storage host directly,
as iD does. Any other base URL (the local sandbox) serves the relative path itself.
Many `lth` files are missing (openstreetcam.org #398), hence the ordered fallbacks.

Paths are the server's word, and the URLs end up in map tips (HTML): a full URL is kept only on the
API's own host family and over http(s), and every URL is percent-encoded, so none carries a quote
or a tag.
"""

import ipaddress
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from .models import Photo

SIZES = ("th", "lth", "proc")
FALLBACKS = {"lth": ("lth", "proc", "th"), "proc": ("proc", "lth", "th"), "th": ("th", "lth", "proc")}
REAL_HOST_SUFFIXES = ("openstreetcam.org", "kartaview.org")
_STORAGE_PATH = re.compile(r"^/?(storage\d+)/(files/.*)$")
# 360° photos are served unwrapped from these folders (the JOSM plugin's PhotoBuilder).
_WRAPPED = {"proc": "wrapped_proc", "lth": "wrapped_lth"}


@lru_cache(maxsize=1024)  # asked for each image URL built, mostly about the same few base URLs
def is_real_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == suffix or host.endswith("." + suffix) for suffix in REAL_HOST_SUFFIXES)


# RFC 3986's reserved and unreserved characters and "%", without the quote "'": all else is encoded.
_URL_SAFE = "%:/?#[]@!$&()*+,;=-._~"


def same_host_family(base_url: str, url: str) -> bool:
    """True when url is on the API's host family: the API's own host, a host of its parent domain
    (api.example.org -> storage1.example.org), or KartaView's own storage domains (a mirror of the
    API may point at them)."""
    base_host, host = (urlsplit(base_url).hostname or "").lower(), (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    if host == base_host or is_real_host(url):
        return True
    try:
        ipaddress.ip_address(base_host)
        return False  # an address has no family
    except ValueError:
        pass
    labels = base_host.split(".")
    return len(labels) >= 3 and host.endswith("." + ".".join(labels[1:]))


def _path_of(photo: Photo, size: str) -> str | None:
    return {"proc": photo.proc_path, "lth": photo.lth_path, "th": photo.th_path}[size]


def _wrapped(path: str, size: str) -> str:
    """The path with its /proc/ or /lth/ folder swapped for the wrapped_ one."""
    folder = _WRAPPED.get(size)
    if folder is None or "/{}/".format(folder) in path:
        return path
    head, sep, tail = path.rpartition("/{}/".format(size))
    return "{}/{}/{}".format(head, folder, tail) if sep else path


def absolute_url(base_url: str, path: str) -> str | None:
    """The URL to GET for an image path of a photo record, for a client talking to `base_url`;
    None for a full URL that is not http(s) on the API's host family."""
    path = quote(path.strip(), safe=_URL_SAFE)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):  # a full URL (or javascript:, data:, file:...)
        parts = urlsplit(path)
        if parts.scheme.lower() not in ("http", "https") or not same_host_family(base_url, path):
            return None
        match = _STORAGE_PATH.match(parts.path)
        if match and is_real_host(path) and not parts.hostname.startswith("storage"):
            return "https://{}.openstreetcam.org/{}".format(match.group(1), match.group(2))
        return path
    relative = path.lstrip("/")
    match = _STORAGE_PATH.match(relative)
    if match and is_real_host(base_url):
        return "https://{}.openstreetcam.org/{}".format(match.group(1), match.group(2))
    return base_url + relative


def image_candidates(base_url: str, photo: Photo, size: str) -> list[tuple[str, str]]:
    """[(size, url), ...] to try in order for `size` ("th", "lth" or "proc"), without repeats."""
    return list(_candidates(base_url, photo, size))


def first_image_url(base_url: str, photo: Photo, size: str) -> str | None:
    """The URL to try first for `size` (None when the photo has no image path): made alone, as
    feature attributes need only this one."""
    return next((url for _, url in _candidates(base_url, photo, size)), None)


def _candidates(base_url, photo, size):
    if size not in FALLBACKS:
        raise ValueError("image size must be one of {}, not {!r}".format(", ".join(SIZES), size))
    seen = set()
    for candidate in FALLBACKS[size]:
        path = _path_of(photo, candidate)
        if not path:
            continue
        if photo.is_360:
            path = _wrapped(path, candidate)
        url = absolute_url(base_url, path)
        if url is not None and url not in seen:
            seen.add(url)
            yield candidate, url
