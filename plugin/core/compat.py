"""What differs between the QGIS and Qt versions the plugin runs on: QGIS 3.22 (Qt 5) up to QGIS 4 (Qt 6)."""

import enum

from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType, QVariant

# QgsField takes its type as a QMetaType.Type since QGIS 3.38, which deprecates the QVariant.Type overload
# (a DeprecationWarning per field) and PyQt6 has no QVariant.Type at all; QGIS before 3.38 takes only a
# QVariant.Type. Both enums number the types alike, so the plugin names types with QMetaType.Type alone.
FIELDS_TAKE_METATYPE = Qgis.versionInt() >= 33800

STRING = QMetaType.Type.QString
INT = QMetaType.Type.Int
INT64 = QMetaType.Type.LongLong
DOUBLE = QMetaType.Type.Double
BOOL = QMetaType.Type.Bool
DATETIME = QMetaType.Type.QDateTime
DATE = QMetaType.Type.QDate


def field_type(kind):
    """The type argument QgsField wants on this QGIS for a QMetaType.Type."""
    if FIELDS_TAKE_METATYPE:
        return kind
    return QVariant.Type(enum_value(kind))  # qt6-lint: ok (QGIS < 3.38 only, which is always Qt 5)


def new_field(name, kind, type_name="", length=0, precision=0, comment="") -> QgsField:
    """A QgsField of a QMetaType.Type (STRING, INT64...), made the way this QGIS takes without a warning."""
    return QgsField(name, field_type(kind), type_name, length, precision, comment)


def enum_value(member) -> int:
    """The number of a Qt or QGIS enum or flag member. PyQt6's enums are Python enums (int() refuses its
    flags; `.value` is the number), PyQt5's are ints without `.value`."""
    return member.value if isinstance(member, enum.Enum) else int(member)
