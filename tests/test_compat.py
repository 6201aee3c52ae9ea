"""plugin/core/compat.py: fields of the intended type on every QGIS, enum numbers on PyQt5 and PyQt6."""

import enum

import pytest
from qgis.core import Qgis, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from kartaview.plugin.core import compat

KINDS = {"string": compat.STRING, "int": compat.INT, "int64": compat.INT64, "double": compat.DOUBLE,
         "bool": compat.BOOL, "datetime": compat.DATETIME, "date": compat.DATE}


def test_the_metatype_overload_is_used_from_qgis_3_38():
    assert compat.FIELDS_TAKE_METATYPE == (Qgis.versionInt() >= 33800)


@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
def test_a_new_field_keeps_its_type_into_a_layer(kind, qgis_app):
    field = compat.new_field("f", kind, "", 12, 3, "a comment")
    assert compat.enum_value(field.type()) == compat.enum_value(kind)
    assert (field.length(), field.precision(), field.comment()) == (12, 3, "a comment")
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "probe", "memory")
    assert layer.dataProvider().addAttributes([compat.new_field("f", kind)])
    layer.updateFields()
    assert compat.enum_value(layer.fields().field("f").type()) == compat.enum_value(kind)


def test_enum_value_of_a_qt_flag_and_of_a_python_enum():
    assert compat.enum_value(Qt.DockWidgetArea.RightDockWidgetArea) == 2

    class Colour(enum.Flag):
        RED = 4

    assert compat.enum_value(Colour.RED) == 4  # PyQt6's Qt enums are Python enums like this one
