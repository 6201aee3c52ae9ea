"""The few EXIF values geotagging needs, read from a JPEG's header without decoding the image.

Pure Python and read-only (the photo files are never written): the capture time as the camera
wrote it (DateTimeOriginal, else CreateDate, else DateTime; with SubSecTimeOriginal and
OffsetTimeOriginal when present) and the compass direction (GPSImgDirection). Reads only the
APP1 segment, a few KiB, so thousands of photos take seconds.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_CREATE_DATE = 0x9004
_OFFSET_TIME_ORIGINAL = 0x9011
_SUBSEC_ORIGINAL = 0x9291
_GPS_IMG_DIRECTION = 0x0011
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 11: 4, 12: 8}
_MAX_ENTRIES = 512
_TIME = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?")
_OFFSET = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


class ExifError(ValueError):
    """The file cannot be read as a JPEG (the message says why)."""


@dataclass(frozen=True)
class PhotoExif:
    camera_time: Optional[datetime]  # as the camera's clock showed it: aware if the photo gives its zone
    direction: Optional[float]  # degrees, GPSImgDirection


def read_exif(path) -> PhotoExif:
    """The capture time and direction of a JPEG; both None when the photo has no EXIF."""
    try:
        with open(path, "rb") as stream:
            tiff = _app1(stream)
    except OSError as error:
        raise ExifError(error.strerror or str(error)) from None
    if tiff is None:
        return PhotoExif(None, None)
    try:
        return _parse(tiff)
    except (struct.error, IndexError, ValueError):  # a broken EXIF block counts as none
        return PhotoExif(None, None)


def parse_camera_time(text, subsec=None, offset=None) -> Optional[datetime]:
    """'2026:05:01 10:00:00' (+ '250', '+02:00') as a datetime, aware when the offset is given."""
    match = _TIME.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    fraction = fraction or (subsec or "").strip()
    micro = int((fraction + "000000")[:6]) if fraction.isdigit() else 0
    try:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro)
    except ValueError:
        return None
    zone = _OFFSET.match(offset or "")
    if zone:
        sign = -1 if zone.group(1) == "-" else 1
        value = value.replace(tzinfo=timezone(sign * timedelta(hours=int(zone.group(2)),
                                                                minutes=int(zone.group(3)))))
    return value


def _app1(stream) -> Optional[bytes]:
    if stream.read(2) != b"\xff\xd8":
        raise ExifError("not a JPEG file")
    while True:
        marker = stream.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        if marker[1] in (0xDA, 0xD9):  # image data: no EXIF before it
            return None
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            return None
        length = int.from_bytes(length_bytes, "big") - 2
        if marker[1] == 0xE1:
            data = stream.read(length)
            if data.startswith(b"Exif\x00\x00"):
                return data[6:]
        else:
            stream.seek(length, 1)


def _parse(tiff: bytes) -> PhotoExif:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return PhotoExif(None, None)
    ifd0 = struct.unpack(order + "I", tiff[4:8])[0]
    main = _entries(tiff, order, ifd0)
    exif = _entries(tiff, order, main[_EXIF_IFD]) if isinstance(main.get(_EXIF_IFD), int) else {}
    gps = _entries(tiff, order, main[_GPS_IFD]) if isinstance(main.get(_GPS_IFD), int) else {}
    text = exif.get(_DATETIME_ORIGINAL) or exif.get(_CREATE_DATE) or main.get(_DATETIME)
    subsec = exif.get(_SUBSEC_ORIGINAL) if _DATETIME_ORIGINAL in exif else None
    offset = exif.get(_OFFSET_TIME_ORIGINAL) if _DATETIME_ORIGINAL in exif else None
    camera_time = parse_camera_time(text, subsec, offset) if isinstance(text, str) else None
    direction = gps.get(_GPS_IMG_DIRECTION)
    if not isinstance(direction, float) or not 0 <= direction <= 360:
        direction = None
    return PhotoExif(camera_time, direction % 360.0 if direction is not None else None)


def _entries(tiff: bytes, order: str, offset: int) -> dict:
    """tag -> value of one IFD, for ASCII (str), LONG/SHORT (int, first value) and RATIONAL (float)."""
    count = struct.unpack(order + "H", tiff[offset:offset + 2])[0]
    values = {}
    for index in range(min(count, _MAX_ENTRIES)):
        start = offset + 2 + 12 * index
        tag, kind, number = struct.unpack(order + "HHI", tiff[start:start + 8])
        size = _TYPE_SIZES.get(kind, 1) * number
        data_at = start + 8 if size <= 4 else struct.unpack(order + "I", tiff[start + 8:start + 12])[0]
        data = tiff[data_at:data_at + size]
        if kind == 2:
            values[tag] = data.split(b"\x00", 1)[0].decode("ascii", "replace")
        elif kind == 3 and number:
            values[tag] = struct.unpack(order + "H", data[:2])[0]
        elif kind == 4 and number:
            values[tag] = struct.unpack(order + "I", data[:4])[0]
        elif kind in (5, 10) and number:
            numerator, denominator = struct.unpack(order + ("II" if kind == 5 else "ii"), data[:8])
            if denominator:
                values[tag] = numerator / denominator
    return values
