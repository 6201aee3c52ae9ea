"""An STRtree that answers with indexes on shapely 1.8 and 2.x alike.

shapely 1.8's `STRtree.query`/`nearest` return geometries (indexes via `query_items`/`nearest_item`),
shapely 2.x's return indexes; callers here always want indexes.
"""

import warnings

from shapely.strtree import STRtree


class SpatialIndex:
    def __init__(self, geometries):
        self.geometries = list(geometries)
        with warnings.catch_warnings():  # 1.8 warns that 2.0 changes the API: both are handled below
            warnings.filterwarnings("ignore", message="STRtree will be changed")
            self._tree = STRtree(self.geometries) if self.geometries else None
        self._legacy = self._tree is not None and hasattr(self._tree, "query_items")  # shapely < 2

    def query(self, geometry):
        """Indexes of the geometries whose envelope intersects the envelope of `geometry`."""
        if self._tree is None:
            return []
        if self._legacy:
            return list(self._tree.query_items(geometry))
        return [int(index) for index in self._tree.query(geometry)]

    def nearest(self, geometry):
        """Index of the geometry nearest to `geometry`, None when the index is empty."""
        if self._tree is None:
            return None
        index = self._tree.nearest_item(geometry) if self._legacy else self._tree.nearest(geometry)
        return None if index is None else int(index)
