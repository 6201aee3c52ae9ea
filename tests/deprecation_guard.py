"""pytest plugin (pytest.ini: -p tests.deprecation_guard): a DeprecationWarning from the plugin's own code fails
the run, with where it came from.

QGIS 3.38+ deprecates APIs that QGIS 4 removes (the QgsField constructor taking a QVariant.Type...), so the
version matrix must not let one pass. Not a `filterwarnings = error`: raised inside a call from C++ (a data
provider method, a Qt slot) the error aborts the whole QGIS process instead of failing one test.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_CODE = (ROOT / "plugin", ROOT / "__init__.py")

_found = {}  # (file, line, message) -> the first test that saw it


def from_plugin_code(filename):
    path = Path(filename)
    return any(path == place or place in path.parents for place in PLUGIN_CODE)


def plugin_deprecation(message):
    """(file, line, text) of a recorded warning that is a deprecation raised by the plugin's code, else None."""
    if issubclass(message.category, DeprecationWarning) and from_plugin_code(message.filename):
        return (str(Path(message.filename).relative_to(ROOT)), message.lineno, str(message.message))
    return None


# How Python prints a warning: "/path/file.py:12: DeprecationWarning: message".
PRINTED_DEPRECATION = re.compile(r"^(/\S+\.py):(\d+): DeprecationWarning: (.*)$", re.MULTILINE)


def count_printed_deprecations(stderr, where="a qgis_process run"):
    """The plugin's deprecations that another process printed (PYTHONWARNINGS=default::DeprecationWarning)
    also fail the run. Its profile links to this tree: the link is resolved."""
    for filename, line, text in PRINTED_DEPRECATION.findall(stderr or ""):
        path = Path(filename).resolve()
        if from_plugin_code(path):
            _found.setdefault((str(path.relative_to(ROOT)), int(line), text), where)


def pytest_warning_recorded(warning_message, when, nodeid, location):
    found = plugin_deprecation(warning_message)
    if found is not None:
        _found.setdefault(found, nodeid or when)


def pytest_sessionfinish(session, exitstatus):
    if _found and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _found:
        terminalreporter.section("deprecated calls from the plugin's code (they fail the run)", red=True)
        for (file, line, text), nodeid in sorted(_found.items()):
            terminalreporter.line("{}:{}: {} (first in {})".format(file, line, text, nodeid))
