"""Helpers of the geotagging and video sampling tests: a known journey (where the camera was at each
moment, computed directly), its GPX file, photos with EXIF times and small test videos made by FFmpeg."""

import io
import math
import struct
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image

from tests.upload_support import with_comment

ORIGIN = (46.770, 23.590)
T0 = datetime(2026, 5, 1, 10, 0, 0, tzinfo=timezone.utc)
SPEED = 5.0  # m/s
# The journey: east for 60 s, standing for 20 s, north for 60 s (seconds since T0).
EAST_END, STAND_END, NORTH_END = 60.0, 80.0, 140.0


def metres_to_lat_lng(north_m, east_m, origin=ORIGIN):
    lat, lng = origin
    return lat + north_m / 111_195.0, lng + east_m / (111_195.0 * math.cos(math.radians(lat)))


def journey(seconds):
    """(lat, lng, heading or None) of the camera `seconds` after T0."""
    if seconds <= EAST_END:
        return (*metres_to_lat_lng(0.0, SPEED * seconds), 90.0)
    if seconds <= STAND_END:
        return (*metres_to_lat_lng(0.0, SPEED * EAST_END), None)
    return (*metres_to_lat_lng(SPEED * (seconds - STAND_END), SPEED * EAST_END), 0.0)


def ground_m(a, b):
    """Distance in metres between two (lat, lng), locally flat (the tests' distances are small)."""
    north = (a[0] - b[0]) * 111_195.0
    east = (a[1] - b[1]) * 111_195.0 * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


def fixes(step=1.0, end=NORTH_END, skip=()):
    """(datetime, lat, lng) every `step` seconds of the journey, except the seconds in `skip`."""
    count = int(end / step)
    for index in range(count + 1):
        seconds = index * step
        if any(low <= seconds <= high for low, high in skip):
            continue
        lat, lng, _ = journey(seconds)
        yield T0 + timedelta(seconds=seconds), lat, lng


def write_gpx(path, points, with_times=True):
    rows = []
    for when, lat, lng in points:
        time = "<time>{}</time>".format(when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")) if with_times else ""
        rows.append('<trkpt lat="{:.8f}" lon="{:.8f}"><ele>400</ele>{}</trkpt>'.format(lat, lng, time))
    Path(path).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="kartaview-tests" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>test</name><trkseg>\n' + "\n".join(rows)
        + "\n</trkseg></trk></gpx>\n")
    return str(path)


def exif_block(camera_time=None, subsec=None, offset=None, direction=None):
    """An EXIF APP1 payload (TIFF, little-endian) written by hand, independently of the plugin's reader:
    IFD0 -> Exif IFD (DateTimeOriginal, SubSecTimeOriginal, OffsetTimeOriginal) and GPS IFD
    (GPSImgDirection)."""
    exif_tags, gps_tags = [], []
    if camera_time:
        exif_tags.append((0x9003, 2, camera_time.encode() + b"\x00"))
    if offset:
        exif_tags.append((0x9011, 2, offset.encode() + b"\x00"))
    if subsec:
        exif_tags.append((0x9291, 2, subsec.encode() + b"\x00"))
    if direction is not None:
        gps_tags.append((0x0011, 5, struct.pack("<II", int(round(direction * 100)), 100)))

    def ifd(tags, start):
        """Bytes of an IFD placed at `start`, its out-of-line data right after it."""
        head = struct.pack("<H", len(tags))
        data = b""
        data_at = start + 2 + 12 * len(tags) + 4
        for tag, kind, value in tags:
            count = len(value) if kind == 2 else (len(value) // 8 if kind == 5 else 1)
            if isinstance(value, int):  # a LONG pointer
                head += struct.pack("<HHII", tag, 4, 1, value)
            elif len(value) <= 4:
                head += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
            else:
                head += struct.pack("<HHII", tag, kind, count, data_at + len(data))
                data += value + (b"\x00" if len(value) % 2 else b"")
        return head + b"\x00\x00\x00\x00" + data

    # layout: header (8) | IFD0 | Exif IFD | GPS IFD
    ifd0_size = 2 + 12 * 2 + 4
    exif_at = 8 + ifd0_size
    exif = ifd(exif_tags, exif_at)
    gps_at = exif_at + len(exif)
    gps = ifd(gps_tags, gps_at)
    ifd0 = ifd([(0x8769, 4, exif_at), (0x8825, 4, gps_at)], 8)
    return b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd0 + exif + gps


def make_photo(path, seed=0, size=(32, 24), **exif):
    """A small JPEG with the given EXIF (see exif_block) and bytes of its own (seed)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)).save(buffer, "JPEG",
                                                                                           quality=70)
    jpeg = with_comment(buffer.getvalue(), "geotag test photo {}".format(seed))
    if exif:
        block = exif_block(**exif)
        jpeg = jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block + jpeg[2:]
    Path(path).write_bytes(jpeg)
    return str(path)


def camera_text(when):
    """EXIF's 'YYYY:MM:DD HH:MM:SS' of a datetime."""
    return when.strftime("%Y:%m:%d %H:%M:%S")


def make_video(path, seconds, size=(320, 240), rate=10, created=T0, codec="libx264"):
    """A test-pattern video (FFmpeg's testsrc) with a creation time; size 2:1 for a 360 video."""
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
               "testsrc=size={}x{}:rate={}".format(size[0], size[1], rate), "-t", str(seconds),
               "-c:v", codec, "-pix_fmt", "yuv420p", "-g", str(rate * 2)]
    if created is not None:
        command += ["-metadata", "creation_time={}".format(created.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))]
    subprocess.run(command + [str(path)], check=True)
    return str(path)
