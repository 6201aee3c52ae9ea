"""A cheap structural check of a JPEG file, without decoding it (the upload engine is pure Python).

It reads the marker segments up to the start of the image data and looks for the end-of-image
marker near the end of the file: this catches files that are not JPEGs at all, broken headers and
truncated files (the common corruption of interrupted copies), at the cost of a few small reads.
"""

import os

NOT_JPEG = "not_jpeg"
CORRUPT = "corrupt"

_SOI = b"\xff\xd8"
_EOI = b"\xff\xd9"
_STANDALONE = {0x01, 0xD8} | set(range(0xD0, 0xD8))
_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_SOS = 0xDA
_MAX_SEGMENTS = 4096
# Cameras may append trailers after the EOI (MPF previews end with their own EOI); a truncated file
# has no EOI after the image data starts. Look at the last 64 KiB first, then up to 1 MiB.
_TAILS = (64 * 1024, 1024 * 1024)


def check_jpeg(path):
    """None when the file looks like a complete JPEG, else (NOT_JPEG | CORRUPT, detail)."""
    size = os.path.getsize(path)
    with open(path, "rb") as stream:
        if stream.read(3) != _SOI + b"\xff":
            return NOT_JPEG, "the file does not start with a JPEG signature"
        position = 2
        seen_frame = False
        for _ in range(_MAX_SEGMENTS):
            stream.seek(position)
            marker = stream.read(2)
            if len(marker) < 2 or marker[0] != 0xFF:
                return CORRUPT, "broken header at byte {}".format(position)
            kind = marker[1]
            if kind == 0xFF:  # fill byte before a marker
                position += 1
                continue
            if kind in _STANDALONE:
                position += 2
                continue
            length_bytes = stream.read(2)
            if len(length_bytes) < 2:
                return CORRUPT, "the file ends inside its header"
            length = int.from_bytes(length_bytes, "big")
            if length < 2 or position + 2 + length > size:
                return CORRUPT, "broken header segment at byte {}".format(position)
            if kind in _SOF:
                frame = stream.read(5)
                if len(frame) < 5 or int.from_bytes(frame[3:5], "big") == 0:
                    return CORRUPT, "the image has no width"
                seen_frame = True
            if kind == _SOS:
                if not seen_frame:
                    return CORRUPT, "image data without a frame header"
                return _check_tail(stream, position + 2 + length, size)
            position += 2 + length
        return CORRUPT, "too many header segments"


def _check_tail(stream, data_start, size):
    # Search only after the image data starts: the EXIF thumbnail in the header has its own EOI.
    for tail in _TAILS:
        start = max(data_start, size - tail)
        stream.seek(start)
        if _EOI in stream.read(size - start):
            return None
        if start == data_start:
            break
    return CORRUPT, "the image data is truncated (no end-of-image marker)"
