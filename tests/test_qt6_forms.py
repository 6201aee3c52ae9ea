"""The plugin's Designer forms load with PyQt6's uic, as QGIS 4 (Qt 6) loads them.

PyQt6 comes from PyPI (requirements-dev.txt) and runs in a process of its own, headless: it must never meet
QGIS's PyQt5 in one process.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT

FORMS = sorted((ROOT / "ui").glob("*.ui"))
SPACER = """<item><spacer name="{name}"><property name="orientation"><enum>Qt::Vertical</enum></property>{hint}
</spacer></item>"""
HINT = '<property name="sizeHint" stdset="0"><size><width>20</width><height>40</height></size></property>'
FORM = """<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0"><class>Probe</class>
 <widget class="QWidget" name="Probe"><layout class="QVBoxLayout" name="probeLayout">
  <item><widget class="{label_class}" name="probeLabel"/></item>
  {spacer}
 </layout></widget>
 {customs}<resources/><connections/>
</ui>
"""


def load_with_pyqt6(*forms):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)  # no display needed, none used
    return subprocess.run([sys.executable, "-m", "tests.qt6_ui_loader", *map(str, forms)], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=120)


def made_objects(done, form):
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pyqt"].startswith("6.")
    return set(result["forms"][str(form)])


def test_the_plugin_has_its_three_forms():
    assert [form.name for form in FORMS] == ["options_page.ui", "photo_dock.ui", "sign_in_dialog.ui"]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_form_loads_with_pyqt6(form):
    made = made_objects(load_with_pyqt6(form), form)
    named = {e.get("name") for e in ET.parse(str(form)).iter() if e.tag in ("widget", "layout")}
    assert named and named <= made, sorted(named - made)


def test_a_spacer_without_size_hint_is_refused(tmp_path):
    """What made PyQt6 refuse the forms: a spacer with no sizeHint (PyQt5 took its policies for a size)."""
    bad, good = tmp_path / "bad.ui", tmp_path / "good.ui"
    bad.write_text(FORM.format(label_class="QLabel", spacer=SPACER.format(name="probeSpacer", hint=""), customs=""))
    good.write_text(FORM.format(label_class="QLabel", spacer=SPACER.format(name="probeSpacer", hint=HINT), customs=""))
    refused = load_with_pyqt6(bad)
    assert refused.returncode != 0 and "QSpacerItem" in refused.stderr
    assert "probeLabel" in made_objects(load_with_pyqt6(good), good)


def test_a_qgis_custom_widget_loads_as_the_qt_class_it_extends(tmp_path):
    form = tmp_path / "custom.ui"
    customs = ("<customwidgets><customwidget><class>QgsFileWidget</class><extends>QWidget</extends>"
               "<header>qgsfilewidget.h</header></customwidget></customwidgets>")
    form.write_text(FORM.format(label_class="QgsFileWidget", spacer=SPACER.format(name="probeSpacer", hint=HINT),
                                customs=customs))
    assert {"Probe", "probeLayout", "probeLabel"} <= made_objects(load_with_pyqt6(form), form)
