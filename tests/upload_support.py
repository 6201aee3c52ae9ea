"""Helpers of the upload tests: small real JPEGs on disk, tracks of photos along a street, plans read back."""

import io
import math
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

START = datetime(2024, 5, 1, 8, 0, 0)
ORIGIN = (46.77, 23.59)  # lat, lng in Cluj-Napoca, where the sandbox lives


def make_jpeg(path, seed=0, size=(32, 24)):
    """A small valid JPEG without EXIF, the same bytes for the same seed and different ones for another:
    the colour varies with seed (it repeats every 256) and a comment segment carries the seed, as the
    plugin knows a photo by its bytes."""
    colour = ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=70)
    Path(path).write_bytes(with_comment(buffer.getvalue(), "test photo {}".format(seed)))
    return str(path)


def make_photo(path, seed, megabytes):
    """A JPEG of about `megabytes` MB, as a camera's full-size photo weighs (3-8 MB), the same bytes for
    the same seed: noise at quality 95 without chroma subsampling takes ~2.4 bytes a pixel, so its
    pixel count follows the size asked for (4:3); a comment segment carries the seed."""
    import random

    pixels = megabytes * 1e6 / 2.42
    width = int((pixels * 4 / 3) ** 0.5) // 16 * 16
    height = int(width * 3 / 4) // 16 * 16
    noise = random.Random(seed).randbytes(width * height * 3)  # nosec B311 # test pixels, not security
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), noise).save(buffer, "JPEG", quality=95, subsampling=0)
    Path(path).write_bytes(with_comment(buffer.getvalue(), "bench photo {}".format(seed)))
    return str(path)


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The JPEG with a comment segment (COM) right after its start marker."""
    data = text.encode("utf-8")
    return jpeg[:2] + b"\xff\xfe" + (len(data) + 2).to_bytes(2, "big") + data + jpeg[2:]


def offset(lat, lng, north_m, east_m):
    """The point north_m / east_m metres from lat, lng."""
    return lat + north_m / 111_320.0, lng + east_m / (111_320.0 * math.cos(math.radians(lat)))


def track(directory, count, *, start=START, step_s=2, step_m=10.0, first=0, origin=ORIGIN, name="img"):
    """`count` PhotoInputs every step_m metres east and step_s seconds, with JPEGs in directory."""
    from kartaview.plugin.upload.plan_types import PhotoInput

    photos = []
    for i in range(count):
        lat, lng = offset(*origin, 0.0, i * step_m)
        path = make_jpeg(directory / "{}_{:05d}.jpg".format(name, first + i), first + i)
        photos.append(PhotoInput(ref=first + i, path=path, lat=lat, lng=lng,
                                 captured_at=start + timedelta(seconds=i * step_s), heading=90.0))
    return photos


def sequences(plan):
    """[(PlannedSequence, [PlannedPhoto, ...])] of a split plan, read back for assertions."""
    return [(sequence, list(plan.photos(sequence))) for sequence in plan.sequences()]


def planned_photos(plan):
    """Every PlannedPhoto of a plan, in upload order."""
    return [photo for _, photos in sequences(plan) for photo in photos]


def register(journal, plan):
    """Record a whole plan in the journal, as the uploader does sequence by sequence; returns
    {photo key: PhotoRecord} of where each photo goes."""
    places = {}
    for sequence, photos in sequences(plan):
        journal.register(sequence, iter(photos))
        places.update((photo.key, journal.photo(photo.key)) for photo in photos)
    return places


def gpano_xmp(projection="equirectangular", heading=None, extra=""):
    """An XMP packet with Google's panorama properties as attributes (as GoPro, Insta360 and Ricoh write them)."""
    attributes = 'GPano:ProjectionType="{}"'.format(projection) if projection else ""
    if heading is not None:
        attributes += ' GPano:PoseHeadingDegrees="{}"'.format(heading)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
            ' xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" {} {}/></rdf:RDF></x:xmpmeta>'
            '<?xpacket end="w"?>').format(attributes, extra)


def with_xmp(jpeg: bytes, xmp: str) -> bytes:
    """The JPEG with an APP1 XMP segment right after its start marker."""
    data = b"http://ns.adobe.com/xap/1.0/\x00" + xmp.encode("utf-8")
    return jpeg[:2] + b"\xff\xe1" + (len(data) + 2).to_bytes(2, "big") + data + jpeg[2:]


def make_panorama(path, seed=0, size=(64, 32), xmp=None):
    """A small JPEG (2:1 by default) with an XMP packet if given (e.g. gpano_xmp())."""
    make_jpeg(path, seed, size)
    if xmp is not None:
        Path(path).write_bytes(with_xmp(Path(path).read_bytes(), xmp))
    return str(path)


def _dms(value):
    value = abs(value)
    degrees, minutes = int(value), int(abs(value) * 60) % 60
    return degrees, minutes, round((value * 3600) - degrees * 3600 - minutes * 60, 4)


def make_geotagged_jpeg(path, seed, lat, lng, when, size=(32, 24), xmp=None):
    """A JPEG with EXIF GPS position and DateTimeOriginal (what "Import geotagged photos" reads), and an
    XMP packet if given; different bytes for each seed."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N" if lat >= 0 else "S", 2: _dms(lat), 3: "E" if lng >= 0 else "W", 4: _dms(lng)}
    exif[0x8769] = {36867: when.strftime("%Y:%m:%d %H:%M:%S")}
    buffer = io.BytesIO()
    colour = ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=70, exif=exif)
    data = with_comment(buffer.getvalue(), "test photo {}".format(seed))
    Path(path).write_bytes(with_xmp(data, xmp) if xmp is not None else data)
    return str(path)


def plan_upload(photos, options=None, keys=None):
    """The Plan of an iterable of PhotoInput (the algorithm adds its rows the same way, with feedback)."""
    from kartaview.plugin.upload.plan_types import PlanOptions
    from kartaview.plugin.upload.planner import Plan

    plan = Plan(options or PlanOptions(), keys)
    try:
        for photo in photos:
            plan.add(photo)
        plan.split()
    except BaseException:
        plan.close()
        raise
    return plan
