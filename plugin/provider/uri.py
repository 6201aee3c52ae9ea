"""The layer URI: `type=sequences&since=2020-01-01&username=x&min_quality=50&only_360=1&wait=1&bbox=...`.

It is what a project file stores, so it is stable, readable and never holds a secret (the API
address and the account come from the settings). Every key is optional:
- type: sequences (default) | photos | coverage
- since / until: upload dates (YYYY-MM-DD, inclusive); `since` is sent to the server
- username, min_quality (0-100), only_360: applied locally
- wait=1: block until the data of a request is complete (scripts, Processing); never for the canvas
- bbox=min_lng,min_lat,max_lng,max_lat: the area a request without a rectangle covers (with wait=1)
- subset: the layer filter (a QGIS expression over the layer's fields, set by setSubsetString); kept
  here because the URI is what QGIS saves in a project
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode

from ..client.models import Photo, Sequence

SEQUENCES, PHOTOS, COVERAGE = "sequences", "photos", "coverage"
LAYER_TYPES = (SEQUENCES, PHOTOS, COVERAGE)
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")
KEYS = ("type", "since", "until", "username", "min_quality", "only_360", "wait", "bbox", "subset")


def _day(text, key):
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise ValueError("{} must be a date YYYY-MM-DD, got {!r}".format(key, text)) from None


def _flag(text, key):
    value = text.strip().lower()
    if value not in _TRUE + _FALSE:
        raise ValueError("{} must be 0 or 1, got {!r}".format(key, text))
    return value in _TRUE


def _bbox(text):
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise ValueError("bbox must be min_lng,min_lat,max_lng,max_lat, got {!r}".format(text))
    return values


@dataclass(frozen=True)
class Filters:
    """What a user narrows KartaView data to. Dates are upload dates (the sequence's date_added)."""

    since: date | None = None
    until: date | None = None
    username: str = ""
    min_quality: int = 0
    only_360: bool = False

    def _date_ok(self, moment: datetime | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if moment is None:
            return False
        day = moment.date()
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def _user_ok(self, username: str | None) -> bool:
        return not self.username or (username or "").lower() == self.username.strip().lower()

    def accepts_sequence(self, sequence: Sequence) -> bool:
        return (self._date_ok(sequence.date_added) and self._user_ok(sequence.username)
                and (not self.only_360 or sequence.is_360)
                and (self.min_quality <= 0 or (sequence.quality or 0) >= self.min_quality))

    def accepts_photo(self, photo: Photo) -> bool:
        """Everything but quality, which only the sequence knows."""
        return self._date_ok(photo.date_added) and self._user_ok(photo.username) and (
            not self.only_360 or photo.is_360)


@dataclass(frozen=True)
class LayerParams:
    layer_type: str = SEQUENCES
    filters: Filters = field(default_factory=Filters)
    wait: bool = False
    bbox: tuple | None = None
    subset: str = ""


def decode(uri: str) -> dict:
    """The URI's parts as typed values (only those present). ValueError for a bad value or key."""
    parts = {}
    for key, value in parse_qsl((uri or "").strip(), keep_blank_values=True):
        key = key.strip()
        if key not in KEYS:
            raise ValueError("unknown key {!r} in a KartaView layer URI".format(key))
        if key == "type":
            if value not in LAYER_TYPES:
                raise ValueError("type must be one of {}, got {!r}".format(", ".join(LAYER_TYPES), value))
            parts[key] = value
        elif key in ("since", "until"):
            day = _day(value, key)
            if day is not None:
                parts[key] = day.isoformat()
        elif key == "min_quality":
            try:
                parts[key] = max(0, min(100, int(value or 0)))
            except ValueError:
                raise ValueError("min_quality must be an integer, got {!r}".format(value)) from None
        elif key in ("only_360", "wait"):
            parts[key] = _flag(value, key)
        elif key == "bbox":
            parts[key] = ",".join(repr(v) for v in _bbox(value))
        elif value.strip():
            parts[key] = value.strip()
    return parts


def encode(parts: dict) -> str:
    """The URI of the given parts, keys in a fixed order, defaults but the type left out."""
    pairs = []
    for key in KEYS:
        value = parts.get(key)
        if key == "type":  # always written: QGIS creates no provider for an empty source
            value = value or SEQUENCES
        elif value in (None, "", False, 0):
            continue
        if isinstance(value, bool):
            value = "1"
        elif key == "bbox" and not isinstance(value, str):
            value = ",".join(repr(float(v)) for v in value)
        pairs.append((key, str(value)))
    return urlencode(pairs)


def params_from_uri(uri: str) -> LayerParams:
    parts = decode(uri)
    filters = Filters(
        since=date.fromisoformat(parts["since"]) if "since" in parts else None,
        until=date.fromisoformat(parts["until"]) if "until" in parts else None,
        username=parts.get("username", ""), min_quality=parts.get("min_quality", 0),
        only_360=parts.get("only_360", False))
    bbox = _bbox(parts["bbox"]) if "bbox" in parts else None
    return LayerParams(parts.get("type", SEQUENCES), filters, parts.get("wait", False), bbox,
                       parts.get("subset", ""))


def with_subset(uri: str, subset: str) -> str:
    """The URI with another layer filter ("" removes it)."""
    return encode(dict(decode(uri), subset=subset))


def uri_for(layer_type=SEQUENCES, filters=Filters(), wait=False, bbox=None) -> str:
    return encode({"type": layer_type, "since": filters.since and filters.since.isoformat(),
                   "until": filters.until and filters.until.isoformat(), "username": filters.username,
                   "min_quality": filters.min_quality, "only_360": filters.only_360, "wait": wait, "bbox": bbox})
