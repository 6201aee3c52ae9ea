"""`make screenshot`: the README's screenshots, taken in the real QGIS desktop under Xvfb.

A sandbox KartaView is started (a little slow, so the layer is seen loading), a throw-away profile
gets the plugin of this working tree, and tests/desktop/scenarios/screenshots.py plays in QGIS: the
sequences layer with its legend while loading and loaded, a photo in the photo dock (opened with the
map tool), the coverage-gaps algorithm's dialog, and the coverage-gaps map of the sandbox's streets.
Each image is written to ui/screenshots/; the exit status is 0 only when every one was saved.
"""

import argparse
import json
import os
import shutil
import sys

from tests.desktop.session import run_scenario
from tests.plugin_package import ROOT
from tests.sandbox import Sandbox

HOME = ROOT / "build" / "screenshot-profile"
OUTPUT = ROOT / "ui" / "screenshots"
IMAGES = ("layer-loading.png", "layer-loaded.png", "photo-dock.png", "algorithm-dialog.png", "coverage-gaps.png")
ROADS_BBOX = (23.575, 46.762, 23.605, 46.778)  # the city centre (tests/provider_support.CENTRE)


def pick_photo(sandbox):
    """A positioned photo with a heading, well inside a flat (not 360) sequence."""
    for sequence in sandbox.world.sequences:
        photos = sandbox.world.photos(sequence["id"])
        if len(photos) >= 20 and photos[0]["projection"] == "PLANE":
            record = photos[len(photos) // 2]
            if record["heading"] and float(record["lat"]):
                return record
    raise SystemExit("the sandbox world has no suitable photo")


def write_roads(world, bbox, path):
    """The sandbox's road pieces lying wholly inside bbox, as GeoJSON lines with element_id."""
    features = []
    for segment in world.segments:
        if len(set(segment.track)) < 2 or not all(bbox[0] <= lng <= bbox[2] and bbox[1] <= lat <= bbox[3]
                                                  for lat, lng in segment.track):
            continue
        features.append({"type": "Feature", "properties": {"element_id": segment.element_id},
                         "geometry": {"type": "LineString", "coordinates": [[lng, lat] for lat, lng in segment.track]}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(OUTPUT), help="folder of the PNG files")
    parser.add_argument("--timeout", type=int, default=300, help="seconds QGIS may take")
    args = parser.parse_args(argv)
    output = os.path.abspath(args.output)
    os.makedirs(output, exist_ok=True)
    for name in IMAGES:
        if os.path.exists(os.path.join(output, name)):
            os.remove(os.path.join(output, name))
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    with Sandbox(port=0, data_dir=str(HOME / "sandbox"), seed=1) as sandbox:
        photo = pick_photo(sandbox)
        roads = write_roads(sandbox.world, ROADS_BBOX, HOME / "roads.geojson")
        run = run_scenario("screenshots", HOME / "qgis", sandbox.url, timeout=args.timeout, env={
            "KARTAVIEW_SCREENSHOTS_DIR": output, "KARTAVIEW_SCREENSHOT_ROADS": str(roads),
            "KARTAVIEW_SCREENSHOT_PHOTO": "{},{},{}".format(photo["lng"], photo["lat"], photo["id"])})
    missing = [name for name in IMAGES if not os.path.exists(os.path.join(output, name))]
    if missing or run.failed_checks() or not run.results.get("finished"):
        print(run.summary(), file=sys.stderr)
        raise SystemExit("screenshots not saved: {}".format(", ".join(missing) or "(a check failed)"))
    for name in IMAGES:
        print("Screenshot saved: {}".format(os.path.join(output, name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
