"""The photo dock driven through its widgets against the sandbox: showing, stepping, playing,
failures with retry, details, saving, 360 photos."""

from datetime import timedelta

import pytest
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from kartaview.plugin.gui import photo_details, photo_recovery
from kartaview.plugin.gui.map_tool import PhotoRef
from kartaview.plugin.gui.photo_cache import PhotoCache
from kartaview.plugin.gui.photo_dock import FLAT_PAGE, MESSAGE_PAGE, PANORAMA_PAGE, PhotoDock
from kartaview.plugin.gui.photo_loader import PhotoLoader
from tests.photo_support import (
    drag,
    file_requests,
    no_retry_client_factory,
    pump,
    sequence_ids,
    shown_in,
    wait_until,
)


@pytest.fixture
def make_dock(qgis_app, qgis_canvas, tmp_path):
    made = []

    def make(sandbox):
        factory = no_retry_client_factory(sandbox)
        loader = PhotoLoader(factory, cache=PhotoCache(tmp_path / "photos{}".format(len(made)), 10**8))
        dock = PhotoDock(qgis_canvas, client_factory=factory, loader=loader)
        dock.resize(420, 700)
        shown = []
        dock.imageShown.connect(lambda photo, served: shown.append((photo.id, served)))
        made.append(dock)
        return dock, shown

    yield make
    for dock in made:
        dock.release()
        dock.deleteLater()


def _open(dock, shown, ref, size="lth"):
    dock.show_ref(ref)
    wait_until(lambda: (shown_in(dock).photo_id, size) in shown and (shown_in(dock).count or 0) > 1,
               what="the photo and its sequence")


def _step(dock, shown, action):
    action()
    wait_until(lambda: shown and shown[-1][0] == shown_in(dock).photo_id, what="the stepped-to photo")


def test_shows_the_picked_photo_with_its_details(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    sequence_id = sequence_ids(sandbox)[0]
    records = sandbox.world.photos(sequence_id)
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=3))

    assert shown_in(dock).index == 3
    assert dock.stack.currentIndex() == FLAT_PAGE
    assert dock.photo_view.image().width() == 800
    assert dock.sequenceValue.text() == str(sequence_id)
    assert dock.indexValue.text() == "4 (id {})".format(records[3]["id"])  # from 1, as the index box
    assert dock.timeValue.text() == records[3]["shot_date"]
    assert dock.projectionValue.text() == "PLANE"
    assert "/details/{}/3".format(sequence_id) in dock.linkValue.text()
    wait_until(lambda: dock.deviceValue.text() == sandbox.world.sequence(sequence_id)["deviceName"], what="device")
    assert dock.userValue.text() == sandbox.world.username(records[3])
    assert (dock.indexSpin.value(), dock.positionSlider.value()) == (4, 3)
    assert dock.countLabel.text() == "of {}".format(len(records))


def test_buttons_keys_slider_and_index_box_walk_the_sequence(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    sequence_id = sequence_ids(sandbox)[1]
    count = len(sandbox.world.photos(sequence_id))
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=2))

    def index():
        return shown_in(dock).index

    _step(dock, shown, lambda: QTest.mouseClick(dock.nextButton, Qt.MouseButton.LeftButton))
    assert index() == 3
    _step(dock, shown, lambda: QTest.mouseClick(dock.previousButton, Qt.MouseButton.LeftButton))
    assert index() == 2
    _step(dock, shown, lambda: QTest.keyClick(dock.photo_view, Qt.Key.Key_Right))
    assert index() == 3
    _step(dock, shown, lambda: QTest.keyClick(dock.nextButton, Qt.Key.Key_Left))
    assert index() == 2
    _step(dock, shown, lambda: QTest.keyClick(dock.photo_view, Qt.Key.Key_End))
    assert index() == count - 1 and not dock.nextButton.isEnabled()
    _step(dock, shown, lambda: QTest.mouseClick(dock.firstButton, Qt.MouseButton.LeftButton))
    assert index() == 0 and not dock.previousButton.isEnabled()
    _step(dock, shown, lambda: dock.positionSlider.setValue(5))
    assert index() == 5
    _step(dock, shown, lambda: QTest.mouseClick(dock.lastButton, Qt.MouseButton.LeftButton))
    assert index() == count - 1
    dock.indexSpin.setValue(2)
    wait_until(lambda: index() == 1, what="the index box")


def test_a_step_after_prefetch_shows_at_once_without_a_request(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    sequence_id = sequence_ids(sandbox)[3]
    photos = sandbox.world.photos(sequence_id)
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=4))
    cache = dock.loader.cache
    wait_until(lambda: all(cache.contains(int(photos[i]["id"]), "lth") for i in (2, 3, 5, 6)), what="prefetch")
    sandbox.reset_log()
    QTest.mouseClick(dock.nextButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: shown[-1][0] == int(photos[5]["id"]), timeout=1.0, what="the next photo")
    assert not [path for path in file_requests(sandbox) if photos[5]["fileName"] in path]


def test_play_steps_at_the_chosen_speed_and_stops_at_the_end(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    sequence_id = sequence_ids(sandbox)[4]
    count = len(sandbox.world.photos(sequence_id))
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=count - 3))
    dock.speedCombo.setCurrentIndex(dock.speedCombo.findData(4.0))
    play_picture = dock.playButton.icon().pixmap(16, 16).toImage()
    QTest.mouseClick(dock.playButton, Qt.MouseButton.LeftButton)
    assert dock.playButton.isChecked()
    # while playing, the button shows (and says) what a click does now
    assert dock.playButton.icon().pixmap(16, 16).toImage() != play_picture
    assert dock.playButton.toolTip() == "Pause"
    wait_until(lambda: not dock.playButton.isChecked(), timeout=5, what="the end of play")
    assert shown_in(dock).index == count - 1
    assert dock.playButton.icon().pixmap(16, 16).toImage() == play_picture
    assert dock.playButton.toolTip() == "Play the sequence"


def test_a_failed_image_shows_why_and_retry_loads_it(fresh_sandbox, make_dock):
    dock, shown = make_dock(fresh_sandbox)
    sequence_id = sequence_ids(fresh_sandbox)[0]
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("500",), paths=("/storage",))
    dock.show_ref(PhotoRef(sequence_id, sequence_index=1))
    wait_until(lambda: dock.stack.currentIndex() == MESSAGE_PAGE, what="the failure")
    assert "HTTP 500" in dock.messageLabel.text()
    assert dock.retryButton.isVisibleTo(dock)

    fresh_sandbox.clear_faults()
    QTest.mouseClick(dock.retryButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: dock.stack.currentIndex() == FLAT_PAGE and shown, what="the retried photo")
    assert shown_in(dock).index == 1


def test_a_failed_sequence_read_shows_why_and_retry_reads_it(fresh_sandbox, make_dock):
    dock, shown = make_dock(fresh_sandbox)
    sequence_id = sequence_ids(fresh_sandbox)[0]
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("502html",), paths=("/1.0/sequence",))
    dock.show_ref(PhotoRef(sequence_id, sequence_index=2))
    wait_until(lambda: dock.stack.currentIndex() == MESSAGE_PAGE, what="the failure")
    assert "sequence {}".format(sequence_id) in dock.messageLabel.text()

    fresh_sandbox.clear_faults()
    QTest.mouseClick(dock.retryButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: shown and shown_in(dock).index == 2, what="the retried sequence")


def test_a_newer_pick_wins_over_an_older_slower_one(fresh_sandbox, make_dock):
    dock, shown = make_dock(fresh_sandbox)
    first, second = sequence_ids(fresh_sandbox)[:2]
    fresh_sandbox.set_faults(latency_ms=200)
    dock.show_ref(PhotoRef(first, sequence_index=1))
    pump(0.05)
    dock.show_ref(PhotoRef(second, sequence_index=2))
    wait_until(lambda: shown, what="a photo")
    pump(0.6)
    assert {photo_id for photo_id, _ in shown} == {int(fresh_sandbox.world.photos(second)[2]["id"])}
    assert shown_in(dock).sequence_id == second


def test_save_copy_link_and_full_resolution(sandbox, make_dock, tmp_path, monkeypatch):
    dock, shown = make_dock(sandbox)
    sequence_id = sequence_ids(sandbox)[0]
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=0))

    target = tmp_path / "saved.jpg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    QTest.mouseClick(dock.saveButton, Qt.MouseButton.LeftButton)
    assert target.read_bytes()[:2] == b"\xff\xd8"  # a JPEG

    QTest.mouseClick(dock.copyLinkButton, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().endswith("/details/{}/0".format(sequence_id))

    QTest.mouseClick(dock.fullResButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: shown[-1][1] == "proc", what="the full-resolution image")
    assert dock.photo_view.image().width() == 1600


def test_zooming_in_far_loads_the_full_resolution(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    _open(dock, shown, PhotoRef(sequence_ids(sandbox)[2], sequence_index=0))
    dock.show()
    for _ in range(8):
        QTest.mouseClick(dock.zoomInButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: shown[-1][1] == "proc", what="the full-resolution image")
    assert dock.photo_view.zoom() > 1


def test_a_360_photo_opens_in_the_panorama_and_the_arrow_follows_the_view(sandbox, make_dock, qgis_canvas):
    dock, shown = make_dock(sandbox)
    dock.show()
    sequence_id = sequence_ids(sandbox, is_360=True)[0]
    records = sandbox.world.photos(sequence_id)
    index = next(i for i, r in enumerate(records) if r["heading"] and float(r["lat"]))
    _open(dock, shown, PhotoRef(sequence_id, sequence_index=index))
    assert dock.stack.currentIndex() == PANORAMA_PAGE
    assert dock.projectionValue.text() == "SPHERE"

    view = dock.panorama_view
    centre = QPoint(view.width() // 2, view.height() // 2)
    drag(view, centre, centre - QPoint(view.width() // 4, 0))
    assert view.yaw() == pytest.approx(view.fov() / 4, abs=1.0)  # dragged left: looks right
    expected = (float(records[index]["heading"]) + view.yaw()) % 360
    assert dock.markers.marker._heading == pytest.approx(expected)


def test_closing_the_dock_clears_the_map_and_stops_loading(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    dock.show()
    _open(dock, shown, PhotoRef(sequence_ids(sandbox)[0], sequence_index=2))
    assert dock.markers.marker.isVisible() and dock.markers.highlight.isVisible()
    dock.close()
    assert not dock.markers.marker.isVisible() and not dock.markers.highlight.isVisible()
    assert not dock.loader.is_loading()


def test_no_exception_escapes_a_slot(sandbox, make_dock, monkeypatch):
    dock, shown = make_dock(sandbox)
    _open(dock, shown, PhotoRef(sequence_ids(sandbox)[0], sequence_index=2))

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(photo_details.PhotoDetails, "save_to", broken)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("/nowhere.jpg", ""))
    QTest.mouseClick(dock.saveButton, Qt.MouseButton.LeftButton)
    assert dock.stack.currentIndex() == MESSAGE_PAGE
    assert "disk full" in dock.messageLabel.text()


def test_a_photos_layer_point_shows_its_image_without_reading_the_sequence_first(kv_app, fresh_sandbox, make_dock):
    """The photos layer carries what the image needs: a click costs one round, not two."""
    from qgis.core import QgsWkbTypes

    from kartaview.plugin.client.models import Photo
    from kartaview.plugin.gui.map_tool import ref_for_feature
    from tests.provider_support import SMALL, open_layer, rect_request

    feature = next(open_layer("type=photos&wait=1").getFeatures(rect_request(SMALL)))
    ref = ref_for_feature(feature, QgsWkbTypes.GeometryType.PointGeometry)
    truth = Photo.from_v1(fresh_sandbox.world.photo(feature.id()))
    client = no_retry_client_factory(fresh_sandbox)()
    assert (ref.photo.id, ref.photo.sequence_id, ref.photo.sequence_index) == (truth.id, truth.sequence_id,
                                                                               truth.sequence_index)
    assert (ref.photo.lat, ref.photo.lng, ref.photo.heading) == pytest.approx((truth.lat, truth.lng, truth.heading))
    assert (ref.photo.shot_date, ref.photo.is_360) == (truth.shot_date, truth.is_360)
    for size in ("th", "lth", "proc"):
        assert client.image_urls(ref.photo, size)[0] == client.image_urls(truth, size)[0]

    dock, shown = make_dock(fresh_sandbox)
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("502html",), paths=("/1.0/sequence",))
    dock.show_ref(ref)
    wait_until(lambda: (truth.id, "lth") in shown, what="the photo, with its sequence unreadable")
    assert shown_in(dock).photo_id == truth.id
    wait_until(lambda: "sequence {}".format(truth.sequence_id) in dock.statusLabel.text(), what="the failure")
    assert dock.stack.currentIndex() == FLAT_PAGE  # the photo stays on screen


def test_kartaview_down_reads_as_a_sentence_and_the_photo_comes_back_by_itself(fresh_sandbox, make_dock,
                                                                              monkeypatch):
    """No network library text in the panel; once KartaView answers again the photo shows without a
    Retry click."""
    monkeypatch.setattr(photo_recovery, "RECOVER_INTERVAL_MS", 300)
    dock, shown = make_dock(fresh_sandbox)
    dock.show()
    sequence_id = sequence_ids(fresh_sandbox)[0]
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("drop",))
    dock.show_ref(PhotoRef(sequence_id, sequence_index=2))
    wait_until(lambda: dock.stack.currentIndex() == MESSAGE_PAGE, what="the failure")
    text = dock.messageLabel.text()
    assert "KartaView cannot be reached" in text and "tries again by itself" in text
    for raw in ("HTTPConnectionPool", "urllib3", "Error(", "lost the connection", "127.0.0.1"):
        assert raw not in text + dock.statusLabel.text()

    fresh_sandbox.clear_faults()
    wait_until(lambda: dock.stack.currentIndex() == FLAT_PAGE and shown, what="the photo, without a Retry click")
    assert shown_in(dock).index == 2
    assert "cannot be reached" not in dock.statusLabel.text()


def test_the_size_is_said_in_words(sandbox, make_dock):
    dock, shown = make_dock(sandbox)
    _open(dock, shown, PhotoRef(sequence_ids(sandbox)[0], sequence_index=1))
    assert dock.statusLabel.text().endswith(" px (large)")
    for code in ("lth", "proc", "(th)"):
        assert code not in dock.statusLabel.text()


def test_a_click_on_the_photo_gives_the_panel_the_keyboard(sandbox, make_dock, qgis_canvas):
    """Then the arrow keys step through the photos instead of panning the map."""
    dock, shown = make_dock(sandbox)
    dock.show()
    _open(dock, shown, PhotoRef(sequence_ids(sandbox)[0], sequence_index=2))
    qgis_canvas.show()
    qgis_canvas.activateWindow()
    qgis_canvas.setFocus()
    dock.activateWindow()
    QTest.mouseClick(dock.photo_view, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is dock.photo_view
    _step(dock, shown, lambda: QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right))
    assert shown_in(dock).index == 3


def test_speeds_are_written_as_the_interface_language_writes_numbers(sandbox, make_dock):
    from qgis.PyQt.QtCore import QLocale

    saved = QLocale()
    QLocale.setDefault(QLocale("fr_FR"))  # what QGIS does for a French interface
    try:
        dock, _ = make_dock(sandbox)
        assert [dock.speedCombo.itemText(i) for i in range(dock.speedCombo.count())] == ["0,5×", "1,0×", "2,0×", "4,0×"]
    finally:
        QLocale.setDefault(saved)


def _upload(sandbox, tmp_path, panoramas):
    """Upload three photos (GPano panoramas or flat ones) with the plugin's uploader; their sequence id."""
    from kartaview.plugin.client.client import KartaViewClient
    from kartaview.plugin.upload.journal import Journal
    from kartaview.plugin.upload.plan_types import PhotoInput
    from kartaview.plugin.upload.uploader import Uploader
    from tests.upload_support import START, gpano_xmp, make_jpeg, make_panorama, offset, plan_upload

    folder = tmp_path / ("spheres" if panoramas else "flat")
    folder.mkdir()
    photos = []
    for i in range(3):
        name = folder / "p{}.jpg".format(i)
        path = make_panorama(name, 100 + i, xmp=gpano_xmp(heading=45)) if panoramas else make_jpeg(name, 200 + i)
        photos.append(PhotoInput(i, path, *offset(46.77, 23.59, 0, 10 * i), START + timedelta(seconds=2 * i), 90.0))
    before = set(sandbox.uploads())
    with KartaViewClient(sandbox.url, retries=0, timeout=10) as client, \
            Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        assert Uploader(client, journal, sandbox.token).run(plan_upload(photos)).counts == {"uploaded": 3}
    (sequence_id,) = set(sandbox.uploads()) - before
    return int(sequence_id)


def test_uploaded_360_photos_come_back_as_panoramas(fresh_sandbox, make_dock, tmp_path):
    """The uploader sends GPano panoramas as SPHERE; the sandbox serves that back as the real API does,
    so the dock opens them in the panorama view (and a flat upload in the flat one)."""
    spheres, flat = _upload(fresh_sandbox, tmp_path, True), _upload(fresh_sandbox, tmp_path, False)
    dock, shown = make_dock(fresh_sandbox)
    dock.show()
    _open(dock, shown, PhotoRef(spheres, sequence_index=1))
    assert dock.stack.currentIndex() == PANORAMA_PAGE
    assert dock.projectionValue.text() == "SPHERE"
    dock.show_ref(PhotoRef(flat, sequence_index=1))
    wait_until(lambda: shown_in(dock).sequence_id == flat and (shown_in(dock).photo_id, "lth") in shown,
               what="the flat photo")
    assert dock.stack.currentIndex() == FLAT_PAGE and dock.projectionValue.text() == "PLANE"
