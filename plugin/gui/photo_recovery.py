"""What the photo dock shows when something failed, and how it gets over it: the message page with its
Retry button, and while KartaView gives no answer, that retry by itself now and then."""

from qgis.PyQt.QtCore import QObject, QTimer

from .guarded import guarded

RECOVER_INTERVAL_MS = 5000  # while KartaView gives no answer, the dock asks again this often by itself


class PhotoRecovery(QObject):
    """The dock's failures. `retry` is what Retry does: the last step that failed, or that could fail
    (the pick, the photo's load). A failure that leaves the photo on screen (its sequence could not be
    read) is said in the status line instead of the message page: `status_error`.
    """

    def __init__(self, dock, message_page):
        super().__init__(dock)
        self._dock = dock
        self._message_page = message_page
        self.slot_failed = dock.slot_failed
        self.retry = None
        self.status_error = None
        # KartaView unreachable: ask again now and then, so the error goes once it is back (no Retry click)
        self._timer = QTimer(self)
        self._timer.setInterval(RECOVER_INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)
        dock.retryButton.clicked.connect(self._on_retry)

    def show_message(self, text, retry=None, automatic=False):
        """The message page; automatic: KartaView gave no answer, so `retry` runs by itself now and then."""
        dock = self._dock
        self.retry = retry
        if automatic and retry is not None:
            text = "{}\n{}".format(text, self.tr("The panel tries again by itself every few seconds."))
        dock.messageLabel.setText(text)
        dock.retryButton.setVisible(retry is not None)
        dock.stack.setCurrentIndex(self._message_page)
        dock.statusLabel.setText("")
        self._recover_later(automatic and retry is not None)

    def show_status_error(self, text, retry, automatic):
        """A failure said in the status line: the photo stays on screen, only what failed is missing."""
        self.status_error = text
        self._dock.statusLabel.setText(text)
        self.retry = retry
        self._recover_later(automatic)

    def photo_shown(self):
        """An image arrived: nothing is left to recover, unless the status line still says a failure."""
        if self.status_error is None:
            self._timer.stop()

    def stop(self):
        self._timer.stop()

    def _recover_later(self, wanted):
        if wanted:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    @guarded
    def _on_tick(self):
        failing = self._dock.stack.currentIndex() == self._message_page or self.status_error is not None
        if not failing or self.retry is None:
            self._timer.stop()
        elif self._dock.isVisible():  # a closed panel asks nobody
            self.retry()

    @guarded
    def _on_retry(self, *_):
        if self.retry is not None:
            self.retry()
