"""Helpers of the photo dock tests: waiting on the event loop, sandbox photos, a client without retries."""

import math
import re
import time
from typing import NamedTuple, Optional

from qgis.PyQt.QtCore import QCoreApplication, QEventLoop

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.client.models import Photo


def wait_until(predicate, timeout=10.0, what="the condition"):
    """Run the event loop until predicate() is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for {}".format(what))
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def pump(seconds):
    """Let queued signals arrive for a while (to show that something does NOT happen)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


class Shown(NamedTuple):
    """What the photo panel says it shows, read from its labels as a user reads them."""
    sequence_id: Optional[int]
    index: Optional[int]  # KartaView's sequence index (from 0; the panel counts from 1)
    photo_id: Optional[int]
    count: Optional[int]  # photos in the sequence ("of N")


def shown_in(dock) -> Shown:
    sequence = dock.sequenceValue.text()
    place = re.fullmatch(r"(\d+) \(id (\d+)\)", dock.indexValue.text())
    count = re.fullmatch(r"of (\d+)", dock.countLabel.text())
    return Shown(int(sequence) if sequence.isdigit() else None,
                 int(place.group(1)) - 1 if place else None, int(place.group(2)) if place else None,
                 int(count.group(1)) if count else None)


def sandbox_photo(sandbox, sequence_id, index) -> Photo:
    return Photo.from_v1(sandbox.world.photos(sequence_id)[index])


def sequence_ids(sandbox, is_360=False, min_photos=8):
    return [int(s["id"]) for s in sandbox.world.sequences
            if len(sandbox.world.photos(s["id"])) >= min_photos
            and sandbox.world.is_360(sandbox.world.photos(s["id"])[0]) == is_360]


def missing_lth_photo(sandbox, is_360=False) -> Photo:
    for sequence_id in sequence_ids(sandbox, is_360=is_360, min_photos=1):
        for record in sandbox.world.photos(sequence_id):
            if int(record["id"]) in sandbox.world.missing_lth:
                return Photo.from_v1(record)
    raise AssertionError("the sandbox world has no photo without lth")


def drop_memory(cache):
    """Empty a PhotoCache's memory LRU, as its eviction may at any time; its disk copies stay."""
    with cache._lock:
        cache._memory.clear()
        cache._memory_bytes = 0


def file_requests(sandbox):
    """Paths of the image files the sandbox served since its log was reset."""
    return [entry["path"] for entry in sandbox.request_log if entry["path"].startswith("/storage")]


def no_retry_client_factory(sandbox):
    """Failures show at once (the shared client retries with back-off for seconds)."""
    client = KartaViewClient(sandbox.url, retries=0, timeout=5)
    return lambda: client


def drawn_heading(marker, scale=8):
    """The angle (degrees clockwise from screen up) along which the map marker draws its arrow, or
    None when it draws none. The marker is painted `scale` times enlarged; the pixels of its colour
    between the dot and the arrow's tip (the shaft over its translucent cone, both symmetric about
    the arrow), weighted by how much of each the paint covers, have their centre along it."""
    import numpy as np
    from qgis.PyQt.QtGui import QImage, QPainter

    from kartaview.plugin.gui.map_marker import ARROW_PX, COLOUR, DOT_PX

    box = marker.boundingRect()
    side = int(max(box.width(), box.height()) * scale)
    image = QImage(side, side, QImage.Format.Format_RGBA8888)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(side / 2, side / 2)
    painter.scale(scale, scale)
    marker.paint(painter)
    painter.end()
    pixels = np.frombuffer(image.constBits().asstring(image.sizeInBytes()), np.uint8)
    pixels = pixels.reshape(side, image.bytesPerLine())[:, :4 * side].reshape(side, side, 4)
    red = np.all(np.abs(pixels[:, :, :3].astype(int) - (COLOUR.red(), COLOUR.green(), COLOUR.blue())) <= 8, axis=2)
    ys, xs = np.nonzero(red)
    weights = pixels[ys, xs, 3].astype(float)  # coverage: edge pixels count for what they cover
    xs, ys = xs - side / 2 + 0.5, ys - side / 2 + 0.5
    reach = np.hypot(xs, ys)
    arrow = (reach > (DOT_PX + 2) * scale) & (reach < (ARROW_PX - 12) * scale)
    if not arrow.any():
        return None
    x, y = np.average(xs[arrow], weights=weights[arrow]), np.average(ys[arrow], weights=weights[arrow])
    return math.degrees(math.atan2(x, -y)) % 360


def drag(widget, start, end, steps=4):
    """A left-button drag from `start` to `end` (QPoints), with real mouse events."""
    from qgis.PyQt.QtCore import QEvent, QPointF, Qt
    from qgis.PyQt.QtGui import QMouseEvent
    from qgis.PyQt.QtWidgets import QApplication

    def send(kind, point, button, buttons):
        event = QMouseEvent(kind, QPointF(point), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        send(QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
