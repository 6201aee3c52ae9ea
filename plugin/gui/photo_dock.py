"""The photo dock: the picked photo, its sequence to walk through, its details, its place on the map.

Everything slow (the sequence's photo list, its details, the images) runs on worker threads; a
newer pick makes older answers stale (generation counter and loader tickets). Every slot catches
its errors and shows them in the dock with a retry button.

The dock's parts with a role of their own live beside it, as its children: playing the sequence
(photo_playback), failures and their retry (photo_recovery), the details panel and the photo's
buttons (photo_details).
"""

import functools

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QEvent, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

from ..about import PLUGIN_DIR
from ..core.log import log_error, log_warning
from ..core.messages import unreachable, user_message
from ..core.network import shared_client
from .background import Background
from .geo import distance_m
from .guarded import guarded
from .map_marker import PhotoMarkers
from .panorama_view import PanoramaView
from .photo_details import PhotoDetails
from .photo_loader import RANK, PhotoLoader
from .photo_playback import PhotoPlayback
from .photo_recovery import PhotoRecovery
from .photo_view import PhotoView

FORM_CLASS, _ = uic.loadUiType(str(PLUGIN_DIR / "ui" / "photo_dock.ui"))
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
EMPTY_PAGE, FLAT_PAGE, PANORAMA_PAGE, MESSAGE_PAGE = range(4)
PREFETCH_AROUND = 2
SEQUENCES_KEPT = 20
NAVIGATION_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)
TEXT_INPUTS = (QAbstractSpinBox, QLineEdit, QComboBox)


class PhotoDock(QgsDockWidget, FORM_CLASS):
    imageShown = pyqtSignal(object, str)  # noqa: N815 (Qt signal naming) - Photo, size served

    def __init__(self, canvas, client_factory=shared_client, loader=None, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("KartaViewPhotoDock")
        self.canvas = canvas
        self._client_factory = client_factory
        self.loader = loader if loader is not None else PhotoLoader(client_factory, parent=self)
        self.background = Background(parent=self)
        self.markers = PhotoMarkers(canvas)
        self.photo_view = PhotoView(self)
        self.panorama_view = PanoramaView(self)
        self.flatLayout.addWidget(self.photo_view)
        self.panoramaLayout.addWidget(self.panorama_view)
        self._sequences = {}  # sequence id -> [Photo] by index (a few kept)
        self._sequence_details = {}  # sequence id -> Sequence (device, and the user the photo lists lack)
        self._photos = []
        self._position = -1
        self._current = None
        self._shown = None  # (photo id, rank) of the image in the view
        self._ticket = 0
        self._generation = 0
        self._full_requested = None  # photo id whose full-resolution image was asked for
        self.recovery = PhotoRecovery(self, MESSAGE_PAGE)
        self.details = PhotoDetails(self, client_factory)
        self._setup_widgets()
        self._connect()

    # --- set-up -----------------------------------------------------------------------------

    def _setup_widgets(self):
        icon = QgsApplication.getThemeIcon
        for button, name in ((self.zoomInButton, "mActionZoomIn.svg"), (self.zoomOutButton, "mActionZoomOut.svg"),
                             (self.fitButton, "mActionZoomFullExtent.svg"),
                             (self.firstButton, "mActionDoubleArrowLeft.svg"),
                             (self.previousButton, "mActionArrowLeft.svg"), (self.playButton, "mActionPlay.svg"),
                             (self.nextButton, "mActionArrowRight.svg"),
                             (self.lastButton, "mActionDoubleArrowRight.svg"),
                             (self.copyLinkButton, "mActionEditCopy.svg"), (self.saveButton, "mActionFileSave.svg"),
                             (self.retryButton, "mActionRefresh.svg")):
            button.setIcon(icon("/" + name))
        self.playback = PhotoPlayback(self.playButton, self.speedCombo, step=self.next, at_end=self._at_end,
                                      busy=self.loader.is_loading, slot_failed=self.slot_failed, parent=self)
        # A click on the photo takes the keyboard (arrows step photos instead of panning the map)
        for view in (self.photo_view, self.panorama_view):
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.statusLabel.setWordWrap(True)  # an error there is a sentence, never cut off
        # Server values (user names, devices, KartaView's error texts) are shown as they are: a QLabel
        # would otherwise render any that looks like HTML. Only the link is HTML, and it is escaped.
        for label in self.findChildren(QLabel):
            if label is not self.linkValue:
                label.setTextFormat(Qt.TextFormat.PlainText)
        self.linkValue.setTextFormat(Qt.TextFormat.RichText)
        self.linkValue.setOpenExternalLinks(True)
        self.linkValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.stack.setCurrentIndex(EMPTY_PAGE)
        self._update_navigation()
        for widget in [self, *self.findChildren(QWidget)]:
            widget.installEventFilter(self)

    def _connect(self):
        self.loader.imageLoaded.connect(self._on_image)
        self.loader.loadFailed.connect(self._on_image_failed)
        self.zoomInButton.clicked.connect(lambda: self._view().zoom_in())
        self.zoomOutButton.clicked.connect(lambda: self._view().zoom_out())
        self.fitButton.clicked.connect(lambda: self._view().fit())
        self.fullResButton.clicked.connect(self.load_full_resolution)
        self.photo_view.wantsMoreDetail.connect(self.load_full_resolution)
        self.panorama_view.wantsMoreDetail.connect(self.load_full_resolution)
        self.panorama_view.yawChanged.connect(self._on_yaw)
        self.firstButton.clicked.connect(self.first)
        self.previousButton.clicked.connect(self.previous)
        self.nextButton.clicked.connect(self.next)
        self.lastButton.clicked.connect(self.last)
        self.positionSlider.valueChanged.connect(self._on_slider)
        self.indexSpin.valueChanged.connect(self._on_spin)
        self.followCheck.toggled.connect(self._on_follow)
        self.toggleViewAction().toggled.connect(self._on_toggled)

    def release(self):
        """Before the dock goes away (plugin unload): stop the work, remove the canvas items."""
        self.playback.release()
        self.recovery.stop()
        self.loader.shutdown()
        self.background.shutdown()
        self.markers.remove()

    def slot_failed(self, name, error):
        """A slot of the dock or of its parts raised: say so on the message page (its retry kept)."""
        log_error("Photo dock: {} failed: {}".format(name, error))
        self.show_message(self.tr("Something went wrong: {}").format(user_message(error)), retry=self.recovery.retry)

    def _view(self):
        return self.panorama_view if self.stack.currentIndex() == PANORAMA_PAGE else self.photo_view

    # --- showing a pick -----------------------------------------------------------------------

    @guarded
    def show_ref(self, ref):
        """Show the photo a PhotoRef names (map tool, identify, layer action)."""
        if self.isHidden():
            self.show()
        self.raise_()  # in front of the docks tabbed with it
        self.playback.stop()
        self._generation += 1
        generation = self._generation
        self.recovery.retry = functools.partial(self.show_ref, ref)
        self.recovery.status_error = None
        if ref.photo is not None:
            self._photos, self._position = [ref.photo], 0
            self._show_photo(ref.photo)
        self._fetch_details(ref.sequence_id)
        photos = self._sequences.get(ref.sequence_id)
        if photos is not None:
            self._set_sequence(ref, photos)
            return
        self.statusLabel.setText(self.tr("Loading sequence {}…").format(ref.sequence_id))
        sequence_id = ref.sequence_id
        self.background.run(
            lambda: self._client_factory().sequence_photos(sequence_id),
            lambda found: self._on_sequence(generation, ref, found),
            lambda error: self._on_sequence_failed(generation, ref, error))

    @guarded
    def _on_sequence(self, generation, ref, photos):
        if generation != self._generation:
            return
        self._sequences[ref.sequence_id] = photos
        while len(self._sequences) > SEQUENCES_KEPT:
            self._sequences.pop(next(iter(self._sequences)))
        self._set_sequence(ref, photos)

    def _on_sequence_failed(self, generation, ref, error):
        if generation != self._generation:
            return
        log_warning("Reading sequence {} failed: {}".format(ref.sequence_id, error))
        text = self.tr("Could not read the photos of sequence {}: {}").format(ref.sequence_id, user_message(error))
        retry = functools.partial(self.show_ref, ref)
        if ref.photo is not None and self._current is ref.photo:
            # the picked photo stays on screen; only stepping is missing
            self.recovery.show_status_error(text, retry, automatic=unreachable(error))
            return
        self.show_message(text, retry=retry, automatic=unreachable(error))

    def _set_sequence(self, ref, photos):
        if not photos:
            self.show_message(self.tr("Sequence {} has no photos.").format(ref.sequence_id))
            return
        self._photos = list(photos)
        position = self._position_for(ref)
        self.markers.show_sequence([(p.lng, p.lat) for p in self._photos if p.has_position])
        if self._current is not None and self._current.id == self._photos[position].id:
            self._position = position  # already on screen (the API search gave the full record)
            self._update_navigation()
            self._prefetch()
        else:
            self.go_to(position)

    def _position_for(self, ref):
        for position, photo in enumerate(self._photos):
            if ref.photo_id is not None and photo.id == ref.photo_id:
                return position
        for position, photo in enumerate(self._photos):
            if ref.sequence_index is not None and photo.sequence_index == ref.sequence_index:
                return position
        if ref.near is not None:
            lng, lat = ref.near
            positioned = [(distance_m(lng, lat, p.lng, p.lat), i) for i, p in enumerate(self._photos) if p.has_position]
            if positioned:
                return min(positioned)[1]
        return 0

    def _fetch_details(self, sequence_id):
        if sequence_id in self._sequence_details:
            return

        def found(sequence):
            self._sequence_details[sequence_id] = sequence
            if self._current is not None and self._current.sequence_id == sequence_id:
                self._show_details(self._current)

        def failed(error):
            log_warning("Reading the details of sequence {} failed: {}".format(sequence_id, error))

        self.background.run(lambda: self._client_factory().sequence(sequence_id), found, failed)

    # --- navigation -----------------------------------------------------------------------------

    @guarded
    def go_to(self, position):
        if not self._photos:
            return
        position = min(max(int(position), 0), len(self._photos) - 1)
        self._position = position
        self._show_photo(self._photos[position])
        self._update_navigation()
        self._prefetch()

    def first(self, *_):
        self.go_to(0)

    def previous(self, *_):
        self.go_to(self._position - 1)

    def next(self, *_):
        self.go_to(self._position + 1)

    def last(self, *_):
        self.go_to(len(self._photos) - 1)

    def _at_end(self):
        return self._position >= len(self._photos) - 1

    def _prefetch(self):
        low, high = max(0, self._position - PREFETCH_AROUND), self._position + PREFETCH_AROUND + 1
        self.loader.prefetch([p for p in self._photos[low:high] if p.id != self._current.id])

    def _update_navigation(self):
        count, position = len(self._photos), self._position
        for widget in (self.positionSlider, self.indexSpin):
            widget.blockSignals(True)
        self.positionSlider.setRange(0, max(0, count - 1))
        self.positionSlider.setValue(max(0, position))
        self.indexSpin.setRange(1 if count else 0, count)
        self.indexSpin.setValue(position + 1)
        for widget in (self.positionSlider, self.indexSpin):
            widget.blockSignals(False)
        self.countLabel.setText(self.tr("of {}").format(count))
        has = count > 0
        for widget in (self.positionSlider, self.indexSpin, self.playButton, self.speedCombo):
            widget.setEnabled(count > 1)
        self.firstButton.setEnabled(has and position > 0)
        self.previousButton.setEnabled(has and position > 0)
        self.nextButton.setEnabled(has and position < count - 1)
        self.lastButton.setEnabled(has and position < count - 1)
        for widget in (self.openWebButton, self.copyLinkButton, self.saveButton, self.fullResButton):
            widget.setEnabled(self._current is not None)

    @guarded
    def _on_slider(self, value):
        if value != self._position:
            self.go_to(value)

    @guarded
    def _on_spin(self, value):
        if value - 1 != self._position:
            self.go_to(value - 1)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt API name)
        """Arrow keys, Home and End step through the sequence wherever the focus is in the dock."""
        if (event.type() == QEvent.Type.KeyPress and event.key() in NAVIGATION_KEYS
                and not isinstance(watched, TEXT_INPUTS) and not event.modifiers()):
            {Qt.Key.Key_Left: self.previous, Qt.Key.Key_Right: self.next,
             Qt.Key.Key_Home: self.first, Qt.Key.Key_End: self.last}[event.key()]()
            return True
        return super().eventFilter(watched, event)

    # --- images -------------------------------------------------------------------------------

    def _show_photo(self, photo):
        self._current = photo
        self.details.image_bytes = None
        self._full_requested = None
        self._ticket = self.loader.show(photo)
        self.recovery.retry = functools.partial(self._reload, photo)
        self.statusLabel.setText(self.tr("Loading…"))
        self._show_details(photo)
        self._place_marker(photo)

    def _size_name(self, size):
        """KartaView's image size codes in words."""
        return {"th": self.tr("thumbnail"), "lth": self.tr("large"),
                "proc": self.tr("full resolution")}.get(size, size)

    def _reload(self, photo):
        self._shown = None
        self._show_photo(photo)

    @guarded
    def load_full_resolution(self, *_):
        photo = self._current
        if photo is None or (self._shown is not None and self._shown == (photo.id, RANK["proc"])):
            return
        if self._full_requested == photo.id:
            return
        self._full_requested = photo.id
        self.statusLabel.setText(self.tr("Loading the full-resolution image…"))
        self._ticket = self.loader.show(photo, ("proc",))

    @guarded
    def _on_image(self, ticket, photo, size, served, image, data):
        if ticket != self._ticket:
            return
        same_photo = self._shown is not None and self._shown[0] == photo.id
        if same_photo and RANK[served] < self._shown[1]:
            return  # already showing a larger image of this photo
        page = PANORAMA_PAGE if photo.is_360 else FLAT_PAGE
        view = self.panorama_view if photo.is_360 else self.photo_view
        view.set_image(image, keep_view=same_photo and self.stack.currentIndex() == page)
        self.stack.setCurrentIndex(page)
        self._shown = (photo.id, RANK[served])
        self.details.image_bytes = data
        self.statusLabel.setText(self.recovery.status_error
                                 or self.tr("{} × {} px ({})").format(image.width(), image.height(),
                                                                      self._size_name(served)))
        self.recovery.photo_shown()
        self._update_navigation()
        self.imageShown.emit(photo, served)

    @guarded
    def _on_image_failed(self, ticket, photo, message, no_answer):
        if ticket != self._ticket:
            return
        self.show_message(self.tr("Could not load photo {}: {}").format(photo.id, message),
                          retry=functools.partial(self._reload, photo), automatic=no_answer)

    # --- the parts ------------------------------------------------------------------------------

    def show_message(self, text, retry=None, automatic=False):
        """The message page (see PhotoRecovery.show_message)."""
        self.recovery.show_message(text, retry=retry, automatic=automatic)

    def _show_details(self, photo):
        self.details.show(photo, self._sequence_details.get(photo.sequence_id))

    # --- map ------------------------------------------------------------------------------------

    def _place_marker(self, photo):
        if not photo.has_position:
            self.markers.marker.hide()
            return
        heading = photo.heading
        if photo.is_360 and heading is not None and self.stack.currentIndex() == PANORAMA_PAGE:
            heading = (heading + self.panorama_view.yaw()) % 360
        self.markers.show_photo(photo.lng, photo.lat, heading)
        if self.followCheck.isChecked():
            self._centre_map(photo)

    def _centre_map(self, photo):
        transform = QgsCoordinateTransform(WGS84, self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
        self.canvas.setCenter(transform.transform(QgsPointXY(photo.lng, photo.lat)))
        self.canvas.refresh()

    @guarded
    def _on_yaw(self, yaw):
        photo = self._current
        if photo is not None and photo.has_position and photo.heading is not None:
            self.markers.show_photo(photo.lng, photo.lat, (photo.heading + yaw) % 360)

    @guarded
    def _on_follow(self, follow):
        if follow and self._current is not None and self._current.has_position:
            self._centre_map(self._current)

    @guarded
    def _on_toggled(self, opened):
        if not opened:
            self.playback.stop()
            self.recovery.stop()
            self.loader.stop()
            self.markers.clear()
        elif self._current is not None:
            if self._shown is None or self._shown[0] != self._current.id:
                self._show_photo(self._current)  # its load was stopped when the dock closed
            self._place_marker(self._current)
            self.markers.show_sequence([(p.lng, p.lat) for p in self._photos if p.has_position])
