"""`make lint`: Qt 5-only idioms that PyQt6 (QGIS 4) rejects, so they never come back.

    python -m tests.qt6_lint [FILE_OR_FOLDER ...]    (default: every .py of the repository)

PyQt5 5.15 already accepts the Qt 6 spellings (scoped enums, exec()), so the plugin writes only those and
still runs on QGIS 3.22. What an enum member is comes from the bindings themselves: a name imported from
qgis.PyQt, qgis.core or qgis.gui is resolved on the installed PyQt5/QGIS, so `Qt.LeftButton` is known to be a
`Qt.MouseButton` reached through the class (the Qt 5-only way) and `Qt.MouseButton.LeftButton` is not.
A line that must keep an idiom on purpose (code that runs only on old QGIS) ends with `# qt6-lint: ok (why)`.
"""

import ast
import enum
import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "build", "dist", ".git", "__pycache__"}
PRAGMA = "qt6-lint: ok"
EXEC_ = "exec_"  # qt6-lint: ok (the checker names the idiom it looks for)
# Modules whose names the checker resolves to learn what is an enum member.
BINDING_MODULES = ("qgis.PyQt", "qgis.core", "qgis.gui", "qgis.analysis", "PyQt5")
# QWheelEvent accessors that Qt 6 removed (position()/globalPosition()/angleDelta() work on 5.15 and 6).
WHEEL_REMOVED = {"pos", "posF", "globalPos", "globalPosF", "x", "y", "globalX", "globalY", "delta", "orientation"}
# Qt 5 names with no Qt 6 class at all.
REMOVED_NAMES = {"QRegExp": "QRegularExpression", "QRegExpValidator": "QRegularExpressionValidator",
                 "qApp": "QApplication.instance()", "QDesktopWidget": "QScreen (QGuiApplication.screens())"}
# int() on a value of one of these names is int() on a Qt enum or flag, refused by PyQt6's enums.
ENUMISH_NAME = re.compile(r"(^|_)(area|areas|flag|flags|button|buttons|modifier|modifiers|alignment|orientation|"
                          r"dock_area|key_modifiers|cursor_shape|time_spec|window_state)$")


def _is_enum_member(value):
    """A member of a sip enum (PyQt5: its type's type is sip.enumtype) or of a Python enum (QGIS's scoped ones)."""
    return isinstance(value, enum.Enum) or type(type(value)).__name__ == "enumtype"


def _is_enum_type(value):
    return isinstance(value, type) and (issubclass(value, enum.Enum) or type(value).__name__ == "enumtype")


def _qt_member_names():
    """Every enum member name that a Qt class of QtCore/QtGui/QtWidgets/QtNetwork carries directly."""
    names = set()
    for module_name in ("QtCore", "QtGui", "QtWidgets", "QtNetwork"):
        module = importlib.import_module("qgis.PyQt." + module_name)
        for cls in vars(module).values():
            if isinstance(cls, type) and not _is_enum_type(cls):
                for name, value in vars(cls).items():
                    if name[:1].isupper() and _is_enum_member(value):
                        names.add(name)
    return names


class Finding:
    def __init__(self, path, line, code, message):
        self.path, self.line, self.code, self.message = path, line, code, message

    def __str__(self):
        return "{}:{}: {} {}".format(self.path, self.line, self.code, self.message)


class _Checker(ast.NodeVisitor):
    def __init__(self, path, source, qt_members):
        self.path = path
        self.lines = source.splitlines()
        self.qt_members = qt_members
        self.findings = []
        self.symbols = {}  # local name -> binding object (class or module)
        self.imported = set()  # every name an import binds (modules and classes are not instances)
        self.enum_names = set()  # local names known to hold Qt enum members (or collections of them)
        self.parents = {}
        self.wheel_params = []  # the event parameter of the wheelEvent being visited, innermost last

    # -- helpers ---------------------------------------------------------------------------------------------
    def report(self, node, code, message):
        line = self.lines[node.lineno - 1] if node.lineno <= len(self.lines) else ""
        if PRAGMA not in line:
            self.findings.append(Finding(self.path, node.lineno, code, message))

    def resolve(self, node):
        """The binding object an expression names (`Qt`, `QtCore.Qt`, `Qt.MouseButton`...), or None."""
        if isinstance(node, ast.Name):
            return self.symbols.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            if base is not None:
                try:
                    return getattr(base, node.attr)
                except Exception:  # noqa: BLE001 (a name the installed version lacks: nothing to say)
                    return None
        return None

    def holds_enum(self, node):
        """Whether an expression evaluates to a Qt/QGIS enum member, or a list of them, as far as can be seen."""
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return bool(node.elts) and all(self.holds_enum(e) for e in node.elts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.BitAnd)):
            return self.holds_enum(node.left) or self.holds_enum(node.right)
        if isinstance(node, ast.Name) and node.id in self.enum_names:
            return True
        value = self.resolve(node)
        return value is not None and _is_enum_member(value)

    def _dotted(self, node):
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            base = self._dotted(node.value)
            return base + "." + node.attr if base else None
        return None

    # -- first pass: what the module's names are -------------------------------------------------------------
    def collect(self, tree):
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.imported.update((a.asname or a.name).split(".")[0] for a in node.names)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.startswith(BINDING_MODULES):
                try:
                    module = importlib.import_module(node.module)
                except Exception:  # noqa: BLE001 (a module the installed QGIS lacks)
                    continue
                for alias in node.names:
                    value = getattr(module, alias.name, None)
                    if value is None:
                        try:
                            value = importlib.import_module(node.module + "." + alias.name)
                        except Exception:  # noqa: BLE001
                            continue
                    self.symbols[alias.asname or alias.name] = value
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(BINDING_MODULES):
                        try:
                            module = importlib.import_module(alias.name)
                        except Exception:  # noqa: BLE001
                            continue
                        if alias.asname:
                            self.symbols[alias.asname] = module
                        else:
                            self.symbols.setdefault(alias.name.split(".")[0],
                                                    importlib.import_module(alias.name.split(".")[0]))
        # Names bound to enum members, or to collections of them, and the loop variables over those.
        for _ in range(2):
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and self.holds_enum(node.value):
                    self.enum_names.update(t.id for t in node.targets if isinstance(t, ast.Name))
                elif isinstance(node, (ast.For, ast.comprehension)) and self.holds_enum(node.iter) \
                        and isinstance(node.target, ast.Name):
                    self.enum_names.add(node.target.id)

    # -- the rules -------------------------------------------------------------------------------------------
    def visit_ImportFrom(self, node):  # noqa: N802 (ast API)
        if node.module and node.module.split(".")[0] == "PyQt5":
            self.report(node, "QT608", "import of PyQt5: import Qt through qgis.PyQt")
        for alias in node.names:
            if alias.name in REMOVED_NAMES:
                self.report(node, "QT609", "{} is gone in Qt 6: use {}".format(alias.name, REMOVED_NAMES[alias.name]))
        self.generic_visit(node)

    def visit_Import(self, node):  # noqa: N802 (ast API)
        for alias in node.names:
            if alias.name.split(".")[0] == "PyQt5":
                self.report(node, "QT608", "import of PyQt5: import Qt through qgis.PyQt")
        self.generic_visit(node)

    def visit_FunctionDef(self, node):  # noqa: N802 (ast API)
        if node.name == EXEC_:
            self.report(node, "QT603", "exec_ is gone in PyQt6: name it exec")
        params = [a.arg for a in node.args.args]
        if node.name == "wheelEvent" and params:
            self.wheel_params.append(params[1] if params[0] == "self" and len(params) > 1 else params[0])
            self.generic_visit(node)
            self.wheel_params.pop()
        else:
            self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (ast API)

    def visit_Constant(self, node):  # noqa: N802 (ast API)
        if node.value == EXEC_:  # setattr(dialog, "exec_", ...), monkeypatch.setattr(..., "exec_", ...)
            self.report(node, "QT603", "exec_ is gone in PyQt6: use exec")

    def visit_Name(self, node):  # noqa: N802 (ast API)
        if node.id in REMOVED_NAMES and isinstance(node.ctx, ast.Load):
            self.report(node, "QT609", "{} is gone in Qt 6: use {}".format(node.id, REMOVED_NAMES[node.id]))

    def visit_Attribute(self, node):  # noqa: N802 (ast API)
        if node.attr == EXEC_:
            self.report(node, "QT603", "exec_() is gone in PyQt6: use exec()")
        base = self.resolve(node.value)
        qvariant = self.symbols.get("QVariant")
        if base is not None and qvariant is not None and base is qvariant and node.attr[:1].isupper():
            self.report(node, "QT604", "QVariant.{} (QVariant type enums are gone in PyQt6): make fields with "
                                       "kartaview.plugin.core.compat.new_field, types with QMetaType.Type"
                        .format(node.attr))
        elif base is not None and isinstance(base, type) and not _is_enum_type(base):
            try:
                value = getattr(base, node.attr)
            except Exception:  # noqa: BLE001
                value = None
            if value is not None and _is_enum_member(value):
                self.report(node, "QT601", "short enum name {}.{}: PyQt6 needs {}".format(
                    self._dotted(node.value), node.attr, self._scoped(node, base, value)))
        elif base is None and node.attr in self.qt_members and self._is_instance(node.value) \
                and not self._is_call_target(node) and isinstance(node.ctx, ast.Load):
            self.report(node, "QT602", "enum member {} read through an object ({}): write the class and "
                                       "its enum, e.g. Qt.Enum.{}".format(node.attr, self._dotted(node.value),
                                                                         node.attr))
        self.generic_visit(node)

    def _scoped(self, node, base, value):
        """The spelling PyQt6 takes: the member through its enum, named as the class knows it (QGIS keeps the old
        name of an enum it moved to Qgis: QgsWkbTypes.Type is Qgis.WkbType), or else through Qgis (a moved
        member renamed: QgsCoordinateTransform.ReverseTransform is Qgis.TransformDirection.Reverse)."""
        enum_type = type(value)
        names = [n for n in dir(base) if n[:1].isupper() and getattr(base, n, None) is enum_type]
        enum_name = enum_type.__name__ if enum_type.__name__ in names else (names[0] if names else None)
        if enum_name is not None and getattr(enum_type, node.attr, None) == value:
            return "{}.{}.{}".format(self._dotted(node.value), enum_name, node.attr)
        return "Qgis.{}.{}".format(enum_type.__name__, getattr(value, "name", node.attr))

    def _is_instance(self, node):
        """`painter`, `self.view`: a lower-case name that no import binds (a module or class is not one)."""
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name) and node.id[:1].islower() and node.id not in self.imported

    def _is_call_target(self, node):
        parent = self.parents.get(node)
        return isinstance(parent, ast.Call) and parent.func is node

    def visit_Call(self, node):  # noqa: N802 (ast API)
        func = node.func
        name = self._dotted(func)
        if name and name.split(".")[-1] == "QDateTime" and len(node.args) >= 8:
            self.report(node, "QT606", "8-argument QDateTime(y, m, d, h, min, s, ms, spec) is gone in PyQt6: use "
                                       "QDateTime(QDate(...), QTime(...), Qt.TimeSpec.UTC)")
        if isinstance(func, ast.Name) and func.id == "int" and len(node.args) == 1:
            arg = node.args[0]
            ident = arg.id if isinstance(arg, ast.Name) else arg.attr if isinstance(arg, ast.Attribute) else ""
            if self.holds_enum(arg) or ENUMISH_NAME.search(ident):
                self.report(node, "QT607", "int() on a Qt enum or flag: PyQt6 refuses it; use "
                                           "kartaview.plugin.core.compat.enum_value")
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and self.wheel_params \
                and func.value.id == self.wheel_params[-1] and func.attr in WHEEL_REMOVED:
            self.report(node, "QT605", "QWheelEvent.{}() is gone in Qt 6: use position(), globalPosition() or "
                                       "angleDelta()".format(func.attr))
        if isinstance(func, ast.Attribute) and func.attr == "desktop" and not node.args:
            self.report(node, "QT609", "QApplication.desktop() is gone in Qt 6: use QScreen")
        self.generic_visit(node)

    def visit_Subscript(self, node):  # noqa: N802 (ast API)
        # Overloaded signals picked by type (combo.activated[str]) are gone in Qt 6.
        if isinstance(node.value, ast.Attribute) and isinstance(node.slice, ast.Name) \
                and node.slice.id in ("str", "int") and node.value.attr in ("activated", "currentIndexChanged",
                                                                             "highlighted", "valueChanged"):
            self.report(node, "QT609", "overloaded signal {}[{}] is gone in Qt 6".format(node.value.attr,
                                                                                         node.slice.id))
        self.generic_visit(node)


_QT_MEMBERS = None


def check_source(source, path="<snippet>"):
    """The findings of one module's source."""
    global _QT_MEMBERS
    if _QT_MEMBERS is None:
        _QT_MEMBERS = _qt_member_names()
    tree = ast.parse(source, filename=str(path))
    checker = _Checker(path, source, _QT_MEMBERS)
    checker.collect(tree)
    checker.visit(tree)
    return sorted(checker.findings, key=lambda f: (str(f.path), f.line, f.code))


def python_files(paths):
    for path in paths:
        path = Path(path)
        if path.is_file():
            yield path
        else:
            for found in sorted(path.rglob("*.py")):
                if not SKIP_DIRS.intersection(found.relative_to(path).parts):
                    yield found


def check_paths(paths):
    findings = []
    for path in python_files(paths):
        shown = path.relative_to(ROOT) if path.is_absolute() and ROOT in path.parents else path
        findings.extend(check_source(path.read_text(encoding="utf-8"), shown))
    return findings


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    findings = check_paths([Path(a).resolve() for a in argv] or [ROOT])
    for finding in findings:
        print(finding)
    if findings:
        print("{} Qt 5-only idiom(s): QGIS 4 (Qt 6) would refuse them.".format(len(findings)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
