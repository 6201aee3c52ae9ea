"""Features of the KartaView layers as a user reaches them in desktop QGIS, with real clicks and keys:
QGIS's Identify tool on a sequence line (the Identify Results panel), the attribute table (F6), and
the plugin's photo tool (Ctrl+Alt+K): a photo in the dock, next/previous with the dock's buttons and
the arrow keys, and a 360 photo whose panorama, dragged, turns the heading marker on the map.

Targets come from the features the layers have loaded (a line or point with nothing else within a
few pixels, so the click is unambiguous); what is checked is what the user sees: the panels' texts,
the dialog's title and cells, the dock's labels and pixels, the marker drawn on the map.
"""

import json
import math
import os
import re
import time
import urllib.error
import urllib.request

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry, QgsMapRendererSequentialJob, QgsProject
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QTableView, QTreeWidget

from tests.desktop.canvas import show_city
from tests.photo_support import drawn_heading
from tests.sandbox.images import sequence_colour

API = os.environ["KARTAVIEW_API_URL"]
SEQUENCES = "KartaView sequences"
PHOTOS = "KartaView photos"
STATUS_STARTS = ("Loading KartaView", "Zoomed out too far", "KartaView did not answer")
MARGIN_PX = 90  # targets this far from the map's edges (docks opening on the right narrow the map)
# F6 by its key (evdev keycode 72, as every X server here maps it): xdotool's "F6" keysym comes out as
# Alt+F6 under the X keymap of newer Debian (seen on QGIS 3.44 / sid), which opens nothing.
F6_KEYCODE = "72"
ARROW_RED = (231, 76, 60)  # plugin/gui/map_marker.py COLOUR: the heading arrow


def kartaview_sequence(sequence_id):
    """The sequence as KartaView (the sandbox) has it: the truth the panels are compared with."""
    try:
        with urllib.request.urlopen("{}2.0/sequence/{}".format(API, sequence_id), timeout=10) as answer:
            return json.load(answer)["result"]["data"]
    except (urllib.error.HTTPError, ValueError) as error:
        return {"error": str(error)}


def layer_named(name):
    return next((layer for layer in QgsProject.instance().mapLayers().values() if layer.name() == name), None)


def status_line(desk, layer):
    texts = desk.legend_texts(layer)
    return texts[0] if texts and texts[0].startswith(STATUS_STARTS) else ""


def loaded(desk, canvas, *layers):
    """Every layer drawn with no status line in its legend and features loaded; the map idle."""
    return (not canvas.isDrawing() and all(status_line(desk, layer) == "" and layer.featureCount() > 0
                                           for layer in layers))


class Renders:
    """Counts the map's finished renders, to wait for the one that follows a change of view."""

    def __init__(self, canvas):
        self.count = 0
        self.canvas = canvas
        canvas.mapCanvasRefreshed.connect(self._rendered)

    def _rendered(self):
        self.count += 1

    def settle(self, desk, name, *layers):
        """Yields until a render newer than now has finished with every layer loaded (a check)."""
        start = self.count
        yield from desk.wait_for(name, lambda: self.count > start and loaded(desk, self.canvas, *layers), 40,
                                 lambda: "{} renders; {}".format(self.count - start, {
                                     layer.name(): desk.legend_texts(layer)[:1] for layer in layers}))

    def stop(self):
        self.canvas.mapCanvasRefreshed.disconnect(self._rendered)


def to_map(canvas, layer):
    return QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())


def pixel(canvas, map_point):
    point = canvas.getCoordinateTransform().transform(map_point)
    return QPoint(round(point.x()), round(point.y()))


def inside(canvas, point):
    viewport = canvas.viewport()
    return (MARGIN_PX <= point.x() <= viewport.width() - MARGIN_PX
            and MARGIN_PX <= point.y() <= viewport.height() - MARGIN_PX)


def map_features(canvas, layer):
    """(feature, geometry in map units) for everything the layer has loaded."""
    transform = to_map(canvas, layer)
    found = []
    for feature in layer.getFeatures():  # no rectangle: what is loaded, without asking KartaView
        if feature.hasGeometry():
            geometry = QgsGeometry(feature.geometry())
            geometry.transform(transform)
            found.append((feature, geometry))
    return found


def isolated(target, others, map_point, radius):
    return all(other is target or geometry.distance(QgsGeometry.fromPointXY(map_point)) > radius
               for other, geometry in others)


def line_target(canvas, layer, clear_px=20):
    """A point on a sequence line inside the view with no other sequence within clear_px: (feature, point)."""
    lines = map_features(canvas, layer)
    radius = clear_px * canvas.mapUnitsPerPixel()
    for feature, geometry in lines:
        for step in range(1, 10):
            point = geometry.interpolate(geometry.length() * step / 10).asPoint()
            if inside(canvas, pixel(canvas, point)) and isolated(feature, lines, point, radius):
                return feature, point
    return None, None


def photo_target(canvas, layer, wanted, clear_px=12):
    """A photo point inside the view, `wanted(feature)`, no other photo within clear_px: (feature, point)."""
    points = map_features(canvas, layer)
    radius = clear_px * canvas.mapUnitsPerPixel()
    centre = canvas.extent().center()
    candidates = sorted(((geometry.asPoint().distance(centre), feature.id(), feature, geometry.asPoint())
                         for feature, geometry in points if wanted(feature)), key=lambda item: item[:2])
    for _distance, _fid, feature, point in candidates:
        if inside(canvas, pixel(canvas, point)) and isolated(feature, points, point, radius):
            return feature, point
    return None, None


def identify_rows(tree):
    """The Identify Results tree as (depth, column 0, column 1, shown: every parent expanded)."""
    rows = []

    def walk(item, depth, shown):
        rows.append((depth, item.text(0), item.text(1), shown and not item.isHidden()))
        for index in range(item.childCount()):
            walk(item.child(index), depth + 1, shown and item.isExpanded())

    for index in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(index), 0, True)
    return rows


def table_windows():
    """The windows showing an attribute table: the QgsAttributeTableDialog itself up to QGIS 3.2x, the
    plain QDialog it is put in (QGIS's dockable-widget helper, which takes the title) in newer QGIS (3.40).
    QGIS's default, not docked, is what this expects."""
    return [widget.window() for widget in QApplication.allWidgets()
            if widget.metaObject().className() == "QgsAttributeTableDialog" and widget.isVisible()]


def close_colour(colour, expected, tolerance=24):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def rgb(image, x, y):
    colour = QColor(image.pixel(int(x), int(y)))
    return colour.red(), colour.green(), colour.blue()


def photo_background(view):
    """The colour of the flat photo's lower-left corner as the dock draws it (the sandbox paints each
    sequence's photos in a colour of their own, the label in the middle)."""
    image, shot = view.image(), view.grab().toImage()
    scale = min(view.width() / image.width(), view.height() / image.height())
    left = (view.width() - image.width() * scale) / 2
    top = (view.height() - image.height() * scale) / 2
    return rgb(shot, left + image.width() * scale * 0.06, top + image.height() * scale * 0.9)


def arrow_at(canvas, marker, angle, distances=(14, 18, 22)):
    """Whether the map shows the heading arrow's red shaft along `angle` (degrees clockwise from up)."""
    shot = canvas.viewport().grab().toImage()
    origin = canvas.mapFromScene(marker.pos())
    hits = 0
    for reach in distances:
        x = origin.x() + reach * math.sin(math.radians(angle))
        y = origin.y() - reach * math.cos(math.radians(angle))
        hits += close_colour(rgb(shot, x, y), ARROW_RED, 30)
    return hits >= 2


def rgb_of(colour):
    return colour.red(), colour.green(), colour.blue()


def angle_difference(a, b):
    return abs((a - b + 180) % 360 - 180)


def shown_photo(dock):
    """What the dock says it shows: (sequence label, photo label, index spin, count label)."""
    return dock.sequenceValue.text(), dock.indexValue.text(), dock.indexSpin.value(), dock.countLabel.text()


def photo_label(index, photo_id):
    """The photo's line in the panel: counted from 1, like the index box beside "of N"."""
    return "{} (id {})".format(index + 1, photo_id)


def nearest_drawn(image, at, background, reach=24):
    """The offset (dx, dy) of the drawn pixel nearest to `at` within `reach`, or None: where a point
    the map was expected to draw at `at` really is, for a failure's message."""
    found = []
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            x, y = at.x() + dx, at.y() + dy
            if 0 <= x < image.width() and 0 <= y < image.height() and rgb(image, x, y) != background:
                found.append((dx * dx + dy * dy, dx, dy))
    return min(found)[1:] if found else None


def shows_symbol(image, at, background, ring_px=4):
    """Is something drawn at `at`: its pixel, or else most of a ring around it, not the background?
    The sequences layer (above the photos here) marks a 360 sequence with white dots every 6 mm, the
    canvas's own colour: one on a photo's centre hides that pixel only, the circle around it shows."""
    if rgb(image, at.x(), at.y()) != background:
        return True
    ring = [(round(ring_px * math.cos(step * math.pi / 4)), round(ring_px * math.sin(step * math.pi / 4)))
            for step in range(8)]
    return sum(rgb(image, at.x() + dx, at.y() + dy) != background for dx, dy in ring) >= 6


def click_map(desk, canvas, name, map_point, wait_s=10.0, explain=None):
    """Yields: a real click on the map at map_point, once the map under the pointer shows it drawn.

    A user clicks what they see: a feature loaded a moment ago is drawn by the repaint its arrival
    asked for, which the map starts a little later (QGIS defers a refresh); so this waits for the
    pixel, up to wait_s, and says how long it took. The pixel is found again each time: the map
    may have moved or changed size meanwhile."""
    first = pixel(canvas, map_point)
    size = canvas.viewport().size()
    start = time.monotonic()
    while True:
        at = pixel(canvas, map_point)
        under = QApplication.widgetAt(canvas.viewport().mapToGlobal(at))
        shot = canvas.viewport().grab().toImage()
        drawn = shows_symbol(shot, at, rgb_of(canvas.canvasColor()))
        waited = time.monotonic() - start
        if (under is canvas.viewport() and drawn) or waited > wait_s:
            break
        yield 0.1
    detail = "under the pointer: {}, drawn {} after {:.1f} s at ({}, {})".format(
        under.metaObject().className() if under else None, drawn, waited, at.x(), at.y())
    if at != first or canvas.viewport().size() != size:
        detail += "; the map moved: first at ({}, {}), map {} x {} then {} x {}".format(
            first.x(), first.y(), size.width(), size.height(), canvas.viewport().width(), canvas.viewport().height())
    if not drawn:
        detail += "; nearest drawn pixel at offset {}, scale 1:{:.0f}, extent {}".format(
            nearest_drawn(shot, at, rgb_of(canvas.canvasColor())), canvas.scale(), canvas.extent().toString(1))
        if explain is not None:
            detail += "; " + explain()
    if desk.check(name + ": the point is drawn on the map, not under a window", under is canvas.viewport() and drawn,
                  detail):
        yield from desk.click(canvas.viewport(), at)


def run(desk):
    iface = desk.iface
    canvas = iface.mapCanvas()
    window = iface.mainWindow()
    yield from desk.wait_for("the plugin is loaded",
                             lambda: desk.component("KartaViewLayersComponent") and desk.component("PhotoComponent"),
                             60)
    layers_component = desk.component("KartaViewLayersComponent")
    photo_component = desk.component("PhotoComponent")
    dock = photo_component.dock
    # the layers themselves are the layers scenario's subject: here they are only the stage
    layers_component.add_layer("photos")
    layers_component.add_layer("sequences")
    sequences, photos = layer_named(SEQUENCES), layer_named(PHOTOS)
    # QGIS zooms to the first layer's extent once it has taken the layers in: the city view comes after
    yield from desk.wait_for("both layers are on the map", lambda: {sequences, photos} <= set(canvas.layers()), 10)
    yield 1
    renders = Renders(canvas)
    show_city(canvas, width_m=1400)
    yield from renders.settle(desk, "city view: both layers are loaded and drawn", sequences, photos)

    # ---- the sequences layer selected in the Layers panel -----------------------------------------
    tree_view = iface.layerTreeView()
    node = QgsProject.instance().layerTreeRoot().findLayer(sequences.id())

    def select_sequences_layer():
        rect = tree_view.visualRect(tree_view.node2index(node))
        yield from desk.click(tree_view.viewport(), QPoint(rect.left() + 60, rect.center().y()))

    yield from select_sequences_layer()
    desk.check("Layers panel: the sequences layer is the current layer", iface.activeLayer() is sequences,
               iface.activeLayer().name() if iface.activeLayer() else None)

    # ---- 1. Identify a sequence line ----------------------------------------------------------------
    identify = iface.actionIdentify()
    button = iface.attributesToolBar().widgetForAction(identify)
    yield from desk.click(button)
    desk.check("toolbar: the Identify button is pressed",
               identify.isChecked() and canvas.mapTool().action() is identify)
    feature, point = line_target(canvas, sequences)
    desk.check("a sequence line with no other near it is on the map", feature is not None)
    if feature is None:
        return
    sequence_id = str(feature["sequence_id"])
    yield from click_map(desk, canvas, "identify", point)
    panel = window.findChild(QDockWidget, "IdentifyResultsDock")
    results = panel.findChild(QTreeWidget, "lstResults") if panel else None

    def identified():
        rows = identify_rows(results)
        return (panel.isVisible() and rows and rows[0][1].strip() == SEQUENCES
                and any(depth == 2 and name == "sequence_id" and value == sequence_id and shown
                        for depth, name, value, shown in rows))

    yield from desk.wait_for("Identify Results: the sequence is listed under KartaView sequences with its sequence_id",
                             identified, 15, lambda: "wanted {}; panel {}".format(
                                 sequence_id, identify_rows(results)[:25] if results else "not found"))
    rows = identify_rows(results) if results else []
    feature_rows = [row for row in rows if row[0] == 1 and row[3]]
    shown = {name: value for depth, name, value, visible in rows if depth == 2 and visible}
    truth = kartaview_sequence(shown.get("sequence_id"))
    desk.check("Identify Results: one feature, whose attributes are KartaView's for that sequence",
               len(feature_rows) == 1 and all(shown.get(field) == truth.get(key) for field, key in (
                   ("username", "username"), ("address", "address"), ("device", "deviceName"))),
               "shown {}; KartaView has {}".format(shown, {key: truth.get(key) for key in (
                   "username", "address", "deviceName", "error")}))

    # ---- 2. The attribute table (F6) -----------------------------------------------------------------
    # The layer lists all it has loaded, and QGIS keeps rendering the views around this one in the
    # background (preview jobs, for smooth panning): the table is compared once that has settled.
    counts = []

    def count_settled():
        counts.append(sequences.featureCount())
        return len(counts) > 15 and len(set(counts[-15:])) == 1  # the same for 1.5 s

    yield from desk.wait_for("the sequences layer's loaded count has settled", count_settled, 30,
                             lambda: "counts seen {}".format(sorted(set(counts))))
    yield from select_sequences_layer()
    count = sequences.featureCount()
    yield from desk.key(F6_KEYCODE)
    yield from desk.wait_for("F6: the attribute table of KartaView sequences opens",
                             lambda: any(SEQUENCES in window.windowTitle() for window in table_windows()), 15,
                             lambda: "attribute table windows {}; windows {}".format(
                                 [window.windowTitle() for window in table_windows()],
                                 [(window.metaObject().className(), window.windowTitle())
                                  for window in QApplication.topLevelWidgets() if window.isVisible()]))
    tables = table_windows()
    if tables:
        table_dialog = tables[0]
        table = next(view for view in table_dialog.findChildren(QTableView)  # not the date pickers' tables
                     if view.metaObject().className() == "QgsAttributeTableView")
        model = table.model()

        def table_filled():
            title = re.search(r"Total: (\d+)", table_dialog.windowTitle())
            return model.rowCount() == count and title and int(title.group(1)) == count

        yield from desk.wait_for("attribute table: as many rows as the layer has loaded, the title says so",
                                 table_filled, 15, lambda: "{} rows, layer {}, title {!r}".format(
                                     model.rowCount(), count, table_dialog.windowTitle()))
        headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
        column = headers.index("sequence_id") if "sequence_id" in headers else -1
        cells = [model.index(row, column).data() for row in range(model.rowCount())] if column >= 0 else []
        desk.check("attribute table: the identified sequence's id is in the sequence_id column",
                   sequence_id in [str(cell) for cell in cells],
                   "headers {}, first cells {}".format(headers, cells[:5]))
        # no window manager under Xvfb: the new window has the keyboard once clicked, as a user does
        yield from desk.click(table_dialog, QPoint(table_dialog.width() // 2, table_dialog.height() - 12))
        yield from desk.wait_for("a click in the attribute table gives it the keyboard",
                                 lambda: QApplication.activeWindow() is table_dialog, 5)
        yield from desk.key("Escape")
        yield from desk.wait_for("Escape closes the attribute table", lambda: not table_windows(), 5)

    # ---- 3. The photo tool (Ctrl+Alt+K), a photo, next and previous -----------------------------------
    yield from select_sequences_layer()  # back in the main window (the table had the keyboard)
    yield from desk.key("ctrl+alt+k")
    tool_action = photo_component.tool_action
    desk.check("Ctrl+Alt+K: the photo tool is on (its button pressed)",
               tool_action.isChecked() and canvas.mapTool() is photo_component.tool)
    show_city(canvas, width_m=500)
    yield from renders.settle(desk, "street view: the photos are loaded and drawn", sequences, photos)
    by_sequence = {}
    for each in photos.getFeatures():
        by_sequence.setdefault(each["sequence_id"], {})[each["sequence_index"]] = each["photo_id"]

    def flat_in_middle(each):  # a flat photo with one before and one after it, all loaded
        indexes = by_sequence[each["sequence_id"]]
        index = each["sequence_index"]
        return not each["is_360"] and index - 1 in indexes and index + 1 in indexes

    photo, point = photo_target(canvas, photos, flat_in_middle)
    desk.check("a flat photo with no other near it is on the map", photo is not None)
    if photo is None:
        return
    photo_id, index, photo_sequence = photo["photo_id"], photo["sequence_index"], photo["sequence_id"]
    neighbours = by_sequence[photo_sequence]
    yield from click_map(desk, canvas, "photo", point)

    def showing(wanted_index, wanted_id):
        return lambda: (dock.isVisible() and dock.indexValue.text() == photo_label(wanted_index, wanted_id)
                        and dock.statusLabel.text().endswith(")") and "px" in dock.statusLabel.text())

    def dock_detail():
        return "dock visible {}, title {!r}, shows {}, status {!r}, message {!r}".format(
            dock.isVisible(), dock.windowTitle(), shown_photo(dock), dock.statusLabel.text(), dock.messageLabel.text())

    yield from desk.wait_for("photo click: the KartaView Photo panel opens on that photo, its image loaded",
                             showing(index, photo_id), 20, dock_detail)
    desk.check("photo panel: titled KartaView Photo, names the sequence, the photo's place and count",
               dock.windowTitle() == "KartaView Photo" and dock.sequenceValue.text() == str(photo_sequence)
               and dock.indexSpin.value() == index + 1 and re.fullmatch(r"of \d+", dock.countLabel.text())
               and int(dock.countLabel.text()[3:]) > index + 1, dock_detail())
    yield from desk.wait_for("photo panel: the flat photo is on screen, in its sequence's colour",
                             lambda: dock.photo_view.isVisible() and not dock.panorama_view.isVisible()
                             and close_colour(photo_background(dock.photo_view), sequence_colour(photo_sequence)),
                             5, lambda: "view {} vs sequence colour {}".format(
                                 photo_background(dock.photo_view) if dock.photo_view.image() else None,
                                 sequence_colour(photo_sequence)))
    first_picture = dock.photo_view.grab().toImage()

    yield from desk.click(dock.nextButton)
    yield from desk.wait_for("Next button: the panel shows the next photo of the sequence",
                             showing(index + 1, neighbours[index + 1]), 15, dock_detail)
    desk.check("Next button: the picture changed, same sequence colour",
               dock.photo_view.grab().toImage() != first_picture
               and close_colour(photo_background(dock.photo_view), sequence_colour(photo_sequence)))
    yield from desk.click(dock.previousButton)
    yield from desk.wait_for("Previous button: back to the clicked photo", showing(index, photo_id), 15, dock_detail)

    # arrow keys: straight after the map click, the keyboard is still with whatever had it (#15)
    extent = canvas.extent()
    yield from desk.key("Right")
    yield from desk.wait_seconds(1.0)
    stepped = dock.indexValue.text() == photo_label(index + 1, neighbours[index + 1])
    desk.note("Right arrow after the photo buttons: {}".format(
        "the panel stepped" if stepped else "the panel did not step (the map {})".format(
            "panned" if canvas.extent() != extent else "stayed")))
    if stepped:
        yield from desk.key("Left")
    else:
        # a user clicks the photo: it takes the keyboard, so the arrow steps the photos, not the map
        extent = canvas.extent()
        yield from desk.click(dock.photo_view)
        yield from desk.key("Right")
        yield from desk.wait_seconds(1.0)
        stepped = dock.indexValue.text() == photo_label(index + 1, neighbours[index + 1])
        desk.check("Right arrow after clicking the photo: the panel shows the next photo, the map stays",
                   stepped and canvas.extent() == extent, dock_detail())
        yield from desk.key("Left")
    yield from desk.wait_for("Left arrow: the panel is back on the clicked photo", showing(index, photo_id), 10,
                             dock_detail)

    # ---- 4. A 360 photo: the panorama, and a drag turning the heading on the map ---------------------
    spheres = [(feature, geometry) for feature, geometry in map_features(canvas, sequences) if feature["is_360"]]
    desk.check("a 360 sequence is loaded", spheres, "{} sequences loaded".format(sequences.featureCount()))
    if not spheres:
        return
    sphere_feature, sphere_line = spheres[0]
    canvas.setCenter(sphere_line.interpolate(sphere_line.length() / 2).asPoint())
    canvas.refresh()
    yield from renders.settle(desk, "the 360 sequence's street: its photos are loaded and drawn", sequences, photos)
    # a 360 photo with a heading (NULL: no arrow to turn)
    panorama, point = photo_target(canvas, photos, lambda each: each["is_360"] and isinstance(each["heading"], float))
    desk.check("a 360 photo with no other near it is on the map", panorama is not None,
               "sequence {}; photo {}".format(sphere_feature["sequence_id"], panorama and dict(
                   id=panorama["photo_id"], sequence=panorama["sequence_id"], index=panorama["sequence_index"],
                   at=point.toString(1), pixel=pixel(canvas, point))))
    if panorama is None:
        return

    def served():  # a failure's explanation: is the photo in what the layer serves, in a fresh render?
        to_layer = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), photos.crs(), QgsProject.instance())
        request = QgsFeatureRequest(to_layer.transformBoundingBox(canvas.extent()))
        listed = panorama.id() in {each.id() for each in photos.getFeatures(request)}
        settings = canvas.mapSettings()
        settings.setLayers([photos])
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        at = pixel(canvas, point)
        fresh = rgb(job.renderedImage(), at.x(), at.y())
        return "a render of this view lists the photo: {}; a fresh render of the photos layer has {} there".format(
            listed, fresh)

    yield from click_map(desk, canvas, "360 photo", point, explain=served)
    view = dock.panorama_view
    yield from desk.wait_for("360 photo click: the panel shows the panorama view of it",
                             lambda: showing(panorama["sequence_index"], panorama["photo_id"])()
                             and view.isVisible() and not dock.photo_view.isVisible()
                             and view.image() is not None and view.image().width() == 2 * view.image().height(),
                             20, dock_detail)
    desk.check("photo panel: the projection says SPHERE", dock.projectionValue.text() == "SPHERE",
               dock.projectionValue.text())
    marker = dock.markers.marker
    heading = float(panorama["heading"])
    yield 0.5
    before = drawn_heading(marker)
    desk.check("map: the heading marker points along the photo's heading",
               marker.isVisible() and before is not None and angle_difference(before, heading) < 2
               and arrow_at(canvas, marker, before), "marker angle {}, photo heading {}".format(before, heading))
    picture = view.grab().toImage()
    centre = view.rect().center()
    shift = view.width() // 2
    yield from desk.drag(view, centre + QPoint(shift // 2, 0), view, centre - QPoint(shift // 2, 0))
    turned = shift * view.fov() / view.width()  # a drag to the left looks right: the heading grows
    yield 0.5
    after = drawn_heading(marker)
    desk.check("panorama drag: the view turned (the picture changed)", view.grab().toImage() != picture,
               "yaw {:.1f}".format(view.yaw()))
    desk.check("panorama drag: the heading marker on the map turned with the view",
               after is not None and angle_difference(after, (heading + turned) % 360) < 4
               and arrow_at(canvas, marker, after) and not arrow_at(canvas, marker, before),
               "marker {} -> {}, expected {:.1f}".format(before, after, (heading + turned) % 360))

    renders.stop()
    desk.check("QGIS answers", canvas.isVisible() and window.isVisible())
