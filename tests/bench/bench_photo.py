"""Photo dock speed against the sandbox KartaView with 100 ms added latency (`make bench`).

Measured through the real widgets (map tool click on a canvas, dock buttons), each as the time
until the dock shows the first image of the photo, and as a ratio to one request round: the
median time of three small requests to the same sandbox just before each click (the machine's
load changes within a run: so the ratios depend little on how busy it is).
- click to first pixel, photo found by the API radius search (no layer: search + image = 2 rounds)
- click to first pixel, photo point of a layer with only ids (sequence list + image = 2 rounds)
- click to first pixel, photo point of the KartaView photos layer (the `kartaview` provider's
  layer on the canvas, its view loaded as the user sees it before clicking), whose fields name the
  image: image = 1 round; the sequence list loads beside it
- step to the next photo without prefetch (1 round) and with the ±2 prefetch done (≈ 0 rounds)

Each has a target in rounds (the rounds the requests need, plus a margin: see TARGETS), recorded
with the figures in build/bench/results.json; the script exits 1 when one is missed.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()

from qgis.core import (  # noqa: E402
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtCore import QPoint, Qt  # noqa: E402
from qgis.PyQt.QtTest import QTest  # noqa: E402

from tests.bench.qgis_app import run_in_qgis  # noqa: E402
from tests.bench.results import record  # noqa: E402

LATENCY_MS = 100
REPEATS = 5
# Targets in request rounds: the rounds each needs (ground truth: which requests must follow each
# other), plus what the dock adds (decoding and showing the image, the click's own work). Measured on
# main (Dec 2026, 2 shared cores, 3 runs): API 2.12-2.26, ids-only layer 2.26-2.34, photos layer
# 1.22-1.36, cold step 1.10-1.37, prefetched step 0.08-0.10 rounds. Each limit is the rounds needed
# plus SLACK_ROUNDS, so one extra request round in the path misses (the dock waiting for the sequence
# before showing a photo it already has made the photos layer's click 2.5-2.6 rounds, the API's 3.5-4.2).
SLACK_ROUNDS = 0.8  # the dock's own work and the machine's noise (a step reached 1.57 under load 10)
TARGETS = {name: (needed, needed + SLACK_ROUNDS) for name, needed in (
    ("click_api", 2), ("click_layer", 2), ("click_photos_layer", 1), ("step_cold", 1))}
TARGETS["step_prefetched"] = (0, 0.5)


def _kartaview_photos_layer(canvas, cache_dir):
    """The KartaView photos layer (the `kartaview` provider) in the project and on the canvas, with
    the view loaded and drawn: what the user sees before clicking a photo point."""
    from qgis.core import QgsVectorLayer

    from kartaview.plugin.provider.loader import default_loader
    from tests.photo_support import wait_until

    os.environ["KARTAVIEW_CACHE_DIR"] = str(cache_dir)  # a new folder: a new loader, a cold cache
    layer = QgsVectorLayer("type=photos", "KartaView photos", "kartaview")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    canvas.setLayers([layer])
    canvas.refresh()
    wait_until(lambda: not canvas.isDrawing() and default_loader().pending() == 0 and layer.featureCount() > 0,
               timeout=30, what="the photos layer's view")
    canvas.refresh()
    wait_until(lambda: not canvas.isDrawing(), timeout=30, what="the photos layer drawn")
    return layer


def main():
    from kartaview.plugin.client.client import KartaViewClient
    from kartaview.plugin.client.models import Photo
    from kartaview.plugin.gui.background import Background
    from kartaview.plugin.gui.map_tool import PhotoMapTool, is_kartaview_layer
    from kartaview.plugin.gui.photo_cache import PhotoCache
    from kartaview.plugin.gui.photo_dock import PhotoDock
    from kartaview.plugin.gui.photo_loader import PhotoLoader
    from kartaview.plugin.plugin import register_data_provider
    from tests.photo_support import pump, sequence_ids, shown_in, wait_until
    from tests.sandbox import Sandbox
    from tests.test_photo_map_tool import _points_source

    register_data_provider()
    work = Path(tempfile.mkdtemp(prefix="kartaview-bench-photo-"))
    with Sandbox(port=0, data_dir=str(work / "sandbox"), seed=1, latency_ms=LATENCY_MS) as sandbox:
        os.environ["KARTAVIEW_API_URL"] = sandbox.url
        client = KartaViewClient(sandbox.url)
        sequences = sequence_ids(sandbox, min_photos=30)[:3 * REPEATS]
        for sequence_id in sequences:  # the sandbox draws each JPEG once; time the network, not PIL
            for item in sandbox.world.photos(sequence_id)[:12]:
                for size in ("th", "lth"):
                    client.fetch_image(Photo.from_v1(item), size)

        def one_round(sequence_id):
            started = time.perf_counter()
            client.fetch_image(Photo.from_v1(sandbox.world.photos(sequence_id)[0]), "th")
            return time.perf_counter() - started

        rounds = [one_round(sequence_id) for sequence_id in sequences]
        round_s = statistics.median(rounds)

        canvas = QgsMapCanvas()
        canvas.resize(600, 600)
        canvas.show()
        mercator = QgsCoordinateReferenceSystem("EPSG:3857")
        canvas.setDestinationCrs(mercator)
        to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance())
        figures = {"click_api": [], "click_layer": [], "click_photos_layer": [], "step_cold": [],
                   "step_prefetched": []}
        in_rounds = {name: [] for name in figures}  # each time over the request round of its moment
        kinds = ("click_api", "click_layer", "click_photos_layer")

        def measure(run, sequence_id):
            kind = kinds[run // REPEATS]
            via_layer = kind != "click_api"
            factory = (lambda c: lambda: c)(KartaViewClient(sandbox.url))
            loader = PhotoLoader(factory, cache=PhotoCache(work / "cache{}".format(run), 10**9))
            dock = PhotoDock(canvas, client_factory=factory, loader=loader)
            shown = []
            dock.imageShown.connect(lambda photo, served: shown.append((photo.id, time.perf_counter())))
            background = Background()
            photos = [Photo.from_v1(r) for r in sandbox.world.photos(sequence_id)]
            target = next(p for p in photos[5:] if p.has_position)
            positioned = [p for p in photos if p.has_position]
            centre = to_map.transform(QgsPointXY(target.lng, target.lat))
            canvas.setExtent(QgsRectangle(centre.x() - 60, centre.y() - 60, centre.x() + 60, centre.y() + 60))
            if kind == "click_photos_layer":
                source = _kartaview_photos_layer(canvas, work / "layer-cache{}".format(run))
                layer_filter = is_kartaview_layer  # the tool as the plugin makes it
            else:
                source = _points_source(positioned) if via_layer else None
                canvas.setLayers([source] if via_layer else [])
                layer_filter = (lambda chosen: lambda layer: layer is chosen)(source)
            tool = PhotoMapTool(canvas, background, client_factory=factory, layer_filter=layer_filter)
            tool.photoPicked.connect(dock.show_ref)
            picked = []
            tool.photoPicked.connect(picked.append)
            pixel = canvas.getCoordinateTransform().transform(centre)
            canvas.setMapTool(tool)

            # This moment's request round (the machine's load changes within a run): the median of three
            # small requests just before the click; the click and its steps are counted in it.
            round_now = statistics.median(one_round(sequence_id) for _ in range(3))
            started = time.perf_counter()
            QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(round(pixel.x()), round(pixel.y())))
            wait_until(lambda: shown, timeout=10, what="the first image")
            figures[kind].append(shown[0][1] - started)
            in_rounds[kind].append((shown[0][1] - started) / round_now)
            if kind != "click_api":  # picked from the layer: a point with the fields of its kind
                assert picked and picked[0].photo_id is not None, picked
            if kind == "click_photos_layer":  # its fields name the image: no request before it
                assert picked[0].photo is not None and picked[0].photo.lth_path, picked[0]
            wait_until(lambda: (shown_in(dock).count or 0) > 1 and not loader.is_loading(), what="the sequence")

            if not via_layer:
                prefetch = loader.prefetch
                loader.prefetch = lambda photos: None  # a step as if nothing had been prefetched
                pump(1.0)  # let the prefetch started with the sequence finish, then forget it all
                loader._cache = PhotoCache(work / "cold{}".format(run), 10**9)  # noqa: SLF001 (forget it all)
                figures["step_cold"].append(_step(dock, shown, wait_until))
                in_rounds["step_cold"].append(figures["step_cold"][-1] / round_now)
                loader.prefetch = prefetch
                dock.go_to(dock.indexSpin.value() - 1)  # starts the prefetch around the current photo
            ahead = next(p for p in photos if p.sequence_index > shown_in(dock).index)
            wait_until(lambda: loader.cache.contains(ahead.id, "lth"), what="the prefetch")
            figures["step_prefetched"].append(_step(dock, shown, wait_until))
            in_rounds["step_prefetched"].append(figures["step_prefetched"][-1] / round_now)

            canvas.unsetMapTool(tool)
            canvas.setLayers([])
            if kind == "click_photos_layer":
                QgsProject.instance().removeMapLayer(source.id())
            dock.release()
            dock.deleteLater()
            background.shutdown()

        for run, sequence_id in enumerate(sequences):
            measure(run, sequence_id)
        canvas.setLayers([])

    report = {"latency_ms": LATENCY_MS, "request_round_s": round(round_s, 4)}
    print("One request round (median of {} image requests): {:.0f} ms".format(len(rounds), round_s * 1000))
    targets = {}
    for name, label in (("click_api", "click to first pixel, API radius search"),
                         ("click_layer", "click to first pixel, point of an ids-only layer"),
                         ("click_photos_layer", "click to first pixel, point of the KartaView photos layer"),
                         ("step_cold", "step to next photo, without prefetch"),
                         ("step_prefetched", "step to next photo, prefetched")):
        median, rounds_median = statistics.median(figures[name]), statistics.median(in_rounds[name])
        report[name] = {"median_s": round(median, 4), "rounds": round(rounds_median, 2),
                        "rounds_vs_100ms": round(median / (LATENCY_MS / 1000), 2),
                        "runs_s": [round(value, 4) for value in figures[name]],
                        "runs_rounds": [round(value, 2) for value in in_rounds[name]]}
        print("{:<58} {:6.0f} ms = {:4.2f} rounds of its moment ({:4.2f} x 100 ms)".format(
            label, median * 1000, rounds_median, median / (LATENCY_MS / 1000)))
        needed, limit = TARGETS[name]
        targets[label + ", request rounds"] = {
            "value": round(rounds_median, 2), "max": limit, "unit": "rounds",
            "why": "needs {} round{}; median of {}, each over the request round measured just before it".format(
                needed, "" if needed == 1 else "s", len(figures[name]))}
    return 0 if record("photo", report, targets) else 1


def _step(dock, shown, wait_until):
    before = len(shown)
    started = time.perf_counter()
    QTest.mouseClick(dock.nextButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: len(shown) > before, timeout=10, what="the next photo")
    return shown[before][1] - started


if __name__ == "__main__":
    raise SystemExit(run_in_qgis(main, gui=True))
