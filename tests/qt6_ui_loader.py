"""Load Qt Designer forms with PyQt6's uic the way the plugin loads them (loadUiType, then setupUi).

    python -m tests.qt6_ui_loader FORM.ui ...

Run in a process of its own by tests/test_qt6_forms.py: PyQt6 (from PyPI) and QGIS's PyQt5 must never share a
process. Prints, per form, the names of the objects it made as JSON; a form PyQt6 refuses raises.
"""

import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def plain_form(path, folder):
    """The form itself, or a copy where each custom widget (a QGIS one, say: PyQt6 alone has no QGIS) is the Qt
    class it extends, so that what is checked is the form and not a missing widget library."""
    tree = ET.parse(path)
    root = tree.getroot()
    customs = root.find("customwidgets")
    if customs is None:
        return path
    extends = {c.findtext("class"): c.findtext("extends") or "QWidget" for c in customs.findall("customwidget")}
    for widget in root.iter("widget"):
        if widget.get("class") in extends:
            widget.set("class", extends[widget.get("class")])
    root.remove(customs)
    copy = Path(folder) / Path(path).name
    tree.write(copy, encoding="utf-8", xml_declaration=True)
    return str(copy)


def load(path, folder):
    from PyQt6 import uic

    form_class, base_class = uic.loadUiType(plain_form(path, folder))
    widget = base_class()
    form = form_class()
    form.setupUi(widget)
    from PyQt6.QtCore import QObject

    return sorted(o.objectName() for o in [widget] + widget.findChildren(QObject) if o.objectName())


def main(paths):
    from PyQt6.QtWidgets import QApplication

    app = QApplication(["qt6_ui_loader"])
    assert "PyQt5" not in sys.modules, "PyQt5 was imported next to PyQt6"
    with tempfile.TemporaryDirectory() as folder:
        result = {path: load(path, folder) for path in paths}
    from PyQt6.QtCore import PYQT_VERSION_STR

    print(json.dumps({"pyqt": PYQT_VERSION_STR, "forms": result}))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
