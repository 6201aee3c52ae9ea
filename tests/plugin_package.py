"""Import the working tree as the package `kartaview`, the way QGIS imports the installed plugin."""

import importlib.util
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
