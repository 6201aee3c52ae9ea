"""A flat photo with zoom (wheel, buttons, fit) and pan (drag).

The view is kept in image-independent terms (centre as a fraction of the image, scale relative to
the image width), so replacing the thumbnail by the large image keeps what the user looks at.
"""

from qgis.PyQt.QtCore import QPointF, QRectF, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

ZOOM_STEP = 1.25
MAX_ZOOM = 16.0  # times the fit scale


class PhotoView(QWidget):
    # The image is shown with more than one screen pixel per image pixel: a larger size would help.
    wantsMoreDetail = pyqtSignal()  # noqa: N815 (Qt signal naming)
    zoomChanged = pyqtSignal(float)  # noqa: N815 - zoom relative to fit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._image = None
        self._zoom = 1.0  # 1 = fit
        self._centre = QPointF(0.5, 0.5)  # fraction of the image
        self._drag_from = None

    # --- state ----------------------------------------------------------------------------------

    def image(self):
        return self._image

    def set_image(self, image, keep_view=True):
        """Show a QImage; keep_view=False resets to fit (a different photo)."""
        self._image = image
        if not keep_view:
            self._zoom, self._centre = 1.0, QPointF(0.5, 0.5)
        self._clamp()
        self.update()

    def clear(self):
        self._image = None
        self.update()

    def zoom(self):
        return self._zoom

    def centre(self):
        return QPointF(self._centre)

    def zoom_in(self):
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self):
        self._zoom_by(1 / ZOOM_STEP)

    def fit(self):
        self._zoom, self._centre = 1.0, QPointF(0.5, 0.5)
        self.update()
        self.zoomChanged.emit(self._zoom)

    def pixel_ratio(self):
        """Screen pixels per image pixel now."""
        return self._scale()

    # --- geometry -------------------------------------------------------------------------------

    def _fit_scale(self):
        if self._image is None or self._image.isNull():
            return 1.0
        return min(self.width() / self._image.width(), self.height() / self._image.height())

    def _scale(self):
        return self._fit_scale() * self._zoom

    def _target(self):
        """Where the image is drawn, in widget pixels."""
        scale = self._scale()
        width, height = self._image.width() * scale, self._image.height() * scale
        left = self.width() / 2 - self._centre.x() * width
        top = self.height() / 2 - self._centre.y() * height
        return QRectF(left, top, width, height)

    def _clamp(self):
        """Keep the centre inside the image (and centred when the image is smaller than the view)."""
        if self._image is None:
            return
        scale = self._scale()
        for axis, extent, view in (("x", self._image.width(), self.width()),
                                   ("y", self._image.height(), self.height())):
            half = view / 2 / (extent * scale)
            value = getattr(self._centre, axis)()
            value = 0.5 if half >= 0.5 else min(max(value, half), 1 - half)
            getattr(self._centre, "set" + axis.upper())(value)

    def _zoom_by(self, factor, anchor=None):
        if self._image is None:
            return
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before = self._image_fraction(anchor)
        self._zoom = min(max(self._zoom * factor, 1.0), MAX_ZOOM)
        after = self._image_fraction(anchor)
        # keep the image point under the anchor where it was
        self._centre += before - after
        self._clamp()
        self.update()
        self.zoomChanged.emit(self._zoom)
        if self._scale() > 1.0:
            self.wantsMoreDetail.emit()

    def _image_fraction(self, widget_point):
        target = self._target()
        return QPointF((widget_point.x() - target.left()) / target.width(),
                       (widget_point.y() - target.top()) / target.height())

    # --- events ---------------------------------------------------------------------------------

    def paintEvent(self, event):  # noqa: N802 (Qt API name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self._image is not None and not self._image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._scale() < 2)
            painter.drawImage(self._target(), self._image)
        painter.end()

    def resizeEvent(self, event):  # noqa: N802 (Qt API name)
        self._clamp()
        super().resizeEvent(event)

    def wheelEvent(self, event):  # noqa: N802 (Qt API name)
        steps = event.angleDelta().y() / 120
        if steps:
            self._zoom_by(ZOOM_STEP ** steps, event.position())
        event.accept()

    def mousePressEvent(self, event):  # noqa: N802 (Qt API name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = QPointF(event.pos())
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event):  # noqa: N802 (Qt API name)
        if self._drag_from is None or self._image is None:
            return
        target = self._target()
        delta = QPointF(event.pos()) - self._drag_from
        self._drag_from = QPointF(event.pos())
        self._centre -= QPointF(delta.x() / target.width(), delta.y() / target.height())
        self._clamp()
        self.update()

    def mouseReleaseEvent(self, event):  # noqa: N802 (Qt API name)
        self._drag_from = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mouseDoubleClickEvent(self, event):  # noqa: N802 (Qt API name)
        self.fit()
