"""Typed, immutable records for what the KartaView API returns.

`from_v1` reads the 1.0 family (snake_case, everything a string), `from_v2` the 2.0 family
(camelCase). Both raise ValueError only when the record has no usable identity (no id); every
other odd field becomes None. BBox everywhere: (min_lng, min_lat, max_lng, max_lat).
"""

from dataclasses import dataclass, field
from datetime import datetime

from .parsing import (
    MAX_ID,
    MAX_INT32,
    to_bounded,
    to_datetime,
    to_float,
    to_id,
    to_int,
    to_position,
    to_str,
)


def _first(d: dict, *keys):
    """The first of `keys` that holds a non-blank value."""
    for key in keys:
        value = d.get(key)
        if value is not None and value != "":
            return value
    return None


def _required_int(d: dict, *keys, high=MAX_ID) -> int:
    """An identity field (an id: 0..MAX_ID; an index: 0..MAX_INT32); ValueError when missing or out of
    range, which rejects the whole record."""
    value = to_bounded(_first(d, *keys), 0, high)
    if value is None:
        raise ValueError("record without a valid {}: {!r}".format("/".join(keys), {k: d.get(k) for k in keys}))
    return value


def _v1_identity(d: dict) -> tuple[int, int, int]:
    """(id, sequence id, sequence index) of a 1.0 photo item; ValueError when one is missing."""
    photo_id, sequence_id, index = d.get("id"), d.get("sequence_id"), d.get("sequence_index")
    if type(photo_id) is str and type(sequence_id) is str and type(index) is str:
        try:  # the usual "123" strings: what to_int gives them, without its detours
            identity = int(photo_id), int(sequence_id), int(index)
        except ValueError:
            pass
        else:
            if 0 <= identity[0] <= MAX_ID and 0 <= identity[1] <= MAX_ID and 0 <= identity[2] <= MAX_INT32:
                return identity
    return (_required_int(d, "id"), _required_int(d, "sequence_id", "sequenceId"),
            _required_int(d, "sequence_index", "sequenceIndex", high=MAX_INT32))


def _corner_bbox(nw_lat, nw_lng, se_lat, se_lng):
    """(min_lng, min_lat, max_lng, max_lat) from two corners; the server mixes them up, so take min/max.
    A zero or missing coordinate means the server never computed the corner."""
    values = [to_float(v) for v in (nw_lat, nw_lng, se_lat, se_lng)]
    if any(v is None or v == 0 for v in values):
        return None
    lat1, lng1, lat2, lng2 = values
    if max(abs(lat1), abs(lat2)) > 90 or max(abs(lng1), abs(lng2)) > 180:
        return None
    return (min(lng1, lng2), min(lat1, lat2), max(lng1, lng2), max(lat1, lat2))


def _file_path(folder: str | None, size: str, name: str | None) -> str | None:
    """"<folder>/<size>/<name>" for records that only give the folder and the file name."""
    return "{}/{}/{}".format(folder.rstrip("/"), size, name) if folder and name else None


def _nested_username(d: dict) -> str | None:
    user = d.get("user") if isinstance(d.get("user"), dict) else {}
    return to_str(_first(d, "username", "userName")) or to_str(user.get("username"))


@dataclass(frozen=True)
class Photo:
    id: int
    sequence_id: int
    sequence_index: int
    lat: float | None
    lng: float | None
    heading: float | None
    gps_accuracy: float | None
    shot_date: datetime | None
    date_added: datetime | None
    username: str | None
    projection: str | None
    field_of_view: str | None
    way_id: int | None
    match_lat: float | None
    match_lng: float | None
    proc_path: str | None
    lth_path: str | None
    th_path: str | None

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lng is not None

    @property
    def is_360(self) -> bool:
        return (self.projection or "").upper() == "SPHERE" or self.field_of_view == "360"

    @classmethod
    def from_v1(cls, d: dict) -> "Photo":
        """A photo of nearby-photos / photo-list (snake_case). No id, sequence or index -> ValueError."""
        lat, lng = to_position(d.get("lat"), d.get("lng"))
        match_lat, match_lng = to_position(d.get("match_lat"), d.get("match_lng"))
        # Older records lack the ready-made paths but have storage + date folder + file name.
        storage, date_folder = to_str(d.get("storage")), to_str(d.get("path"))
        folder = "{}/files/photo/{}".format(storage, date_folder) if storage and date_folder else None
        file_name = to_str(d.get("fileName"))
        photo_id, sequence_id, sequence_index = _v1_identity(d)
        return cls(
            id=photo_id, sequence_id=sequence_id, sequence_index=sequence_index,
            lat=lat, lng=lng,
            heading=to_float(_first(d, "heading", "headers")),
            gps_accuracy=to_float(d.get("gps_accuracy")),
            shot_date=to_datetime(d.get("shot_date")),
            date_added=to_datetime(d.get("date_added")) or to_datetime(d.get("timestamp")),
            username=to_str(d.get("username")),
            projection=to_str(d.get("projection")),
            field_of_view=to_str(d.get("field_of_view")),
            way_id=to_id(d.get("way_id")),
            match_lat=match_lat, match_lng=match_lng,
            proc_path=to_str(d.get("name")) or _file_path(folder, "proc", file_name),
            lth_path=to_str(d.get("lth_name")) or _file_path(folder, "lth", file_name),
            th_path=to_str(d.get("th_name")) or _file_path(folder, "th", file_name),
        )


@dataclass(frozen=True)
class Sequence:
    id: int
    user_id: int | None
    username: str | None
    date_added: datetime | None
    date_processed: datetime | None
    country_code: str | None
    state_code: str | None
    address: str | None
    distance_km: float | None
    photo_count: int | None
    quality: int | None
    device_name: str | None
    platform_name: str | None
    upload_source: str | None
    processing_status: str | None
    upload_status: str | None
    status: str | None
    current_lat: float | None
    current_lng: float | None
    bbox: tuple[float, float, float, float] | None
    field_of_view: str | None
    is_360: bool

    @classmethod
    def from_v1(cls, d: dict) -> "Sequence":
        """A sequence of the 1.0 lists (my-list, /1.0/list/, driver lists; snake_case)."""
        current_lat, current_lng = to_position(d.get("current_lat"), d.get("current_lng"))
        field_of_view = to_str(d.get("field_of_view"))
        return cls(
            id=_required_int(d, "id", "sequence_id"),
            user_id=to_int(d.get("user_id")),
            username=to_str(_first(d, "username", "author")),
            date_added=to_datetime(d.get("date_added")),
            date_processed=to_datetime(d.get("date_processed")),
            country_code=to_str(d.get("country_code")),
            state_code=to_str(d.get("state_code")),
            address=to_str(_first(d, "address", "location")),
            distance_km=to_float(d.get("distance")),
            photo_count=to_bounded(_first(d, "photo_no", "count_active_photos")),
            quality=to_bounded(d.get("quality"), 0, 100),
            device_name=to_str(d.get("device_name")),
            platform_name=to_str(d.get("platform_name")),
            upload_source=to_str(d.get("upload_source")),
            processing_status=to_str(_first(d, "image_processing_status", "processing_status")),
            upload_status=to_str(d.get("upload_status")),
            status=to_str(d.get("status")),
            current_lat=current_lat, current_lng=current_lng,
            bbox=_corner_bbox(d.get("nw_lat"), d.get("nw_lng"), d.get("se_lat"), d.get("se_lng")),
            field_of_view=field_of_view,
            is_360=field_of_view == "360" or (to_str(d.get("projection")) or "").upper() == "SPHERE",
        )

    @classmethod
    def from_v2(cls, d: dict) -> "Sequence":
        """A sequence of /2.0/sequence/ or of the 1.0 create answer (camelCase)."""
        current_lat, current_lng = to_position(d.get("currentLat"), d.get("currentLng"))
        field_of_view = to_str(d.get("fieldOfView"))
        return cls(
            id=_required_int(d, "id", "sequenceId"),
            user_id=to_int(d.get("userId")),
            username=_nested_username(d),
            date_added=to_datetime(d.get("dateAdded")),
            date_processed=to_datetime(d.get("dateProcessed")),
            country_code=to_str(d.get("countryCode")),
            state_code=to_str(d.get("stateCode")),
            address=to_str(d.get("address")),
            distance_km=to_float(d.get("distance")),
            photo_count=to_bounded(_first(d, "countActivePhotos", "photoNo", "photoCount")),
            quality=to_bounded(d.get("quality"), 0, 100),
            device_name=to_str(d.get("deviceName")),
            platform_name=to_str(d.get("platformName")),
            upload_source=to_str(d.get("uploadSource")),
            processing_status=to_str(_first(d, "processingStatus", "imageProcessingStatus")),
            upload_status=to_str(d.get("uploadStatus")),
            status=to_str(d.get("status")),
            current_lat=current_lat, current_lng=current_lng,
            bbox=_corner_bbox(d.get("nwLat"), d.get("nwLng"), d.get("seLat"), d.get("seLng")),
            field_of_view=field_of_view,
            is_360=field_of_view == "360" or (to_str(d.get("projection")) or "").upper() == "SPHERE",
        )


@dataclass(frozen=True)
class RoadSegment:
    """A piece of an OSM way between two nodes with the number of sequences covering it."""

    element_id: str
    way_id: int | None
    from_node: int | None
    to_node: int | None
    coverage: int
    track: tuple[tuple[float, float], ...]  # ((lng, lat), ...): note the lng,lat order

    @classmethod
    def from_v1(cls, d: dict) -> "RoadSegment":
        """A /1.0/tracks/ item; its `track` is [[lat, lng], ...] strings and is turned to (lng, lat)."""
        ids = [d.get(key) for key in ("way_id", "from", "to")]
        if any(value not in (None, "") and to_id(value) is None for value in ids):
            raise ValueError("segment with an OSM id out of range: {!r}".format(ids))
        element_id = to_str(d.get("element_id"))
        if element_id is None:
            parts = [to_str(d.get(key)) for key in ("from", "to", "way_id")]
            if None in parts:
                raise ValueError("segment without element_id")
            element_id = "".join(parts)
        track = []
        for point in d.get("track") if isinstance(d.get("track"), list) else ():
            if isinstance(point, (list, tuple)) and len(point) >= 2:
                lat, lng = to_position(point[0], point[1])
                if lat is not None:
                    track.append((lng, lat))
        return cls(
            element_id=element_id,
            way_id=to_id(d.get("way_id")),
            from_node=to_id(d.get("from")),
            to_node=to_id(d.get("to")),
            coverage=to_bounded(d.get("coverage")) or 0,
            track=tuple(track),
        )


@dataclass(frozen=True)
class Account:
    """A signed-in KartaView user. The token is left out of repr() so it never reaches a log."""

    access_token: str = field(repr=False)
    user_id: int | None
    username: str | None
    full_name: str | None

    @classmethod
    def from_v1(cls, d: dict) -> "Account":
        """The `osv` object of client_auth; ValueError without an access token."""
        token = to_str(d.get("access_token"))
        if token is None:
            raise ValueError("sign-in answer without access_token")
        return cls(access_token=token, user_id=to_int(d.get("id")), username=to_str(d.get("username")),
                   full_name=to_str(d.get("full_name")))


@dataclass(frozen=True)
class UploadedPhoto:
    """Result of one photo upload: the new photo's id, or duplicate=True when KartaView already had it."""

    photo_id: int | None
    duplicate: bool


# PhotoList lives in photo_list.py (it builds Photos, defined above); importable from here as ever.
from .photo_list import PhotoList  # noqa: E402, F401
