"""Import the working tree as the package `kartaview`, the way QGIS imports the installed plugin;
and copy it elsewhere, as a clone would be."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_plugin_package():
    if "kartaview" in sys.modules:
        return sys.modules["kartaview"]
    spec = importlib.util.spec_from_file_location(
        "kartaview", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["kartaview"] = module
    spec.loader.exec_module(module)
    return module


def copy_of_the_tree(destination: Path) -> Path:
    """A copy of the files a clone of this tree would hold (tracked, and new ones not ignored) at destination."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the working tree is not copied
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination
