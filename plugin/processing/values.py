"""Attribute values of QGIS features as plain Python values, and back: shared by the algorithms that
read sequences layers (coverage gaps, coverage statistics) and write dates."""

from datetime import date, datetime, timezone

from qgis.PyQt.QtCore import QDate, QDateTime, Qt


def py_datetime(value):
    """Naive UTC datetime of a QDateTime / QDate / ISO string attribute; None if empty or unreadable."""
    if isinstance(value, QDateTime):
        return value.toUTC().toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return datetime.combine(value.toPyDate(), datetime.min.time()) if value.isValid() else None
    if isinstance(value, (datetime, date)):
        return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    content = text(value)
    if not content:
        return None
    try:
        moment = datetime.fromisoformat(content.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def qdatetime(moment):
    """A UTC QDateTime of a naive UTC datetime; None stays None."""
    if moment is None:
        return None
    value = QDateTime(moment)
    value.setTimeSpec(Qt.TimeSpec.UTC)
    return value


def text(value):
    """str of an attribute, None for NULL (None or a null QVariant)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return str(value)


def integer(value):
    try:
        return None if text(value) is None else int(value)
    except (TypeError, ValueError):
        return None


def flag(value):
    content = (text(value) or "").strip().lower()
    return content in ("1", "true", "yes", "t")
