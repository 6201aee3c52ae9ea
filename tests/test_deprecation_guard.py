"""tests/deprecation_guard.py: a DeprecationWarning raised by the plugin's code fails the pytest run."""

import os
import subprocess
import sys

from tests.conftest import ROOT

WARNS = """import warnings


def test_calls_something_deprecated():
    warnings.warn_explicit("QgsField constructor is deprecated", DeprecationWarning,
                           filename={filename!r}, lineno=42, module="kartaview.plugin.provider.fields")
"""


PRINTS = """from tests.deprecation_guard import count_printed_deprecations


def test_a_qgis_process_run_printed_a_deprecation():
    count_printed_deprecations("Loading...\\n{filename}:42: DeprecationWarning: QgsField constructor is deprecated\\n")
"""


def run_pytest_on(tmp_path, filename, test=WARNS):
    (tmp_path / "test_probe.py").write_text(test.format(filename=filename))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not the project's options: only the guard
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONPATH=str(ROOT))
    # Only the probe is collected (a profile beside it may link to this whole tree).
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.deprecation_guard", "-q", "test_probe.py"],
                          cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=120)


def test_a_deprecation_from_the_plugin_fails_the_run(tmp_path):
    done = run_pytest_on(tmp_path, str(ROOT / "plugin" / "provider" / "fields.py"))
    assert done.returncode == 1, done.stdout
    assert "1 passed" in done.stdout  # the test itself passed: the guard failed the run
    assert "plugin/provider/fields.py:42: QgsField constructor is deprecated" in done.stdout


def test_a_deprecation_from_elsewhere_does_not(tmp_path):
    done = run_pytest_on(tmp_path, "/usr/share/qgis/python/plugins/processing/algs/help/__init__.py")
    assert done.returncode == 0, done.stdout


def test_a_deprecation_printed_by_qgis_process_from_the_linked_plugin_fails_the_run(tmp_path):
    profile_plugins = tmp_path / "profile"  # how make_plugin_home installs this tree
    profile_plugins.mkdir()
    (profile_plugins / "kartaview").symlink_to(ROOT)
    done = run_pytest_on(tmp_path, str(profile_plugins / "kartaview" / "plugin" / "provider" / "fields.py"), PRINTS)
    assert done.returncode == 1, done.stdout
    assert "plugin/provider/fields.py:42: QgsField constructor is deprecated" in done.stdout


def test_a_deprecation_printed_from_elsewhere_does_not(tmp_path):
    done = run_pytest_on(tmp_path, "/usr/share/qgis/python/plugins/processing/algs/help/__init__.py", PRINTS)
    assert done.returncode == 0, done.stdout


def test_the_project_runs_with_the_guard():
    assert "-p tests.deprecation_guard" in (ROOT / "pytest.ini").read_text()
