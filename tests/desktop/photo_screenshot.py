"""`make screenshot`: the real QGIS desktop under Xvfb opens a KartaView photo through the map tool
and saves a screenshot of the map, the marker and the photo dock.

A sandbox KartaView is started, a throw-away profile gets the plugin of this working tree, a
project with the sandbox's sequences and photos layers is written, then `qgis --code` runs
desktop_clicker.py inside QGIS: it zooms to a photo, clicks it with the map tool, waits for the
image and grabs the main window. Exit status 0 only when the screenshot was saved.
"""

import argparse
import os
import shutil
import subprocess
import sys

from tests.plugin_package import ROOT, import_plugin_package
from tests.qgis_process_runner import make_plugin_home
from tests.sandbox import Sandbox

HOME = ROOT / "build" / "screenshot-profile"
DEFAULT_OUTPUT = ROOT / "ui" / "screenshots" / "photo-dock.png"
CLICKER = ROOT / "tests" / "desktop" / "desktop_clicker.py"
SCREEN = "1600x1000x24"


def pick_photo(sandbox):
    """A positioned photo with a heading, well inside a flat (not 360) sequence."""
    for sequence in sandbox.world.sequences:
        photos = sandbox.world.photos(sequence["id"])
        if len(photos) >= 20 and photos[0]["projection"] == "PLANE":
            record = photos[len(photos) // 2]
            if record["heading"] and float(record["lat"]):
                return record
    raise SystemExit("the sandbox world has no suitable photo")


def write_project(path):
    """A .qgz with the sequences and photos layers of the kartaview provider."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import_plugin_package()
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from kartaview.plugin.plugin import register_data_provider

    register_data_provider()
    project = QgsProject.instance()
    for uri, name in (("type=sequences", "KartaView sequences"), ("type=photos", "KartaView photos")):
        layer = QgsVectorLayer(uri, name, "kartaview")
        if not layer.isValid():
            raise SystemExit("the kartaview provider did not open {}".format(uri))
        project.addMapLayer(layer)
    ok = project.write(str(path))
    project.clear()
    app.exitQgis()
    if not ok:
        raise SystemExit("could not write the project {}".format(path))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="PNG to write")
    parser.add_argument("--timeout", type=int, default=120, help="seconds QGIS may take")
    parser.add_argument("--write-project", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_project:
        return write_project(args.write_project)
    if not shutil.which("xvfb-run"):
        raise SystemExit("make screenshot needs xvfb-run (apt-get install xvfb xauth)")

    shutil.rmtree(HOME, ignore_errors=True)
    make_plugin_home(HOME)
    output = os.path.abspath(args.output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    if os.path.exists(output):
        os.remove(output)
    with Sandbox(port=0, data_dir=str(HOME / "sandbox"), seed=1) as sandbox:
        photo = pick_photo(sandbox)
        env = dict(os.environ, KARTAVIEW_API_URL=sandbox.url, KARTAVIEW_CACHE_DIR=str(HOME / "cache"))
        project = HOME / "kartaview.qgz"
        # in a process of its own: QGIS's application object cannot be made twice
        subprocess.run([sys.executable, "-m", "tests.desktop.photo_screenshot", "--write-project", str(project)],
                       check=True, env=env, cwd=ROOT)
        env.update(QGIS_PLUGINPATH=str(HOME / "plugins"), KARTAVIEW_SCREENSHOT=output,
                   KARTAVIEW_SCREENSHOT_PHOTO="{},{},{}".format(photo["lng"], photo["lat"], photo["id"]))
        env.pop("QT_QPA_PLATFORM", None)
        command = ["xvfb-run", "-a", "-s", "-screen 0 {}".format(SCREEN), "qgis", "--profiles-path",
                   str(HOME / "config"), "--noversioncheck", "--nologo", "--project", str(project),
                   "--code", str(CLICKER)]
        try:
            status = subprocess.run(command, env=env, timeout=args.timeout, cwd=ROOT).returncode
        except subprocess.TimeoutExpired:
            # QGIS 3.22 sometimes hangs while quitting under Xvfb; the screenshot decides
            status = "killed after {} s".format(args.timeout)
    if not os.path.exists(output):
        raise SystemExit("no screenshot was saved (QGIS exit status {})".format(status))
    print("Screenshot saved: {}".format(output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
