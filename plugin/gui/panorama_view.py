"""An interactive 360° view of an equirectangular photo (projection SPHERE), in plain Qt + numpy.

Each frame is a perspective (pinhole) view: one ray per output pixel, rotated by pitch then yaw,
turned into longitude/latitude and looked up in the equirectangular image (nearest pixel). Frames
are rendered at most RENDER_WIDTH wide and scaled to the widget, which keeps dragging fluid.
Yaw 0 is the centre of the image (the camera's forward direction); positive yaw turns right.
"""

import math

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QImage, QPainter
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

RENDER_WIDTH = 720
DEFAULT_FOV = 90.0
MIN_FOV, MAX_FOV = 20.0, 120.0
ZOOM_STEP = 1.25


def image_to_array(image: QImage) -> np.ndarray:
    """The image's pixels as a (height, width) uint32 array (0xAARRGGBB), a copy."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits().asstring(stride * height), dtype=np.uint32)
    return data.reshape(height, stride // 4)[:, :width].copy()


def render(pixels: np.ndarray, width: int, height: int, yaw: float, pitch: float, fov: float) -> np.ndarray:
    """A (height, width) uint32 perspective view of the equirectangular `pixels` (angles in degrees)."""
    focal = (width / 2) / math.tan(math.radians(fov) / 2)
    xs = (np.arange(width, dtype=np.float32) - (width - 1) / 2) / focal
    ys = (np.arange(height, dtype=np.float32) - (height - 1) / 2) / focal
    x, y = np.meshgrid(xs, ys)  # camera frame: x right, y down, z forward (= 1)
    sin_p, cos_p = math.sin(math.radians(pitch)), math.cos(math.radians(pitch))
    # pitch: rotate about x (looking up = positive pitch)
    y2 = y * cos_p - sin_p
    z2 = y * sin_p + cos_p
    longitude = np.arctan2(x, z2) + math.radians(yaw)
    latitude = np.arctan2(-y2, np.hypot(x, z2))
    rows, cols = pixels.shape
    u = ((longitude / (2 * math.pi) + 0.5) * cols).astype(np.int64) % cols
    v = np.clip(((0.5 - latitude / math.pi) * rows).astype(np.int64), 0, rows - 1)
    return pixels[v, u]


class PanoramaView(QWidget):
    yawChanged = pyqtSignal(float)  # noqa: N815 (Qt signal naming) - degrees, 0 = camera forward
    wantsMoreDetail = pyqtSignal()  # noqa: N815 - zoomed in beyond the image's resolution
    zoomChanged = pyqtSignal(float)  # noqa: N815 - zoom relative to the default field of view

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._pixels = None
        self._image = None
        self._frame = None  # (QImage, the array it points into)
        self._yaw, self._pitch, self._fov = 0.0, 0.0, DEFAULT_FOV
        self._drag_from = None

    # --- state ----------------------------------------------------------------------------------

    def image(self):
        return self._image

    def set_image(self, image, keep_view=True):
        self._image = image
        self._pixels = image_to_array(image)
        if not keep_view:
            self._pitch, self._fov = 0.0, DEFAULT_FOV
            self._set_yaw(0.0)
        self._invalidate()

    def clear(self):
        self._image = self._pixels = self._frame = None
        self.update()

    def yaw(self):
        return self._yaw

    def pitch(self):
        return self._pitch

    def fov(self):
        return self._fov

    def zoom(self):
        return DEFAULT_FOV / self._fov

    def zoom_in(self):
        self._set_fov(self._fov / ZOOM_STEP)

    def zoom_out(self):
        self._set_fov(self._fov * ZOOM_STEP)

    def fit(self):
        self._pitch = 0.0
        self._set_fov(DEFAULT_FOV)

    def look_by(self, dx_px, dy_px):
        """Turn the view as a drag of (dx, dy) widget pixels does (the scene follows the mouse)."""
        degrees_per_px = self._fov / max(1, self.width())
        self._pitch = min(max(self._pitch + dy_px * degrees_per_px, -89.0), 89.0)
        self._set_yaw(self._yaw - dx_px * degrees_per_px)
        self._invalidate()

    def pixel_ratio(self):
        """Screen pixels per image pixel at the centre of the view."""
        if self._pixels is None:
            return 1.0
        image_px_per_degree = self._pixels.shape[1] / 360.0
        return (self.width() / self._fov) / image_px_per_degree

    def _set_yaw(self, yaw):
        yaw = (yaw + 180.0) % 360.0 - 180.0
        if yaw != self._yaw:
            self._yaw = yaw
            self.yawChanged.emit(yaw)

    def _set_fov(self, fov):
        self._fov = min(max(fov, MIN_FOV), MAX_FOV)
        self._invalidate()
        self.zoomChanged.emit(self.zoom())
        if self.pixel_ratio() > 1.0:
            self.wantsMoreDetail.emit()

    def _invalidate(self):
        self._frame = None
        self.update()

    def _render_frame(self):
        width = max(1, min(self.width(), RENDER_WIDTH))
        height = max(1, round(width * self.height() / max(1, self.width())))
        # the vertical field of view follows from the horizontal one and the aspect ratio
        array = render(self._pixels, width, height, self._yaw, self._pitch, self._fov)
        array = np.ascontiguousarray(array)
        self._frame = (QImage(array.data, width, height, width * 4, QImage.Format.Format_RGB32), array)

    # --- events ---------------------------------------------------------------------------------

    def paintEvent(self, event):  # noqa: N802 (Qt API name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self._pixels is not None:
            if self._frame is None:
                self._render_frame()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self._frame[0])
            self._draw_compass(painter)
        painter.end()

    def _draw_compass(self, painter):
        """A small dial: where the view looks relative to the camera's forward direction."""
        centre, radius = QPointF(self.width() - 26, 26), 16
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(255, 255, 255))
        painter.setBrush(QColor(0, 0, 0, 120))
        painter.drawEllipse(centre, radius, radius)
        angle = math.radians(self._yaw)
        tip = QPointF(centre.x() + radius * math.sin(angle), centre.y() - radius * math.cos(angle))
        painter.drawLine(centre, tip)

    def resizeEvent(self, event):  # noqa: N802 (Qt API name)
        self._frame = None
        super().resizeEvent(event)

    def wheelEvent(self, event):  # noqa: N802 (Qt API name)
        steps = event.angleDelta().y() / 120
        if steps:
            self._set_fov(self._fov / ZOOM_STEP ** steps)
        event.accept()

    def mousePressEvent(self, event):  # noqa: N802 (Qt API name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = QPointF(event.pos())
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event):  # noqa: N802 (Qt API name)
        if self._drag_from is None or self._pixels is None:
            return
        delta = QPointF(event.pos()) - self._drag_from
        self._drag_from = QPointF(event.pos())
        self.look_by(delta.x(), delta.y())

    def mouseReleaseEvent(self, event):  # noqa: N802 (Qt API name)
        self._drag_from = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mouseDoubleClickEvent(self, event):  # noqa: N802 (Qt API name)
        self.fit()
