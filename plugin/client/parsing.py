"""Lenient converters for KartaView's JSON: strict about meaning, lenient about form.

The API sends numbers as strings or numbers, "" or null for missing values, 0,0 for "no GPS",
"0000-00-00 00:00:00" for "no date" and several date formats. Every converter returns None for
anything it cannot make sense of, so one bad field never costs the whole record.
"""

import logging
import math
import re
from datetime import datetime, timezone
from functools import lru_cache

log = logging.getLogger(__name__)

_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# "2017-07-18  (16:14)": the list endpoints' upload date (two spaces, time in parentheses).
_PAREN_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\s+\((\d{1,2}):(\d{2})\)$")
# "Jul 18, 2017": /details.
_MONTH_NAME_DATE = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d*)?$")
_FIELD_IN_MESSAGE = re.compile(r"\((\w+)\)")
# Ids end up as SQLite INTEGER cache keys and QGIS feature ids / integer64 fields, all signed 64-bit:
# a larger id (a server bug, or a hostile one) would end a whole download with OverflowError.
MAX_ID = 2 ** 63 - 1
# Counts and indexes go to QGIS "integer" fields (signed 32-bit).
MAX_INT32 = 2 ** 31 - 1


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_float(value) -> float | None:
    """A finite float from a number or numeric string; None for "", null, garbage, NaN/inf."""
    if value is None or value is True or value is False:
        return None
    try:  # float() itself ignores surrounding whitespace and rejects blank strings
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def to_int(value) -> int | None:
    """An int from an int, an integral float or a numeric string ("42", "42.0"); else None."""
    kind = type(value)
    if kind is int:
        return value
    if kind is str:  # the common case, and exact for any size
        try:
            return int(value)
        except ValueError:
            pass  # "42.0", "1e3", "", garbage: through float below
    number = to_float(value)
    if number is None or not number.is_integer():
        return None
    return int(number)


def to_bounded(value, low=0, high=MAX_INT32) -> int | None:
    """to_int(value) when it lies in [low, high]; None otherwise (absurd values become unknown)."""
    number = to_int(value)
    return number if number is not None and low <= number <= high else None


def to_id(value) -> int | None:
    """A KartaView id (0..MAX_ID), or None."""
    return to_bounded(value, 0, MAX_ID)


def to_str(value) -> str | None:
    """A stripped non-empty string, or None. Numbers become their text (360 -> "360")."""
    if type(value) is str:
        return value.strip() or None
    if _blank(value) or isinstance(value, (bool, dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def to_position(lat, lng) -> tuple[float | None, float | None]:
    """(lat, lng), or (None, None) when either is missing, out of range, or the 0,0 "no GPS" marker."""
    lat, lng = to_float(lat), to_float(lng)
    if lat is None or lng is None or (lat == 0 and lng == 0) or abs(lat) > 90 or abs(lng) > 180:
        return None, None
    return lat, lng


def to_datetime(value) -> datetime | None:
    """A naive UTC datetime from any date form KartaView uses; None for 0000-00-00, "", garbage.

    Unix timestamps (int or digit string) are converted from UTC; ISO strings with an offset are
    converted to UTC; strings without one are taken as they are (the server writes UTC).
    """
    if type(value) is str:
        # "YYYY-MM-DD HH:MM:SS", the form of nearly every date of a photo list: at once.
        if len(value) == 19 and value[10] == " " and value[4] == "-" and not value.startswith("0000"):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                return parsed
        return _text_datetime(value)
    if _blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _timestamp(value)
    if not isinstance(value, str):
        return None
    return _text_datetime(value)


def _timestamp(value) -> datetime | None:
    seconds = to_float(value)
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


@lru_cache(maxsize=1024)  # a list repeats its upload dates ("2017-07-18  (16:14)") photo after photo
def _text_datetime(value: str) -> datetime | None:
    if _blank(value):
        return None
    if _NUMBER.match(value.strip()):
        return _timestamp(value)
    text = " ".join(value.split())
    if text.startswith("0000-00-00"):
        return None
    try:
        match = _PAREN_DATE.match(text)
        if match:
            return datetime(*(int(part) for part in match.groups()))
        match = _MONTH_NAME_DATE.match(text)
        if match:
            month = _MONTHS.get(match.group(1).lower())
            return datetime(int(match.group(3)), month, int(match.group(2))) if month else None
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def api_code(payload) -> int | None:
    """`status.apiCode` as an int (it is "600" in 1.0 answers, 600 in 2.0 ones), or None."""
    status = payload.get("status") if isinstance(payload, dict) else None
    return to_int(status.get("apiCode")) if isinstance(status, dict) else None


def api_message(payload) -> str:
    """`status.apiMessage` stripped ("" when absent)."""
    status = payload.get("status") if isinstance(payload, dict) else None
    return (to_str(status.get("apiMessage")) or "") if isinstance(status, dict) else ""


def osv_of(payload) -> dict:
    """The `osv` object of a 1.0 answer ({} when it is missing or not an object)."""
    osv = payload.get("osv")
    return osv if isinstance(osv, dict) else {}


def field_in_message(message: str) -> str | None:
    """The field a validation error names: " Invalid argument (sequenceId)" -> "sequenceId"."""
    match = _FIELD_IN_MESSAGE.search(message or "")
    return match.group(1) if match else None


def total_count(value) -> int | None:
    """`totalFilteredItems`, a one-element list holding a string (["4630"]) or a plain number."""
    if isinstance(value, list):
        value = value[0] if value else None
    count = to_int(value)
    return count if count is not None and count >= 0 else None


class Records(list):
    """The records of a list answer; `rejected`: how many of its items could not be read (not an
    object, no id, an id or index out of range), so that callers can say so."""

    rejected = 0


def parse_records(items, factory) -> Records:
    """factory(item) for every item of `items`; the rest (not an object, or rejected by the factory
    with ValueError) are skipped and counted in `rejected`."""
    records = Records()
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, dict):
            records.rejected += 1
            continue
        try:
            records.append(factory(item))
        except ValueError as error:
            records.rejected += 1
            log.debug("Skipped a KartaView record: %s", error)
    return records
