"""Layering rules the linter cannot express: the pure packages stay free of QGIS and Qt."""

import ast

import pytest

from tests.conftest import ROOT

PURE_PACKAGES = ("client", "upload", "analysis")
# Modules of plugin/ that import qgis themselves: a pure package must not reach them relatively either.
QGIS_PACKAGES = ("core", "gui", "provider", "processing", "plugin")
FORBIDDEN_ROOTS = {"qgis", "PyQt5", "PyQt6", "sip", "osgeo", "processing"}


def _imports(path):
    """(module, level) of every import in the file; `from . import x` gives ("x", 1)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                yield node.module, node.level
            else:
                for alias in node.names:
                    yield alias.name, node.level


def _violations(package, root=ROOT):
    found = []
    for path in sorted((root / "plugin" / package).rglob("*.py")):
        depth = len(path.relative_to(root / "plugin").parts) - 1  # folders below plugin/
        for module, level in _imports(path):
            first = module.split(".")[0]
            if level == 0 and first in FORBIDDEN_ROOTS:
                found.append("{}: import {}".format(path.relative_to(root), module))
            elif level > depth and first in QGIS_PACKAGES:
                found.append("{}: relative import of plugin.{}".format(path.relative_to(root), module))
    return found


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_package_never_imports_qgis(package):
    assert _violations(package) == []


def test_the_rule_catches_a_qgis_import(tmp_path):
    """The check itself works: a planted module importing qgis (directly or via ..core) is reported."""
    pure = tmp_path / "plugin" / "client"
    pure.mkdir(parents=True)
    (pure / "bad.py").write_text("from qgis.core import QgsPointXY\nfrom ..core.settings import Settings\n")
    assert _violations("client", root=tmp_path) == [
        "plugin/client/bad.py: import qgis.core",
        "plugin/client/bad.py: relative import of plugin.core.settings",
    ]
