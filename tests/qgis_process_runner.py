"""Run `qgis_process.bin` (Debian's `qgis_process` wrapper is broken) with the plugin from this tree.

Used by the tests and by `make demo`: a throw-away QGIS profile in which the working tree is
installed as the plugin `kartaview` and enabled.
"""

import os
import subprocess
from pathlib import Path

from tests.deprecation_guard import count_printed_deprecations

ROOT = Path(__file__).resolve().parent.parent


def make_plugin_home(home: Path) -> Path:
    """Create a profile under `home` with this working tree installed and enabled as `kartaview`."""
    plugins = home / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "kartaview"
    if not link.exists():
        link.symlink_to(ROOT)
    settings = home / "config" / "profiles" / "default" / "QGIS"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "QGIS3.ini").write_text("[PythonPlugins]\nkartaview=true\n")
    return home


def run_qgis_process(home: Path, args, env=None, timeout=300):
    """Run qgis_process.bin with the profile made by make_plugin_home; returns CompletedProcess."""
    full_env = dict(os.environ)
    full_env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(home / "plugins"),
        QGIS_CUSTOM_CONFIG_PATH=str(home / "config"),
    )
    # Python hides DeprecationWarning outside __main__: printed, the plugin's own fail the run.
    full_env.setdefault("PYTHONWARNINGS", "default::DeprecationWarning")
    full_env.update(env or {})
    result = subprocess.run(
        ["qgis_process.bin", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    count_printed_deprecations(result.stderr)
    return result
