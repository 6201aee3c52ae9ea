"""The values of an input photo feature, as the upload engine wants them (kartaview:uploadphotos)."""

import os
from datetime import datetime

from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

_TIME_FORMATS = ("yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss")


def photo_path(value, home):
    if value is None or isinstance(value, QVariant):
        return None
    path = str(value).strip()
    if path and home and not os.path.isabs(os.path.expanduser(path)):
        path = os.path.join(home, path)
    return path or None


def utc_time(value):
    """A naive UTC datetime from a date-time attribute (zone-less values are local time, as EXIF is)."""
    if isinstance(value, datetime):
        value = QDateTime(value)
    elif isinstance(value, str):
        text = value.strip()
        value = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
        for time_format in _TIME_FORMATS:
            if value.isValid():
                break
            value = QDateTime.fromString(text, time_format)
    if not isinstance(value, QDateTime) or not value.isValid():
        return None
    return value.toUTC().toPyDateTime().replace(tzinfo=None)


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def text(value):
    if value is None or isinstance(value, QVariant):
        return None
    return str(value)
