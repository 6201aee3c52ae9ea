"""Where the current photo is on the map: a position marker with a heading arrow, and its sequence.

Positions come in WGS 84; the arrow's screen angle is measured by projecting a point a few metres
along the heading, so it is right in any map CRS and with a rotated canvas.
"""

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvasItem, QgsRubberBand
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from .geo import destination

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ARROW_PX = 36
DOT_PX = 7
COLOUR = QColor(231, 76, 60)
HIGHLIGHT = QColor(52, 152, 219, 170)


class HeadingMarker(QgsMapCanvasItem):
    """A dot at the camera position and, when the heading is known, an arrow along it."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self._canvas = canvas
        self._lnglat = None
        self._heading = None
        self._screen_angle = None  # degrees clockwise from screen up
        self.setZValue(1000)

    def set_photo_position(self, lng, lat, heading):
        self._lnglat = (lng, lat)
        self._heading = heading
        self.updatePosition()

    def _to_map(self, lng, lat):
        transform = QgsCoordinateTransform(WGS84, self._canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        return transform.transform(QgsPointXY(lng, lat))

    def updatePosition(self):  # noqa: N802 (QGIS API name) - called by the canvas on every redraw
        if self._lnglat is None:
            return
        lng, lat = self._lnglat
        origin = self.toCanvasCoordinates(self._to_map(lng, lat))
        self._screen_angle = None
        if self._heading is not None:
            ahead = self.toCanvasCoordinates(self._to_map(*destination(lng, lat, self._heading, 10.0)))
            dx, dy = ahead.x() - origin.x(), ahead.y() - origin.y()
            if dx or dy:
                self._screen_angle = math.degrees(math.atan2(dx, -dy)) % 360
        self.prepareGeometryChange()
        self.setPos(origin)
        self.update()

    def boundingRect(self):  # noqa: N802 (Qt API name)
        reach = ARROW_PX + 4
        return QRectF(-reach, -reach, 2 * reach, 2 * reach)

    def paint(self, painter, option=None, widget=None):
        if self._lnglat is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._screen_angle is not None:
            painter.save()
            painter.rotate(self._screen_angle)
            cone = QPainterPath()
            cone.moveTo(0, 0)
            cone.arcTo(QRectF(-ARROW_PX, -ARROW_PX, 2 * ARROW_PX, 2 * ARROW_PX), 60, 60)
            cone.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(COLOUR.red(), COLOUR.green(), COLOUR.blue(), 110)))
            painter.drawPath(cone)
            painter.setPen(QPen(QColor(255, 255, 255), 2))
            painter.setBrush(QBrush(COLOUR))
            painter.drawPolygon(QPolygonF([QPointF(0, -ARROW_PX), QPointF(6, -ARROW_PX + 10),
                                           QPointF(-6, -ARROW_PX + 10)]))
            painter.setPen(QPen(COLOUR, 4))
            painter.drawLine(QPointF(0, 0), QPointF(0, -ARROW_PX + 9))
            painter.restore()
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.setBrush(QBrush(COLOUR))
        painter.drawEllipse(QPointF(0, 0), DOT_PX, DOT_PX)


class PhotoMarkers:
    """The canvas items of the photo dock; `clear()` hides them, `remove()` deletes them."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.marker = HeadingMarker(canvas)
        self.marker.hide()
        self.highlight = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.LineGeometry)
        self.highlight.setColor(HIGHLIGHT)
        self.highlight.setWidth(6)
        self.highlight.hide()

    def show_photo(self, lng, lat, heading):
        self.marker.set_photo_position(lng, lat, heading)
        self.marker.show()

    def show_sequence(self, points):
        """points: [(lng, lat), ...] in sequence order."""
        if len(points) < 2:
            self.highlight.reset(QgsWkbTypes.GeometryType.LineGeometry)
            return
        line = QgsGeometry.fromPolylineXY([QgsPointXY(lng, lat) for lng, lat in points])
        self.highlight.setToGeometry(line, WGS84)
        self.highlight.show()

    def clear(self):
        self.marker.hide()
        self.highlight.reset(QgsWkbTypes.GeometryType.LineGeometry)
        self.highlight.hide()

    def items(self):
        return [self.marker, self.highlight]

    def remove(self):
        for item in self.items():
            self.canvas.scene().removeItem(item)
        self.marker = self.highlight = None
