"""The flat photo view (wheel, buttons, fit, drag) and the 360° panorama (projection, drag, zoom)."""

import numpy as np
import pytest
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QWheelEvent
from qgis.PyQt.QtWidgets import QApplication

from kartaview.plugin.gui.panorama_view import PanoramaView, image_to_array, render
from kartaview.plugin.gui.photo_view import PhotoView
from tests.photo_support import drag


def _wheel(widget, steps, at):
    event = QWheelEvent(QPointF(at), QPointF(widget.mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _image(width, height, colour=Qt.GlobalColor.gray):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture
def photo_view(qgis_app):
    view = PhotoView()
    view.resize(400, 300)
    view.set_image(_image(800, 600), keep_view=False)
    yield view
    view.deleteLater()


def test_wheel_zooms_about_the_cursor_and_fit_resets(photo_view):
    left_quarter = QPoint(100, 150)
    _wheel(photo_view, 2, left_quarter)
    assert photo_view.zoom() == pytest.approx(1.25 ** 2)
    assert photo_view.centre().x() < 0.5  # the point under the cursor stayed put: the view moved left
    photo_view.fit()
    assert photo_view.zoom() == 1 and photo_view.centre() == QPointF(0.5, 0.5)
    photo_view.zoom_out()
    assert photo_view.zoom() == 1  # never smaller than fit


def test_drag_pans_a_zoomed_photo_and_stops_at_its_edge(photo_view):
    photo_view.zoom_in()
    photo_view.zoom_in()
    drag(photo_view, QPoint(200, 150), QPoint(260, 150))
    assert photo_view.centre().x() < 0.5 and photo_view.centre().y() == pytest.approx(0.5)
    drag(photo_view, QPoint(0, 150), QPoint(2000, 150))
    half_view = 400 / 2 / (800 * photo_view.pixel_ratio())
    assert photo_view.centre().x() == pytest.approx(half_view)  # the image edge reached the view edge


def test_a_larger_image_of_the_same_photo_keeps_the_view(photo_view):
    photo_view.zoom_in()
    drag(photo_view, QPoint(200, 150), QPoint(230, 170))
    centre, ratio = photo_view.centre(), photo_view.pixel_ratio()
    photo_view.set_image(_image(1600, 1200))
    assert photo_view.centre() == centre
    assert photo_view.pixel_ratio() == pytest.approx(ratio / 2)  # same on-screen size


def _equirectangular():
    """360 × 180 px: red at longitude +90° (right of the camera), blue at the zenith rows."""
    pixels = image_to_array(_image(360, 180))
    pixels[:, 265:276] = QColor(Qt.GlobalColor.red).rgb()  # column 270 = longitude +90°
    pixels[:10, :] = QColor(Qt.GlobalColor.blue).rgb()
    return pixels


def test_render_looks_where_yaw_and_pitch_say():
    pixels = _equirectangular()
    ahead = render(pixels, 64, 48, yaw=0, pitch=0, fov=60)
    right = render(pixels, 64, 48, yaw=90, pitch=0, fov=60)
    up = render(pixels, 64, 48, yaw=0, pitch=89, fov=60)
    red, blue = QColor(Qt.GlobalColor.red).rgb(), QColor(Qt.GlobalColor.blue).rgb()
    assert ahead[24, 32] != red and right[24, 32] == red
    assert up[24, 32] == blue
    assert np.count_nonzero(right == red) < right.size / 2  # a 11° stripe in a 60° view


def test_panorama_drag_turns_the_view_and_reports_the_yaw(qgis_app):
    view = PanoramaView()
    view.resize(400, 300)
    view.show()
    yaws = []
    view.yawChanged.connect(yaws.append)
    image = QImage(_equirectangular().tobytes(), 360, 180, 360 * 4, QImage.Format.Format_RGB32).copy()
    view.set_image(image, keep_view=False)
    drag(view, QPoint(300, 150), QPoint(100, 150))  # drag left by half the width: look right by fov / 2
    assert view.yaw() == pytest.approx(45, abs=0.5) and yaws[-1] == view.yaw()
    drag(view, QPoint(100, 150), QPoint(100, 250))
    assert view.pitch() > 0
    _wheel(view, 1, QPoint(200, 150))
    assert view.fov() == pytest.approx(90 / 1.25)
    view.grab()  # renders a frame without error
    view.fit()
    assert view.fov() == 90 and view.pitch() == 0
    view.deleteLater()
