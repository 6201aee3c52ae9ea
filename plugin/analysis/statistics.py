"""Coverage statistics: kilometres of KartaView imagery per area, by capture year, quality band, device and
360° or not, the newest and oldest capture, and the share of a road network covered.

Pure Python (no QGIS): the algorithm measures each sequence's stretch inside each area and hands the
pieces here; everything below is bookkeeping, so it is exact and fast (100,000 pieces in well under a
second).
"""

from dataclasses import dataclass, field
from datetime import datetime

UNKNOWN = "unknown"
QUALITY_BANDS = ((0, 24), (25, 49), (50, 74), (75, 100))  # KartaView's quality score, 0-100
YEAR, QUALITY, DEVICE, PANORAMA = "year", "quality", "device", "360"
DIMENSIONS = (YEAR, QUALITY, DEVICE, PANORAMA)
IS_360, NOT_360 = "360", "not 360"


@dataclass(frozen=True)
class Piece:
    """The stretch of one sequence inside one area."""

    area: int  # index into the area names
    sequence_id: int
    km: float
    first_capture: datetime | None  # first capture, else the upload date (None if neither is known)
    last_capture: datetime | None
    quality: int | None
    device: str | None
    is_360: bool


def quality_band(quality) -> str:
    if quality is None:
        return UNKNOWN
    for low, high in QUALITY_BANDS:
        if low <= quality <= high:
            return "{}-{}".format(low, high)
    return UNKNOWN


def _band_order(band):
    return (band == UNKNOWN, int(band.split("-")[0]) if band != UNKNOWN else 0)


@dataclass
class AreaStatistics:
    name: str
    km: float = 0.0
    sequences: set = field(default_factory=set)
    km_by: dict = field(default_factory=lambda: {dimension: {} for dimension in DIMENSIONS})
    sequences_by: dict = field(default_factory=lambda: {dimension: {} for dimension in DIMENSIONS})
    newest: datetime | None = None  # the latest capture of any sequence in the area
    oldest: datetime | None = None  # the earliest
    road_km: float | None = None  # of the given roads inside the area
    covered_road_km: float | None = None

    @property
    def sequence_count(self) -> int:
        return len(self.sequences)

    @property
    def road_share(self) -> float | None:
        """Covered share (0-1) of the roads in the area; None without roads, or with none there."""
        if not self.road_km:
            return None
        return min(1.0, (self.covered_road_km or 0.0) / self.road_km)

    def categories(self, dimension) -> list:
        """The categories of a dimension in display order: years ascending, bands low to high, devices
        by kilometres (most first); `unknown` last."""
        values = self.km_by[dimension]
        if dimension == YEAR:
            return sorted(values, key=lambda year: (year == UNKNOWN, str(year)))
        if dimension == QUALITY:
            return sorted(values, key=_band_order)
        if dimension == PANORAMA:
            return [value for value in (IS_360, NOT_360) if value in values]
        return sorted(values, key=lambda name: (name == UNKNOWN, -values[name], name))

    def add(self, piece: Piece):
        self.km += piece.km
        self.sequences.add(piece.sequence_id)
        keys = {YEAR: piece.first_capture.year if piece.first_capture else UNKNOWN,
                QUALITY: quality_band(piece.quality), DEVICE: (piece.device or "").strip() or UNKNOWN,
                PANORAMA: IS_360 if piece.is_360 else NOT_360}
        for dimension, key in keys.items():
            self.km_by[dimension][key] = self.km_by[dimension].get(key, 0.0) + piece.km
            self.sequences_by[dimension].setdefault(key, set()).add(piece.sequence_id)
        for moment in (piece.first_capture, piece.last_capture):
            if moment is not None:
                self.newest = moment if self.newest is None or moment > self.newest else self.newest
                self.oldest = moment if self.oldest is None or moment < self.oldest else self.oldest


def summarise(area_names, pieces, roads=None, total_name=None) -> list[AreaStatistics]:
    """AreaStatistics per area (in the order of area_names), then, when total_name is given and there is
    more than one area, one more over all of them. roads: {area index: (road km, covered road km)}."""
    areas = [AreaStatistics(name) for name in area_names]
    total = AreaStatistics(total_name) if total_name is not None and len(areas) > 1 else None
    for piece in pieces:
        areas[piece.area].add(piece)
        if total is not None:
            total.add(piece)
    for index, (road_km, covered_km) in (roads or {}).items():
        areas[index].road_km, areas[index].covered_road_km = road_km, covered_km
    if total is not None:
        if roads:
            total.road_km = sum(road for road, _ in roads.values())
            total.covered_road_km = sum(covered for _, covered in roads.values())
        areas.append(total)
    return areas


def breakdown_rows(statistics: list[AreaStatistics]):
    """(area, dimension, category, km, sequence count) rows: the long table an analyst pivots."""
    for area in statistics:
        for dimension in DIMENSIONS:
            for category in area.categories(dimension):
                yield (area.name, dimension, str(category), area.km_by[dimension][category],
                       len(area.sequences_by[dimension][category]))
