"""Playing a sequence in the photo dock: the play button (Pause while playing), the speed box, the timer."""

from qgis.PyQt.QtCore import QLocale, QObject, QTimer
from qgis.PyQt.QtWidgets import QStyle

from .guarded import guarded

SPEEDS = (0.5, 1.0, 2.0, 4.0)  # photos per second
DEFAULT_SPEED = 1.0


class PhotoPlayback(QObject):
    """Steps through the sequence at the chosen speed while the play button is down.

    step() shows the next photo; at_end() says the last one is shown (play stops there); busy() says
    the photo is still loading (play waits for it). slot_failed(name, error) reports a failed slot.
    """

    def __init__(self, button, speed_combo, step, at_end, busy, slot_failed, parent):
        super().__init__(parent)
        self.button = button
        self.speed_combo = speed_combo
        self._step, self._at_end, self._busy = step, at_end, busy
        self.slot_failed = slot_failed
        for speed in SPEEDS:
            # in the interface language's number format (QGIS sets the default QLocale): "1,0×" in French
            speed_combo.addItem(self.tr("{}×").format(QLocale().toString(float(speed), "f", 1)), speed)
        speed_combo.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        self._play_icon = button.icon()
        self._play_tip = button.toolTip()
        self._timer = QTimer(self)
        button.toggled.connect(self._on_play)
        speed_combo.currentIndexChanged.connect(self._on_speed)
        self._timer.timeout.connect(self._on_tick)

    def stop(self):
        self.button.setChecked(False)  # the button's toggled signal stops the timer

    def release(self):
        self._timer.stop()

    @guarded
    def _on_play(self, playing):
        # while playing the button shows what a click does now: pause
        self.button.setIcon(self.button.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause) if playing
                            else self._play_icon)
        self.button.setToolTip(self.tr("Pause") if playing else self._play_tip)
        if playing:
            self._on_speed()
            self._timer.start()
        else:
            self._timer.stop()

    @guarded
    def _on_speed(self, *_):
        speed = self.speed_combo.currentData() or DEFAULT_SPEED
        self._timer.setInterval(int(1000 / speed))

    @guarded
    def _on_tick(self):
        if self._at_end():
            self.stop()
        elif not self._busy():  # wait for the photo to show before moving on
            self._step()
