"""The map canvas of desktop QGIS in the desktop scenarios: views of the sandbox's city, and what is drawn."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject, QgsRectangle

MERCATOR = QgsCoordinateReferenceSystem("EPSG:3857")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
CITY = (23.59, 46.77)  # Cluj-Napoca, where the sandbox's sequences are


def _to_map(canvas, lng, lat):
    return QgsCoordinateTransform(WGS84, canvas.mapSettings().destinationCrs(),
                                  QgsProject.instance()).transform(QgsPointXY(lng, lat))


def use_mercator(canvas):
    """The project in Web Mercator, as a user sets it (the canvas follows the project's CRS)."""
    QgsProject.instance().setCrs(MERCATOR)
    canvas.setDestinationCrs(MERCATOR)


def show_city(canvas, width_m=2400, east_m=0, north_m=0):
    """A street-level view of the city centre (Web Mercator), optionally shifted."""
    use_mercator(canvas)
    centre = _to_map(canvas, *CITY)
    x, y = centre.x() + east_m, centre.y() + north_m
    height = width_m * canvas.height() / max(1, canvas.width())
    canvas.setExtent(QgsRectangle(x - width_m / 2, y - height / 2, x + width_m / 2, y + height / 2))
    canvas.refresh()


def show_world(canvas):
    use_mercator(canvas)
    canvas.setExtent(QgsRectangle(-2e7, -1.5e7, 2e7, 1.5e7))
    canvas.refresh()


def pixel_of(canvas, lng, lat):
    point = canvas.getCoordinateTransform().transform(_to_map(canvas, lng, lat))
    return round(point.x()), round(point.y())


def drawn_pixels(canvas, step=4):
    """How many of the sampled pixels of the map differ from its background: what the user sees drawn."""
    image = canvas.viewport().grab().toImage()
    background = canvas.canvasColor().rgb()
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if image.pixel(x, y) != background:
                count += 1
    return count
