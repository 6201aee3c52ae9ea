"""`make qgis`: desktop QGIS with the plugin of this working tree, on a sandbox KartaView.

The profile is thrown away on each start (build/qgis-profile/); the working tree is linked into it
as the plugin `kartaview` and enabled, so code edits show after a QGIS restart. The sandbox is
started first, the plugin pointed at it (KARTAVIEW_API_URL), and stopped when QGIS closes.
"""

import argparse
import os
import shutil
import subprocess

from tests.plugin_package import ROOT
from tests.qgis_process_runner import make_plugin_home
from tests.sandbox import Sandbox

HOME = ROOT / "build" / "qgis-profile"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765, help="port of the sandbox KartaView")
    args = parser.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise SystemExit("make qgis needs a display; without one: xvfb-run -a make qgis")

    shutil.rmtree(HOME, ignore_errors=True)
    make_plugin_home(HOME)
    with Sandbox(port=args.port, data_dir=str(HOME / "sandbox"), seed=1) as sandbox:
        env = dict(
            os.environ,
            KARTAVIEW_API_URL=sandbox.url,
            KARTAVIEW_CACHE_DIR=str(HOME / "cache"),
            QGIS_PLUGINPATH=str(HOME / "plugins"),
        )
        print("Sandbox KartaView at {} (access token {}); profile in {}".format(sandbox.url, sandbox.token, HOME))
        command = ["qgis", "--profiles-path", str(HOME / "config"), "--noversioncheck"]
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
