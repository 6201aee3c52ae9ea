"""The photo dock's details panel (what KartaView says of the photo shown, and its link) and what can be
done with that photo: open it on KartaView, copy its link, save its image."""

import html
from pathlib import Path

from qgis.PyQt.QtCore import QObject, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from .guarded import guarded


def _text(value, unit=""):
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return "{:.1f}{}".format(value, unit)
    return "{}{}".format(value, unit)


class PhotoDetails(QObject):
    """Fills the dock's detail labels and answers its photo buttons (open in browser, copy link, save)."""

    def __init__(self, dock, client_factory):
        super().__init__(dock)
        self._dock = dock
        self._client_factory = client_factory
        self.slot_failed = dock.slot_failed
        self.photo = None  # the photo described
        self.image_bytes = None  # the original JPEG bytes of its image on screen (what Save writes)
        dock.openWebButton.clicked.connect(self.open_in_browser)
        dock.copyLinkButton.clicked.connect(self.copy_link)
        dock.saveButton.clicked.connect(self._on_save)

    def show(self, photo, sequence):
        """Describe `photo`; `sequence` (or None, not read yet) gives the device and the user the photo lacks."""
        dock = self._dock
        self.photo = photo
        dock.sequenceValue.setText(str(photo.sequence_id))
        # counted from 1, like the index box and its "of N" beside it (KartaView's index counts from 0)
        number = photo.sequence_index + 1 if photo.sequence_index is not None else "–"
        dock.indexValue.setText(self.tr("{} (id {})").format(number, photo.id))
        dock.timeValue.setText(_text(photo.shot_date.strftime("%Y-%m-%d %H:%M:%S") if photo.shot_date else None))
        dock.userValue.setText(_text(photo.username or (sequence.username if sequence else None)))
        dock.headingValue.setText(_text(photo.heading, "°"))
        dock.accuracyValue.setText(_text(photo.gps_accuracy, " m"))
        dock.projectionValue.setText(_text(photo.projection))
        dock.deviceValue.setText(_text(sequence.device_name if sequence else None))
        url = self.photo_url()
        dock.linkValue.setText('<a href="{0}">{0}</a>'.format(html.escape(url, quote=True)))

    def photo_url(self):
        photo = self.photo
        return self._client_factory().web_url(photo.sequence_id, photo.sequence_index) if photo else ""

    @guarded
    def open_in_browser(self, *_):
        if self.photo is not None:
            QDesktopServices.openUrl(QUrl(self.photo_url()))

    @guarded
    def copy_link(self, *_):
        if self.photo is not None:
            QApplication.clipboard().setText(self.photo_url())

    @guarded
    def _on_save(self, *_):
        if self.photo is None or self.image_bytes is None:
            return
        default = Path.home() / "kartaview_{}_{}.jpg".format(self.photo.sequence_id, self.photo.sequence_index)
        path, _ = QFileDialog.getSaveFileName(self._dock, self.tr("Save the photo"), str(default),
                                              self.tr("JPEG images (*.jpg *.jpeg)"))
        if path:
            self.save_to(path)

    def save_to(self, path):
        """Write the image now shown (its original JPEG bytes) to `path`."""
        Path(path).write_bytes(self.image_bytes)
        self._dock.statusLabel.setText(self.tr("Saved to {}").format(path))
