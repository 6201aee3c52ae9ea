"""JPEGs and coverage tiles drawn with PIL, made on first request and cached on disk.

Each photo is labelled with its sequence id and index on a colour of its sequence, so a human (or a
test) can tell which photo a viewer shows. 360 photos are 2:1 equirectangular with a 30° grid.
"""

import colorsys
import hashlib
import io
import math
import threading
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZES = {"th": (200, 150), "lth": (800, 600), "proc": (1600, 1200)}
SIZES_360 = {"th": (200, 100), "lth": (1024, 512), "proc": (2048, 1024)}
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


# Pillow's FreeType fonts share one FreeType library, which is not thread-safe: the server's threads
# drawing labels at once crashed a test run (a segmentation fault in test_photo_component).
_FREETYPE = threading.Lock()


def _font(size):
    try:
        return ImageFont.truetype(FONT_FILE, size)
    except OSError:  # no DejaVu: PIL's small bitmap font still labels the image
        return ImageFont.load_default()


def sequence_colour(sequence_id):
    hue = (int(sequence_id) * 0.61803398875) % 1.0  # golden ratio: neighbouring ids look different
    return tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.55, 0.75))


def draw_photo(sequence_id, index, size, is_360):
    width, height = (SIZES_360 if is_360 else SIZES)[size]
    image = Image.new("RGB", (width, height), sequence_colour(sequence_id))
    draw = ImageDraw.Draw(image)
    if is_360:
        for degrees in range(30, 360, 30):
            x = width * degrees // 360
            draw.line([(x, 0), (x, height)], fill=(255, 255, 255), width=max(1, width // 512))
        for degrees in range(30, 180, 30):
            y = height * degrees // 180
            draw.line([(0, y), (width, y)], fill=(255, 255, 255), width=max(1, width // 512))
    lines = ("seq {}".format(sequence_id), "#{}".format(index), "360" if is_360 else size)
    y = height // 6
    with _FREETYPE:
        font = _font(max(10, height // 8))
        for line in lines:
            box = draw.textbbox((0, 0), line, font=font)
            draw.text(((width - (box[2] - box[0])) // 2, y), line, fill=(255, 255, 255), font=font)
            y += int((box[3] - box[1]) * 1.4)
        del font  # freed under the lock too
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def resize_jpeg(data, size):
    """An uploaded photo at a thumbnail size; the bytes unchanged when PIL cannot read them."""
    try:
        image = Image.open(io.BytesIO(data))
        image.thumbnail(SIZES[size])
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - tests upload arbitrary bytes; serve them as they came
        return data


def tile_png(lines, x, y, z):
    """A 256 px coverage tile: `lines` are tracks ((lat, lng), ...) drawn where they cross the tile."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    scale = 256 * 2 ** z

    def pixel(lat, lng):
        px = (lng + 180.0) / 360.0 * scale - x * 256
        sin = math.sin(math.radians(lat))
        py = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale - y * 256
        return px, py

    for track in lines:
        draw.line([pixel(lat, lng) for lat, lng in track], fill=(189, 16, 224, 255), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class ImageCache:
    """Generated files on disk under `root`, keyed by what they show."""

    def __init__(self, root):
        self.root = Path(root)
        self._lock = threading.Lock()

    def get(self, key, make):
        name = hashlib.sha1(key.encode()).hexdigest()
        path = self.root / name[:2] / name
        if path.exists():
            return path.read_bytes()
        data = make()
        with self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp{}".format(threading.get_ident()))
            tmp.write_bytes(data)
            tmp.replace(path)
        return data
