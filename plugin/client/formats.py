"""Values formatted the way the KartaView API reads them in form fields and query parameters."""

from datetime import date, datetime, timezone


def number(value) -> str:
    """A number as the API expects it in a form field: 12 -> "12", 46.80194 -> "46.80194"."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def coordinate(lat, lng) -> str:
    return "{},{}".format(number(lat), number(lng))


def bbox_params(bbox) -> dict:
    """KartaView's bbox corners: top-left = "maxLat,minLng", bottom-right = "minLat,maxLng"."""
    min_lng, min_lat, max_lng, max_lat = bbox
    return {"bbTopLeft": coordinate(max_lat, min_lng), "bbBottomRight": coordinate(min_lat, max_lng)}


def shot_date(value) -> str:
    """"YYYY-MM-DD HH:MM:SS" in UTC; naive datetimes are taken as UTC already."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def day(value) -> str:
    """"YYYY-MM-DD" from a date, a datetime or a string."""
    return value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value)
