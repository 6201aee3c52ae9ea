"""The Qt 6 check of `make lint` (tests/qt6_lint.py) flags each Qt 5-only idiom and passes on the tree."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.qt6_lint import check_paths, check_source

QT = "from qgis.PyQt.QtCore import QDateTime, QEvent, Qt, QVariant\n"
CORE = "from qgis.core import Qgis, QgsField, QgsProcessing, QgsWkbTypes\n"
WIDGETS = "from qgis.PyQt.QtWidgets import QDialog, QSizePolicy\n"

# (idiom, code that has it, the Qt 6 spelling of the same)
IDIOMS = [
    ("QT601", QT + "button = Qt.LeftButton\n", QT + "button = Qt.MouseButton.LeftButton\n"),
    ("QT601", WIDGETS + "w.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)\n",
     WIDGETS + "w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)\n"),
    ("QT601", "from qgis.PyQt import QtCore\nx = QtCore.Qt.AlignLeft\n",
     "from qgis.PyQt import QtCore\nx = QtCore.Qt.AlignmentFlag.AlignLeft\n"),
    ("QT601", CORE + "kind = QgsWkbTypes.LineString\n", CORE + "kind = QgsWkbTypes.Type.LineString\n"),
    ("QT601", CORE + "types = [QgsProcessing.TypeVectorLine]\n",
     CORE + "types = [QgsProcessing.SourceType.TypeVectorLine]\n"),
    ("QT601", CORE + "bar.pushMessage('t', 'x', Qgis.Warning)\n",
     CORE + "bar.pushMessage('t', 'x', Qgis.MessageLevel.Warning)\n"),
    ("QT601", "def f(event):\n    from qgis.PyQt.QtCore import QEvent\n    return event.type() == QEvent.KeyPress\n",
     "def f(event):\n    from qgis.PyQt.QtCore import QEvent\n    return event.type() == QEvent.Type.KeyPress\n"),
    ("QT602", "def paint(painter):\n    painter.setRenderHint(painter.Antialiasing)\n",
     "from qgis.PyQt.QtGui import QPainter\n\n\ndef paint(painter):\n"
     "    painter.setRenderHint(QPainter.RenderHint.Antialiasing)\n"),
    ("QT603", WIDGETS + "QDialog().exec_()\n", WIDGETS + "QDialog().exec()\n"),
    ("QT603", "monkeypatch.setattr(Dialog, 'exec_', fake)\n", "monkeypatch.setattr(Dialog, 'exec', fake)\n"),
    ("QT604", CORE + QT + "field = QgsField('name', QVariant.String)\n",
     "from kartaview.plugin.core.compat import STRING, new_field\nfield = new_field('name', STRING)\n"),
    ("QT604", QT + "kinds = {QVariant.Int: 'integer'}\n",
     "from qgis.PyQt.QtCore import QMetaType\nkinds = {QMetaType.Type.Int: 'integer'}\n"),
    ("QT605", "class V:\n    def wheelEvent(self, event):\n        self.zoom(event.pos())\n",
     "class V:\n    def wheelEvent(self, event):\n        self.zoom(event.position())\n"),
    ("QT606", QT + "t = QDateTime(2024, 1, 2, 3, 4, 5, 0, Qt.TimeSpec.UTC)\n",
     QT + "from qgis.PyQt.QtCore import QDate, QTime\n"
     "t = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt.TimeSpec.UTC)\n"),
    ("QT607", QT + "n = int(Qt.DockWidgetArea.RightDockWidgetArea)\n",
     QT + "from kartaview.plugin.core.compat import enum_value\n"
     "n = enum_value(Qt.DockWidgetArea.RightDockWidgetArea)\n"),
    ("QT607", QT + "AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)\n"
     "numbers = [int(a) for a in AREAS]\n",
     QT + "AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)\n"
     "numbers = [enum_value(a) for a in AREAS]\n"),
    ("QT607", "def remember(settings, area):\n    settings.setValue('area', int(area))\n",
     "def remember(settings, area):\n    settings.setValue('area', enum_value(area))\n"),
    ("QT608", "from PyQt5.QtCore import Qt\n", "from qgis.PyQt.QtCore import Qt\n"),
    ("QT609", "from qgis.PyQt.QtCore import QRegExp\n", "from qgis.PyQt.QtCore import QRegularExpression\n"),
]


@pytest.mark.parametrize("code, bad, good", IDIOMS, ids=["{}-{}".format(c, i) for i, (c, _, _) in enumerate(IDIOMS)])
def test_each_idiom_is_flagged_and_its_qt6_spelling_is_not(code, bad, good):
    assert code in [finding.code for finding in check_source(bad)]
    assert [str(finding) for finding in check_source(good)] == []


@pytest.mark.parametrize("short", ["Qt.LeftButton", "QSizePolicy.Expanding", "QgsWkbTypes.PointGeometry",
                                   "Qgis.Info", "QgsCoordinateTransform.ReverseTransform"])
def test_the_suggested_spelling_names_the_same_member_here(short):
    """Also where QGIS moved and renamed a member (ReverseTransform is Qgis.TransformDirection.Reverse)."""
    imports = QT + CORE + WIDGETS + "from qgis.core import QgsCoordinateTransform\n"
    finding, = check_source(imports + "value = {}\n".format(short))
    assert finding.code == "QT601" and finding.line == 5
    scoped = finding.message.split(" needs ")[1]
    namespace = {}
    exec(imports, namespace)
    assert scoped.count(".") == 2 and eval(scoped, namespace) == eval(short, namespace)
    assert check_source(imports + "value = {}\n".format(scoped)) == []


def test_a_line_may_keep_an_idiom_on_purpose_when_it_says_why():
    assert check_source(QT + "kind = QVariant.Type(10)  # qt6-lint: ok (QGIS < 3.38 only)\n") == []


def test_the_tree_has_no_qt5_only_idiom():
    assert [str(finding) for finding in check_paths([ROOT])] == []


def test_make_lint_runs_it(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(QT + "button = Qt.LeftButton\n")
    done = subprocess.run([sys.executable, "-m", "tests.qt6_lint", str(bad)], cwd=str(ROOT), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "QT601" in done.stdout
    assert "$(PY) -m tests.qt6_lint" in (ROOT / "Makefile").read_text()
