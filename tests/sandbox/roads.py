"""The real road network the sandbox drives on: KartaView's own /1.0/tracks/ answer for Cluj-Napoca.

Segments are OSM way pieces between two OSM nodes. Their `track` does not reliably start at the
`from` node (about half are stored the other way round), so each node gets its position from the
track end its segments share, and a segment is oriented by that position when driven.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .geo import distance_m

# Real KartaView answers kept by KartaView's Android app (MIT, see the folder's LICENSE and README).
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "kartaview-samples"
GEOMETRY_FILE = SAMPLES_DIR / "android-geometry.json"


@dataclass(frozen=True)
class Segment:
    element_id: str
    way_id: str
    from_node: str
    to_node: str
    track: tuple  # ((lat, lng), ...) floats, in the file's order
    bbox: tuple  # (min_lat, min_lng, max_lat, max_lng)
    length_m: float
    raw: dict = field(repr=False, compare=False)  # the item as KartaView sent it


def load_segments(path=GEOMETRY_FILE):
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)["currentPageItems"]
    segments = []
    for item in items:
        track = tuple((float(lat), float(lng)) for lat, lng in item["track"])
        lats, lngs = [p[0] for p in track], [p[1] for p in track]
        length = sum(distance_m(*a, *b) for a, b in zip(track, track[1:]))
        segments.append(Segment(item["element_id"], item["way_id"], item["from"], item["to"], track,
                                (min(lats), min(lngs), max(lats), max(lngs)), length, item))
    return segments


class RoadGraph:
    """Node graph of the segments, for random drives that follow connected roads."""

    def __init__(self, segments):
        self.segments = segments
        self.edges = defaultdict(list)  # node id -> indexes of its segments
        for index, segment in enumerate(segments):
            if segment.from_node != segment.to_node:
                self.edges[segment.from_node].append(index)
                self.edges[segment.to_node].append(index)
        self.position = {}
        for node, indexes in self.edges.items():
            if len(indexes) > 1:
                ends = [{segments[i].track[0], segments[i].track[-1]} for i in indexes]
                common = set.intersection(*ends)
                if common:
                    self.position[node] = min(common)
        for node, indexes in self.edges.items():
            if node not in self.position:  # a dead end: the track end away from the other node
                segment = segments[indexes[0]]
                other = self.position.get(self._other(segment, node))
                first, last = segment.track[0], segment.track[-1]
                if other is None:
                    self.position[node] = first if node == segment.from_node else last
                else:
                    self.position[node] = first if distance_m(*first, *other) > distance_m(*last, *other) else last
        self.junctions = sorted(node for node, indexes in self.edges.items() if len(indexes) > 1)

    @staticmethod
    def _other(segment, node):
        return segment.to_node if node == segment.from_node else segment.from_node

    def oriented_track(self, index, start_node):
        track = self.segments[index].track
        start = self.position[start_node]
        if distance_m(*track[0], *start) <= distance_m(*track[-1], *start):
            return track
        return track[::-1]

    def drive(self, rng, target_m, max_segments=80):
        """[(segment index, track oriented in driving order), ...]: a walk that avoids repeating roads."""
        node, previous, used, pieces, length = rng.choice(self.junctions), None, set(), [], 0.0
        while length < target_m and len(pieces) < max_segments:
            options = [i for i in self.edges[node] if i != previous] or self.edges[node]  # U-turn at dead ends
            index = rng.choice([i for i in options if i not in used] or options)
            pieces.append((index, self.oriented_track(index, node)))
            used.add(index)
            previous = index
            length += self.segments[index].length_m
            node = self._other(self.segments[index], node)
        return pieces
