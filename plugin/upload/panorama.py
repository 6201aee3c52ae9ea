"""Is a photo a 360° panorama? Read from its XMP (Google's GPano properties), else from its shape.

KartaView shows a photo as a panorama when it was uploaded with projection=SPHERE and
fieldOfView=360 (with projectionYaw, the compass heading of the image centre, where known);
without them every panorama is shown flat (upload-scripts #152, JOSM plugin #46).

Pure and bounded: only the JPEG header segments before the image data are read (as jpeg.py walks
them), at most MAX_XMP_BYTES of XMP, with regular expressions (no XML parser, no entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

PLANE = "PLANE"
SPHERE = "SPHERE"

# Where the answer came from (the report and the log say it).
FROM_LAYER = "layer"  # the input layer's `projection` field
FROM_XMP = "xmp"  # GPano:ProjectionType
FROM_SHAPE = "shape"  # exactly twice as wide as high
FROM_NOTHING = ""

MAX_XMP_BYTES = 256 * 1024  # a standard XMP packet fits one 64 KiB segment; cameras write a few KiB
_MAX_SEGMENTS = 4096
_APP1 = 0xE1
_SOS = 0xDA
_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = {0x01, 0xD8} | set(range(0xD0, 0xD8))
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_GPANO_NS = "http://ns.google.com/photos/1.0/panorama/"
_PREFIX = re.compile(r'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']' + re.escape(_GPANO_NS) + r'["\']')


@dataclass(frozen=True)
class Projection:
    kind: str  # PLANE or SPHERE
    field_of_view: Optional[int] = None  # horizontal degrees, for SPHERE
    yaw: Optional[float] = None  # GPano:PoseHeadingDegrees
    source: str = FROM_NOTHING

    @property
    def is_sphere(self) -> bool:
        return self.kind == SPHERE


FLAT = Projection(PLANE)


@dataclass(frozen=True)
class _Header:
    width: Optional[int]
    height: Optional[int]
    xmp: str


def layer_value(value) -> Optional[str]:
    """PLANE or SPHERE from an input layer's `projection` value (any case), else None (detect)."""
    text = str(value).strip().upper() if isinstance(value, str) else ""
    return text if text in (PLANE, SPHERE) else None


def detect(path, *, by_shape=True, override=None) -> Projection:
    """The projection of the JPEG at `path`. `override` (PLANE/SPHERE, from the input layer) wins over
    what the file says, except that a SPHERE keeps the file's yaw and field of view. OSError if unreadable."""
    if override == PLANE:
        return Projection(PLANE, source=FROM_LAYER)
    header = read_header(path)
    values = _gpano(header.xmp)
    kind = (values.get("ProjectionType") or "").strip().lower()
    yaw = _heading(values.get("PoseHeadingDegrees"))
    fov = _field_of_view(values)
    if override == SPHERE:
        return Projection(SPHERE, fov if kind == "equirectangular" else 360, yaw, FROM_LAYER)
    if kind == "equirectangular":
        return Projection(SPHERE, fov, yaw, FROM_XMP)
    if kind:  # the file says what it is (e.g. "cylindrical"): no guessing from the shape
        return FLAT
    if by_shape and header.width and header.height and header.width == 2 * header.height:
        return Projection(SPHERE, 360, None, FROM_SHAPE)
    return FLAT


def read_header(path) -> _Header:
    """The frame size and the (standard) XMP packet of a JPEG, from its header segments only."""
    width = height = None
    xmp = []
    xmp_bytes = 0
    with open(path, "rb") as stream:
        if stream.read(2) != b"\xff\xd8":
            return _Header(None, None, "")
        for _ in range(_MAX_SEGMENTS):
            marker = stream.read(2)
            if len(marker) < 2 or marker[0] != 0xFF:
                break
            kind = marker[1]
            if kind == 0xFF:  # fill byte: the marker code follows
                stream.seek(-1, 1)
                continue
            if kind in _STANDALONE:
                continue
            length_bytes = stream.read(2)
            if len(length_bytes) < 2 or kind == _SOS:
                break
            length = int.from_bytes(length_bytes, "big") - 2
            if length < 0:
                break
            if kind == _APP1 and xmp_bytes < MAX_XMP_BYTES and length > len(_XMP_HEADER):
                head = stream.read(len(_XMP_HEADER))  # EXIF is APP1 too: only XMP is read further
                packet = b""
                if head == _XMP_HEADER:
                    packet = stream.read(min(length - len(head), MAX_XMP_BYTES - xmp_bytes))
                    xmp_bytes += len(packet)
                    xmp.append(packet.decode("utf-8", "replace"))
                stream.seek(-(len(head) + len(packet)), 1)
            elif kind in _SOF and width is None:
                frame = stream.read(5)
                if len(frame) == 5:
                    height, width = int.from_bytes(frame[1:3], "big"), int.from_bytes(frame[3:5], "big")
                stream.seek(-len(frame), 1)
            stream.seek(length, 1)
    return _Header(width, height, "".join(xmp))


def _gpano(xmp: str) -> dict:
    """The GPano properties of an XMP packet, written as attributes or as elements."""
    if not xmp:
        return {}
    prefixes = set(_PREFIX.findall(xmp)) or {"GPano"}
    values = {}
    for prefix in prefixes:
        p = re.escape(prefix)
        for match in re.finditer(p + r':(\w+)\s*=\s*"([^"]{0,200})"|' + p + r":(\w+)\s*=\s*'([^']{0,200})'", xmp):
            name, value = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            values.setdefault(name, value)
        for match in re.finditer("<" + p + r":(\w+)>([^<]{0,200})</" + p + r":\1>", xmp):
            values.setdefault(match.group(1), match.group(2))
    return values


def _number(text) -> Optional[float]:
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def _heading(text) -> Optional[float]:
    value = _number(text)
    return None if value is None else value % 360.0


def _field_of_view(values) -> int:
    """360, or less for a partial panorama (its cropped width of the full one), as the official uploader
    sends the horizontal field of view."""
    cropped, full = _number(values.get("CroppedAreaImageWidthPixels")), _number(values.get("FullPanoWidthPixels"))
    if cropped and full and 0 < cropped < full:
        return max(1, round(360 * cropped / full))
    return 360
