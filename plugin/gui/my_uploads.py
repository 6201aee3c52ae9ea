"""The "My KartaView uploads" panel: the signed-in user's sequences with their upload and processing
status, refreshed on demand, each to open on KartaView or to delete after a confirmation naming it.

KartaView keeps processing an upload long after it is finished (upload-scripts #145); this is the one
place besides the web site where a user sees that status, or deletes a sequence uploaded by mistake.
Requests run in the background; the panel never blocks QGIS.
"""

from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..client.errors import AuthenticationError, KartaViewError, NotFoundError
from ..client.my_uploads import delete_sequence, my_uploads
from ..core.auth import resolve_token
from ..core.log import log_error
from ..core.network import shared_client
from .background import Background


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files module tr() here


def status_text(status: str) -> str:
    """KartaView's processing status in words."""
    return {"NEW": tr("Uploading"), "UPLOAD_FINISHED": tr("Uploaded, waiting for processing"),
            "PROCESSING": tr("Processing"), "PROCESSING_FINISHED": tr("Published"),
            "PROCESSING_FAILED": tr("Processing failed")}.get(status, status or tr("Unknown"))


class MyUploadsDock(QDockWidget):
    COLUMNS = 5

    def __init__(self, parent=None, client_factory=shared_client, token_source=resolve_token):
        super().__init__(tr("My KartaView uploads"), parent)
        self.setObjectName("KartaViewMyUploadsDock")
        self.client_factory, self.token_source = client_factory, token_source
        self.background = Background(workers=1, name="kartaview-my-uploads", parent=self)
        self.uploads = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.status = QLabel(tr("Press Refresh to list the sequences you uploaded."), body)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server messages are text, never HTML
        self.table = QTableWidget(0, self.COLUMNS, body)
        self.table.setHorizontalHeaderLabels([tr("Sequence"), tr("Uploaded"), tr("Photos"), tr("Status"),
                                              tr("Place")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(tr("Refresh"), body)
        self.open_button = QPushButton(tr("Open on KartaView"), body)
        self.delete_button = QPushButton(tr("Delete…"), body)
        for button in (self.refresh_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ---- listing --------------------------------------------------------------------------------
    def refresh(self):
        token = self.token_source()
        if not token:
            self._say(tr("Sign in to KartaView (Web ▸ KartaView ▸ Sign in) to see your uploads."))
            return
        self.refresh_button.setEnabled(False)
        self._say(tr("Asking KartaView for your sequences…"))
        client = self.client_factory()
        self.background.run(lambda: my_uploads(client, token), self._listed, self._failed)

    def _listed(self, uploads):
        self.refresh_button.setEnabled(True)
        self.uploads = list(uploads)
        self.table.setRowCount(len(self.uploads))
        for row, upload in enumerate(self.uploads):
            values = (str(upload.id), upload.date_added.strftime("%Y-%m-%d %H:%M") if upload.date_added else "",
                      "" if upload.photo_count is None else str(upload.photo_count), status_text(upload.status),
                      upload.location or "")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        waiting = sum(1 for upload in self.uploads if upload.status in ("NEW", "UPLOAD_FINISHED"))
        self._say(tr("{} sequences, {} not published yet.").format(len(self.uploads), waiting)
                  if self.uploads else tr("You have not uploaded any sequence yet."))
        self._update_buttons()

    def _failed(self, error):
        self.refresh_button.setEnabled(True)
        message = error.message if isinstance(error, KartaViewError) else str(error)
        log_error("KartaView: listing your uploads failed: {}".format(message))
        self._say(tr("Your sequences could not be listed: {}").format(message))

    # ---- actions --------------------------------------------------------------------------------
    def selected(self):
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.uploads[min(rows)] if rows and min(rows) < len(self.uploads) else None

    def open_selected(self):
        upload = self.selected()
        if upload is not None:
            QDesktopServices.openUrl(QUrl(self.client_factory().web_url(upload.id)))

    def delete_selected(self):
        upload, token = self.selected(), self.token_source()
        if upload is None or not token:
            return
        question = tr("Delete sequence {} from KartaView?\n\n{}\n\nThis cannot be undone: its photos are "
                      "removed for everyone.").format(upload.id, upload.describe())
        answer = QMessageBox.question(self, tr("Delete KartaView sequence"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_button.setEnabled(False)
        self._say(tr("Deleting sequence {}…").format(upload.id))
        client = self.client_factory()
        self.background.run(lambda: delete_sequence(client, token, upload.id),
                            lambda _none: self._deleted(upload), lambda error: self._not_deleted(upload, error))

    def _deleted(self, upload):
        self._remove_row(upload)
        self._say(tr("Sequence {} was deleted.").format(upload.id))

    def _not_deleted(self, upload, error):
        self._update_buttons()
        message = error.message if isinstance(error, KartaViewError) else str(error)
        if isinstance(error, NotFoundError):
            self._remove_row(upload)
            self._say(tr("Sequence {} is not on KartaView any more.").format(upload.id))
        elif isinstance(error, AuthenticationError):
            self._say(tr("KartaView refused to delete sequence {}: {}").format(upload.id, message))
        else:
            self._say(tr("Sequence {} could not be deleted: {}").format(upload.id, message))
        log_error("KartaView: deleting sequence {} failed: {}".format(upload.id, message))

    def _remove_row(self, upload):
        if upload in self.uploads:
            row = self.uploads.index(upload)
            self.uploads.pop(row)
            self.table.removeRow(row)
        self._update_buttons()

    def _update_buttons(self):
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _say(self, text):
        self.status.setText(text)

    def shutdown(self):
        self.background.shutdown()


class MyUploadsComponent:
    """The panel and its entry in the Web ▸ KartaView menu."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.dock = None

    def init_gui(self):
        iface = self.plugin.iface
        self.dock = MyUploadsDock(iface.mainWindow())
        iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        toggle = self.dock.toggleViewAction()
        toggle.setText(tr("My KartaView uploads"))
        toggle.setObjectName("KartaViewMyUploadsAction")
        self.plugin.add_action(toggle, toolbar=False)

    def unload(self):
        if self.dock is not None:
            self.dock.shutdown()
            self.plugin.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
