"""The checkout's folder may have any name: `git clone` of the repository makes `kartaview-qgis-plugin`,
which is no Python identifier (QGIS imports the plugin as `kartaview`, the folder in the zip)."""

import subprocess
import sys

from tests.plugin_package import copy_of_the_tree

CLONE_NAME = "kartaview-qgis-plugin"


def _ruff(folder):
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=folder, capture_output=True, text=True, timeout=120)


def test_lint_passes_in_a_clone_named_like_the_repository(tmp_path):
    clone = copy_of_the_tree(tmp_path / CLONE_NAME)
    result = _ruff(clone)
    assert result.returncode == 0, result.stdout + result.stderr

    # The plugin's own modules are still held to valid names there.
    (clone / "plugin" / "core" / "Bad-Name.py").write_text("")
    result = _ruff(clone)
    assert result.returncode == 1 and "plugin/core/Bad-Name.py:1:1: N999" in result.stdout, result.stdout


def _bad_package_folders(root):
    """Package folders (holding an __init__.py) below root whose names Python cannot import as such."""
    return sorted(str(init.parent.relative_to(root)) for init in root.rglob("__init__.py")
                  if init.parent != root and not all(part.isidentifier() and part.islower()
                                                     for part in init.parent.relative_to(root).parts))


def test_package_folders_have_importable_names(tmp_path):
    # What N999 leaves unchecked in packages, since it judges every __init__.py by the checkout's folder.
    clone = copy_of_the_tree(tmp_path / CLONE_NAME)
    assert _bad_package_folders(clone) == []
    (clone / "plugin" / "Bad-Package").mkdir()
    (clone / "plugin" / "Bad-Package" / "__init__.py").write_text("")
    assert _bad_package_folders(clone) == ["plugin/Bad-Package"]
