"""Helpers of the photo dock tests: waiting on the event loop, sandbox photos, a client without retries."""

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
