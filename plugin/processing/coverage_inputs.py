"""What kartaview:coveragegaps reads: the roads a tile at a time, and the sequences around a tile.

Memory must not grow with the road network (a country is millions of road pieces): a first pass over
the roads reads only their geometries to plan tiles of at most TILE_ROADS roads (analysis.tiles); each
tile then reads its roads with a spatial filter, plus the roads within CONTEXT_M around it, whose
covered stretches the gap distances are measured to, and the sequences of that extent.
"""

from types import SimpleNamespace

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsRectangle,
    QgsWkbTypes,
)

from ..analysis import DrivenSequence, FlatLines
from ..analysis.tiles import Tile, TileGrid
from .metric import WGS84, flat_lines, grown, lines_parts, transformed_flat
from .values import flag, integer, py_datetime, text

TILE_ROADS = 40_000  # roads analysed at once; a tile takes about 5 KiB per road while it is worked on
CONTEXT_M = 1000.0  # roads this far around a tile are read too: gap distances up to this are exact
PLAN_BATCH = 20_000  # bounding boxes handed to the tile grid at once in the first pass


def is_line(geometry, lines_only=False):
    """A non-empty line geometry; `lines_only`: the layer's type says it is a line if it is anything."""
    if geometry.isEmpty():  # null too
        return False
    return lines_only or geometry.type() == QgsWkbTypes.GeometryType.LineGeometry


def _box(rectangle):
    return rectangle.xMinimum(), rectangle.yMinimum(), rectangle.xMaximum(), rectangle.yMaximum()


class RoadTiles:
    """The roads of a Processing feature source, planned into tiles by a geometry-only first pass."""

    def __init__(self, source, context, feedback, progress, tile_roads=None):
        self.source, self.context = source, context
        self.count = self.skipped = 0
        # QGIS enums cost a Python object each: asked once of the layer, not of every road, when it can tell
        self.lines_only = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry
        tile_roads = tile_roads or TILE_ROADS
        if 0 <= source.featureCount() <= tile_roads:  # one tile (most runs): no first pass
            self.grid, self.tiles = None, [Tile(0, source.featureCount(), None)]
            return
        self.grid = TileGrid(_box(source.sourceExtent()))
        boxes = []
        total = max(1, source.featureCount())
        for feature in source.getFeatures(QgsFeatureRequest().setNoAttributes()):
            if feedback.isCanceled():
                break
            geometry = feature.geometry()
            if not is_line(geometry, self.lines_only):
                self.skipped += 1
                continue
            boxes.append(_box(geometry.boundingBox()))
            if len(boxes) == PLAN_BATCH:
                self.grid.add(boxes)
                self.count += len(boxes)
                boxes = []
                feedback.setProgress(progress * (self.count + self.skipped) / total)
        self.grid.add(boxes)
        self.count += len(boxes)
        self.tiles = self.grid.tiles(tile_roads)
        crs = source.sourceCrs()
        self._to_wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84),
                                                context.transformContext())
        self._from_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), crs,
                                                  context.transformContext())

    def roads(self, tile):
        """(the features of the roads of `tile`, the geometries of those roads then of the roads around it)."""
        if self.grid is None:  # the whole layer: count what the first pass would have
            own, geometries = [], []
            for feature in self.source.getFeatures():
                geometry = feature.geometry()
                if is_line(geometry, self.lines_only):
                    own.append(feature)
                    geometries.append(geometry)
                else:
                    self.skipped += 1
            self.count = len(own)
            return own, geometries
        box = QgsRectangle(*tile.fetch_box)
        area = self._around(box)
        features, geometries, boxes = [], [], []
        for feature in self.source.getFeatures(QgsFeatureRequest().setFilterRect(area)):
            geometry = feature.geometry()
            if is_line(geometry, self.lines_only):
                features.append(feature)
                geometries.append(geometry)
                boxes.append(_box(geometry.boundingBox()))
        mine = (self.grid.tile_of(boxes) == tile.number if boxes else np.zeros(0, bool)).tolist()
        own = [feature for feature, is_mine in zip(features, mine) if is_mine]
        return own, ([geometry for geometry, is_mine in zip(geometries, mine) if is_mine]
                     + [geometry for geometry, is_mine in zip(geometries, mine) if not is_mine])

    def _around(self, box):
        """`box` grown by CONTEXT_M, in the roads' CRS (whatever its units)."""
        if self._to_wgs84.isShortCircuited():
            return QgsRectangle(*grown(_box(box), CONTEXT_M))
        try:
            wide = grown(_box(self._to_wgs84.transformBoundingBox(box)), CONTEXT_M)
            grown_box = self._from_wgs84.transformBoundingBox(QgsRectangle(*wide))
        except QgsCsException:
            return box
        grown_box.combineExtentWith(box)  # never less than the tile's own roads
        return grown_box


def kartaview_tracks(tracks, to_local):
    """DrivenSequences in the local CRS of the loader's tracks (WGS 84), all transformed in one call."""
    tracks = [track for track in tracks if len(track.coordinates)]
    arrays = [np.asarray(track.coordinates, dtype=float).reshape(-1, 2) for track in tracks]
    lines = FlatLines(np.concatenate(arrays) if arrays else np.empty((0, 2)), [len(array) for array in arrays],
                      np.arange(len(arrays)), len(arrays))
    lines, failed = transformed_flat(lines, to_local)
    sequences = []
    for track, line, lost in zip(tracks, lines_parts(lines), failed.tolist()):
        if not lost:
            first = track.first_shot or track.sequence.date_added
            last = track.last_shot or track.sequence.date_added
            sequences.append(DrivenSequence(track.id, line, first, last, track.sequence.is_360))
    return sequences


def layer_tracks(layer, filters, context, bbox, local, cancel):
    """DrivenSequences in the local CRS of the features of a line layer (fields of
    kartaview:downloadsequences, all optional) touching `bbox` (WGS 84), filtered; None when cancelled."""
    names = set(layer.fields().names())
    to_local = QgsCoordinateTransform(layer.sourceCrs(), local, context.transformContext())
    request = QgsFeatureRequest()
    try:
        to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), layer.sourceCrs(),
                                          context.transformContext())
        request.setFilterRect(to_layer.transformBoundingBox(QgsRectangle(*bbox)))
    except QgsCsException:
        pass  # every sequence then: slower, not wrong
    found, geometries = [], []
    for feature in layer.getFeatures(request):
        if cancel():
            return None
        values = {name: (convert(feature[name]) if name in names else None) for name, convert in (
            ("date_added", py_datetime), ("first_shot", py_datetime), ("last_shot", py_datetime),
            ("username", text), ("is_360", flag), ("quality", integer), ("sequence_id", integer))}
        added = values["date_added"]
        first, last = values["first_shot"] or added, values["last_shot"] or added
        # the loader's own filter, on the layer's attributes
        attributes = SimpleNamespace(date_added=added or first, username=values["username"],
                                     is_360=bool(values["is_360"]), quality=values["quality"])
        if not filters.accepts_sequence(attributes):
            continue
        geometry = feature.geometry()
        if not geometry.isEmpty():
            sequence_id = values["sequence_id"]
            found.append((feature.id() if sequence_id is None else sequence_id, first or last, last or first,
                          attributes.is_360))
            geometries.append(geometry)
    # all the sequences transformed in one call: one by one was most of the time taken here
    lines, failed = transformed_flat(flat_lines(geometries), to_local)
    return [DrivenSequence(sequence_id, line, first, last, is_360)
            for (sequence_id, first, last, is_360), line, lost in zip(found, lines_parts(lines), failed.tolist())
            if not lost]
